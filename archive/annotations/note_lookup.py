"""What note search reads from SQLite, narrowed there to the notes that may match.

Notes may hold up to 1 MB each. Reading every note (and its stems and words) into Python
on each search made every search of an archive with a hundred such notes take seconds.
Here SQLite does the narrowing, in C: only annotations whose ``search_stems`` column
holds one of the searched stems (as a substring, which every holder of the stem as a word
passes) are read, and of those only the stems, the year and the source until the hits
are known; the note, quote and tags are read for the hits shown. A prefix, wildcard or
fuzzy word reads the ``search_words`` of the annotations with a word starting with its
literal first letters, not the words of every note.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from typing import TypeVar

from archive.annotations.note_search import NoteCandidate, NoteStems
from archive.storage.documents import iso_date

# Conditions (or ids) per statement: far below SQLite's limits on expression depth (1000)
# and on parameters (999 before SQLite 3.32).
_PER_STATEMENT = 200

T = TypeVar("T")
# Up to this many stems are each looked for; more are looked for by their first letters.
_SEPARATE_STEMS = 32
_SHARED_LETTERS = 3


class NoteLookup:
    """The annotations of an archive, or of one year, as note search reads them.

    Args:
        connection: The archive database.
        year: Only the annotations of documents of this year, if given.
    """

    def __init__(self, connection: sqlite3.Connection, year: int | None = None) -> None:
        self._conn = connection
        self._year = year

    def words_starting_with(self, prefixes: Collection[str]) -> set[str]:
        """The folded words of the notes, quotes and tags that start with one of ``prefixes``.

        An empty prefix stands for every word.
        """
        if not prefixes:
            return set()
        if "" in prefixes:
            rows = self._rows("SELECT a.search_words", "1", ())
            return {word for (words,) in rows for word in words.split()}
        ordered = sorted(prefixes)
        # The words are stored space-separated; only those wanted are split off, in C.
        starting = re.compile(
            "(?<![^ ])(?:" + "|".join(re.escape(prefix) for prefix in ordered) + ")[^ ]*"
        )
        found: set[str] = set()
        for chunk in _chunks(ordered):
            # " " + prefix finds a word's beginning (after the space put before the first).
            condition = " OR ".join(["instr(' ' || a.search_words, ?) > 0"] * len(chunk))
            rows = self._rows("SELECT a.search_words", condition, [f" {p}" for p in chunk])
            for (words,) in rows:
                found.update(starting.findall(words))
        return found

    def with_any_of(self, stems: Collection[str]) -> Iterator[NoteStems]:
        """The annotations whose stems may include one of ``stems``, each once.

        Every annotation that holds one of them as a word is among them; a few that hold
        it only inside a longer stem may be too (the caller checks the words).
        """
        seen: set[int] = set()
        for chunk in _chunks(_needles(stems)):
            condition = " OR ".join(["instr(a.search_stems, ?) > 0"] * len(chunk))
            rows = self._rows(
                "SELECT a.id, a.search_stems, e.year, e.month, e.day, e.source", condition, chunk
            )
            for annotation_id, search_stems, year, month, day, source in rows:
                if annotation_id in seen:
                    continue
                seen.add(annotation_id)
                yield NoteStems(
                    annotation_id=int(annotation_id),
                    year=year,
                    date=iso_date(year, month, day),
                    source=source,
                    stems=search_stems,
                )

    def candidates(self, annotation_ids: Sequence[int]) -> dict[int, NoteCandidate]:
        """The annotations with these ids in full (note, quote, tags, document title)."""
        found: dict[int, NoteCandidate] = {}
        for chunk in _chunks(list(annotation_ids)):
            rows = self._conn.execute(
                "SELECT a.id, a.document_id, a.note, a.quote, a.tags, a.search_stems,"
                " a.search_words, e.title, e.year, e.month, e.day, e.source"
                " FROM annotations AS a JOIN effective_documents AS e ON e.id = a.document_id"
                f" WHERE a.id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for row in rows:
                found[int(row[0])] = NoteCandidate(
                    annotation_id=int(row[0]),
                    document_id=int(row[1]),
                    document_title=row[7],
                    year=row[8],
                    date=iso_date(row[8], row[9], row[10]),
                    source=row[11],
                    note=row[2],
                    quote=row[3],
                    tags=tuple(json.loads(row[4])),
                    stems=row[5],
                    words=row[6],
                )
        return found

    def _rows(self, select: str, condition: str, params: Sequence[object]) -> sqlite3.Cursor:
        """``select`` from the annotations (of the year) that meet ``condition``, by id."""
        year_condition = " AND e.year = ?" if self._year is not None else ""
        year_params = (self._year,) if self._year is not None else ()
        return self._conn.execute(
            f"{select} FROM annotations AS a JOIN effective_documents AS e"
            f" ON e.id = a.document_id WHERE ({condition}){year_condition} ORDER BY a.id",
            (*params, *year_params),
        )


def _needles(stems: Collection[str]) -> list[str]:
    """Substrings of which every one of ``stems`` holds one: few, however many stems.

    Each is looked for in every annotation's stems, so hundreds of stems (a prefix or a
    fuzzy word stands for up to 1,000) would scan each long note hundreds of times; stems
    sharing their first letters are looked for by those letters once.
    """
    ordered = sorted(set(stems))
    if len(ordered) <= _SEPARATE_STEMS:
        return ordered
    by_beginning: dict[str, list[str]] = {}
    for stem in ordered:
        by_beginning.setdefault(stem[:_SHARED_LETTERS], []).append(stem)
    return [_shared_beginning(group[0], group[-1]) for group in by_beginning.values()]


def _shared_beginning(first: str, last: str) -> str:
    """The letters the first and last of some sorted strings begin with: all of them do."""
    length = 0
    for one, other in zip(first, last, strict=False):
        if one != other:
            break
        length += 1
    return first[:length]


def _chunks(items: Sequence[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), _PER_STATEMENT):
        yield list(items[start : start + _PER_STATEMENT])
