"""The search analysis: folding, tokenizing and stemming, for documents and queries alike."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.fields import TEXT

from archive.search.analysis import (
    WORD_PATTERN,
    fold,
    index_term,
    iter_words,
    make_analyzer,
    normalize_word,
)
from archive.search.schema import StemmedText, make_schema


def terms(text: str, **options: Any) -> list[str]:
    return [token.text for token in make_analyzer()(text, **options)]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("İlham", "ilham"),
        ("Ilham", "ilham"),
        ("ılham", "ilham"),
        ("İLHAM", "ilham"),
        ("Türkiye", "turkiye"),
        ("Bakı", "baki"),
        ("Xankəndi", "xankendi"),
        ("ŞƏKİ", "seki"),
        ("Ağdam Göygöl Çingiz", "agdam goygol cingiz"),
        ("Søren Łódź Đorđe", "soren lodz dorde"),
        ("Straße", "strasse"),
        ("Æsop Œuvre", "aesop oeuvre"),
        ("Azerbaijan’s", "azerbaijan's"),
        ("I\u0307lham", "ilham"),  # decomposed (NFD) dotted capital I
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_ignores_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_dotted_and_dotless_i_spellings_index_alike() -> None:
    assert terms("İlham Ilham ılham ilham") == ["ilham"] * 4


def test_accented_and_plain_spellings_index_alike() -> None:
    assert terms("Türkiye Bakı") == terms("turkiye baki")


def test_stemming_joins_singular_and_plural() -> None:
    assert terms("negotiation") == terms("negotiations") == terms("Negotiations")


def test_tokens_keep_positions_and_offsets_of_the_original_text() -> None:
    text = "Straße İlham, Bakı — Nagorno-Karabakh"
    tokens = [
        (token.text, token.pos, text[token.startchar : token.endchar])
        for token in make_analyzer()(text, positions=True, chars=True)
    ]
    assert tokens == [
        ("strass", 0, "Straße"),
        ("ilham", 1, "İlham"),
        ("baki", 2, "Bakı"),
        ("nagorno", 3, "Nagorno"),
        ("karabakh", 4, "Karabakh"),
    ]


def test_hyphenated_words_are_consecutive_words() -> None:
    assert terms("Nagorno-Karabakh") == ["nagorno", "karabakh"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aliyev's", ["aliyev"]),
        ("Aliyev’s", ["aliyev"]),
        ("Aliyev`s", ["aliyev"]),
        ("O'Brien", ["obrien"]),
        ("'quoted'", ["quot"]),
    ],
)
def test_apostrophes_keep_words_whole(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_there_are_no_stop_words() -> None:
    assert terms("Ministry of the Foreign Affairs") == [
        "ministri",
        "of",
        "the",
        "foreign",
        "affair",
    ]


def test_no_morph_gives_unstemmed_folded_words() -> None:
    assert terms("Negotiations in Bakı", no_morph=True) == ["negotiations", "in", "baki"]


def test_untokenized_query_text_is_folded_but_not_stemmed() -> None:
    # The query parser passes prefixes, wildcards and fuzzy terms whole.
    assert terms("Negotiat*", tokenize=False) == ["negotiat*"]


def test_analyzer_survives_pickling() -> None:
    # Whoosh pickles the schema, analyzers included, into the index.
    analyzer = pickle.loads(pickle.dumps(make_analyzer()))
    assert [token.text for token in analyzer("Negotiations in Türkiye")] == [
        "negoti",
        "in",
        "turkiy",
    ]
    assert pickle.loads(pickle.dumps(make_schema())).names() == make_schema().names()


def test_iter_words_gives_offsets_and_forms() -> None:
    text = "See İlham’s negotiations"
    spans = [(text[word.start : word.end], word.word, word.stem) for word in iter_words(text)]
    assert spans == [
        ("See", "see", "see"),
        ("İlham’s", "ilham", "ilham"),
        ("negotiations", "negotiations", "negoti"),
    ]


_TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("İıIiəƏüÜöçşğ’'`-_ .,\n\u0307")),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)


@given(_TEXTS)
def test_index_term_matches_the_analyzer(text: str) -> None:
    assert [index_term(word) for word in WORD_PATTERN.findall(text)] == terms(text)


@given(_TEXTS)
def test_fast_indexing_field_indexes_like_the_analyzer(text: str) -> None:
    analyzer = make_analyzer()
    fast = sorted(StemmedText(analyzer=analyzer).index(text))
    generic = sorted(TEXT(analyzer=analyzer).index(text))
    assert fast == generic


@given(_TEXTS)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(_TEXTS)
def test_normalized_words_have_no_apostrophes(text: str) -> None:
    for word in WORD_PATTERN.findall(text):
        assert "'" not in normalize_word(word)
