"""Comparing two sides of the archive: keyness, terms and phrases, stop words, sides, errors."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from archive.api import Archive
from archive.compare_sides import (
    UNDATED_SIDE,
    ComparisonError,
    SideKind,
    parse_side,
    query_within,
    search_side,
    source_side,
    year_side,
    years_side,
)
from archive.comparison import Comparison
from archive.keyness import KeyTerm, log_likelihood, log_ratio, terms_key
from archive.search import QueryError
from archive.search.analysis import normalize_word
from archive.stop_words import is_number, stop_words
from archive.term_counting import Spellings, count_terms
from tests.archive.compare_archive import compare_archive_in


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compare_archive_in(tmp_path_factory, "compare")


@pytest.fixture
def archive(archive_dir: Path) -> Iterator[Archive]:
    with Archive(archive_dir) as opened:
        yield opened


def by_term(terms: list[KeyTerm]) -> dict[str, KeyTerm]:
    return {term.term: term for term in terms}


def everything(archive: Archive, a: str, b: str) -> Comparison:
    """Every term that differs significantly, however rare."""
    return archive.compare(parse_side(a), parse_side(b), limit=10_000, min_count=1)


# -- the statistic ---------------------------------------------------------------------------


def test_log_likelihood_matches_dunnings_formula() -> None:
    # 10 of 1,000 words against 0 of 1,000: expected 5 each, G2 = 2 * 10 ln(10 / 5).
    score = log_likelihood(np.array([10.0]), np.array([0.0]), 1000.0, 1000.0)
    assert score[0] == pytest.approx(20 * math.log(2))
    # The same relative frequency on both sides: nothing to tell them apart.
    assert log_likelihood(np.array([4.0]), np.array([8.0]), 100.0, 200.0)[0] == pytest.approx(0)
    # Rayson's worked figures: 52 of 25,000 against 10 of 50,000.
    assert log_likelihood(np.array([52.0]), np.array([10.0]), 25_000, 50_000)[0] == (
        pytest.approx(2 * (52 * math.log(52 / (62 / 3)) + 10 * math.log(10 / (124 / 3))))
    )


def test_log_ratio_counts_a_missing_term_as_half_an_occurrence() -> None:
    ratio = log_ratio(np.array([8.0]), np.array([0.0]), 1000.0, 1000.0)
    assert ratio[0] == pytest.approx(math.log2(8 / 0.5))


# -- the terms of two years ------------------------------------------------------------------


def test_the_distinctive_term_ranks_first_on_its_side_with_exact_counts(archive: Archive) -> None:
    comparison = archive.compare(year_side(2016), year_side(2024))
    first_a, first_b = comparison.a_terms[0], comparison.b_terms[0]
    assert (first_a.term, first_a.count, first_a.other_count, first_a.documents) == (
        "pipeline",
        16,
        0,
        4,
    )
    assert (first_b.term, first_b.count, first_b.other_count, first_b.documents) == (
        "COP29",
        16,
        0,
        4,
    )
    for terms in (comparison.a_terms, comparison.b_terms):
        scores = [term.score for term in terms]
        assert scores == sorted(scores, reverse=True)
        assert all(term.score >= 3.84 for term in terms)
    # Eight releases a side (four in English, four in two other languages).
    assert (comparison.a.documents, comparison.b.documents) == (8, 8)


def test_two_word_phrases_are_listed_in_their_usual_spelling(archive: Archive) -> None:
    comparison = archive.compare(year_side(2016), year_side(2024))
    a, b = by_term(comparison.a_terms), by_term(comparison.b_terms)
    assert a["Nagorno-Karabakh"].phrase and a["Nagorno-Karabakh"].count == 4
    assert a["Southern Gas"].count == 8 and a["Gas Corridor"].count == 8
    assert b["climate finance"].phrase and b["climate finance"].count == 8
    # "Southern" and "Corridor" only ever occur in the phrase: the phrase stands for them.
    assert "Southern" not in a and "Corridor" not in a
    # "Gas" occurs outside it too ("carry gas"): listed as a word as well.
    assert a["Gas"].count == 12


def test_the_sides_swapped_swap_the_lists(archive: Archive) -> None:
    forward = archive.compare(year_side(2016), year_side(2024))
    backward = archive.compare(year_side(2024), year_side(2016))
    assert backward.a_terms == forward.b_terms
    assert backward.b_terms == forward.a_terms


def test_stop_words_and_numbers_never_appear_in_any_language(archive: Archive) -> None:
    comparison = everything(archive, "2016", "2024")
    listed = comparison.a_terms + comparison.b_terms
    words = {
        normalize_word(word) for term in listed for word in term.term.replace("-", " ").split()
    }
    assert {"regierung", "toplanti", "ministres", "nazir"} <= words  # the languages are there
    for language in ("en", "de", "tr", "fr", "az"):
        assert not words & stop_words(language), language
    assert not any(is_number(word) for word in words)
    for left_out in ("die", "und", "der", "ve", "bir", "les", "des", "ve", "ucun", "2016", "350"):
        assert left_out not in words
    assert not any(term.term.startswith(("the ", "The ")) for term in listed)


def test_a_larger_limit_lists_more_and_min_count_filters(archive: Archive) -> None:
    few = archive.compare(year_side(2016), year_side(2024), limit=2)
    assert [term.term for term in few.a_terms] == ["pipeline", "Gas"]
    frequent = archive.compare(year_side(2016), year_side(2024), min_count=10)
    assert [term.term for term in frequent.a_terms] == ["pipeline", "Gas"]
    assert [term.term for term in frequent.b_terms] == ["COP29"]


# -- counting words and phrases --------------------------------------------------------------


def counted(text: str, language: str = "en") -> dict[str, tuple[int, int]]:
    """Each term of ``text`` (as a one-document side): (count, documents)."""
    spellings = Spellings()
    tokens = spellings.tokenize([(language, text), (language, "Baku again.")])
    terms = spellings.terms()
    counts = count_terms(tokens, terms)
    return {
        terms_key(terms, code): (count, documents)
        for code, count, documents in zip(
            counts.codes.tolist(),
            counts.counts.tolist(),
            counts.document_counts.tolist(),
            strict=True,
        )
    }


def test_a_phrase_never_spans_a_sentence_a_comma_a_dash_or_a_paragraph() -> None:
    found = counted(
        "Gas pipeline. Engineers left. Gas pipeline, engineers stayed.\n\n"
        "Gas pipeline\n\nEngineers - pipeline – engineers wrapped gas\npipeline here"
    )
    assert found["gas pipeline"] == (4, 1)  # the last one across a wrapped line
    assert "pipeline engineers" not in found


def test_words_fold_as_the_search_folds_them_and_counts_are_exact() -> None:
    found = counted("Bakı, BAKU and Baku. Baku's mayor met İlham in Baku-Ganja talks.")
    # BAKU, Baku, Baku's, Baku-Ganja, and "Baku again." in the second document.
    assert found["baku"] == (5, 2)
    assert found["baki"] == (1, 1)  # "Bakı", as the search folds it
    assert found["ilham"] == (1, 1)
    assert found["baku ganja"] == (1, 1)
    assert "and" not in found and "in" not in found


def test_stop_words_of_the_documents_language_only() -> None:
    # "die" is a German stop word, not an English one; "war" the other way round.
    english = counted("Soldiers die in war. Soldiers die in war.")
    german = counted("Die Soldaten war da. Die Soldaten war da.", "de")
    assert english["die"] == (2, 1) and english["war"] == (2, 1)
    assert "die" not in german and "war" not in german and german["soldaten"] == (2, 1)


def test_a_document_of_no_known_language_loses_every_languages_stop_words() -> None:
    found = counted("und the ve les və pipeline", "")
    assert set(found) == {"pipeline", "baku"}


# -- sides -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "side"),
    [
        ("2016", year_side(2016)),
        (" 2010-2015 ", years_side(2010, 2015)),
        ("2015–2010", years_side(2010, 2015)),
        ("source:AZERTAC", source_side("AZERTAC")),
        ("Source: Ministry of Foreign Affairs", source_side("Ministry of Foreign Affairs")),
        ('search:"climate finance" OR pipeline', search_side('"climate finance" OR pipeline')),
        ("undated", UNDATED_SIDE),
    ],
)
def test_sides_are_written_as_on_the_command_line(written: str, side: object) -> None:
    assert parse_side(written) == side


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("16", "is not a side to compare: give a year (2016), years (2010-2015)"),
        ("2016-", "is not a side to compare"),
        ("lang:de", "is not a side to compare"),
        ("source:", "names no source: write it as source:AZERTAC."),
        ("search:  ", "names no search"),
    ],
)
def test_a_malformed_side_says_what_a_side_may_be(written: str, message: str) -> None:
    with pytest.raises(ComparisonError, match=re.escape(message)):
        parse_side(written)


def test_each_kind_of_side_finds_its_documents(archive: Archive) -> None:
    sources = archive.compare(source_side("azertac"), source_side("Ministry"))
    assert sources.a.side == source_side("AZERTAC")  # as the archive spells it
    assert (sources.a.documents, sources.b.documents) == (8, 9)  # with the undated one
    assert sources.a_terms[0].term == "COP29"

    searched = archive.compare(search_side("COP29"), years_side(2010, 2020))
    assert (searched.a.documents, searched.b.documents) == (4, 8)
    assert searched.a.side.kind is SideKind.SEARCH

    undated = archive.compare(UNDATED_SIDE, years_side(2016, 2024))
    assert undated.a.documents == 1
    assert by_term(undated.a_terms)["sturgeon"].count == 3


def test_an_empty_side_says_which_years_there_are(archive: Archive) -> None:
    with pytest.raises(ComparisonError, match=r"no documents from 2030: .* from 2016 to 2024"):
        archive.compare(year_side(2030), year_side(2016))
    with pytest.raises(ComparisonError, match="The search “sturgeonfish” finds no documents"):
        archive.compare(search_side("sturgeonfish"), year_side(2016))


def test_the_same_documents_on_both_sides_are_refused(archive: Archive) -> None:
    with pytest.raises(ComparisonError, match="Both sides are the same 8 documents"):
        archive.compare(year_side(2016), years_side(2016, 2016))
    with pytest.raises(ComparisonError, match="Both sides are the same 8 documents"):
        archive.compare(year_side(2024), source_side("AZERTAC"))


def test_an_unknown_source_suggests_the_closest(archive: Archive) -> None:
    with pytest.raises(
        ComparisonError, match=r"No documents from the source 'AZERTEC'\. Did you mean 'AZERTAC'"
    ):
        archive.compare(source_side("AZERTEC"), year_side(2016))


def test_a_malformed_search_side_is_a_query_error(archive: Archive) -> None:
    with pytest.raises(QueryError, match="closing"):
        archive.compare(search_side('"climate'), year_side(2016))


@pytest.mark.parametrize(
    ("side", "query", "found"),
    [
        (year_side(2016), '"Nagorno-Karabakh" year:2016', 4),
        (years_side(2010, 2020), '"Nagorno-Karabakh" year:[2010 TO 2020]', 4),
        (source_side("Ministry"), '"Nagorno-Karabakh" source:"Ministry"', 4),
        (search_side("gas OR COP29"), '"Nagorno-Karabakh" AND (gas OR COP29)', 4),
        (UNDATED_SIDE, '"Nagorno-Karabakh"', 4),
    ],
)
def test_a_term_is_searched_within_its_side(
    archive: Archive, side: object, query: str, found: int
) -> None:
    assert isinstance(side, type(UNDATED_SIDE))
    assert query_within("Nagorno-Karabakh", side) == query
    assert archive.search(query).total == found


def test_a_source_term_search_finds_exactly_the_documents_listed(archive: Archive) -> None:
    comparison = archive.compare(source_side("AZERTAC"), source_side("Ministry"))
    for side, terms in (
        (comparison.a.side, comparison.a_terms),
        (comparison.b.side, comparison.b_terms),
    ):
        for term in terms[:5]:
            assert archive.search(query_within(term.term, side)).total == term.documents, term


def test_documents_on_both_sides_are_left_out_of_both(archive: Archive) -> None:
    """A search for "pipeline" against 2016: its 2016 releases are on both sides."""
    both = everything(archive, "search:pipeline OR COP29", "2016")
    assert both.shared == 4  # the 2016 English releases
    # Left: 2024's English releases (COP29), against 2016's German and Turkish ones.
    assert both.a.documents == 4 and both.b.documents == 4
    assert "COP29" in by_term(both.a_terms)
    assert "pipeline" not in by_term(both.a_terms) | by_term(both.b_terms)


def test_a_side_within_the_other_is_refused(archive: Archive) -> None:
    with pytest.raises(ComparisonError, match="Every document of 2016 is also in 2016–2024"):
        archive.compare(year_side(2016), years_side(2016, 2024))
