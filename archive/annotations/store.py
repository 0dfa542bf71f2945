"""Annotations in SQLite, next to the documents they annotate.

Writes happen inside ``Database.transaction()``, like the document store's. The derived
note-search columns are written with every row, so they never lag behind the note.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3

from archive.annotations.anchoring import Placement, TextChange, TextQuote, quote_at
from archive.annotations.model import Annotation
from archive.annotations.note_search import search_columns
from archive.storage import Database

log = logging.getLogger("archive.annotations")

_COLUMNS = (
    "a.id, a.uuid, a.document_id, a.quote, a.prefix, a.suffix, a.start_offset, a.end_offset,"
    " a.orphaned, a.color, a.note, a.tags, a.created, a.modified"
)
# Within a document: by position, orphans last.
_DOCUMENT_ORDER = "a.orphaned, a.start_offset, a.end_offset, a.id"
# Across the archive: documents newest first (as they are listed), undated last.
_ARCHIVE_ORDER = (
    "e.year IS NULL, e.year DESC, e.month IS NULL, e.month DESC, e.day IS NULL, e.day DESC, e.id"
)


class AnnotationStore:
    """Reads and writes annotations. Writes happen inside ``Database.transaction()``."""

    def __init__(self, database: Database) -> None:
        self._db = database

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.connection

    # -- reading ---------------------------------------------------------------------------

    def get(self, annotation_id: int) -> Annotation | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations AS a WHERE a.id = ?", (annotation_id,)
        ).fetchone()
        return _annotation(row) if row else None

    def by_uuid(self, uuid: str) -> Annotation | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations AS a WHERE a.uuid = ?", (uuid,)
        ).fetchone()
        return _annotation(row) if row else None

    def of_document(self, document_id: int, *, include_orphaned: bool = True) -> list[Annotation]:
        """One document's annotations by position, orphans last."""
        orphans = "" if include_orphaned else " AND NOT a.orphaned"
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations AS a WHERE a.document_id = ?{orphans}"
            f" ORDER BY {_DOCUMENT_ORDER}",
            (document_id,),
        )
        return [_annotation(row) for row in rows]

    def everything(self, *, include_orphaned: bool = True) -> list[Annotation]:
        """Every annotation: documents in list order, then by position, orphans last."""
        orphans = "" if include_orphaned else " WHERE NOT a.orphaned"
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations AS a"
            f" JOIN effective_documents AS e ON e.id = a.document_id{orphans}"
            f" ORDER BY {_ARCHIVE_ORDER}, {_DOCUMENT_ORDER}"
        )
        return [_annotation(row) for row in rows]

    def of_removed_documents(self) -> list[Annotation]:
        """The annotations of the removed documents, kept for them: in list order."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations AS a"
            " JOIN every_document AS e ON e.id = a.document_id WHERE e.removed_at IS NOT NULL"
            f" ORDER BY {_ARCHIVE_ORDER}, {_DOCUMENT_ORDER}"
        )
        return [_annotation(row) for row in rows]

    # -- writing (inside a transaction) ----------------------------------------------------

    def insert(self, annotation: Annotation, *, keep_id: bool = False) -> Annotation:
        """Store a new annotation; its ``id`` is ignored unless ``keep_id``.

        Returns:
            The annotation as stored, with its id.
        """
        values = _values(annotation)
        if keep_id:
            cursor = self._conn.execute(
                "INSERT INTO annotations (id, uuid, document_id, quote, prefix, suffix,"
                " start_offset, end_offset, orphaned, color, note, tags, created, modified,"
                " search_stems, search_words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)",
                (annotation.id, *values),
            )
        else:
            cursor = self._conn.execute(
                "INSERT INTO annotations (uuid, document_id, quote, prefix, suffix,"
                " start_offset, end_offset, orphaned, color, note, tags, created, modified,"
                " search_stems, search_words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        return dataclasses.replace(annotation, id=int(cursor.lastrowid or 0))

    def id_is_free(self, annotation_id: int) -> bool:
        found = self._conn.execute("SELECT 1 FROM annotations WHERE id = ?", (annotation_id,))
        return found.fetchone() is None

    def save(self, annotation: Annotation) -> None:
        """Write every field of an existing annotation (found by its id)."""
        self._conn.execute(
            "UPDATE annotations SET uuid = ?, document_id = ?, quote = ?, prefix = ?,"
            " suffix = ?, start_offset = ?, end_offset = ?, orphaned = ?, color = ?, note = ?,"
            " tags = ?, created = ?, modified = ?, search_stems = ?, search_words = ?"
            " WHERE id = ?",
            (*_values(annotation), annotation.id),
        )

    def delete(self, annotation_id: int) -> None:
        self._conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    def reanchor_document(self, document_id: int, old_text: str, new_text: str) -> None:
        """Find every annotation of a document again after its text changed.

        Runs inside the transaction that changed the text (it is the document store's
        ``on_text_changed`` hook). Annotations that cannot be placed are orphaned, never
        dropped; orphans whose passage is back are re-attached.
        """
        annotations = self.of_document(document_id)
        if not annotations:
            return
        change = TextChange(old_text, new_text)
        for annotation in annotations:
            quote = TextQuote(annotation.quote, annotation.prefix, annotation.suffix)
            placement = change.reanchor(quote, annotation.start, annotation.end)
            moved = placed(annotation, new_text, placement)
            if moved == annotation:
                continue
            if moved.orphaned and not annotation.orphaned:
                log.info(
                    "Annotation %d of document %d is orphaned: its passage %r is gone",
                    annotation.id,
                    document_id,
                    annotation.quote[:60],
                )
            self.save(moved)


def placed(annotation: Annotation, text: str, placement: Placement | None) -> Annotation:
    """The annotation at ``placement`` in ``text``, or orphaned (with its last place) if none.

    A placed annotation's quote, prefix and suffix are taken from ``text``, so that
    ``text[start:end] == quote`` always holds for an annotation that is not orphaned.
    """
    if placement is None:
        return dataclasses.replace(annotation, orphaned=True)
    quote = quote_at(text, placement.start, placement.end)
    return dataclasses.replace(
        annotation,
        quote=quote.exact,
        prefix=quote.prefix,
        suffix=quote.suffix,
        start=placement.start,
        end=placement.end,
        orphaned=False,
    )


def _values(annotation: Annotation) -> tuple[object, ...]:
    stems, words = search_columns(annotation.note, annotation.quote, annotation.tags)
    return (
        annotation.uuid,
        annotation.document_id,
        annotation.quote,
        annotation.prefix,
        annotation.suffix,
        annotation.start,
        annotation.end,
        int(annotation.orphaned),
        annotation.color,
        annotation.note,
        json.dumps(list(annotation.tags), ensure_ascii=False),
        annotation.created,
        annotation.modified,
        stems,
        words,
    )


def _annotation(row: sqlite3.Row) -> Annotation:
    return Annotation(
        id=int(row["id"]),
        uuid=row["uuid"],
        document_id=int(row["document_id"]),
        quote=row["quote"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        start=row["start_offset"],
        end=row["end_offset"],
        orphaned=bool(row["orphaned"]),
        color=row["color"],
        note=row["note"],
        tags=tuple(json.loads(row["tags"])),
        created=row["created"],
        modified=row["modified"],
    )
