"""The annotations feature as ``Archive`` offers it: add, change, list, export, import.

Every change runs in one transaction. Re-anchoring after a document's text changes is not
here but in :meth:`AnnotationStore.reanchor_document`, which the document store calls
inside the transaction that changes the text.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Collection, Sequence
from typing import Literal

from archive.annotations.anchoring import (
    Placement,
    TextQuote,
    anchor,
    check_span,
    quote_at,
    suggest,
)
from archive.annotations.errors import AnnotationNotFoundError
from archive.annotations.export_csv import export_csv
from archive.annotations.export_jsonld import export_jsonld
from archive.annotations.export_markdown import export_markdown
from archive.annotations.import_jsonld import IncomingAnnotation, read_annotations
from archive.annotations.model import (
    DEFAULT_COLOR,
    Annotation,
    AnnotationImportReport,
    ImportFailure,
    check_color,
    check_note,
    clean_tags,
    utc_now,
)
from archive.annotations.note_lookup import NoteLookup
from archive.annotations.note_search import find_note_hits
from archive.annotations.store import AnnotationStore, placed
from archive.errors import DocumentNotFoundError
from archive.models import NoteHit
from archive.storage import Database, DocumentStore

ExportFormat = Literal["markdown", "jsonld", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("markdown", "jsonld", "csv")


class AnnotationService:
    """Annotations of one archive.

    Args:
        database: The archive database.
        documents: Its documents (for their texts and titles).
        annotations: Its annotations.
    """

    def __init__(
        self, database: Database, documents: DocumentStore, annotations: AnnotationStore
    ) -> None:
        self._db = database
        self._documents = documents
        self._store = annotations

    # -- reading ---------------------------------------------------------------------------

    def annotations(
        self, document_id: int | None = None, *, include_orphaned: bool = True
    ) -> list[Annotation]:
        if document_id is None:
            return self._store.everything(include_orphaned=include_orphaned)
        self._text(document_id)
        return self._store.of_document(document_id, include_orphaned=include_orphaned)

    def annotation(self, annotation_id: int) -> Annotation:
        found = self._store.get(annotation_id)
        if found is None:
            raise AnnotationNotFoundError(annotation_id)
        return found

    def note_hits(self, query: str, *, year: int | None, limit: int) -> list[NoteHit]:
        return find_note_hits(query, NoteLookup(self._db.connection, year), limit=limit)

    def suggested_place(self, annotation_id: int) -> Placement | None:
        """Where an orphan's passage most likely is now, for the reader to confirm.

        Re-anchoring orphans an annotation rather than guess, because a wrong place
        misleads silently; the best candidate it turned down may still be the passage
        (reworded, or moved far). This finds it again in the document's current text,
        from the stored quote and context and the last known offset. Nothing is changed.

        Returns:
            The candidate, or ``None`` when there is none or the annotation is not
            orphaned.

        Raises:
            AnnotationNotFoundError: No such annotation.
        """
        current = self.annotation(annotation_id)
        if not current.orphaned:
            return None
        text = self._text(current.document_id)
        quote = TextQuote(current.quote, current.prefix, current.suffix)
        candidate = suggest(text, quote, current.start)
        if candidate is None:
            return None
        try:
            check_span(text, candidate.start, candidate.end)
        except ValueError:
            return None  # nothing the reader could attach a note to
        return candidate

    # -- changing --------------------------------------------------------------------------

    # Each change reads what it changes inside its write transaction (BEGIN IMMEDIATE takes
    # the write lock): another program's import can then not change the document's text,
    # or re-anchor the annotation, between the read and the write.

    def add(
        self,
        document_id: int,
        start: int,
        end: int,
        *,
        color: str = DEFAULT_COLOR,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Annotation:
        color, note, cleaned_tags = check_color(color), check_note(note), clean_tags(tags)
        with self._db.transaction():
            text = self._text(document_id)
            check_span(text, start, end)
            now = utc_now()
            quote = quote_at(text, start, end)
            new = Annotation(
                id=0,
                uuid=str(uuid.uuid4()),
                document_id=document_id,
                quote=quote.exact,
                prefix=quote.prefix,
                suffix=quote.suffix,
                start=start,
                end=end,
                orphaned=False,
                color=color,
                note=note,
                tags=cleaned_tags,
                created=now,
                modified=now,
            )
            return self._store.insert(new)

    def update(
        self,
        annotation_id: int,
        *,
        note: str | None = None,
        color: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Annotation:
        note = None if note is None else check_note(note)
        color = None if color is None else check_color(color)
        cleaned_tags = None if tags is None else clean_tags(tags)
        with self._db.transaction():
            current = self.annotation(annotation_id)
            changed = dataclasses.replace(
                current,
                note=current.note if note is None else note,
                color=current.color if color is None else color,
                tags=current.tags if cleaned_tags is None else cleaned_tags,
            )
            if changed == current:
                return current
            changed = dataclasses.replace(changed, modified=utc_now())
            self._store.save(changed)
        return changed

    def delete(self, annotation_id: int) -> Annotation:
        with self._db.transaction():
            current = self.annotation(annotation_id)
            self._store.delete(annotation_id)
        return current

    def restore(self, annotation: Annotation) -> Annotation:
        with self._db.transaction():
            if self._store.by_uuid(annotation.uuid) is not None:
                raise ValueError(
                    f"Annotation {annotation.urn} is in the archive: nothing to restore."
                )
            text = self._text(annotation.document_id)
            quote = TextQuote(annotation.quote, annotation.prefix, annotation.suffix)
            placement = _place(text, quote, annotation.start, annotation.end)
            restored = placed(annotation, text, placement)
            keep_id = annotation.id > 0 and self._store.id_is_free(annotation.id)
            return self._store.insert(restored, keep_id=keep_id)

    def reattach(self, annotation_id: int, start: int, end: int) -> Annotation:
        with self._db.transaction():
            current = self.annotation(annotation_id)
            text = self._text(current.document_id)
            check_span(text, start, end)
            moved = placed(current, text, Placement(start, end, exact=True))
            moved = dataclasses.replace(moved, modified=utc_now())
            self._store.save(moved)
        return moved

    # -- export and import -----------------------------------------------------------------

    def export(
        self,
        format: str,
        document_id: int | None = None,
        only: Collection[int] | None = None,
    ) -> str:
        if format not in EXPORT_FORMATS:
            raise ValueError(
                f"Unknown export format {format!r}: use one of {', '.join(EXPORT_FORMATS)}."
            )
        annotations = self.annotations(document_id)
        # Those of removed documents are kept, so they are exported too: never lost.
        removed = self._store.of_removed_documents() if document_id is None else []
        if only is not None:
            wanted = set(only)
            annotations = [annotation for annotation in annotations if annotation.id in wanted]
            removed = [annotation for annotation in removed if annotation.id in wanted]
        if format == "jsonld":
            return export_jsonld(annotations, removed)
        summaries = self._documents.summaries()
        if removed:
            summaries += self._documents.removed_summaries()
        documents = {summary.id: summary for summary in summaries}
        if format == "csv":
            return export_csv(annotations + removed, documents)
        return export_markdown(annotations, documents, removed=removed)

    def import_jsonld(self, text: str) -> AnnotationImportReport:
        report = AnnotationImportReport()
        incoming = read_annotations(text)
        wanted = [item.document_id for item in incoming if isinstance(item, IncomingAnnotation)]
        with self._db.transaction():
            # Read under the write lock (BEGIN IMMEDIATE): a document import cannot change
            # these texts between this read and the writes anchored against them.
            texts = self._documents.texts(sorted(set(wanted)))
            for item in incoming:
                if isinstance(item, ImportFailure):
                    report.failed.append(item)
                else:
                    self._import_one(item, texts.get(item.document_id), report)
        return report

    def _import_one(
        self, item: IncomingAnnotation, text: str | None, report: AnnotationImportReport
    ) -> None:
        if text is None:
            reason = f"document {item.document_id} is not in this archive"
            report.failed.append(ImportFailure(item.position, item.raw_id, reason))
            return
        placement = _place(text, item.quote, item.start, item.end)
        quote = item.quote
        if quote is None:
            if placement is None:
                reason = (
                    f"it has no quote, and its position {item.start}-{item.end} is outside "
                    f"document {item.document_id}'s text"
                )
                report.failed.append(ImportFailure(item.position, item.raw_id, reason))
                return
            quote = quote_at(text, placement.start, placement.end)
        existing = self._store.by_uuid(item.uuid)
        if existing is not None and existing.document_id != item.document_id:
            # An annotation belongs to its document: moving it would silently take a note
            # off the passage it was written about.
            reason = (
                f"its id belongs to an annotation on document {existing.document_id}, "
                f"not document {item.document_id}"
            )
            report.failed.append(ImportFailure(item.position, item.raw_id, reason))
            return
        now = utc_now()
        read = Annotation(
            id=existing.id if existing else 0,
            uuid=item.uuid,
            document_id=item.document_id,
            quote=quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            start=item.start,
            end=item.end,
            orphaned=False,
            color=item.color,
            note=item.note,
            tags=item.tags,
            created=item.created or (existing.created if existing else now),
            modified=item.modified or now,
        )
        result = placed(read, text, placement)
        if existing is None:
            result = self._store.insert(result)
            report.added.append(result)
        elif result == existing:
            report.unchanged.append(result)
            return
        else:
            self._store.save(result)
            report.updated.append(result)
        if result.orphaned:
            report.orphaned.append(result)

    # -- helpers ---------------------------------------------------------------------------

    def _text(self, document_id: int) -> str:
        text = self._documents.texts([document_id]).get(document_id)
        if text is None:
            raise DocumentNotFoundError(document_id)
        return text


def _place(
    text: str, quote: TextQuote | None, start: int | None, end: int | None
) -> Placement | None:
    """The position selector if it holds the quote (or there is no quote), else anchor."""
    if start is not None and end is not None:
        holds_quote = quote is None or text[start:end] == quote.exact
        if 0 <= start < end <= len(text) and holds_quote:
            return Placement(start, end, exact=True)
    if quote is None:
        return None
    return anchor(text, quote, start)
