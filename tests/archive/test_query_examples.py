"""The query table: one source for the README and the window's Help › Search Syntax."""

from __future__ import annotations

import pytest

from archive.search.query_examples import QUERY_EXAMPLES, markdown_table
from archive.search.query_syntax import check_query_text
from tests.conftest import REPO


def test_the_readme_shows_the_table_the_help_shows() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme


@pytest.mark.parametrize(
    "query", [query for example in QUERY_EXAMPLES for query in example.queries]
)
def test_every_example_is_a_valid_query(query: str) -> None:
    check_query_text(query)
