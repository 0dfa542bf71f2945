"""``Archive``: the one way into an archive, for the command line and the window alike."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from archive.annotations import (
    DEFAULT_COLOR,
    Annotation,
    AnnotationImportReport,
    AnnotationService,
    AnnotationStore,
)
from archive.backups import Backup, backup_is_due, make_backup
from archive.compare_sides import Side, source_counts
from archive.comparison import DEFAULT_LIMIT, Comparison, compare_sides
from archive.data_dir import DataDirClaim, claim_data_dir, ensure_data_dir
from archive.errors import DocumentNotFoundError
from archive.importer import (
    CancelCheck,
    Importer,
    ProgressCallback,
    choose_parser,
    find_files,
)
from archive.index_keeper import IndexKeeper, IndexState, RebuildProgress
from archive.index_process import IndexProcessError
from archive.ingest.pool import DocumentParser
from archive.keyness import DEFAULT_MIN_COUNT
from archive.kwic import (
    CONTEXT_CHARS,
    Cancelled,
    KwicLine,
    KwicSample,
    KwicSort,
    check_cancelled,
    concordance,
    newest_lines,
)
from archive.mentions import Entity, EntityCount, EntityKind, MentionStore
from archive.mentions.store import RefreshProgress
from archive.models import (
    Document,
    DocumentSummary,
    ImportResult,
    PublicationDate,
    ReextractResult,
    SearchResults,
)
from archive.passages import SimilarPassages, asked_passage, find_similar_passages
from archive.paths import display_path
from archive.reextract import Reextractor
from archive.removal import EmptiedTrash, RemovalResult, Trash
from archive.restore import RestoreResult, StepCallback, restore_database
from archive.sample import SAMPLE_FOLDER, copy_sample_archive
from archive.saved_searches import SavedSearch, SavedSearches
from archive.search.errors import IndexBusyError
from archive.search.occurrences import HitWords
from archive.search.schema import NO_YEAR
from archive.storage import Database, DatabaseError, DocumentStore, ReadOnlyArchiveError
from archive.storage import database as database_module
from archive.storage.documents import Overrides
from archive.trends import Trend, trend_of
from archive.writer_lock import ArchiveBusyError, WritersLock

log = logging.getLogger("archive")

DATABASE_NAME = "archive.sqlite3"
INDEX_FOLDER = "index"
SAMPLE_IMPORTED_KEY = "sample_imported"


@dataclass(frozen=True)
class YearCount:
    """How many documents one year holds; ``year`` is ``None`` for the undated ones."""

    year: int | None
    documents: int


@dataclass(frozen=True)
class TitleEntry:
    """A document's title and year, for a filter over titles."""

    id: int
    year: int | None
    title: str


def restore_archive(
    data_dir: Path, backup: Path, *, on_step: StepCallback | None = None
) -> RestoreResult:
    """Replace the archive database of ``data_dir`` with a copy of ``backup``.

    The current database is kept aside (``archive.sqlite3.damaged-…`` or ``.replaced-…``),
    never deleted, and the search index is removed so that the next open rebuilds it. It
    takes the writers' lock alone, so it is refused while any ``Archive`` is open on
    ``data_dir``, in this process or another (an import, a window…). Each step is journalled:
    a restore killed half-way is completed or rolled back when the archive is next opened.

    Args:
        data_dir: The data directory.
        backup: The backup to install.
        on_step: Told the name of each step once it is done (see ``restore_database``).

    Raises:
        ArchiveBusyError: The archive is open elsewhere; nothing was changed.
        BackupError: ``backup`` is not a sound archive database; nothing was changed.
        DatabaseError: The data directory cannot be written (or is a file).
    """
    ensure_data_dir(data_dir)
    lock = WritersLock(data_dir)
    try:
        alone = lock.acquire_exclusive()
    except OSError as error:
        raise ReadOnlyArchiveError(data_dir) from error
    if not alone:
        raise ArchiveBusyError(data_dir)
    try:
        return restore_database(
            backup, data_dir / DATABASE_NAME, data_dir / INDEX_FOLDER, on_step=on_step
        )
    finally:
        lock.release()


class Archive:
    """An archive opened on a data directory: import, list, read, search, annotate, reindex.

    SQLite is the source of truth; the Whoosh index is derived from it. Every document change
    queues the document for indexing in the same transaction, and ``sync_index`` drains that
    queue, so a crash between the two never leaves the index silently out of step.

    Annotations live in SQLite next to the documents. When a document's text changes they
    are re-anchored in the same transaction; one whose passage is gone is kept, orphaned.

    While open it shares the data directory's writers' lock with the other open archives,
    so a restore cannot move the database aside under it. Where this process cannot write
    the data directory, it is opened read-only: reading and searching work, and every change
    raises ``ReadOnlyArchiveError``.

    Not thread-safe: use an ``Archive`` from one thread at a time.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        maintain_index: bool = True,
        check_integrity: bool = False,
        busy_timeout: float | None = None,
        index_in_child_process: bool = False,
    ) -> None:
        """Open (or create) the archive in ``data_dir``.

        Args:
            data_dir: The data directory.
            maintain_index: Bring the index in step with SQLite now, rebuilding it if it is
                missing, damaged or drifted (synchronously), and later whenever a search
                finds it so. The window passes False everywhere and rebuilds in the
                background (:meth:`bring_index_in_step`); searches then raise
                ``IndexRebuildingError`` or ``IndexUnavailableError`` meanwhile.
            check_integrity: Run SQLite's ``PRAGMA quick_check`` first (about 0.05 s for a
                100 MB archive in the disk cache, 1-2 s from a cold disk).
            busy_timeout: Seconds a write waits for another program's write, and opening
                waits for a restore under way (default
                ``archive.storage.database.BUSY_TIMEOUT_S``).
            index_in_child_process: Index large batches of changes, and rebuild a large
                index, in a child process, whose commits do not hold this process's GIL
                (``archive.index_process``). The window's worker threads pass True; the
                command line leaves it False, sparing the child's start-up.

        Raises:
            DatabaseError: The database cannot be used; ``DatabaseCorruptError`` when it is
                damaged (``archive.backups.latest_backup`` names the backup to offer),
                ``RestoreRunningError`` when another program is restoring it, and a plain
                message when the data directory is a file.
        """
        self.data_dir = data_dir
        wait = database_module.BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
        database = data_dir / DATABASE_NAME
        self._claim: DataDirClaim = claim_data_dir(database, data_dir / INDEX_FOLDER, wait=wait)
        try:
            self._db = Database(database, busy_timeout=busy_timeout, read_only=self.read_only)
            if check_integrity:
                try:
                    self._db.ensure_sound()
                except DatabaseError:
                    self._db.close()
                    raise
        except BaseException:
            self._claim.release()
            raise
        annotation_store = AnnotationStore(self._db)
        self._mentions = MentionStore(self._db)
        self._store = DocumentStore(
            self._db,
            on_text_changed=annotation_store.reanchor_document,
            on_extraction_stored=self._mentions.record_extraction,
        )
        self._annotations = AnnotationService(self._db, self._store, annotation_store)
        self._trash = Trash(self._db, self._store)
        self._index = IndexKeeper(
            data_dir / INDEX_FOLDER,
            self._db,
            self._store,
            rebuild_when_needed=maintain_index,
            read_only=self.read_only,
            index_in_child_process=index_in_child_process,
        )
        if maintain_index and not self.read_only:
            self._check_index()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._index.close()
        self._db.close()
        self._claim.release()

    @property
    def read_only(self) -> bool:
        """Whether this process cannot write the data directory: reads only."""
        return self._claim.read_only

    # -- import ----------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (recursively); one result per file, in order.

        Files that cannot be imported are reported with a reason; they never stop the rest.
        What was imported is committed before it is indexed: when another process holds the
        search index, it stays queued (a warning says so) and the results are still returned.

        Raises:
            ReadOnlyArchiveError: The data directory cannot be written; nothing was read.
        """
        self._refuse_if_read_only()
        found = find_files(paths)
        results = list(found.reported)
        importer = Importer(self._db, self._store, parser_for=_parser_for)
        results += importer.run(found.files, progress, cancelled)
        self._index_changes(progress)
        return results

    def reextract(
        self,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[ReextractResult]:
        """Read every document's original bytes again with the current importer.

        Each document is updated in place where the importer now makes something else of
        it (title, date, source, text, format, language, address, evidence): same id,
        bytes and path. The user's corrections are kept and still win; annotations are
        re-anchored to the new text in the same transaction. A document that cannot be
        read any more is left as it was and reported ``failed`` with the reason. Then the
        index is brought up to date.

        Args:
            progress: Told each document's ``ImportProgress`` (phase ``"re-reading"``),
                then the indexing's.
            cancelled: Checked between documents; when it turns true, the documents done
                so far are kept and the rest left as they were.

        Returns:
            One result per document read, by id.
        """
        self._refuse_if_read_only()
        reextractor = Reextractor(self._db, self._store, parser_for=_parser_for)
        results = reextractor.run(progress, cancelled)
        self._index_changes(progress)
        return results

    def import_sample_if_empty(self) -> list[ImportResult]:
        """On an archive's first start, import the bundled sample archive.

        Done once per data directory: a user who later removes the samples does not get them
        back. Used by the window and ``make run``, never by the command-line commands.
        """
        if self._store.meta(SAMPLE_IMPORTED_KEY) is not None or self._store.count() > 0:
            return []
        results = self.import_paths([copy_sample_archive(self.data_dir)])
        with self._db.transaction():
            self._store.set_meta(SAMPLE_IMPORTED_KEY, "1")
        return results

    def sample_document_ids(self) -> list[int]:
        """The bundled sample documents still in the archive, in list order.

        They are the files imported from the copy of the sample in the data directory.
        """
        folder = display_path(Path(os.path.realpath(self.data_dir / SAMPLE_FOLDER)))
        inside = folder.rstrip(os.sep) + os.sep
        return self._store.ids_under(inside)

    # -- reading ---------------------------------------------------------------------------

    def document_count(self) -> int:
        return self._store.count()

    def years(self) -> list[YearCount]:
        """Years with documents, newest first, then the undated bucket if any."""
        return [YearCount(year, count) for year, count in self._store.year_counts()]

    def list_documents(
        self, year: int | None = None, *, undated: bool = False
    ) -> list[DocumentSummary]:
        """Documents newest first; all of them, one year's, or the undated ones."""
        return self._store.summaries(year, undated=undated)

    def document_titles(self) -> list[TitleEntry]:
        """Every document's id, year and title, in no particular order."""
        return [TitleEntry(*row) for row in self._store.titles()]

    def date_evidence(self, document_ids: Sequence[int]) -> dict[int, str]:
        """Where each document's date was read ("dateline"...), for those that say."""
        return self._store.date_evidence(document_ids)

    def summaries_of(self, document_ids: Sequence[int]) -> list[DocumentSummary]:
        """The listed fields of these documents (those in the archive), in the order given."""
        return self._store.summaries_of(document_ids)

    def document(self, document_id: int) -> Document:
        found = self._store.document(document_id)
        if found is None:
            raise DocumentNotFoundError(document_id)
        return found

    def original_bytes(self, document_id: int) -> bytes:
        """The file exactly as imported, so a wrong encoding guess can be corrected."""
        raw = self._store.raw_bytes(document_id)
        if raw is None:
            raise DocumentNotFoundError(document_id)
        return raw

    # -- corrections -----------------------------------------------------------------------

    def correct_metadata(
        self,
        document_id: int,
        *,
        title: str | None = None,
        source: str | None = None,
        date: PublicationDate | None = None,
        clear_date: bool = False,
    ) -> Document:
        """Store the user's corrections; they survive re-import and reach the index."""
        self.document(document_id)
        with self._db.transaction():
            self._store.set_overrides(
                document_id, Overrides(title=title, source=source, date=date, clear_date=clear_date)
            )
        self._index_changes()
        return self.document(document_id)

    def correct_many(
        self,
        document_ids: Sequence[int],
        *,
        source: str | None = None,
        date: PublicationDate | None = None,
        clear_date: bool = False,
    ) -> list[Document]:
        """Store the same correction for several documents, in one transaction.

        Each gets it as its own override, exactly as :meth:`correct_metadata` stores one;
        ids that are not in the archive (removed meanwhile) are left out.

        Returns:
            The documents corrected, as they are now, in the order given.
        """
        self._refuse_if_read_only()
        overrides = Overrides(source=source, date=date, clear_date=clear_date)
        with self._db.transaction():
            present = self._store.present_ids(document_ids)
            for document_id in document_ids:
                if document_id in present:
                    self._store.set_overrides(document_id, overrides)
        self._index_changes()
        return [self.document(i) for i in document_ids if i in present]

    def corrections_of(self, document_ids: Sequence[int]) -> dict[int, Overrides]:
        """The user's corrections of these documents (those with none are left out)."""
        return self._store.overrides(document_ids)

    def put_back_corrections(
        self, document_ids: Sequence[int], corrections: Mapping[int, Overrides]
    ) -> list[Document]:
        """Make these documents' corrections exactly ``corrections`` again (an undo).

        A document missing from ``corrections`` gets none: it shows what was imported.

        Returns:
            The documents found, as they are now, in the order given.
        """
        self._refuse_if_read_only()
        with self._db.transaction():
            present = self._store.present_ids(document_ids)
            for document_id in document_ids:
                if document_id in present:
                    self._store.clear_overrides(document_id)
                    if document_id in corrections:
                        self._store.set_overrides(document_id, corrections[document_id])
        self._index_changes()
        return [self.document(i) for i in document_ids if i in present]

    def revert_many(self, document_ids: Sequence[int]) -> list[Document]:
        """Forget the user's corrections to several documents; the ones found, in order."""
        self._refuse_if_read_only()
        with self._db.transaction():
            present = self._store.present_ids(document_ids)
            for document_id in document_ids:
                if document_id in present:
                    self._store.clear_overrides(document_id)
        self._index_changes()
        return [self.document(i) for i in document_ids if i in present]

    def revert_metadata(self, document_id: int) -> Document:
        """Forget the user's corrections to one document."""
        self.document(document_id)
        with self._db.transaction():
            self._store.clear_overrides(document_id)
        self._index_changes()
        return self.document(document_id)

    # -- removal ---------------------------------------------------------------------------

    def remove_documents(self, ids: Sequence[int]) -> list[RemovalResult]:
        """Move documents to the trash: gone from lists, counts and search, nothing lost.

        Their annotations are kept (not listed, still exported) and come back with them
        (:meth:`restore_documents`, or importing the same file again).

        Returns:
            One result per id, in order: ``removed`` with its number of annotations, or
            ``not found`` (no such document, or already removed).

        Raises:
            ReadOnlyArchiveError: The data directory cannot be written.
        """
        self._refuse_if_read_only()
        results = self._trash.remove(ids)
        self._index_changes()
        return results

    def restore_documents(self, ids: Sequence[int]) -> list[RemovalResult]:
        """Bring removed documents back, with their annotations and index entries.

        Returns:
            One result per id, in order: ``restored``, or ``not found`` (not removed).
        """
        self._refuse_if_read_only()
        results = self._trash.restore(ids)
        self._index_changes()
        return results

    def removed_documents(self) -> list[DocumentSummary]:
        """The documents in the trash, in list order."""
        return self._trash.contents()

    def annotation_counts(self, ids: Sequence[int]) -> dict[int, int]:
        """How many annotations each document has (to say so before removing it)."""
        counts = self._trash.annotation_counts(ids)
        return {i: counts.get(i, 0) for i in ids}

    def empty_trash(self) -> EmptiedTrash:
        """Delete the removed documents and their annotations for good."""
        self._refuse_if_read_only()
        emptied = self._trash.empty()
        self._index_changes()
        return emptied

    # -- search ----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        year: int | None = None,
        limit: int = 20,
        sort: Literal["relevance", "date"] = "relevance",
        offset: int = 0,
        undated: bool = False,
        within: Collection[int] | None = None,
    ) -> SearchResults:
        """Ranked hits with snippets, matches per year, and a suggestion when none match.

        ``note_hits`` lists the annotations (of ``year``, if given) whose note, quote or
        tags match, up to ``limit``; they are not counted in ``total`` or ``years``.
        ``offset`` skips that many hits (a later page: its ``note_hits`` are empty, the
        first page had them); ``undated`` lists only the undated documents' hits, and
        ``total`` counts those. ``within`` restricts the search to these document ids
        (those mentioning a country, say): hits, ``total`` and ``years`` count only them,
        and the notes of other documents are left out.

        Raises:
            QueryError: the query is malformed; its message says how.
            IndexRebuildingError: the index is being rebuilt (here or in another process).
            IndexUnavailableError: the index is missing or damaged, and this archive was
                opened with ``maintain_index=False``: someone must rebuild it.
        """
        results = self._index.read(
            lambda index: index.search(
                query,
                year=year,
                limit=limit,
                sort=sort,
                text_of=self._store.texts,
                offset=offset,
                undated=undated,
                within=within,
            )
        )
        inferred = self._store.inferred_dates([hit.id for hit in results.hits])
        hits = [
            dataclasses.replace(hit, date_inferred=True, date_evidence=inferred[hit.id])
            if hit.id in inferred
            else hit
            for hit in results.hits
        ]
        note_hits = []
        if offset == 0 and not undated:
            note_hits = self._annotations.note_hits(query, year=year, limit=limit)
            if within is not None:
                note_hits = [hit for hit in note_hits if hit.document_id in within]
        return dataclasses.replace(results, hits=hits, note_hits=note_hits)

    def hit_spans(self, query: str, text: str) -> list[tuple[int, int]]:
        """Offsets in ``text`` of the words ``query`` searches for, under the same folding.

        While the index is rebuilt, the old one answers (the words are the same).

        Raises:
            QueryError: the query is malformed.
            IndexUnavailableError: there is no index to ask.
        """
        return self._index.read(lambda index: index.hit_spans(query, text), during_rebuild=True)

    # -- annotations -----------------------------------------------------------------------

    def add_annotation(
        self,
        document_id: int,
        start: int,
        end: int,
        *,
        color: str = DEFAULT_COLOR,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Annotation:
        """Annotate ``text[start:end]`` of a document's plain text (``Document.text``).

        The quote and 32 characters of context each side are taken from the text.

        Raises:
            DocumentNotFoundError: No such document.
            ValueError: The range selects nothing of the text, or the colour is not one of
                ``archive.annotations.COLORS``; the message says which.
        """
        return self._annotations.add(document_id, start, end, color=color, note=note, tags=tags)

    def update_annotation(
        self,
        annotation_id: int,
        *,
        note: str | None = None,
        color: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Annotation:
        """Change an annotation's note, colour or tags (``None`` keeps a field as it is).

        Raises:
            AnnotationNotFoundError: No such annotation.
            ValueError: The colour is not one of ``archive.annotations.COLORS``.
        """
        return self._annotations.update(annotation_id, note=note, color=color, tags=tags)

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Delete an annotation at the user's request; returns it, for an undo.

        Raises:
            AnnotationNotFoundError: No such annotation.
        """
        return self._annotations.delete(annotation_id)

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put a deleted annotation back (undo), with its uuid and, if free, its id.

        It is anchored again in case the text changed meanwhile.

        Raises:
            DocumentNotFoundError: Its document is gone.
            ValueError: It is not deleted (its uuid is in the archive).
        """
        return self._annotations.restore(annotation)

    def annotations(
        self, document_id: int | None = None, *, include_orphaned: bool = True
    ) -> list[Annotation]:
        """One document's annotations, or all: in document order (by start), orphans last.

        All of them come by document as listed (newest first), each document's in order.

        Raises:
            DocumentNotFoundError: No such document.
        """
        return self._annotations.annotations(document_id, include_orphaned=include_orphaned)

    def annotation(self, annotation_id: int) -> Annotation:
        """One annotation by id.

        Raises:
            AnnotationNotFoundError: No such annotation.
        """
        return self._annotations.annotation(annotation_id)

    def reattach_annotation(self, annotation_id: int, start: int, end: int) -> Annotation:
        """Attach an annotation (typically an orphan) to ``text[start:end]`` of its document.

        Raises:
            AnnotationNotFoundError: No such annotation.
            ValueError: The range selects nothing of the text.
        """
        return self._annotations.reattach(annotation_id, start, end)

    def suggest_reattachment(self, annotation_id: int) -> tuple[int, int] | None:
        """Where an orphaned annotation's passage most likely is now: ``(start, end)``.

        The best candidate in its document's current text, even one not good enough to
        re-attach it automatically; the reader confirms it (``reattach_annotation``).
        Only reads: works on a read-only archive.

        Returns:
            Offsets in the document's plain text, or ``None`` when no likely place is
            found or the annotation is not orphaned.

        Raises:
            AnnotationNotFoundError: No such annotation.
        """
        place = self._annotations.suggested_place(annotation_id)
        return None if place is None else (place.start, place.end)

    def export_annotations(
        self, format: str, document_id: int | None = None, *, only: Collection[int] | None = None
    ) -> str:
        """All annotations, or one document's, as ``"markdown"``, ``"jsonld"`` or ``"csv"``.

        ``only`` keeps just the annotations with these ids (those a window shows), in the
        same order and shape as a whole export.

        Raises:
            DocumentNotFoundError: No such document.
            ValueError: Unknown format.
        """
        return self._annotations.export(format, document_id, only)

    def import_annotations(self, text: str) -> AnnotationImportReport:
        """Add or update (by id) the annotations of a W3C Web Annotation JSON-LD file.

        Each is placed by its position selector when the text there is its quote, else
        anchored by its quote; one that cannot be placed is added orphaned. One that
        cannot be used (an unknown document, no selector) is reported in ``failed``.

        Raises:
            AnnotationFormatError: The text is not JSON, or holds no annotations.
        """
        return self._annotations.import_jsonld(text)

    # -- changes made elsewhere ------------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes when another connection or program commits to the archive.

        This ``Archive``'s own changes leave it as it is: comparing it from one call to the
        next tells changes made elsewhere from one's own (``reader.live_archive``).
        """
        return self._db.data_version()

    # -- backups ---------------------------------------------------------------------------

    def backup_now(self) -> Backup:
        """Copy the database into ``<data dir>/backups`` now, checked; the newest 5 are kept.

        Raises:
            DatabaseError: The copy could not be written or failed its check.
        """
        return make_backup(self._db.connection, self.data_dir)

    def backup_if_due(self) -> Backup | None:
        """Back up when the newest backup is more than a day old (or there is none).

        An empty archive is not backed up: there is nothing to lose yet.
        """
        if self._store.count() == 0 or not backup_is_due(self.data_dir):
            return None
        return self.backup_now()

    # -- the index -------------------------------------------------------------------------

    def sync_index(self, progress: ProgressCallback | None = None) -> int:
        """Bring the index up to date with the queued document changes; returns how many.

        While the index is rebuilt the changes stay queued; the rebuild indexes them.
        """
        return self._index.sync(progress)

    def index_state(self) -> IndexState:
        """Whether the search index can answer: ok, missing, damaged, stale or rebuilding."""
        return self._index.state()

    def bring_index_in_step(self, progress: RebuildProgress | None = None) -> bool:
        """Index the queued changes, and rebuild the index if it is wrong; True if rebuilt.

        Args:
            progress: Told ``(documents indexed, documents in all)`` during a rebuild.
        """
        return self._index.bring_in_step(progress)

    def rebuild_index(self, progress: RebuildProgress | None = None) -> int:
        """Rebuild the index from SQLite aside, then switch to it; returns its size.

        Searches meanwhile (from other ``Archive`` objects or processes) raise
        ``IndexRebuildingError``; a rebuild killed half-way leaves the old index.

        Args:
            progress: Told ``(documents indexed, documents in all)`` as it goes.

        Raises:
            IndexRebuildingError: Another rebuild is running.
        """
        return self._index.rebuild(progress)

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the whole index from SQLite; returns the number of documents indexed."""

        def count_only(done: int, _total: int) -> None:
            if progress is not None:
                progress(done)

        return self.rebuild_index(count_only if progress is not None else None)

    def _check_index(self) -> None:
        """Rebuild when the index is missing, damaged or has drifted from SQLite."""
        self._index.bring_in_step()

    def _index_changes(self, progress: ProgressCallback | None = None) -> None:
        """Index what was just committed, or leave it queued when the index is busy.

        Or when the indexing process (``index_in_child_process``) was killed meanwhile.
        The change is saved either way: reporting it as failed would be false (and a retry
        would find it "unchanged"). Opening the archive next drains the queue.
        """
        try:
            self.sync_index(progress)
        except IndexBusyError:
            log.warning(
                "The search index is busy in another process; the changes are saved and "
                "will be indexed the next time the archive is opened."
            )
        except IndexProcessError as error:  # the indexing child was killed
            log.warning("%s", error)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnlyArchiveError(self.data_dir)

    # -- passages ---------------------------------------------------------------------------

    def similar_passages(
        self,
        document_id: int,
        *,
        paragraph: int | None = None,
        offset: int | None = None,
        selection: tuple[int, int] | None = None,
        limit: int = 10,
    ) -> SimilarPassages:
        """Where else a passage of a document appears: other documents' paragraphs, best first.

        The passage is a paragraph by number (from 1, every block of the text counted), the
        paragraph at a character offset of the plain text, or a selection (``(start, end)``;
        one of fewer than ``MIN_WORDS`` words stands for its paragraph); with none of them,
        the document's first paragraph long enough to look for. See :mod:`archive.passages`.

        Raises:
            DocumentNotFoundError: No such document.
            PassageError: No such paragraph or offset, or the passage is too short.
            IndexRebuildingError: The index is being rebuilt.
            IndexUnavailableError: The index is missing or damaged (``maintain_index=False``).
        """
        document = self.document(document_id)
        asked = asked_passage(
            document_id, document.text, paragraph=paragraph, offset=offset, selection=selection
        )
        return self._index.read(
            lambda index: find_similar_passages(
                asked,
                document.text,
                index.snapshot(),
                texts_of=self._store.texts,
                summaries_of=self._store.summaries_of,
                limit=limit,
            )
        )

    # -- trends ----------------------------------------------------------------------------

    def trend(self, queries: Sequence[str]) -> Trend:
        """Documents matching each of 1 to 5 queries per year, and every year's documents.

        Each query's years and undated matches add up to its search's ``total``.

        Raises:
            QueryError: No query, more than five, or a malformed one (named).
            IndexRebuildingError, IndexUnavailableError: as for :meth:`search`.
        """
        documents = {year.year: year.documents for year in self.years()}
        return trend_of(queries, self._matches_per_year, documents)

    def _matches_per_year(self, query: str) -> dict[int, int]:
        return self._index.read(lambda index: index.matches_per_year(query))

    def kwic(
        self,
        query: str,
        *,
        year: int | None = None,
        undated: bool = False,
        sort: KwicSort = "date",
        width: int = CONTEXT_CHARS,
        cancelled: Cancelled | None = None,
    ) -> list[KwicLine]:
        """Every occurrence of a query in the text of the documents it matches, one line each.

        Args:
            query: The query, in the search's language; a phrase's hit is the phrase.
            year: Only this year's documents.
            undated: Only the undated documents (``year`` is then ignored).
            sort: ``"date"`` (newest first), ``"left"`` or ``"right"`` (by the words
                before or after the hit).
            width: The most characters of context each side.
            cancelled: Asked before each document; when it says so, the search stops.

        Raises:
            QueryError: The query is malformed.
            KwicCancelledError: ``cancelled`` said so.
            IndexRebuildingError, IndexUnavailableError: as for :meth:`search`.
        """
        check_cancelled(cancelled)
        ids, hit_words = self._matching_documents(query, year, undated=undated)
        return concordance(
            ids,
            hit_words,
            texts_of=self._store.texts,
            summaries_of=self._store.summaries_of,
            sort=sort,
            width=width,
            cancelled=cancelled,
        )

    def kwic_newest(
        self,
        query: str,
        *,
        limit: int,
        year: int | None = None,
        undated: bool = False,
        width: int = CONTEXT_CHARS,
        cancelled: Cancelled | None = None,
    ) -> KwicSample:
        """The newest ``limit`` lines of :meth:`kwic`, with the count of every occurrence.

        For a window: a common word's every line is more than a table can show usefully.
        The arguments are those of :meth:`kwic`.

        Raises:
            As :meth:`kwic`.
        """
        check_cancelled(cancelled)
        ids, hit_words = self._matching_documents(query, year, undated=undated)
        return newest_lines(
            ids,
            hit_words,
            texts_of=self._store.texts,
            summaries_of=self._store.summaries_of,
            limit=limit,
            width=width,
            cancelled=cancelled,
        )

    def _matching_documents(
        self, query: str, year: int | None, *, undated: bool
    ) -> tuple[list[int], HitWords]:
        """The documents a query matches (of a year, or the undated), and what it looks for."""
        only = NO_YEAR if undated else year
        return self._index.read(lambda index: index.matching_documents(query, year=only))

    # -- facets ----------------------------------------------------------------------------
    # The countries and organisations documents mention (archive/mentions/), and saved
    # searches with their new matches (archive/saved_searches.py).

    def facet_counts(
        self, kind: EntityKind | None = None, year: int | None = None
    ) -> list[EntityCount]:
        """Entities mentioned, with how many documents mention each, in all and per year.

        Most documents first. With ``year``, only the entities mentioned that year, each
        counting that year's documents. Removed documents are not counted; a corrected
        date counts in the corrected year.
        """
        return self._mentions.counts(kind, year)

    def documents_mentioning(self, kind: EntityKind, key: str) -> dict[int, int | None]:
        """The documents that mention an entity: ``{id: year}`` (``None``: undated)."""
        return self._mentions.documents_mentioning(kind, key)

    def mentions_of(self, document_ids: Sequence[int]) -> dict[int, list[Entity]]:
        """What each of these documents mentions (those mentioning nothing left out)."""
        return self._mentions.mentioned_by(document_ids)

    def mentions_outdated(self) -> int:
        """How many documents were not read for mentions with the current lists."""
        return len(self._mentions.outdated_ids())

    def update_mentions(
        self,
        progress: RefreshProgress | None = None,
        cancelled: CancelCheck | None = None,
        *,
        limit: int | None = None,
    ) -> int:
        """Read for mentions the documents read with older lists (or none); how many.

        A batch of documents per transaction: cancelled or killed, the rest are read the
        next time. ``limit`` reads at most that many (the window reads a batch per task,
        so that an import asked for meanwhile does not wait for them all).

        Raises:
            ReadOnlyArchiveError: The data directory cannot be written.
        """
        outdated = self._mentions.outdated_ids()[:limit]
        if outdated:
            self._refuse_if_read_only()
        return self._mentions.refresh(outdated, progress, cancelled)

    # -- compare ---------------------------------------------------------------------------

    def compare(
        self, a: Side, b: Side, *, limit: int = DEFAULT_LIMIT, min_count: int = DEFAULT_MIN_COUNT
    ) -> Comparison:
        """The terms and two-word phrases most distinctive of each side, best first.

        See :mod:`archive.comparison`; a side is read with
        :func:`archive.compare_sides.parse_side` ("2016", "2010-2015", "source:AZERTAC",
        "search:Karabakh", "undated").

        Raises:
            ComparisonError: A side holds no documents, both are the same documents, or
                a source side names no source.
            QueryError: A search side's query is malformed.
            IndexRebuildingError: A search side meets the index being rebuilt.
        """
        return compare_sides(
            self._db.connection,
            a,
            b,
            matching_ids=self.matching_ids,
            limit=limit,
            min_count=min_count,
        )

    def matching_ids(self, query: str) -> list[int]:
        """The ids of every document a search query matches, ascending.

        Raises:
            QueryError: the query is malformed.
            IndexRebuildingError: the index is being rebuilt.
        """
        return self._index.read(lambda index: index.matching_ids(query)).tolist()

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search with its number of new matches, by name.

        Raises:
            IndexRebuildingError: the index is being rebuilt.
        """
        return self._saved_searches().all()

    def saved_search(self, name: str) -> SavedSearch:
        """One saved search with its new matches (not marked seen).

        Raises:
            SavedSearchError: There is none of that name.
        """
        return self._saved_searches().get(name)

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save a search under a name; what it matches now counts as seen.

        Raises:
            SavedSearchError: The name is empty or taken, or the query empty.
            QueryError: The query is malformed.
        """
        self._refuse_if_read_only()
        return self._saved_searches().add(name, query)

    def remove_saved_search(self, name: str) -> SavedSearch:
        """Forget a saved search; returns it as it was.

        Raises:
            SavedSearchError: There is none of that name.
        """
        self._refuse_if_read_only()
        return self._saved_searches().remove(name)

    def rename_saved_search(self, name: str, new_name: str) -> SavedSearch:
        """Rename a saved search.

        Raises:
            SavedSearchError: There is none of that name, or the new name is taken.
        """
        self._refuse_if_read_only()
        return self._saved_searches().rename(name, new_name)

    def mark_saved_search_seen(self, name: str) -> SavedSearch:
        """The reader looked at a saved search: its new matches are no longer new.

        Raises:
            SavedSearchError: There is none of that name.
        """
        self._refuse_if_read_only()
        return self._saved_searches().mark_seen(name)

    def _saved_searches(self) -> SavedSearches:
        return SavedSearches(self._db, self._matching_array)

    def _matching_array(self, query: str) -> npt.NDArray[np.int64]:
        return self._index.read(lambda index: index.matching_ids(query))

    def sources(self) -> list[tuple[str, int]]:
        """Every source, with its number of documents, the largest first."""
        return source_counts(self._db.connection)


def _parser_for(files_to_parse: int) -> DocumentParser:
    """The importer's parser: in worker processes for many files (``choose_parser``)."""
    return choose_parser(files_to_parse)
