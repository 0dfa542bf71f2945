"""The two sides of a comparison: what a side may be, and reading its documents.

A side is written as on the command line (``archive-reader compare 2016 2024``):

- ``2016``: the documents of a year (as shown: a corrected date counts);
- ``2010-2015``: the documents of a range of years, both ends included;
- ``source:NAME``: the documents of a source, as the archive stores it (``source:AZERTAC``);
  its case need not match;
- ``search:QUERY``: the documents a search finds, in the search's own syntax
  (``search:"Nagorno-Karabakh" OR Karabakh``);
- ``undated``: the documents with no date.
"""

from __future__ import annotations

import difflib
import enum
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from archive.search.errors import QueryError

#: Finds the ids of the documents a search query matches (``Archive.matching_ids``).
MatchingIds = Callable[[str], list[int]]

SIDE_FORMS = "a year (2016), years (2010-2015), source:NAME, search:QUERY or undated"
_YEAR = re.compile(r"\d{4}")
_YEARS = re.compile(r"(\d{4})\s*(?:-|–|—|\.\.)\s*(\d{4})")
_CHUNK = 500  # SQLite limits the number of host parameters in one statement
# The documents that may be of some years: stored with one, or corrected to one (an
# index lookup each; the view's computed year alone would read every document).
_OF_YEARS = (
    "SELECT id FROM documents WHERE year BETWEEN ?1 AND ?2"
    " UNION ALL SELECT document_id FROM overrides WHERE date_set AND year BETWEEN ?1 AND ?2"
)


class ComparisonError(QueryError):
    """A comparison that cannot be made; ``str(error)`` says why, for the user.

    A kind of query error: the command line answers it with exit status 2, the window
    with a message in place of the results.
    """


class SideKind(str, enum.Enum):
    YEARS = "years"
    SOURCE = "source"
    SEARCH = "search"
    UNDATED = "undated"


@dataclass(frozen=True)
class Side:
    """One side of a comparison.

    ``first``/``last`` are its years (equal for one year); ``value`` is the source's
    name or the search query.
    """

    kind: SideKind
    first: int = 0
    last: int = 0
    value: str = ""

    @property
    def label(self) -> str:
        """How the side is named to a person: "2016", "2010–2015", "source AZERTAC"."""
        if self.kind is SideKind.YEARS:
            return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"
        if self.kind is SideKind.SOURCE:
            return f"source {self.value}"
        if self.kind is SideKind.SEARCH:
            return f"search “{self.value}”"
        return "undated documents"

    @property
    def spec(self) -> str:
        """The side as the command line writes it (``parse_side(side.spec) == side``)."""
        if self.kind is SideKind.YEARS:
            return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        if self.kind is SideKind.UNDATED:
            return "undated"
        return f"{self.kind.value}:{self.value}"


def year_side(year: int) -> Side:
    return Side(SideKind.YEARS, year, year)


def years_side(first: int, last: int) -> Side:
    return Side(SideKind.YEARS, min(first, last), max(first, last))


def source_side(name: str) -> Side:
    return Side(SideKind.SOURCE, value=name)


def search_side(query: str) -> Side:
    return Side(SideKind.SEARCH, value=query)


UNDATED_SIDE = Side(SideKind.UNDATED)


def parse_side(text: str) -> Side:
    """Read a side as written on the command line (see the module's docstring).

    Raises:
        ComparisonError: It is none of the forms, or names nothing ("source:").
    """
    written = text.strip()
    prefix, colon, rest = written.partition(":")
    if colon and prefix.casefold() in (SideKind.SOURCE.value, SideKind.SEARCH.value):
        value = rest.strip()
        if not value:
            raise ComparisonError(f"{written!r} names no {prefix.casefold()}: {_example(prefix)}")
        kind = SideKind(prefix.casefold())
        return source_side(value) if kind is SideKind.SOURCE else search_side(value)
    if _YEAR.fullmatch(written):
        return year_side(int(written))
    years = _YEARS.fullmatch(written)
    if years:
        return years_side(int(years[1]), int(years[2]))
    if written.casefold() == SideKind.UNDATED.value:
        return UNDATED_SIDE
    raise ComparisonError(f"{written!r} is not a side to compare: give {SIDE_FORMS}.")


def term_query(term: str) -> str:
    """A search query for a term as a comparison lists it: the word, or the phrase."""
    return '"{}"'.format(term.replace('"', ""))


def query_within(term: str, side: Side) -> str:
    """A search query for a term among a side's documents, as the query language says it.

    The undated documents have no query of their own: search the term and list only the
    undated matches (``Archive.search(..., undated=True)``).

    Args:
        term: A term as a comparison lists it (a word or a two-word phrase).
        side: The side it was listed for.
    """
    phrase = term_query(term)
    if side.kind is SideKind.YEARS:
        if side.first == side.last:
            return f"{phrase} year:{side.first}"
        return f"{phrase} year:[{side.first} TO {side.last}]"
    if side.kind is SideKind.SOURCE:
        return '{} source:"{}"'.format(phrase, side.value.replace('"', ""))
    if side.kind is SideKind.SEARCH:
        return f"{phrase} AND ({side.value})"
    return phrase


def _example(prefix: str) -> str:
    if prefix.casefold() == SideKind.SOURCE.value:
        return "write it as source:AZERTAC."
    return 'write it as search:Karabakh or search:"foreign policy".'


def resolve_side(
    connection: sqlite3.Connection, side: Side, matching_ids: MatchingIds
) -> tuple[Side, list[int]]:
    """The side as found (a source as the archive spells it), and its documents' ids.

    The ids are those of documents not removed, ascending.

    Raises:
        ComparisonError: The side holds no documents (a source of no such name).
        QueryError: A search side's query is malformed.
    """
    if side.kind is SideKind.SEARCH:
        ids = sorted(set(matching_ids(side.value)))
    elif side.kind is SideKind.SOURCE:
        names = _sources_named(connection, side.value)
        side = source_side(names[0])
        marks = ",".join("?" * len(names))
        ids = _ids(connection, f"source IN ({marks})", names)
    elif side.kind is SideKind.UNDATED:
        ids = _ids(connection, "year IS NULL", ())
    else:
        ids = _ids(
            connection,
            f"year BETWEEN ?1 AND ?2 AND id IN ({_OF_YEARS})",
            (side.first, side.last),
        )
    if not ids:
        raise ComparisonError(_nothing_in(connection, side))
    return side, ids


def _ids(connection: sqlite3.Connection, where: str, parameters: Sequence[object]) -> list[int]:
    cursor = connection.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        f"SELECT id FROM effective_documents WHERE {where} ORDER BY id", parameters
    )
    return [int(row[0]) for row in rows]


def _nothing_in(connection: sqlite3.Connection, side: Side) -> str:
    """Why a side is empty, and what there is instead."""
    if side.kind is SideKind.SEARCH:
        return f"The search “{side.value}” finds no documents."
    if side.kind is SideKind.UNDATED:
        return "There are no undated documents: every document has a date."
    first, last = connection.execute(
        "SELECT min(year), max(year) FROM effective_documents"
    ).fetchone()
    if first is None:
        return "There are no dated documents in the archive."
    span = str(first) if first == last else f"from {first} to {last}"
    return f"There are no documents from {side.label}: the archive's years run {span}."


def source_counts(connection: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every source and its number of documents, the largest first."""
    cursor = connection.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        "SELECT source, count(*) FROM effective_documents WHERE source IS NOT NULL"
        " GROUP BY source ORDER BY count(*) DESC, source"
    )
    return [(str(row[0]), int(row[1])) for row in rows]


def _sources_named(connection: sqlite3.Connection, name: str) -> list[str]:
    """The stored spellings of a source: exactly ``name``, else ``name`` in any case.

    Raises:
        ComparisonError: None; the message names the closest sources.
    """
    sources = [source for source, _count in source_counts(connection)]
    if name in sources:
        return [name]
    same = [source for source in sources if source.casefold() == name.casefold()]
    if same:
        return same
    close = difflib.get_close_matches(name, sources, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(repr(each) for each in close)}?" if close else ""
    if not sources:
        hint = " No document has a source."
    raise ComparisonError(f"No documents from the source {name!r}.{hint}")


def read_texts(
    connection: sqlite3.Connection, ids: Sequence[int]
) -> Iterator[tuple[str | None, str]]:
    """``(language, title and plain text)`` of each document, a few hundred per query.

    The title (as shown: a correction counts) comes first, as a paragraph of its own: the
    search finds words in it too.
    """
    cursor = connection.cursor()
    cursor.row_factory = None
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = cursor.execute(
            f"SELECT language, title, text FROM effective_documents WHERE id IN ({marks})", chunk
        ).fetchall()
        for language, title, text in rows:
            yield language, f"{title}\n\n{text}"
