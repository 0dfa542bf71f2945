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

#: The trend of one query (issue 14): matches 998 of the 10,000 synthetic documents.
TREND_QUERY = "Karabakh"
#: Keyword in context of about 1,000 hits: 991 occurrences at 10,000 documents, a phrase.
KWIC_QUERY = '"peace process"'

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

# Quoted phrases over the synthetic archive, from its seed paragraphs: common ones (in two
# of three releases at any size), rare ones (about one in thirty), one whose words are common
# but never side by side (the most candidates to check for nothing), a hyphenated name (a
# phrase of its parts), a slop, and phrases under NOT, OR and a year filter. FTS5 has no
# slop; its NEAR (either order) is the closest it has.
SYNTHETIC_PHRASES = (
    Query('"foreign policy"'),
    Query('"ilham aliyev"'),
    Query('"territorial integrity"'),
    Query('"security council"'),
    Query('"caspian sea"'),
    Query('"Nagorno-Karabakh"'),
    Query('"nagorno-karabakh conflict"'),
    Query('"islamic solidarity games"'),
    Query('"internally displaced persons"'),
    Query('"organization of turkic states"'),
    Query('"southern gas corridor"'),
    Query('"peace negotiations"'),
    Query('"azerbaijan cooperation"~3', "NEAR(azerbaijan cooperation, 3)"),
    Query('"european union" "strategic partnership"'),
    Query('"energy security" OR "southern gas corridor"'),
    Query('minister NOT "territorial integrity"'),
    Query('year:2018 "territorial integrity"', '"territorial integrity"', _year(2018)),
    Query('year:[2010 TO 2020] "humanitarian demining"', '"humanitarian demining"', (2010, 2020)),
)


# Typed into the window's search field, a key at a time, as a person types.
WINDOW_QUERIES = ("foreign policy", "karabakh", "negotiat*")
KEY_INTERVAL_MS = 120


def as_typed(query: str) -> tuple[str, ...]:
    """What the window searches for while ``query`` is typed, a key at a time.

    The search field searches its text, stripped, on every change (no star is added: a
    half-typed word is searched as a whole word), so each prefix is a search once the
    one before has finished. A prefix that ends in a space strips to the one before it,
    which was just asked: it is left out rather than timed as its own repeat.
    """
    typed: list[str] = []
    for end in range(1, len(query) + 1):
        text = query[:end].strip()
        if text and text not in typed:
            typed.append(text)
    return tuple(typed)


# The window's typed queries, every prefix as the search field sends it: "f", "fo", ...,
# "foreign", "foreign p", ...; "n", ..., "negotiat", "negotiat*".
SYNTHETIC_TYPING = tuple(Query(text) for query in WINDOW_QUERIES for text in as_typed(query))

SETS: dict[str, tuple[Query, ...]] = {
    "synthetic": SYNTHETIC,
    "reuters": REUTERS,
    "synthetic-phrases": SYNTHETIC_PHRASES,
    "synthetic-typing": SYNTHETIC_TYPING,
}

# The extra sets asked of the synthetic archive: the name of their figures ("phrase_search_
# p95_ms", "textbook_whoosh_typing_search_p95_ms", ...) and their query set.
SYNTHETIC_EXTRA_SETS = {"phrase": "synthetic-phrases", "typing": "synthetic-typing"}
