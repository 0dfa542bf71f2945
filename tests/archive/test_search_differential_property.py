"""Random queries find, count, score and order exactly as Whoosh's own search does.

The reference is Whoosh's ``Searcher.search(query, limit=None)`` on the same index (and
its sorting collector for the date order), given the same parsed and expanded query;
phrases are matched from the documents' text instead (see :mod:`tests.archive.search_oracle`),
so the reference holds whether the index keeps word positions or pairs of words.

Queries are random strings of the query language (words, stems, ``negotiat*``,
``neg*ted``, fuzzy ``~``, phrases with and without slop, hyphenated words, AND, OR, NOT,
parentheses, ``title:``, ``source:``, ``year:`` with ranges, ``lang:``), searched through
the public :meth:`SearchIndex.search`. The query language has no boosts and no
``minmatch``, so a second property gives the same queries random boosts (``word^2.5``,
``(a OR b)^0.5``) and ``Or(..., minmatch=k)`` as query objects. An upgrade of the pinned
Whoosh fork that changes how it matches or scores then fails here, not quietly in results.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from hypothesis.strategies import DataObject, SearchStrategy
from whoosh.query import And, Not, NullQuery, Or, Phrase, Query, Term

from archive.models import SearchResults
from archive.search import SearchIndex
from archive.search.analysis import index_term
from archive.search.expansion import expand_word_patterns
from archive.search.query import parse_query
from archive.search.schema import NO_YEAR
from archive.search.searching import IndexSnapshot, SortOrder
from tests.archive.search_oracle import (
    SET_PHRASES,
    WORDS,
    Corpus,
    Reference,
    archive_listing,
    archive_matches,
    build_index,
    open_snapshot,
)

#: More than the index has documents: a listing of every match.
EVERY = 1_000
TOP = 20

# Words and patterns of queries. Queries also use words no document has, and other
# inflections of the documents' words (found through their stems).
QUERY_WORDS = [
    *WORDS,
    "Foreign",
    "POLICY",
    "negotiation",
    "treaty's",
    "baki",
    "turkiye",
    "aliyev",
    "nagorno",
    "karabakh",
    "zzz",
    "agreement",
]
PATTERN_WORDS = sorted(
    {word.lower() for word in QUERY_WORDS if word.isascii() and word.isalpha() and len(word) >= 3}
)
PHRASE_RUNS = [phrase.replace("-", " ").split() for phrase in SET_PHRASES]
SOURCE_WORDS = ["trend", "Trend", "AZERTAC", "news", "agency", "tass"]
LANGUAGE_NAMES = ["de", "fr", "en", "es", "German", "French"]
QUERY_YEARS = [1999, 2016, 2017, 2018, 2020, 2024, 2025]
BOOSTS = [1.0, 1.0, 1.0, 2.5, 0.5, 0.25, 3.0]


@st.composite
def prefixes(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(PATTERN_WORDS))
    return word[: draw(st.integers(2, len(word)))] + "*"


@st.composite
def inner_wildcards(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from([word for word in PATTERN_WORDS if len(word) >= 5]))
    start = draw(st.integers(2, len(word) - 2))
    end = draw(st.integers(start + 1, len(word)))
    return f"{word[:start]}*{word[end:]}"


@st.composite
def fuzzy_words(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from([word for word in PATTERN_WORDS if len(word) >= 5]))
    place = draw(st.integers(1, len(word) - 1))
    typo = draw(st.sampled_from(["drop", "double", "swap", "none"]))
    if typo == "drop":
        word = word[:place] + word[place + 1 :]
    elif typo == "double":
        word = word[:place] + word[place] + word[place:]
    elif typo == "swap" and place < len(word) - 1:
        word = word[:place] + word[place + 1] + word[place] + word[place + 2 :]
    return word + draw(st.sampled_from(["~", "~1", "~2"]))


@st.composite
def phrase_words(draw: st.DrawFn) -> list[str]:
    """Two to four words, often a run of a phrase the documents have, so that it matches."""
    if draw(st.booleans()):
        run = draw(st.sampled_from([run for run in PHRASE_RUNS if len(run) > 1]))
        start = draw(st.integers(0, len(run) - 2))
        end = draw(st.integers(start + 2, len(run)))
        words = run[start:end]
    else:
        words = draw(st.lists(st.sampled_from(QUERY_WORDS), min_size=2, max_size=4))
    return words


@st.composite
def phrases(draw: st.DrawFn) -> str:
    words = draw(phrase_words())
    slop = draw(st.sampled_from(["", "", "~1", "~2", "~3", "~5"]))
    return '"' + " ".join(words) + '"' + slop


@st.composite
def hyphenated(draw: st.DrawFn) -> str:
    """A hyphenated word, which the parser makes a phrase of its parts."""
    if draw(st.booleans()):
        return "Nagorno-Karabakh"
    words = draw(st.lists(st.sampled_from(PATTERN_WORDS), min_size=2, max_size=3))
    return "-".join(words)


#: A search term without a field name.
terms: SearchStrategy[str] = st.one_of(
    st.sampled_from(QUERY_WORDS),
    prefixes(),
    inner_wildcards(),
    fuzzy_words(),
    phrases(),
    hyphenated(),
)


@st.composite
def year_values(draw: st.DrawFn) -> str:
    first, last = sorted(draw(st.lists(st.sampled_from(QUERY_YEARS), min_size=2, max_size=2)))
    return draw(
        st.sampled_from([str(first), f"[{first} TO {last}]", f"[{first} TO]", f"[TO {last}]"])
    )


def expressions(leaves: SearchStrategy[str], max_leaves: int) -> SearchStrategy[str]:
    """Leaves joined side by side, with AND, OR and NOT, in parentheses or not."""
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(" ".join),
            st.tuples(inner, inner).map(" AND ".join),
            st.tuples(inner, inner).map(" OR ".join),
            inner.map(lambda text: f"({text})"),
            inner.map(lambda text: f"NOT ({text})"),
            st.tuples(inner, leaves).map(lambda pair: f"{pair[0]} NOT {pair[1]}"),
        ),
        max_leaves=max_leaves,
    )


#: A search term with or without a field name.
fielded_terms: SearchStrategy[str] = st.one_of(
    terms,
    terms,
    terms.map("title:{}".format),
    expressions(terms, max_leaves=3).map("title:({})".format),
    st.sampled_from(SOURCE_WORDS).map("source:{}".format),
    st.sampled_from(['"news agency"', '"trend news"', "trend-news", "tre*"]).map(
        "source:{}".format
    ),
    year_values().map("year:{}".format),
    st.sampled_from(LANGUAGE_NAMES).map("lang:{}".format),
    st.just("lang:(de OR fr)"),
)

queries = expressions(fielded_terms, max_leaves=5)


@pytest.fixture(scope="module")
def corpus_directory(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus]:
    directory = tmp_path_factory.mktemp("index")
    return directory, build_index(directory)


@pytest.fixture(scope="module")
def reference(corpus_directory: tuple[Path, Corpus]) -> Iterator[Reference]:
    reference = Reference(*corpus_directory)
    reader = reference.searcher.reader()
    assert len(reference.searcher.leaf_searchers()) > 1
    assert reader.has_deletions()
    yield reference
    reference.close()


@pytest.fixture(scope="module")
def index(corpus_directory: tuple[Path, Corpus]) -> Iterator[SearchIndex]:
    index = SearchIndex(corpus_directory[0])
    yield index
    index.close()


@pytest.fixture(scope="module")
def snapshot(corpus_directory: tuple[Path, Corpus]) -> Iterator[IndexSnapshot]:
    snapshot = open_snapshot(corpus_directory[0])
    yield snapshot
    snapshot.close()


def _no_text(ids: list[int]) -> dict[int, str]:
    return {}


def _search(
    index: SearchIndex, text: str, *, year: int | None, limit: int, sort: SortOrder
) -> SearchResults:
    return index.search(text, year=year, limit=limit, sort=sort, text_of=_no_text)


def _expanded(reference: Reference, text: str) -> Query:
    parsed = parse_query(text, reference.searcher.schema).query
    return expand_word_patterns(parsed, reference.vocabulary)


def _phrases(query: Query) -> list[Phrase]:
    return [leaf for leaf in query.leaves() if isinstance(leaf, Phrase)]


def assert_same_scores(found: dict[int, float], expected: dict[int, float]) -> None:
    assert sorted(found.keys() - expected.keys()) == [], "matched, but not by Whoosh"
    assert sorted(expected.keys() - found.keys()) == [], "matched by Whoosh, but not found"
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-9), f"score of document {docnum}"


def assert_same_ranking(
    listed: list[tuple[int, float]],
    found: dict[int, float],
    expected: dict[int, float],
    limit: int,
) -> None:
    """The best ``limit`` by score, then the lower document number (as Whoosh ranks).

    Exactly so by the scores found; against Whoosh's scores, documents may only swap
    places with ones of the same score (sums in another order may differ in the last bit).

    Args:
        listed: ``(document number, score)`` as listed.
        found: Every match as found, with its score.
        expected: Every match and its score, from the reference.
        limit: How many were listed at most.
    """
    by_found = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit]
    assert listed == by_found
    ranked = sorted(expected.items(), key=lambda item: (-item[1], item[0]))[:limit]
    assert len(listed) == len(ranked)
    for (docnum, score), (expected_docnum, expected_score) in zip(listed, ranked, strict=True):
        assert score == pytest.approx(expected_score, rel=1e-9)
        if docnum != expected_docnum:  # only equal scores may swap places
            assert expected[docnum] == pytest.approx(expected_score, rel=1e-9)


def assert_phrase_reference_is_whoosh(reference: Reference, phrase: Phrase) -> None:
    """Where the field keeps positions, Whoosh's own phrase search agrees with the oracle.

    This checks the oracle and the score it defines (the And of the phrase's terms)
    against Whoosh while Whoosh can match the phrase itself.
    """
    field_format = reference.searcher.schema[phrase.fieldname].format
    if field_format is None or not field_format.supports("positions"):
        return
    whoosh_phrase = {hit.docnum: hit.score for hit in reference.searcher.search(phrase, limit=None)}
    assert_same_scores(reference.matches(phrase), whoosh_phrase)


# The autouse fixture of conftest.py only points environment variables into tmp_path;
# sharing it between examples is harmless.
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=queries, year=st.sampled_from([None, 2016, 2018]))
# Found by this property: Whoosh's own NOT lists a document here that it should not (see
# Reference.whoosh_query), and a deleted one.
@example(text="NOT (policy OR NOT (title:armenia))", year=None)
@example(text="NOT foreign", year=None)
def test_searches_find_count_score_and_order_as_whoosh(
    index: SearchIndex, reference: Reference, text: str, year: int | None
) -> None:
    query = _expanded(reference, text)
    note(f"expanded query: {query!r}")
    for phrase in _phrases(query):
        assert_phrase_reference_is_whoosh(reference, phrase)
    expected = reference.matches(query)
    per_year = reference.year_counts(expected)
    undated = per_year.pop(NO_YEAR, 0)
    docnum_of = reference.docnum_of

    every = _search(index, text, year=None, limit=EVERY, sort="relevance")
    found = {docnum_of[hit.id]: hit.score for hit in every.hits}
    assert_same_scores(found, expected)
    assert every.total == len(expected)
    assert every.undated == undated
    assert every.years == {str(match_year): count for match_year, count in per_year.items()}

    best = _search(index, text, year=year, limit=TOP, sort="relevance")
    in_year = {
        docnum: score
        for docnum, score in expected.items()
        if year is None or reference.year_of[docnum] == year
    }
    found_in_year = {docnum: score for docnum, score in found.items() if docnum in in_year}
    assert best.total == len(in_year)
    best_listed = [(docnum_of[hit.id], hit.score) for hit in best.hits]
    assert_same_ranking(best_listed, found_in_year, in_year, TOP)

    newest = _search(index, text, year=year, limit=EVERY, sort="date")
    expected_newest = [
        reference.id_of[docnum]
        for docnum in reference.newest_first(query)
        if year is None or reference.year_of[docnum] == year
    ]
    assert [hit.id for hit in newest.hits] == expected_newest


def _varied(query: Query, data: DataObject) -> Query:
    """``query`` with random boosts on its parts, and random ``minmatch`` on its ORs."""
    if query is NullQuery:
        return query
    boost = data.draw(st.sampled_from(BOOSTS))
    varied: Any
    if isinstance(query, (And, Or)):
        varied = copy.copy(query)
        varied.subqueries = [_varied(part, data) for part in query.subqueries]
        if isinstance(varied, Or):
            varied.minmatch = data.draw(st.integers(0, len(query.subqueries)))
    elif isinstance(query, Not):
        varied = Not(_varied(query.query, data))
    else:
        varied = copy.copy(query)
    varied.boost = getattr(query, "boost", 1.0) * boost
    return varied


def _with_alternative(query: Query, data: DataObject) -> Query:
    """Sometimes ``query`` OR a word, with ``minmatch`` and a boost of their own."""
    if not data.draw(st.booleans()):
        return query
    word = index_term(data.draw(st.sampled_from(WORDS)))
    alternative = Term(data.draw(st.sampled_from(["title", "body"])), word)
    return Or(
        [query, alternative],
        minmatch=data.draw(st.integers(0, 2)),
        boost=data.draw(st.sampled_from(BOOSTS)),
    )


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=queries, data=st.data())
def test_boosted_and_minmatch_queries_match_and_score_as_whoosh(
    snapshot: IndexSnapshot, reference: Reference, text: str, data: DataObject
) -> None:
    query = _with_alternative(_varied(_expanded(reference, text), data), data)
    note(f"query: {query!r}")
    expected = reference.matches(query)

    found = archive_matches(snapshot, query)
    assert_same_scores(found, expected)
    per_year, best = archive_listing(snapshot, query, year=None, limit=TOP, sort="relevance")
    assert per_year == reference.year_counts(expected)
    assert_same_ranking(best, found, expected, TOP)
    _, newest = archive_listing(snapshot, query, year=None, limit=EVERY, sort="date")
    assert [docnum for docnum, _ in newest] == reference.newest_first(query)
