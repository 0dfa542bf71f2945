"""``MentionStore``: which documents mention which entity, kept in SQLite beside them.

Mentions are derived from a document's imported title and text, so they are written in
the transaction that writes those (an import, a changed file, a re-read: see
:meth:`MentionStore.record`, the ``DocumentStore``'s ``on_extraction_stored`` hook). A
user's corrections change no text: a corrected date moves a document's mentions to the
corrected year because counts read the year from the documents' view, which also leaves
the removed documents out.

Each document records the version of the lists it was read with. When the lists change
(a new CLDR, an organisation added), or when documents were stored by a version that knew
no mentions, :meth:`MentionStore.outdated_ids` names them and :meth:`MentionStore.refresh`
reads them again: the window does it in the background when it opens such an archive, and
the ``facets`` command before it counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from archive.mentions.catalogue import Entity, EntityKind
from archive.mentions.finder import MentionFinder, default_finder
from archive.models import ParsedDocument
from archive.storage import Database

_CHUNK = 500  # SQLite limits the number of host parameters in one statement
#: Documents read again per transaction while the mentions are brought up to date.
REFRESH_BATCH = 500

#: Told ``(documents read again, documents to read)`` as mentions are brought up to date.
RefreshProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class EntityCount:
    """How many documents mention an entity, in all and per year (``None``: undated)."""

    entity: Entity
    documents: int
    years: dict[int | None, int] = field(default_factory=dict)


class MentionStore:
    """Reads and writes mentions; writes happen inside ``Database.transaction()``.

    Args:
        database: The archive database.
        finder: Finds the entities a text mentions (the default catalogue's otherwise).
    """

    def __init__(self, database: Database, finder: MentionFinder | None = None) -> None:
        self._db = database
        self._finder = finder

    @property
    def finder(self) -> MentionFinder:
        if self._finder is None:
            self._finder = default_finder()
        return self._finder

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.connection

    # -- writing (inside a transaction) ----------------------------------------------------

    def record(self, document_id: int, title: str, text: str, language: str | None) -> None:
        """Find and store what a document's title and text mention, replacing what was."""
        finder = self.finder
        entities = finder.catalogue.entities
        found = finder.find(f"{title}\n\n{text}", language)
        mentioned = [(entities[i].kind.value, entities[i].key) for i in sorted(found)]
        self._store(document_id, mentioned, finder.catalogue.version)

    def record_extraction(self, document_id: int, parsed: ParsedDocument) -> None:
        """:meth:`record` for what the importer made of a document (a ``DocumentStore`` hook).

        What the parsing worker found is stored as it is, when found with these lists:
        finding it here, in the importing process, cost it 0.2-0.3 ms a document.
        """
        found = parsed.mentions
        if found is not None and found.version == self.finder.catalogue.version:
            self._store(document_id, found.entities, found.version)
        else:
            self.record(document_id, parsed.title, parsed.text, parsed.language)

    def _store(self, document_id: int, mentioned: Sequence[tuple[str, str]], version: str) -> None:
        self._conn.execute("DELETE FROM mentions WHERE document_id = ?", (document_id,))
        self._conn.executemany(
            "INSERT INTO mentions (kind, key, document_id) VALUES (?, ?, ?)",
            ((kind, key, document_id) for kind, key in mentioned),
        )
        self._conn.execute(
            "INSERT OR REPLACE INTO mention_scans (document_id, version) VALUES (?, ?)",
            (document_id, version),
        )

    # -- keeping up with the lists ---------------------------------------------------------

    def outdated_ids(self) -> list[int]:
        """Documents (removed ones too) not read with the current lists, by id."""
        rows = self._conn.execute(
            "SELECT id FROM documents WHERE id NOT IN"
            " (SELECT document_id FROM mention_scans WHERE version = ?) ORDER BY id",
            (self.finder.catalogue.version,),
        )
        return [int(row[0]) for row in rows]

    def refresh(
        self,
        ids: Sequence[int],
        progress: RefreshProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Read these documents again for mentions, a batch per transaction.

        A kill or a cancel loses at most the batch under way; the rest stay outdated and
        are read the next time. Returns how many were read.
        """
        done = 0
        for start in range(0, len(ids), REFRESH_BATCH):
            if cancelled is not None and cancelled():
                break
            batch = list(ids[start : start + REFRESH_BATCH])
            marks = ",".join("?" * len(batch))
            with self._db.transaction():
                rows = self._conn.execute(
                    f"SELECT id, title, text, language FROM documents WHERE id IN ({marks})",
                    batch,
                ).fetchall()
                for row in rows:
                    self.record(int(row[0]), str(row[1]), str(row[2]), row[3])
            done += len(batch)
            if progress is not None:
                progress(done, len(ids))
        return done

    # -- reading ---------------------------------------------------------------------------

    def counts(self, kind: EntityKind | None = None, year: int | None = None) -> list[EntityCount]:
        """Entities mentioned, with their documents in all and per year, most first.

        Args:
            kind: Only countries, or only organisations.
            year: Only the entities mentioned in that year; ``documents`` then counts that
                year's documents, and ``years`` still holds every year.

        Returns:
            Most documents first, then by name. Removed documents are not counted.
        """
        where, params = "", []
        if kind is not None:
            where, params = "WHERE m.kind = ?", [kind.value]
        # The years first, from the index of dates (10 ms at 10,000 documents): joined to
        # the view row by row, SQLite read each document's row past its text (800 ms).
        rows = self._conn.execute(
            "WITH e AS MATERIALIZED (SELECT id, year FROM effective_documents)"
            " SELECT m.kind, m.key, e.year, count(*) FROM mentions AS m"
            f" JOIN e ON e.id = m.document_id {where} GROUP BY m.kind, m.key, e.year",
            params,
        )
        per_entity: dict[tuple[str, str], dict[int | None, int]] = {}
        for row_kind, key, row_year, count in rows:
            per_entity.setdefault((row_kind, key), {})[row_year] = int(count)
        catalogue = self.finder.catalogue
        counted = []
        for (row_kind, key), years in per_entity.items():
            entity = catalogue.entity(EntityKind(row_kind), key)
            if entity is None:  # read with an older list; refreshed soon
                continue
            documents = years.get(year, 0) if year is not None else sum(years.values())
            if documents:
                counted.append(EntityCount(entity, documents, years))
        counted.sort(key=lambda count: (-count.documents, count.entity.name.casefold()))
        return counted

    def documents_mentioning(self, kind: EntityKind, key: str) -> dict[int, int | None]:
        """The documents (not removed) mentioning an entity: ``{id: year}``."""
        rows = self._conn.execute(
            "SELECT e.id, e.year FROM mentions AS m JOIN effective_documents AS e"
            " ON e.id = m.document_id WHERE m.kind = ? AND m.key = ?",
            (kind.value, key),
        )
        return {int(row[0]): row[1] for row in rows}

    def mentioned_by(self, document_ids: Sequence[int]) -> dict[int, list[Entity]]:
        """What each of these documents mentions, by id (those mentioning nothing left out)."""
        catalogue = self.finder.catalogue
        found: dict[int, list[Entity]] = {}
        for start in range(0, len(document_ids), _CHUNK):
            chunk = list(document_ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT document_id, kind, key FROM mentions WHERE document_id IN ({marks})",
                chunk,
            )
            for document_id, row_kind, key in rows:
                entity = catalogue.entity(EntityKind(row_kind), key)
                if entity is not None:
                    found.setdefault(int(document_id), []).append(entity)
        return found
