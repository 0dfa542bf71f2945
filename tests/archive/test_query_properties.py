"""Any string a user can type either searches or gives a QueryError, never a crash.

Inputs are bounded by the query length limit (and a little beyond, to hit the limit), so
no example can run long; there are no timings in the assertions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.query import Query

from archive.models import SearchResults
from archive.search import IndexedDocument, QueryError, SearchIndex, parse_user_query
from archive.search.query_syntax import MAX_QUERY_LENGTH
from archive.search.schema import make_schema

SCHEMA = make_schema()

# Pieces of query syntax, so that random queries are often nearly valid.
SYNTAX = [
    " ",
    " AND ",
    " OR ",
    " NOT ",
    "AND",
    "NOT",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    '"',
    "“",
    "”",
    "'",
    ":",
    "*",
    "?",
    "~",
    "~2",
    "~3",
    "/2",
    "^",
    "-",
    "title:",
    "Title:",
    "source:",
    "year:",
    "foo:",
    "10:",
    "*:",
    "[2016 TO 2018]",
    "[2016 TO]",
    "[TO 2018]",
    " TO ",
    "2024",
    "negotiat",
    "negotiations",
    "Türkiye",
    "İlham",
    "Bakı",
    "Nagorno-Karabakh",
    "ab",
    "a",
    "\x00",
    "\t",
    "\n",
]

queries = st.one_of(
    st.text(max_size=MAX_QUERY_LENGTH + 20),
    st.lists(st.sampled_from(SYNTAX) | st.text(max_size=3), max_size=60).map("".join),
)


@given(queries)
def test_parsing_gives_a_query_or_a_query_error(text: str) -> None:
    try:
        query = parse_user_query(text, SCHEMA)
    except QueryError as error:
        assert str(error)
    else:
        assert isinstance(query, Query)


@given(st.integers(min_value=1, max_value=5_000))
def test_nesting_of_any_depth_gives_a_query_or_a_query_error(depth: int) -> None:
    for text in ("(" * depth + "a" + ")" * depth, "(" * depth, "[" * depth, '"' * depth):
        with contextlib.suppress(QueryError):
            parse_user_query(text, SCHEMA)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    index = SearchIndex(Path(tmp_path_factory.mktemp("index")))
    index.replace_all(
        [
            IndexedDocument(1, "President İlham Aliyev", "Negotiations in Bakı.", 2024, None, "X"),
            IndexedDocument(2, "Türkiye", "A treaty on Nagorno-Karabakh.", 2017, "2017-05", None),
            IndexedDocument(3, "Undated", "negotiation rounds", None, None, None),
        ]
    )
    yield index
    index.close()


# The autouse fixture of conftest.py only points environment variables into tmp_path;
# sharing it between examples is harmless.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=queries, sort=st.sampled_from(["relevance", "date"]), year=st.sampled_from([None, 2017])
)
def test_searching_gives_results_or_a_query_error(
    small_index: SearchIndex, text: str, sort: str, year: int | None
) -> None:
    try:
        results = small_index.search(
            text,
            year=year,
            limit=2,
            sort="date" if sort == "date" else "relevance",
            text_of=lambda ids: {
                doc_id: "Negotiations <b>in</b> Bakı & Türkiye." for doc_id in ids
            },
        )
    except QueryError as error:
        assert str(error)
    else:
        assert isinstance(results, SearchResults)
        assert results.total <= sum(results.years.values()) + results.undated
        assert len(results.hits) <= 2
