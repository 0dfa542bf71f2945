"""The fixed query sets: what a reader of each corpus types, in every kind the language has.

Each query is written once in our syntax, which textbook Whoosh's ``QueryParser`` reads as
it is (``year`` is a NUMERIC field there), and once as an FTS5 ``MATCH`` expression with its
``year:`` filter moved into a ``WHERE`` on the year column.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """One query of a set.

    Attributes:
        text: Our query, also parsed by textbook Whoosh's ``QueryParser("body", schema)``.
        fts: The same query as an FTS5 ``MATCH`` expression.
        years: The inclusive range of years an FTS5 search keeps (``year:`` filters).
    """

    text: str
    fts: str = ""
    years: tuple[int, int] | None = None

    @property
    def fts_match(self) -> str:
        return self.fts or self.text


def _year(year: int) -> tuple[int, int]:
    return (year, year)


# Warms up each engine (opens its searcher, loads its first postings): not timed.
WARM_UP = Query("statement")

SYNTHETIC = (
    Query("azerbaijan"),
    Query("foreign policy"),
    Query('"foreign policy"'),
    Query("karabakh OR armenia"),
    Query("year:2018 cooperation", "cooperation", _year(2018)),
    Query("negotiat*"),
    Query("ilham aliyev"),
    Query('"territorial integrity"'),
    Query("energy security"),
    Query("climate"),
    Query("independence"),
    Query("minister NOT armenia"),
    Query("year:[2016 TO 2018] economic", "economic", (2016, 2018)),
    Query("caspian sea"),
    Query("diplomat*"),
    Query("title:energy", "title:energy"),
    Query("humanitarian landmine"),
    Query("osce minsk"),
)

REUTERS = (
    Query("oil"),
    Query("crude oil"),
    Query('"crude oil"'),
    Query('"interest rates"'),
    Query("opec OR saudi"),
    Query("year:1987 wheat", "wheat", _year(1987)),
    Query("export*"),
    Query("trade deficit"),
    Query("dollar NOT yen"),
    Query("coffee"),
    Query('"federal reserve"'),
    Query("merger acquisition"),
    Query("gold"),
    Query("title:dividend", "title:dividend"),
    Query("grain OR wheat OR corn"),
    Query('"stock split"'),
    Query("compan*"),
    Query("year:[1986 TO 1987] takeover", "takeover", (1986, 1987)),
)

SETS = {"synthetic": SYNTHETIC, "reuters": REUTERS}

# Typed into the window's search field, a key at a time, as a person types.
WINDOW_QUERIES = ("foreign policy", "karabakh", "negotiat*")
KEY_INTERVAL_MS = 120
