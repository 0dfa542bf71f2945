"""The query language in examples: one table for the README and the window's Help.

Each row is what a reader types and what it finds; ``markdown_table`` renders the rows as
the README shows them (a test keeps the README in step), and the window's Help › Search
Syntax lists the same examples, each one a search to run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueryExample:
    """Queries that show one part of the language, and what they find."""

    queries: tuple[str, ...]
    finds: str


QUERY_EXAMPLES: tuple[QueryExample, ...] = (
    QueryExample(("energy security",), "both words (AND is implied)"),
    QueryExample(('"foreign policy"',), "the phrase"),
    QueryExample(("COP29 OR climate", "Armenia NOT Russia"), "boolean operators, in capitals"),
    QueryExample(
        ("negotiat*", "Azerbaijn~"), "a prefix (at least 2 letters before `*`), a fuzzy match"
    ),
    QueryExample(("title:independence", "source:AZERTAC"), "one field"),
    QueryExample(
        ("year:2024", "year:[2016 TO 2018]", "year:[2020 TO]"), "a year or a range of years"
    ),
    QueryExample(
        ("lang:de", "lang:German", "lang:(de OR fr)"),
        "documents in a language: its two-letter ISO 639-1 code or its English name",
    ),
)


def markdown_table(examples: tuple[QueryExample, ...] = QUERY_EXAMPLES) -> str:
    """The examples as a Markdown table: ``| query | finds |``, one row each."""
    rows = ["| query | finds |", "| --- | --- |"]
    for example in examples:
        queries = ", ".join(f"`{query}`" for query in example.queries)
        rows.append(f"| {queries} | {example.finds} |")
    return "\n".join(rows) + "\n"


def plain_finds(example: QueryExample) -> str:
    """What an example finds, without the Markdown code marks."""
    return example.finds.replace("`", "")
