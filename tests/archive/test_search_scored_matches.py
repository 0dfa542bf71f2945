"""Matching from cached postings finds, counts, scores and orders as Whoosh's own search.

The reference is the exact path searches took before: Whoosh's ``Searcher.search`` over
every match (``limit=None``), scoring each one, and its sorting collector for the date
order. The index has several segments and deleted documents, so leaf offsets and
deletions are exercised.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.search import IndexedDocument, SearchIndex
from archive.search import scored_matches as scored_matches_module
from archive.search.expansion import expand_word_patterns
from archive.search.query import parse_query
from archive.search.scored_matches import PostingsCache, scored_matches
from archive.search.searching import _NEWEST_FIRST, IndexSnapshot

WORDS = [
    "foreign",
    "policy",
    "ministry",
    "of",
    "affairs",
    "peace",
    "treaty",
    "negotiations",
    "negotiated",
    "armenia",
    "azerbaijan",
    "energy",
    "security",
    "climate",
    "the",
    "and",
    "a",
    "caspian",
    "sea",
    "cooperation",
    "economic",
    "minister",
    "president",
    "talks",
]

QUERIES = [
    "azerbaijan",
    "foreign policy",
    '"foreign policy"',
    '"ministry of foreign affairs"',
    '"foreign policy"~3',
    "peace OR treaty",
    "peace AND treaty",
    "minister NOT armenia",
    "NOT armenia",
    "(energy OR climate) AND NOT security",
    "(energy OR climate) cooperation",
    "negotiat*",
    "negotiatons~",
    "neg*ted",
    "title:peace",
    "title:(peace OR energy) minister",
    "source:trend",
    "source:trend OR title:caspian",
    "year:2018",
    "year:[2016 TO 2018] cooperation",
    "year:[2020 TO] energy",
    "year:[TO 2000] OR caspian",
    "energy year:2018 NOT talks",
    "zzzz",
    "NOT zzz*",
]


def _documents(count: int, seed: int) -> list[IndexedDocument]:
    randomness = random.Random(seed)
    documents = []
    for number in range(1, count + 1):
        year = randomness.choice([None, 1999, 2016, 2017, 2018, 2020, 2024])
        date = None
        if year is not None:
            date = randomness.choice([f"{year}-{randomness.randint(1, 12):02d}", None])
        documents.append(
            IndexedDocument(
                id=number,
                title=" ".join(randomness.choices(WORDS, k=randomness.randint(1, 5))),
                text=" ".join(randomness.choices(WORDS, k=randomness.randint(5, 80))),
                year=year,
                date=date,
                source=randomness.choice(["Trend", "AZERTAC", None]),
            )
        )
    return documents


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexSnapshot]:
    directory: Path = tmp_path_factory.mktemp("index")
    index = SearchIndex(directory)
    documents = _documents(240, seed=7)
    index.replace_all(documents[:150])
    # More segments, and deleted documents in the first one.
    index.update(documents[150:200])
    index.update(documents[200:])
    index.update([documents[3], documents[160]])
    index.delete([10, 11, 12, 170])
    snapshot = index._current_snapshot()
    assert len(snapshot.searcher.reader().leaf_readers()) > 1
    assert snapshot.searcher.reader().has_deletions()
    yield snapshot
    index.close()


def _query(snapshot: IndexSnapshot, text: str):
    parsed = parse_query(text, snapshot.searcher.schema)
    return expand_word_patterns(parsed.query, snapshot.vocabulary)


def _reference(snapshot: IndexSnapshot, text: str) -> dict[int, float]:
    results = snapshot.searcher.search(_query(snapshot, text), limit=None)
    return {hit.docnum: hit.score for hit in results}


@pytest.mark.parametrize("text", QUERIES)
def test_same_matches_and_scores_as_whoosh(snapshot: IndexSnapshot, text: str) -> None:
    expected = _reference(snapshot, text)
    postings = PostingsCache(snapshot.searcher)
    for _ in range(2):  # read, then from the cache
        found = scored_matches(_query(snapshot, text), postings).as_dict()
        assert found.keys() == expected.keys()
        for docnum, score in expected.items():
            assert found[docnum] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("year", [None, 2018])
def test_same_year_counts_and_ranking_as_whoosh(
    snapshot: IndexSnapshot, text: str, year: int | None
) -> None:
    expected = _reference(snapshot, text)
    expected_years = Counter(snapshot.years[docnum] for docnum in expected)
    listed = {
        docnum: score
        for docnum, score in expected.items()
        if year is None or snapshot.years[docnum] == year
    }

    per_year, best = snapshot._run(_query(snapshot, text), year=year, limit=7, sort="relevance")

    assert per_year == expected_years
    ranked = sorted(listed.items(), key=lambda item: (-item[1], item[0]))
    assert len(best) == min(7, len(ranked))
    for (docnum, score), (expected_docnum, expected_score) in zip(best, ranked[:7], strict=True):
        assert score == pytest.approx(expected_score, rel=1e-9)
        if docnum != expected_docnum:  # only equal scores may swap places
            assert expected[docnum] == pytest.approx(expected_score, rel=1e-9)


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("year", [None, 2018])
def test_same_date_order_as_whoosh(snapshot: IndexSnapshot, text: str, year: int | None) -> None:
    results = snapshot.searcher.search(
        _query(snapshot, text), limit=None, sortedby=_NEWEST_FIRST, reverse=True
    )
    expected = [hit.docnum for hit in results if year is None or snapshot.years[hit.docnum] == year]

    _, listed = snapshot._run(_query(snapshot, text), year=year, limit=9, sort="date")

    assert [docnum for docnum, _ in listed] == expected[:9]


def test_cache_drops_the_least_recently_used_lists(snapshot: IndexSnapshot) -> None:
    # 12 bytes a posting: room for 150 postings.
    postings = PostingsCache(snapshot.searcher, max_bytes=150 * 12)
    first = scored_matches(_query(snapshot, "azerbaijan"), postings).as_dict()
    scored_matches(_query(snapshot, "energy"), postings)
    again = scored_matches(_query(snapshot, "azerbaijan"), postings).as_dict()
    assert again == first == _reference(snapshot, "azerbaijan")


def test_the_default_weighting_is_scored_in_bulk(snapshot: IndexSnapshot) -> None:
    # The differential tests above compare the bulk BM25F formula's scores with Whoosh's;
    # they would pass just as well posting by posting, only slower.
    leaf, _offset = snapshot.searcher.leaf_searchers()[0]
    scorer = leaf.weighting.scorer(leaf, "body", b"azerbaijan")
    assert scored_matches_module._is_bm25(scorer)
