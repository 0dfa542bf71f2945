"""Phrase search does bounded work on any document, and stays exact on ordinary ones.

The bound is structural, not timed: a query's phrases may examine at most
``MAX_EXAMINED_POSITIONS`` word positions (decoded from the index or tested against the
next word), counted by :class:`~archive.search.phrases.PhraseBudget`. A spy on Whoosh's
position decoder counts what is decoded whoever decodes it, so the tests also see work
done outside the budget (Whoosh's own phrase matcher, the suggestion check). Tests lower
the limit so that a document of a few thousand words is "too long to check".
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions
from whoosh.query import Phrase, Query

from archive.search import IndexedDocument, SearchIndex
from archive.search import phrases as phrases_module
from archive.search.analysis import index_term
from archive.search.expansion import expand_word_patterns
from archive.search.phrases import PhraseBudget
from archive.search.query import parse_query
from archive.search.scored_matches import PostingsCache, scored_matches
from archive.search.searching import IndexSnapshot
from archive.search.whoosh_internals import decode_positions as decode_together

LIMIT = 1_000
REPEATED_WORDS = 5_000  # "oil" this many times: five times the lowered limit


class DecodedPositions:
    """Counts the positions Whoosh decodes, for any caller."""

    def __init__(self) -> None:
        self.count = 0
        self.largest = 0


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> DecodedPositions:
    spy = DecodedPositions()
    original = Positions.decode_positions

    def counting(self: Positions, valuestring: bytes) -> list[int]:
        positions = original(self, valuestring)
        spy.count += len(positions)
        spy.largest = max(spy.largest, len(positions))
        return positions

    def counting_together(values: list[bytes]) -> tuple[Any, Any]:
        counts, positions = decode_together(values)
        spy.count += int(counts.sum())
        spy.largest = max([spy.largest, *counts.tolist()])
        return counts, positions

    monkeypatch.setattr(Positions, "decode_positions", counting)
    # What phrases decode all their candidates' positions with.
    monkeypatch.setattr(phrases_module, "decode_positions", counting_together)
    return spy


@pytest.fixture
def low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrases_module, "MAX_EXAMINED_POSITIONS", LIMIT)


def _document(doc_id: int, text: str, title: str = "Release") -> IndexedDocument:
    return IndexedDocument(
        id=doc_id, title=title, text=text, year=2020, date="2020-01-01", source=None
    )


REPETITIVE = _document(1, "oil " * REPEATED_WORDS, title="Oil")
ORDINARY = [
    _document(2, "Oil and gas prices rose. The oil oil joke is old."),
    _document(3, "Gas and oil: the ministry reported on oil gas pipelines."),
    _document(4, "Nothing about fuels here at all."),
]
TEXTS = {doc.id: doc.text for doc in [REPETITIVE, *ORDINARY]}


def text_of(ids: list[int]) -> dict[int, str]:
    return {doc_id: TEXTS[doc_id] for doc_id in ids if doc_id in TEXTS}


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    search_index = SearchIndex(tmp_path / "index")
    search_index.replace_all([REPETITIVE, *ORDINARY])
    yield search_index
    search_index.close()


def _query(snapshot: IndexSnapshot, text: str) -> Query:
    parsed = parse_query(text, snapshot.searcher.schema)
    return expand_word_patterns(parsed.query, snapshot.vocabulary)


def _found(index: SearchIndex, query: str) -> set[int]:
    return {hit.id for hit in index.search(query, limit=50, text_of=text_of).hits}


def _phrase(words: int) -> str:
    return '"' + " ".join(["oil"] * words) + '"'


# The bound


@pytest.mark.usefixtures("low_limit")
@pytest.mark.parametrize("words", [2, 5, 120])
def test_a_phrase_of_a_repeated_word_examines_at_most_the_limit(
    index: SearchIndex, decoded: DecodedPositions, words: int
) -> None:
    found = _found(index, _phrase(words))

    # Whoosh's matcher decoded all 5,000 positions of "oil" for each word of the phrase.
    assert decoded.count <= LIMIT
    # The repetitive document holds every phrase; "oil oil" is also in document 2.
    assert found == ({1, 2} if words == 2 else {1})


@pytest.mark.usefixtures("low_limit")
def test_the_budget_counts_every_position_and_never_exceeds_its_limit(
    index: SearchIndex, decoded: DecodedPositions
) -> None:
    snapshot = index._current_snapshot()
    budget = PhraseBudget()

    matches = scored_matches(
        _query(snapshot, _phrase(120)), PostingsCache(snapshot.searcher), budget
    ).as_dict()

    assert budget.limit == LIMIT
    assert decoded.count <= budget.examined <= LIMIT
    assert budget.unchecked == 1  # the repetitive document, decided without positions
    assert len(matches) == 1


@pytest.mark.usefixtures("low_limit")
def test_a_document_too_long_to_check_matches_when_it_has_every_word(
    tmp_path: Path, decoded: DecodedPositions
) -> None:
    # The trade-off: never a missed phrase, at the cost of listing a very long document
    # that has the words but not side by side.
    search_index = SearchIndex(tmp_path / "index")
    search_index.replace_all([_document(1, "oil and gas " * 2_000), *ORDINARY])

    found = {hit.id for hit in search_index.search('"oil gas"', text_of=text_of).hits}

    assert found == {1, 3}
    assert decoded.count <= LIMIT
    search_index.close()


@pytest.mark.usefixtures("low_limit")
def test_the_limit_is_shared_by_the_whole_query_cheapest_documents_first(
    tmp_path: Path, decoded: DecodedPositions
) -> None:
    # Every document has "oil" and "gas", none the phrase "gas oil"; each costs about 300
    # positions to check, so the limit is reached after a few documents.
    documents = [_document(number, "oil and gas then " * (100 + number)) for number in range(1, 6)]
    search_index = SearchIndex(tmp_path / "index")
    search_index.replace_all(documents)
    snapshot = search_index._current_snapshot()
    budget = PhraseBudget()

    matches = scored_matches(
        _query(snapshot, '"gas oil"'), PostingsCache(snapshot.searcher), budget
    ).as_dict()

    assert decoded.count <= budget.examined <= LIMIT
    assert 0 < budget.unchecked < len(documents)
    # The shortest documents were checked, and lack the phrase; only the longest ones,
    # left unchecked, match.
    matched_ids = {
        int(snapshot.searcher.reader().stored_fields(docnum)["id"]) for docnum in matches
    }
    assert matched_ids == set(range(len(documents) + 1 - budget.unchecked, len(documents) + 1))
    search_index.close()


@pytest.mark.usefixtures("low_limit")
def test_checking_a_suggestion_is_bounded_too(
    index: SearchIndex, decoded: DecodedPositions
) -> None:
    results = index.search('"oil oilx"', text_of=text_of)

    assert results.total == 0
    assert results.suggestion == '"oil oil"'
    assert decoded.count <= LIMIT


def test_an_ordinary_archive_is_checked_exactly(index: SearchIndex) -> None:
    # With the real limit, even the 5,000-word document is checked from its positions.
    snapshot = index._current_snapshot()
    budget = PhraseBudget()

    matches = scored_matches(
        _query(snapshot, '"oil gas"'), PostingsCache(snapshot.searcher), budget
    ).as_dict()

    assert budget.unchecked == 0
    assert {int(snapshot.searcher.reader().stored_fields(docnum)["id"]) for docnum in matches} == {
        3
    }


# Exact on ordinary documents: the same matches and scores as Whoosh's own phrase matcher

VOCABULARY = ["oil", "gas", "the", "price", "of", "prices", "rose", "fell"]


def _random_documents(count: int, seed: int) -> list[IndexedDocument]:
    randomness = random.Random(seed)
    return [
        IndexedDocument(
            id=number,
            title=" ".join(randomness.choices(VOCABULARY, k=randomness.randint(1, 6))),
            text=" ".join(randomness.choices(VOCABULARY, k=randomness.randint(0, 60))),
            year=2020,
            date=None,
            source=" ".join(randomness.choices(VOCABULARY, k=randomness.randint(0, 3))) or None,
        )
        for number in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def random_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexSnapshot]:
    search_index = SearchIndex(tmp_path_factory.mktemp("index"))
    documents = _random_documents(160, seed=11)
    search_index.replace_all(documents[:100])
    # Several segments, deleted documents in the first.
    search_index.update(documents[100:130])
    search_index.update(documents[130:])
    search_index.delete([5, 6, 7, 120])
    snapshot = search_index._current_snapshot()
    assert len(snapshot.searcher.reader().leaf_readers()) > 1
    yield snapshot
    search_index.close()


def _reference(snapshot: IndexSnapshot, query: Query) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in snapshot.searcher.search(query, limit=None)}


def _phrase_of(field: str, words: list[str], slop: int, boost: float) -> Phrase:
    # Title and body index stems ("prices" as "price"); the source, folded words.
    terms = words if field == "source" else [index_term(word) for word in words]
    return Phrase(field, terms, slop=slop, boost=boost)


phrase_queries = st.builds(
    _phrase_of,
    st.sampled_from(["body", "title", "source"]),
    st.lists(st.sampled_from([*VOCABULARY, "missing"]), min_size=2, max_size=6),
    st.integers(min_value=1, max_value=4),
    st.sampled_from([1.0, 2.5]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(phrase=phrase_queries)
def test_same_phrase_matches_and_scores_as_whoosh(
    random_snapshot: IndexSnapshot, phrase: Phrase
) -> None:
    expected = _reference(random_snapshot, phrase)
    budget = PhraseBudget()
    postings = PostingsCache(random_snapshot.searcher)

    for _ in range(2):  # checked, then from the cache
        found = scored_matches(phrase, postings, budget).as_dict()
        assert found.keys() == expected.keys()
        for docnum, score in expected.items():
            assert found[docnum] == pytest.approx(score, rel=1e-9)
    assert budget.unchecked == 0


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(phrase=phrase_queries, limit=st.integers(min_value=0, max_value=400))
def test_under_any_limit_no_phrase_is_missed_and_the_limit_holds(
    random_snapshot: IndexSnapshot, phrase: Phrase, limit: int
) -> None:
    exact = _reference(random_snapshot, phrase)
    all_words = _reference(random_snapshot, phrase._and_query())
    budget = PhraseBudget(limit)

    found = scored_matches(phrase, PostingsCache(random_snapshot.searcher), budget).as_dict()

    assert budget.examined <= limit
    assert exact.keys() <= found.keys() <= all_words.keys()
    assert len(found) - len(exact) <= budget.unchecked


def _whole_query_search(snapshot: IndexSnapshot, text: str) -> Any:
    return scored_matches(_query(snapshot, text), PostingsCache(snapshot.searcher)).as_dict()


@pytest.mark.parametrize(
    "text",
    [
        '"oil gas"',
        '"the price of oil"',
        '"oil oil"',
        '"gas price"~3',
        '"price rose" OR "prices fell"',
        '"oil gas" NOT "gas oil"',
        'title:"the oil" gas',
        'source:"oil gas"',
        '"oil-gas"',
    ],
)
def test_parsed_phrases_match_as_whoosh_matches_them(
    random_snapshot: IndexSnapshot, text: str
) -> None:
    query = _query(random_snapshot, text)
    expected = _reference(random_snapshot, query)

    found = _whole_query_search(random_snapshot, text)

    assert found.keys() == expected.keys()
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-9)
