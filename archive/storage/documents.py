"""Documents in SQLite: insert, update in place, list, fetch, and the index queue."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from archive.models import (
    DateOrigin,
    Document,
    DocumentSummary,
    ParsedDocument,
    PublicationDate,
)
from archive.storage.database import Database

_SUMMARY_COLUMNS = "id, title, year, month, day, date_origin, source, path, language"
# What the importer makes of a file's bytes, as stored: ``_parsed_columns`` fills them.
_PARSED_COLUMNS = (
    "encoding",
    "format",
    "title",
    "markdown",
    "text",
    "source",
    "year",
    "month",
    "day",
    "date_origin",
    "date_evidence",
    "title_evidence",
    "language",
    "url",
)
_ORDER = "ORDER BY year IS NULL, year DESC, month IS NULL, month DESC, day IS NULL, day DESC, id"
_IN_TRASH = "id IN (SELECT document_id FROM trash)"
_NOT_IN_TRASH = "id NOT IN (SELECT document_id FROM trash)"
# The documents that may be of a year: stored with it, or corrected to it.
_OF_YEAR = (
    "SELECT id FROM documents WHERE year = ?"
    " UNION ALL SELECT document_id FROM overrides WHERE date_set AND year = ?"
)
_STORED_FILE_COLUMNS = f"id, path, content_hash, size, mtime_ns, {_IN_TRASH} AS removed"
_CHUNK = 500  # SQLite limits the number of host parameters in one statement

#: Told ``(document_id, old_text, new_text)`` when a document's plain text changes.
TextChangeHook = Callable[[int, str, str], None]
#: Told ``(document_id, parsed)`` whenever what the importer made of a document is stored.
ExtractionHook = Callable[[int, ParsedDocument], None]


@dataclass(frozen=True)
class StoredFile:
    """What is needed to tell whether a file changed since it was imported.

    ``path`` is the file's real path in the lossless text form of
    ``archive.paths.display_path``: two files have the same stored path only when they
    are the same file, and ``archive.paths.path_bytes`` gives back the path's bytes.
    """

    id: int
    path: str
    content_hash: str
    size: int
    mtime_ns: int
    removed: bool = False


@dataclass(frozen=True)
class DocumentRecord:
    """A document's effective fields as the search index needs them."""

    id: int
    title: str
    text: str
    year: int | None
    date: str | None
    source: str | None
    language: str | None = None


@dataclass(frozen=True)
class FileFacts:
    """The identity of an imported file's content."""

    path: str
    content_hash: str
    size: int
    mtime_ns: int
    raw: bytes


@dataclass(frozen=True)
class Overrides:
    """A user's corrections to one document; ``None`` leaves a field as imported."""

    title: str | None = None
    source: str | None = None
    date: PublicationDate | None = None
    clear_date: bool = False


class DocumentStore:
    """Reads and writes documents. Writes happen inside ``Database.transaction()``.

    Args:
        database: The archive database.
        on_text_changed: Called inside the writing transaction whenever a document's plain
            text changes (re-import, a moved file), after the change: annotations re-anchor
            there, so they change together with the text or not at all.
        on_extraction_stored: Called inside the writing transaction whenever a document's
            extraction is stored (inserted, replaced, re-read): what is derived from it
            (the places and organisations it mentions) is written with it.
    """

    def __init__(
        self,
        database: Database,
        on_text_changed: TextChangeHook | None = None,
        on_extraction_stored: ExtractionHook | None = None,
    ) -> None:
        self._db = database
        self._on_text_changed = on_text_changed
        self._on_extraction_stored = on_extraction_stored

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.connection

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        """How many documents the archive shows (the removed ones are not counted)."""
        row = self._conn.execute(f"SELECT count(*) FROM documents WHERE {_NOT_IN_TRASH}")
        return int(row.fetchone()[0])

    def stored_file(self, path: str) -> StoredFile | None:
        """The file stored under ``path`` (its ``display_path`` form), if any, even removed."""
        row = self._conn.execute(
            f"SELECT {_STORED_FILE_COLUMNS} FROM documents WHERE path = ?", (path,)
        ).fetchone()
        return _stored_file(row) if row else None

    def stored_files(self) -> dict[str, StoredFile]:
        """Every imported file by path: one query instead of one per file on re-import."""
        rows = self._conn.execute(f"SELECT {_STORED_FILE_COLUMNS} FROM documents")
        return {row[1]: _stored_file(row) for row in rows}

    def id_with_content(self, content_hash: str) -> tuple[int, str] | None:
        row = self._conn.execute(
            f"SELECT id, path FROM documents WHERE content_hash = ? AND {_NOT_IN_TRASH} LIMIT 1",
            (content_hash,),
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def summaries(self, year: int | None = None, *, undated: bool = False) -> list[DocumentSummary]:
        """Documents newest first; ``year`` or ``undated`` narrows the list."""
        params: tuple[int, ...] = ()
        if undated:
            where = "WHERE year IS NULL"
        elif year is not None:
            # The view's year is computed (a correction may move a document), so SQLite
            # cannot filter it through the index on documents' years: without the
            # candidates below it read every document, 300 ms at 100,000 of them.
            where, params = f"WHERE year = ? AND id IN ({_OF_YEAR})", (year, year, year)
        else:
            where = ""
        rows = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM effective_documents {where} {_ORDER}", params
        )
        return [_summary(row) for row in rows]

    def summaries_of(self, ids: Sequence[int]) -> list[DocumentSummary]:
        """The documents (not removed) among ``ids``, in the order given."""
        found: dict[int, DocumentSummary] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM effective_documents WHERE id IN ({marks})", chunk
            )
            found.update((int(row["id"]), _summary(row)) for row in rows)
        return [found[i] for i in dict.fromkeys(ids) if i in found]

    def year_counts(self) -> list[tuple[int | None, int]]:
        """(year, number of documents) newest first, undated (``None``) last."""
        rows = self._conn.execute(
            "SELECT year, count(*) FROM effective_documents GROUP BY year "
            "ORDER BY year IS NULL, year DESC"
        )
        return [(row[0], int(row[1])) for row in rows]

    def titles(self) -> list[tuple[int, int | None, str]]:
        """``(id, year, title)`` of every document: what a filter over titles needs."""
        rows = self._conn.execute("SELECT id, year, title FROM effective_documents")
        return [(int(row[0]), row[1], str(row[2])) for row in rows]

    def date_evidence(self, ids: Sequence[int]) -> dict[int, str]:
        """Where the dates of the given documents were read, for those that say."""
        result: dict[int, str] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT id, date_evidence FROM effective_documents"
                f" WHERE id IN ({marks}) AND date_evidence IS NOT NULL",
                chunk,
            )
            result.update((int(row[0]), str(row[1])) for row in rows)
        return result

    def document(self, document_id: int) -> Document | None:
        row = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS}, markdown, text, encoding, format, url,"
            " date_evidence, title_evidence FROM effective_documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            return None
        summary = _summary(row)
        return Document(
            **vars(summary),
            markdown=row["markdown"],
            text=row["text"],
            encoding=row["encoding"],
            format=row["format"],
            date_origin=row["date_origin"],
            url=row["url"],
            date_evidence=row["date_evidence"],
            title_evidence=row["title_evidence"],
        )

    def texts(self, ids: Sequence[int]) -> dict[int, str]:
        """Plain texts by id, for snippets."""
        result: dict[int, str] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk
            )
            result.update((int(row[0]), str(row[1])) for row in rows)
        return result

    def inferred_dates(self, ids: Sequence[int]) -> dict[int, str | None]:
        """Of the given documents, those whose date was inferred, with where it was read."""
        result: dict[int, str | None] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT id, date_evidence FROM effective_documents"
                f" WHERE date_origin = ? AND id IN ({marks})",
                [DateOrigin.INFERRED.value, *chunk],
            )
            result.update((int(row[0]), row[1]) for row in rows)
        return result

    def records(self, ids: Iterable[int] | None = None) -> Iterator[DocumentRecord]:
        """Effective documents for the search index: all of them, or the given ids."""
        query = (
            "SELECT id, title, text, year, month, day, source, language FROM effective_documents"
        )
        if ids is None:
            for row in self._conn.execute(query + " ORDER BY id"):
                yield _record(row)
            return
        wanted = list(ids)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"{query} WHERE id IN ({marks})", chunk).fetchall():
                yield _record(row)

    def all_ids(self) -> set[int]:
        """The ids of the documents the archive shows (not the removed ones)."""
        rows = self._conn.execute(f"SELECT id FROM documents WHERE {_NOT_IN_TRASH}")
        return {int(row[0]) for row in rows}

    def ids_under(self, folder: str) -> list[int]:
        """The documents (not removed) whose stored path starts with ``folder``, listed order."""
        rows = self._conn.execute(
            f"SELECT id FROM effective_documents WHERE substr(path, 1, length(?1)) = ?1 {_ORDER}",
            (folder,),
        )
        return [int(row[0]) for row in rows]

    def removed_summaries(self) -> list[DocumentSummary]:
        """The removed documents (the trash), in list order."""
        rows = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM every_document WHERE removed_at IS NOT NULL {_ORDER}"
        )
        return [_summary(row) for row in rows]

    def removed_ids(self, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` are removed documents."""
        return self._ids_where(_IN_TRASH, ids)

    def present_ids(self, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` are documents the archive shows."""
        return self._ids_where(_NOT_IN_TRASH, ids)

    def _ids_where(self, condition: str, ids: Sequence[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT id FROM documents WHERE {condition} AND id IN ({marks})", chunk
            )
            found.update(int(row[0]) for row in rows)
        return found

    def _text(self, document_id: int) -> str | None:
        row = self._conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,))
        found = row.fetchone()
        return str(found[0]) if found else None

    def raw_bytes(self, document_id: int) -> bytes | None:
        row = self._conn.execute("SELECT raw FROM documents WHERE id = ?", (document_id,))
        found = row.fetchone()
        return bytes(found[0]) if found else None

    def original(self, document_id: int) -> tuple[str, bytes] | None:
        """A document's path and original bytes, to read them again."""
        row = self._conn.execute("SELECT path, raw FROM documents WHERE id = ?", (document_id,))
        found = row.fetchone()
        return (str(found[0]), bytes(found[1])) if found else None

    def stored_extraction(self, document_id: int) -> dict[str, object] | None:
        """What the importer made of a document's bytes, as stored (no overrides applied).

        Its keys are those of :func:`extraction_of`, so the two can be compared.
        """
        row = self._conn.execute(
            f"SELECT {', '.join(_PARSED_COLUMNS)} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return dict(zip(_PARSED_COLUMNS, row, strict=True)) if row else None

    # -- writing (inside a transaction) ----------------------------------------------------

    def insert(self, facts: FileFacts, parsed: ParsedDocument) -> int:
        cursor = self._conn.execute(
            "INSERT INTO documents (path, content_hash, size, mtime_ns, raw,"
            f" {', '.join(_PARSED_COLUMNS)})"
            f" VALUES (?, ?, ?, ?, ?, {', '.join('?' * len(_PARSED_COLUMNS))})",
            (
                facts.path,
                facts.content_hash,
                facts.size,
                facts.mtime_ns,
                facts.raw,
                *_parsed_columns(parsed),
            ),
        )
        document_id = int(cursor.lastrowid or 0)
        self.queue_for_index([document_id])
        if self._on_extraction_stored:
            self._on_extraction_stored(document_id, parsed)
        return document_id

    def replace(self, document_id: int, facts: FileFacts, parsed: ParsedDocument) -> None:
        """Update a changed file in place, keeping its id (and so its annotations)."""
        self._conn.execute(
            "UPDATE documents SET content_hash = ?, size = ?, mtime_ns = ?, raw = ? WHERE id = ?",
            (facts.content_hash, facts.size, facts.mtime_ns, facts.raw, document_id),
        )
        self.update_extraction(document_id, parsed)

    def update_extraction(self, document_id: int, parsed: ParsedDocument) -> None:
        """Store what the importer now makes of a document's bytes, keeping its id.

        The file's bytes, path and identity are left as they are; the user's overrides
        still win over the new title, date and source. When the plain text changes,
        ``on_text_changed`` is told (annotations re-anchor) in the same transaction.
        """
        old_text = self._text(document_id) if self._on_text_changed else None
        assignments = ", ".join(f"{column} = ?" for column in _PARSED_COLUMNS)
        self._conn.execute(
            f"UPDATE documents SET {assignments},"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
            (*_parsed_columns(parsed), document_id),
        )
        self.queue_for_index([document_id])
        if self._on_text_changed and old_text is not None and old_text != parsed.text:
            self._on_text_changed(document_id, old_text, parsed.text)
        if self._on_extraction_stored:
            self._on_extraction_stored(document_id, parsed)

    def relocate(self, document_id: int, facts: FileFacts, parsed: ParsedDocument) -> None:
        """A file that moved: record its new path and keep its id."""
        self.set_path(document_id, facts.path)
        self.replace(document_id, facts, parsed)

    def set_path(self, document_id: int, path: str) -> None:
        """Record the path a document's file is found at (its ``display_path`` form)."""
        self._conn.execute("UPDATE documents SET path = ? WHERE id = ?", (path, document_id))

    def touch(self, document_id: int, size: int, mtime_ns: int) -> None:
        """Remember a new modification time for a file whose content did not change."""
        self._conn.execute(
            "UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?",
            (size, mtime_ns, document_id),
        )

    def set_overrides(self, document_id: int, overrides: Overrides) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO overrides (document_id) VALUES (?)", (document_id,)
        )
        if overrides.title is not None:
            self._conn.execute(
                "UPDATE overrides SET title = ? WHERE document_id = ?",
                (overrides.title, document_id),
            )
        if overrides.source is not None:
            self._conn.execute(
                "UPDATE overrides SET source = ? WHERE document_id = ?",
                (overrides.source, document_id),
            )
        if overrides.date is not None or overrides.clear_date:
            date = overrides.date
            self._conn.execute(
                "UPDATE overrides SET date_set = 1, year = ?, month = ?, day = ? "
                "WHERE document_id = ?",
                (
                    date.year if date else None,
                    date.month if date else None,
                    date.day if date else None,
                    document_id,
                ),
            )
        self.queue_for_index([document_id])

    def set_removed(self, ids: Sequence[int], removed: bool) -> None:
        """Move documents to the trash, or bring them back; the index follows via the queue.

        A removed document is left out of every list, count and (once the queue is
        drained) the search index; its bytes, overrides and annotations are kept.
        """
        statement = (
            "INSERT OR IGNORE INTO trash (document_id) VALUES (?)"
            if removed
            else "DELETE FROM trash WHERE document_id = ?"
        )
        self._conn.executemany(statement, ((i,) for i in ids))
        self.queue_for_index(ids)

    def delete_removed(self) -> list[int]:
        """Delete the removed documents for good (their overrides go with them).

        Their annotations must be deleted first: the schema refuses to drop them silently.
        """
        ids = [int(row[0]) for row in self._conn.execute("SELECT document_id FROM trash")]
        self._conn.execute(f"DELETE FROM documents WHERE {_IN_TRASH}")
        return ids

    def overrides(self, ids: Sequence[int]) -> dict[int, Overrides]:
        """The user's corrections of the given documents; those with none are left out."""
        found: dict[int, Overrides] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT document_id, title, source, date_set, year, month, day FROM overrides"
                f" WHERE document_id IN ({marks})",
                chunk,
            )
            for row in rows:
                dated = bool(row["date_set"]) and row["year"] is not None
                found[int(row["document_id"])] = Overrides(
                    title=row["title"],
                    source=row["source"],
                    date=PublicationDate(
                        row["year"], row["month"], row["day"], origin=DateOrigin.USER
                    )
                    if dated
                    else None,
                    clear_date=bool(row["date_set"]) and not dated,
                )
        return found

    def clear_overrides(self, document_id: int) -> None:
        self._conn.execute("DELETE FROM overrides WHERE document_id = ?", (document_id,))
        self.queue_for_index([document_id])

    # -- the index queue -------------------------------------------------------------------

    def queue_for_index(self, ids: Iterable[int]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO index_queue (document_id) VALUES (?)", ((i,) for i in ids)
        )

    def queue_everything(self) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO index_queue (document_id) SELECT id FROM documents"
        )

    def queued_ids(self) -> list[int]:
        return [int(r[0]) for r in self._conn.execute("SELECT document_id FROM index_queue")]

    def dequeue(self, ids: Sequence[int]) -> None:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            self._conn.execute(f"DELETE FROM index_queue WHERE document_id IN ({marks})", chunk)

    # -- key/value metadata ----------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def extraction_of(parsed: ParsedDocument) -> dict[str, object]:
    """A parsed document as the columns it is stored in (see ``stored_extraction``)."""
    return dict(zip(_PARSED_COLUMNS, _parsed_columns(parsed), strict=True))


def _parsed_columns(parsed: ParsedDocument) -> tuple[object, ...]:
    date = parsed.date
    return (
        parsed.encoding,
        parsed.format.value,
        parsed.title,
        parsed.markdown,
        parsed.text,
        parsed.source,
        date.year if date else None,
        date.month if date else None,
        date.day if date else None,
        date.origin.value if date else None,
        date.evidence if date else None,
        parsed.title_evidence,
        parsed.language,
        parsed.url,
    )


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` from stored date columns; ``None`` without a month."""
    if year is None or month is None:
        return None
    return PublicationDate(year, month, day).iso


def _stored_file(row: sqlite3.Row) -> StoredFile:
    return StoredFile(
        id=int(row["id"]),
        path=row["path"],
        content_hash=row["content_hash"],
        size=int(row["size"]),
        mtime_ns=int(row["mtime_ns"]),
        removed=bool(row["removed"]),
    )


def _summary(row: sqlite3.Row) -> DocumentSummary:
    return DocumentSummary(
        id=int(row["id"]),
        title=row["title"],
        date=iso_date(row["year"], row["month"], row["day"]),
        year=row["year"],
        date_inferred=row["date_origin"] == DateOrigin.INFERRED.value,
        source=row["source"],
        path=row["path"],
        language=row["language"],
    )


def _record(row: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(
        id=int(row["id"]),
        title=row["title"],
        text=row["text"],
        year=row["year"],
        date=iso_date(row["year"], row["month"], row["day"]),
        source=row["source"],
        language=row["language"],
    )
