"""``ArchiveService``: the window's access to the archive, each kind of work on its own thread.

- quick reads for the navigator (years, a year's documents) run on the GUI thread, on an
  ``Archive`` of their own: they are single indexed SQLite queries;
- writes (import, reindex, metadata corrections) run one after another on the *write*
  thread, whose ``Archive`` also keeps the index in step: at start it checks the index and,
  if it is missing, damaged or out of step, rebuilds it there in the background (searches
  meanwhile fail with ``IndexUnavailableError``, which the search panel explains);
- searches run on the *search* thread and documents are fetched and rendered on the
  *render* thread, so a long import never delays them; comparisons and keywords in context,
  which read thousands of documents, run on a *study* thread of their own.

Each thread opens its own ``Archive`` (its own SQLite connection and Whoosh searcher) on
first use; SQLite's WAL lets readers go on while the writer commits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from archive.api import Archive, TitleEntry, YearCount
from archive.index_keeper import IndexState
from archive.models import DocumentSummary
from archive.search.errors import IndexRebuildingError
from reader.tasks import pending_tasks, run_task, serial_pool

log = logging.getLogger("reader.archive")

T = TypeVar("T")

INDEX_RECHECK_MS = 2000  # while another program rebuilds the search index


class ArchiveService(QObject):
    """Runs archive operations on the right thread and reports back on the GUI thread.

    Signals:
        documents_changed(): documents were imported, changed or re-indexed.
        index_rebuild_progressed(int, int): documents indexed so far, and in all, while
            the search index is rebuilt.
        index_rebuilt(int): the search index was rebuilt with this many documents.
        index_ready(): the search index was checked (and rebuilt if need be): searches work.
        index_rebuild_failed(str): the search index could not be rebuilt; why, for the user.
    """

    documents_changed = Signal()
    index_rebuild_progressed = Signal(int, int)
    index_rebuilt = Signal(int)
    index_ready = Signal()
    index_rebuild_failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.reads = Archive(data_dir, maintain_index=False)
        self._writes = serial_pool(self, "archive-writes")
        self._searches = serial_pool(self, "archive-searches")
        self._renders = serial_pool(self, "document-rendering")
        self._studies = serial_pool(self, "archive-studies")
        # One Archive per worker pool, used only by that pool's one thread. Not a
        # thread-local: Qt's pool threads are not Python's, and what a thread-local holds
        # for them is gone after each task (an Archive opened and leaked per search).
        self._pool_archives: dict[str, Archive] = {}
        self._opened: list[Archive] = []
        self._lock = threading.Lock()
        self._shut_down = False
        self._index_work_pending = False
        self._known_years: list[YearCount] | None = None

    # -- quick reads on the GUI thread -----------------------------------------------------

    def years(self) -> list[YearCount]:
        if self._known_years is not None:
            return list(self._known_years)
        return self.reads.years()

    def documents_of(self, year: int | None) -> Sequence[DocumentSummary]:
        if year is None:
            return self.reads.list_documents(undated=True)
        return self.reads.list_documents(year)

    def document_count(self) -> int:
        if self._known_years is not None:
            return sum(year.documents for year in self._known_years)
        return self.reads.document_count()

    @contextmanager
    def years_read_with_the_change(self, years: Sequence[YearCount]) -> Iterator[None]:
        """Answer :meth:`years` and :meth:`document_count` from ``years`` inside the block.

        A write that read the years on the write thread, right after its change, announces
        the change inside this block: the slots of ``documents_changed`` then spend no
        query on the GUI thread (the years' counts are a ``GROUP BY`` over every document:
        20-35 ms at 100,000 documents). Slots connected across threads run later and read.
        """
        self._known_years = list(years)
        try:
            yield
        finally:
            self._known_years = None

    def document_titles(self) -> list[TitleEntry]:
        return self.reads.document_titles()

    def date_evidence(self, document_ids: Sequence[int]) -> dict[int, str]:
        return self.reads.date_evidence(document_ids)

    # -- work on other threads -------------------------------------------------------------

    def write(
        self,
        operation: Callable[[Archive], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a change to the archive on the write thread."""
        self._run(operation, self._writes, on_success, on_failure)

    def search(
        self,
        operation: Callable[[Archive], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a search (or another read of the index) on the search thread."""
        self._run(operation, self._searches, on_success, on_failure)

    def study(
        self,
        operation: Callable[[Archive], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a long reading of many documents (a comparison, a keyword in context).

        On a thread of its own: a comparison of two halves of the archive takes seconds
        (20 s at 100,000 documents), and a search typed meanwhile must not wait for it.
        """
        self._run(operation, self._studies, on_success, on_failure)

    def render(
        self,
        operation: Callable[[Archive], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Fetch and render a document on the render thread."""
        self._run(operation, self._renders, on_success, on_failure)

    # -- the search index ------------------------------------------------------------------

    @property
    def index_work_pending(self) -> bool:
        """Whether a check or rebuild of the search index has not yet reported back."""
        return self._index_work_pending

    def maintain_index(self) -> None:
        """Check the search index on the write thread, and rebuild it there if it is wrong.

        Does nothing while a check or rebuild is already on its way.
        """
        if self._index_work_pending or self._shut_down:
            return
        report = self.index_rebuild_progressed.emit  # emitted on the write thread

        def maintain(archive: Archive) -> tuple[int | None, IndexState]:
            rebuilt = archive.bring_index_in_step(report)
            count = archive.document_count() if rebuilt else None
            return count, archive.index_state()

        self._start_index_work(maintain)

    def rebuild_index(self) -> None:
        """Rebuild the search index from the archive on the write thread, with progress."""
        report = self.index_rebuild_progressed.emit

        def rebuild(archive: Archive) -> tuple[int | None, IndexState]:
            return archive.rebuild_index(report), IndexState.OK

        self._start_index_work(rebuild)

    def _start_index_work(
        self, operation: Callable[[Archive], tuple[int | None, IndexState]]
    ) -> None:
        self._index_work_pending = True
        self.write(operation, self._on_index_work_done, self._on_index_work_failed)

    @Slot(object)
    def _on_index_work_done(self, outcome: tuple[int | None, IndexState]) -> None:
        self._index_work_pending = False
        rebuilt, state = outcome
        if rebuilt is not None:
            self.index_rebuilt.emit(rebuilt)
        if state is IndexState.REBUILDING:
            # Another window or command rebuilds it: look again in a moment.
            if not self._shut_down:
                QTimer.singleShot(INDEX_RECHECK_MS, self, self.maintain_index)
            return
        self.index_ready.emit()

    @Slot(object)
    def _on_index_work_failed(self, error: BaseException) -> None:
        self._index_work_pending = False
        if isinstance(error, IndexRebuildingError):
            self.index_rebuild_failed.emit(str(error))  # another program rebuilds it
            return
        log.error("The search index could not be rebuilt", exc_info=error)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.index_rebuild_failed.emit(
            f"The search index could not be rebuilt: {reason.rstrip('.')}."
        )

    def _run(
        self,
        operation: Callable[[Archive], T],
        pool: QThreadPool,
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        if self._shut_down:
            raise RuntimeError("The archive service has been shut down.")
        name = pool.objectName()

        def on_worker() -> T:
            return operation(self._archive_of_pool(name))

        run_task(on_worker, on_success, on_failure, pool=pool)

    def _archive_of_pool(self, name: str) -> Archive:
        """The Archive of one worker pool, opened on its thread when first needed."""
        archive = self._pool_archives.get(name)
        if archive is None:
            # Not maintained while opening: the write pool's would rebuild a missing
            # index without progress; ``maintain_index`` does it as a task of its own.
            # Large indexing runs in a child process, whose commits leave the GIL free.
            archive = self._remember(
                Archive(self.data_dir, maintain_index=False, index_in_child_process=True)
            )
            self._pool_archives[name] = archive
        return archive

    def _remember(self, archive: Archive) -> Archive:
        with self._lock:
            self._opened.append(archive)
        return archive

    @property
    def is_shut_down(self) -> bool:
        """Whether :meth:`shutdown` ran: no more work is accepted."""
        return self._shut_down

    @property
    def busy(self) -> bool:
        """Whether some work has not yet reported back to the GUI thread."""
        return any(pending_tasks(pool) for pool in self._pools())

    def wait_until_idle(self, milliseconds: int = -1) -> bool:
        """Wait for the worker threads to finish their queued work (not for its reports)."""
        done = True
        for pool in self._pools():
            done = pool.waitForDone(milliseconds) and done
        return done

    def _pools(self) -> tuple[QThreadPool, ...]:
        return (self._writes, self._searches, self._renders, self._studies)

    def shutdown(self) -> None:
        """Finish queued work and close every connection; no work is accepted after it."""
        if self._shut_down:
            return
        self._shut_down = True
        self.wait_until_idle()
        with self._lock:
            for archive in self._opened:
                archive.close()
            self._opened.clear()
        self.reads.close()
