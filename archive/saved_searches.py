"""Saved searches, and how many documents each matches that it did not when last looked at.

A saved search keeps the ids of the documents it matched when the reader last looked at
it (saved it, or opened it). A document is *new* when it matches now and is not among
them: imported since, or changed (re-imported, re-read, corrected) so that it matches
now. Keeping the set, rather than the highest id and time seen, makes the count exact: a
document changed to match is new although its id is old, and one removed and brought
back, which matched before, is not. The set costs a few bytes per match (a row of a
``WITHOUT ROWID`` table), rewritten only when the search is looked at.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from archive.search.errors import QueryError
from archive.storage import Database

#: The archive ids a query matches now, ascending (``Archive.matching_ids``).
MatchingIds = Callable[[str], npt.NDArray[np.int64]]

MAX_NAME_LENGTH = 200


class SavedSearchError(ValueError):
    """A saved search cannot be made, found or renamed as asked; the message says why."""


@dataclass(frozen=True)
class SavedSearch:
    """A saved search as it stands now.

    Attributes:
        name: The name the reader gave it (unique, case aside).
        query: The query, as typed.
        created: When it was saved (ISO 8601, UTC).
        seen_at: When the reader last looked at it (ISO 8601, UTC).
        matches: Documents it matches now.
        new: Of those, the ones it did not match when last looked at.
        new_ids: Their ids, ascending.
        problem: Why it cannot run now (its query no longer reads), else ``None``.
    """

    name: str
    query: str
    created: str
    seen_at: str | None
    matches: int = 0
    new: int = 0
    new_ids: tuple[int, ...] = ()
    problem: str | None = None


class SavedSearches:
    """The saved searches of one archive. Writes open their own transaction.

    Args:
        database: The archive database.
        matching: The ids a query matches now (it raises ``QueryError`` for a bad query).
    """

    def __init__(self, database: Database, matching: MatchingIds) -> None:
        self._db = database
        self._matching = matching

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.connection

    def all(self) -> list[SavedSearch]:
        """Every saved search with its new matches, by name (case aside)."""
        rows = self._conn.execute(
            "SELECT id, name, query, created, seen_at FROM saved_searches ORDER BY name"
        ).fetchall()
        return [self._counted(row) for row in rows]

    def get(self, name: str) -> SavedSearch:
        """One saved search with its new matches.

        Raises:
            SavedSearchError: There is none of that name.
        """
        return self._counted(self._row(name))

    def add(self, name: str, query: str) -> SavedSearch:
        """Save ``query`` as ``name``; what it matches now counts as seen.

        Raises:
            SavedSearchError: The name is empty, too long or taken, or the query empty.
            QueryError: The query is malformed.
        """
        name, query = _checked_name(name), query.strip()
        if not query:
            raise SavedSearchError("the query is empty: give the words to search for")
        matching = self._matching(query)
        with self._db.transaction():
            if self._find(name) is not None:
                raise SavedSearchError(f"there is already a saved search named “{name}”")
            cursor = self._conn.execute(
                "INSERT INTO saved_searches (name, query) VALUES (?, ?)", (name, query)
            )
            self._store_seen(int(cursor.lastrowid or 0), matching)
        return self.get(name)

    def remove(self, name: str) -> SavedSearch:
        """Forget a saved search; returns it as it was.

        Raises:
            SavedSearchError: There is none of that name.
        """
        removed = self.get(name)
        with self._db.transaction():
            self._conn.execute("DELETE FROM saved_searches WHERE name = ?", (removed.name,))
        return removed

    def rename(self, name: str, new_name: str) -> SavedSearch:
        """Give a saved search another name.

        Raises:
            SavedSearchError: There is none of that name, or the new one is taken.
        """
        new_name = _checked_name(new_name)
        with self._db.transaction():
            row = self._row(name)
            other = self._find(new_name)
            if other is not None and int(other["id"]) != int(row["id"]):
                raise SavedSearchError(f"there is already a saved search named “{new_name}”")
            self._conn.execute(
                "UPDATE saved_searches SET name = ? WHERE id = ?", (new_name, int(row["id"]))
            )
        return self.get(new_name)

    def mark_seen(self, name: str) -> SavedSearch:
        """The reader looked at it: what it matches now is no longer new.

        Raises:
            SavedSearchError: There is none of that name.
            QueryError: Its query no longer reads.
        """
        row = self._row(name)
        matching = self._matching(str(row["query"]))
        with self._db.transaction():
            self._store_seen(int(row["id"]), matching)
        return self.get(name)

    # -- helpers ---------------------------------------------------------------------------

    def _store_seen(self, search_id: int, matching: npt.NDArray[np.int64]) -> None:
        self._conn.execute("DELETE FROM saved_search_seen WHERE search_id = ?", (search_id,))
        self._conn.executemany(
            "INSERT INTO saved_search_seen (search_id, document_id) VALUES (?, ?)",
            ((search_id, document_id) for document_id in matching.tolist()),
        )
        self._conn.execute(
            "UPDATE saved_searches SET seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
            " WHERE id = ?",
            (search_id,),
        )

    def _find(self, name: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._conn.execute(
            "SELECT id, name, query, created, seen_at FROM saved_searches WHERE name = ?",
            (name.strip(),),
        ).fetchone()
        return row

    def _row(self, name: str) -> sqlite3.Row:
        row = self._find(name)
        if row is None:
            raise SavedSearchError(f"there is no saved search named “{name.strip()}”")
        return row

    def _counted(self, row: sqlite3.Row) -> SavedSearch:
        saved = SavedSearch(
            name=str(row["name"]),
            query=str(row["query"]),
            created=str(row["created"]),
            seen_at=row["seen_at"],
        )
        try:
            matching = self._matching(saved.query)
        except QueryError as error:
            return dataclasses.replace(saved, problem=str(error))
        seen = np.fromiter(
            (
                r[0]
                for r in self._conn.execute(
                    "SELECT document_id FROM saved_search_seen WHERE search_id = ?",
                    (int(row["id"]),),
                )
            ),
            dtype=np.int64,
        )
        new = np.setdiff1d(matching, seen, assume_unique=True)
        return dataclasses.replace(
            saved, matches=len(matching), new=len(new), new_ids=tuple(new.tolist())
        )


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError("the name is empty: give the search a name")
    if len(name) > MAX_NAME_LENGTH:
        raise SavedSearchError(f"the name is too long (at most {MAX_NAME_LENGTH} characters)")
    return name
