"""``Archive``: the one way into an archive, for the command line and the window alike."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from archive.importer import CancelCheck, Importer, ProgressCallback, find_files
from archive.models import (
    Document,
    DocumentSummary,
    ImportProgress,
    ImportResult,
    PublicationDate,
    SearchResults,
)
from archive.sample import copy_sample_archive
from archive.search import IndexedDocument, SearchIndex
from archive.storage import Database, DocumentStore
from archive.storage.documents import DocumentRecord, Overrides

log = logging.getLogger("archive")

DATABASE_NAME = "archive.sqlite3"
INDEX_FOLDER = "index"
INDEX_SYNC_BATCH = 500
SAMPLE_IMPORTED_KEY = "sample_imported"


class DocumentNotFoundError(LookupError):
    """No document has the requested id."""

    def __init__(self, document_id: int) -> None:
        super().__init__(f"No document with id {document_id}.")
        self.document_id = document_id


@dataclass(frozen=True)
class YearCount:
    """How many documents one year holds; ``year`` is ``None`` for the undated ones."""

    year: int | None
    documents: int


class Archive:
    """An archive opened on a data directory: import, list, read, search, reindex.

    SQLite is the source of truth; the Whoosh index is derived from it. Every document change
    queues the document for indexing in the same transaction, and ``sync_index`` drains that
    queue, so a crash between the two never leaves the index silently out of step.

    Not thread-safe: use an ``Archive`` from one thread at a time.
    """

    def __init__(self, data_dir: Path, *, maintain_index: bool = True) -> None:
        """Open (or create) the archive in ``data_dir``.

        Args:
            data_dir: The data directory.
            maintain_index: Bring the index in step with SQLite now (rebuilding it if it is
                missing or drifted). A second ``Archive`` on the same directory in the same
                program (another thread's) passes False and leaves that to the first.
        """
        self.data_dir = data_dir
        self._db = Database(data_dir / DATABASE_NAME)
        self._store = DocumentStore(self._db)
        self._index = SearchIndex(data_dir / INDEX_FOLDER)
        if maintain_index:
            self._check_index()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._index.close()
        self._db.close()

    # -- import ----------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (recursively); one result per file, in order.

        Files that cannot be imported are reported with a reason; they never stop the rest.
        """
        found = find_files(paths)
        results = list(found.reported)
        results += Importer(self._db, self._store).run(found.files, progress, cancelled)
        self.sync_index(progress)
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
        self.sync_index()
        return self.document(document_id)

    def revert_metadata(self, document_id: int) -> Document:
        """Forget the user's corrections to one document."""
        self.document(document_id)
        with self._db.transaction():
            self._store.clear_overrides(document_id)
        self.sync_index()
        return self.document(document_id)

    # -- search ----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        year: int | None = None,
        limit: int = 20,
        sort: Literal["relevance", "date"] = "relevance",
    ) -> SearchResults:
        """Ranked hits with snippets, matches per year, and a suggestion when none match.

        Raises:
            QueryError: the query is malformed; its message says how.
        """
        return self._index.search(
            query, year=year, limit=limit, sort=sort, text_of=self._store.texts
        )

    def hit_spans(self, query: str, text: str) -> list[tuple[int, int]]:
        """Offsets in ``text`` of the words ``query`` searches for, under the same folding.

        Raises:
            QueryError: the query is malformed.
        """
        return self._index.hit_spans(query, text)

    # -- the index -------------------------------------------------------------------------

    def sync_index(self, progress: ProgressCallback | None = None) -> int:
        """Bring the index up to date with the queued document changes; returns how many."""
        queued = self._store.queued_ids()
        for start in range(0, len(queued), INDEX_SYNC_BATCH):
            batch = queued[start : start + INDEX_SYNC_BATCH]
            records = list(self._store.records(batch))
            present = {record.id for record in records}
            self._index.update(_indexed(record) for record in records)
            gone = [document_id for document_id in batch if document_id not in present]
            if gone:
                self._index.delete(gone)
            with self._db.transaction():
                self._store.dequeue(batch)
            if progress:
                done = min(start + INDEX_SYNC_BATCH, len(queued))
                progress(ImportProgress(done, len(queued), "", phase="indexing"))
        return len(queued)

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the whole index from SQLite; returns the number of documents indexed."""
        with self._db.transaction():
            self._store.queue_everything()
        total = self._store.count()
        self._index.replace_all((_indexed(r) for r in self._store.records()), progress)
        with self._db.transaction():
            self._store.dequeue(self._store.queued_ids())
        return total

    def _check_index(self) -> None:
        """Rebuild when the index is missing or has drifted from SQLite."""
        self.sync_index()
        if self._index.doc_count() != self._store.count():
            log.warning(
                "The search index has %d documents but the archive has %d: rebuilding it",
                self._index.doc_count(),
                self._store.count(),
            )
            self.reindex()


def _indexed(record: DocumentRecord) -> IndexedDocument:
    return IndexedDocument(
        id=record.id,
        title=record.title,
        text=record.text,
        year=record.year,
        date=record.date,
        source=record.source,
    )
