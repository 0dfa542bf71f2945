"""``IndexKeeper``: keeps the search index in step with SQLite, and rebuilds it aside.

SQLite is the source of truth. Every document change queues the document in the same
transaction; :meth:`IndexKeeper.sync` drains that queue into the index, idempotently, so a
process killed between the two commits leaves the change queued, not lost.

The index is found wrong at start when it is missing, cannot be read (a truncated or
deleted file), belongs to another state of the database (its token differs from the one
SQLite holds), or counts other documents than SQLite. It is then rebuilt from SQLite into
a new generation beside the current one and switched to at once
(:mod:`archive.search.generations`); meanwhile searches raise
:class:`~archive.search.errors.IndexRebuildingError` instead of giving wrong results.
"""

from __future__ import annotations

import enum
import gc
import logging
import pickle
import struct
import warnings
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from archive.importer import ProgressCallback
from archive.index_process import (
    CHILD_PROCESS_MIN_DOCUMENTS,
    IndexJob,
    IndexTask,
    run_in_child_process,
)
from archive.models import ImportProgress
from archive.paths import display_path
from archive.search import IndexedDocument, SearchIndex
from archive.search.errors import IndexBusyError, IndexRebuildingError, IndexUnavailableError
from archive.search.generations import Generation, IndexGenerations
from archive.storage import Database, DocumentStore
from archive.storage.documents import DocumentRecord

log = logging.getLogger("archive.index")

# Queued documents indexed per commit. A commit makes a segment, and merging segments
# rewrites their postings, so an import is indexed in as few commits as memory allows.
INDEX_SYNC_BATCH = 10_000
PROGRESS_EVERY = 100
#: Seconds a write to the index waits for another process's (an import's indexing) to end.
INDEX_LOCK_WAIT_S = 5.0
#: The ``meta`` key holding the token of the generation built from this database.
INDEX_TOKEN_KEY = "index_generation"

#: Told ``(documents indexed so far, documents in all)`` while the index is rebuilt.
RebuildProgress = Callable[[int, int], None]

T = TypeVar("T")

# What reading a damaged index raises once it is open (a file cut short, gone or garbled).
_READ_ERRORS = (OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError)


class IndexState(enum.Enum):
    """Whether the search index can answer, and if not, why."""

    OK = "ok"
    MISSING = "missing"
    DAMAGED = "damaged"
    STALE = "stale"
    OUTDATED = "outdated"
    REBUILDING = "rebuilding"


_REASONS = {
    IndexState.MISSING: "The search index is missing.",
    IndexState.DAMAGED: "The search index is damaged.",
    IndexState.STALE: "The search index is out of step with the archive.",
    IndexState.OUTDATED: "The search index was built by an older version of Archive Reader.",
}


class IndexKeeper:
    """The search index of one ``Archive``: searching it, syncing it, rebuilding it.

    Not thread-safe, like the ``Archive`` that owns it.

    Args:
        root: The index folder of the data directory.
        database: The archive database.
        store: Its documents.
        rebuild_when_needed: Rebuild right away (synchronously) when a search or sync
            finds the index missing or damaged; otherwise raise
            :class:`IndexUnavailableError` and leave the rebuild to the index's keeper.
        read_only: The data directory cannot be written: the index is only searched,
            never synced or rebuilt.
        index_in_child_process: Index large batches, and rebuild a large index, in a child
            process (:mod:`archive.index_process`), so that Whoosh's commits do not hold
            this process's GIL: the window keeps responding while it imports.
    """

    def __init__(
        self,
        root: Path,
        database: Database,
        store: DocumentStore,
        *,
        rebuild_when_needed: bool,
        read_only: bool = False,
        index_in_child_process: bool = False,
    ) -> None:
        self.generations = IndexGenerations(root)
        self._root = root
        self._in_child_process = index_in_child_process
        self._db = database
        self._store = store
        self._rebuild_when_needed = rebuild_when_needed and not read_only
        self._read_only = read_only
        self._index: SearchIndex | None = None
        self._generation: Generation | None = None

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self._index = None
        self._generation = None

    # -- state -----------------------------------------------------------------------------

    def state(self) -> IndexState:
        """Whether the index can answer now, without changing anything but the index open."""
        if self.generations.rebuild_running():
            return IndexState.REBUILDING
        state, index = self._open_current()
        if index is None:
            return state
        return self._state_against_database(index, queue_drained=not self._store.queued_ids())

    def bring_in_step(self, progress: RebuildProgress | None = None) -> bool:
        """Drain the queue, and rebuild the index if it is wrong; True if it was rebuilt.

        Does nothing while another rebuild runs: that one drains the queue when done; nor
        while another process writes to the index: the queue waits for the next time; nor
        in a read-only data directory.
        """
        if self._read_only:
            return False
        if self.generations.rebuild_running():
            log.info("Another Archive Reader is rebuilding the search index.")
            return False
        state, index = self._open_current()
        if index is not None:
            try:
                self._drain_queue(index)
            except IndexBusyError:
                log.info("Another process is writing to the search index; the changes wait.")
                return False
            state = self._state_against_database(index, queue_drained=True)
        if state is IndexState.OK:
            if self.generations.has_leftovers():
                self.generations.remove_leftovers()
            return False
        try:
            self.rebuild(progress, reason=_REASONS.get(state, ""))
        except IndexRebuildingError:
            log.info("Another Archive Reader started rebuilding the search index first.")
            return False
        return True

    def _state_against_database(self, index: SearchIndex, *, queue_drained: bool) -> IndexState:
        assert self._generation is not None
        if self._generation.token != self._store.meta(INDEX_TOKEN_KEY):
            return IndexState.STALE
        # While changes are queued the counts may differ rightly; the queue covers them.
        if queue_drained and index.doc_count() != self._store.count():
            return IndexState.STALE
        return IndexState.OK

    def _open_current(self) -> tuple[IndexState, SearchIndex | None]:
        """The current generation's index, opened and checked; reopened if it switched."""
        generation = self.generations.current()
        if generation is None:
            self.close()
            return IndexState.MISSING, None
        if self.generations.is_marked_damaged(generation):
            self.close()
            return IndexState.DAMAGED, None
        if self._index is not None and generation == self._generation:
            return IndexState.OK, self._index
        self.close()
        index = SearchIndex(generation.directory, lock_timeout=INDEX_LOCK_WAIT_S)
        if index.built_by_older_version():
            # Its fields are not this version's: rebuilt, never read with the wrong schema.
            return IndexState.OUTDATED, None
        if not _opens_cleanly(index):
            index.close()
            self.generations.mark_damaged(generation)
            return IndexState.DAMAGED, None
        self._index, self._generation = index, generation
        return IndexState.OK, index

    # -- reading ---------------------------------------------------------------------------

    def read(self, operation: Callable[[SearchIndex], T], *, during_rebuild: bool = False) -> T:
        """Run ``operation`` on the current index, if it can answer.

        Args:
            operation: A search, or another read of the index.
            during_rebuild: Read the old generation while a rebuild runs (for highlighting
                words, where it cannot be wrong); otherwise a rebuild raises.

        Raises:
            IndexRebuildingError: The index is being rebuilt.
            IndexUnavailableError: The index is missing or damaged and this keeper does
                not rebuild it.
        """
        for _attempt in range(3):
            if not during_rebuild and self.generations.rebuild_running():
                raise IndexRebuildingError()
            _state, index = self._open_current()
            if index is None:
                self._rebuild_or_raise()
                continue
            generation = self._generation
            try:
                return operation(index)
            except _READ_ERRORS as error:
                self.close()
                if generation is None or self.generations.current() != generation:
                    continue  # a rebuild switched generations under us: read the new one
                reason = f"{error}"
                log.warning("Reading the search index failed (%s); it will be rebuilt.", reason)
                self.generations.mark_damaged(generation)
        raise IndexUnavailableError()

    def _rebuild_or_raise(self) -> None:
        if self.generations.rebuild_running():
            raise IndexRebuildingError()
        if self._read_only:
            raise IndexUnavailableError(
                "The search index is missing or damaged, and it cannot be rebuilt in the "
                f"read-only folder {display_path(self._db.path.parent)}. Make the folder "
                "writable, then search again."
            )
        if not self._rebuild_when_needed:
            raise IndexUnavailableError()
        self.bring_in_step()

    # -- writing ---------------------------------------------------------------------------

    def sync(self, progress: ProgressCallback | None = None) -> int:
        """Index the queued document changes; returns how many were applied.

        While a rebuild runs the queue is left alone: the rebuild drains it when done.

        Raises:
            IndexBusyError: Another process kept the index's write lock longer than
                :data:`INDEX_LOCK_WAIT_S`; the changes stay queued.
        """
        if self._read_only or self.generations.rebuild_running():
            return 0
        _state, index = self._open_current()
        if index is None:
            if self._rebuild_when_needed:
                self.bring_in_step()
            return 0
        return self._drain_queue(index, progress)

    def rebuild(self, progress: RebuildProgress | None = None, *, reason: str = "") -> int:
        """Rebuild the whole index from SQLite aside, then switch to it; returns its size.

        Raises:
            IndexRebuildingError: Another rebuild is running.
        """
        total = self._store.count()
        if self._in_child_process and total >= CHILD_PROCESS_MIN_DOCUMENTS:
            # The child rebuilds into a new generation: this keeper's index is old.
            self.close()
            return self._in_child("rebuild", progress, reason=reason)
        # The command line shows warnings: a person waiting for a rebuild learns why.
        level = logging.WARNING if reason and total else logging.INFO
        log.log(level, "%sRebuilding the search index (%s)…", _sentence(reason), _documents(total))
        with self.generations.rebuilding() as rebuild:
            if progress is not None:
                progress(0, total)
            index = SearchIndex(rebuild.directory)
            try:
                count = index.replace_all(
                    (_indexed(record) for record in self._store.records()),
                    None if progress is None else _counting(progress, total),
                )
                # From here the old generation no longer matches SQLite: a kill before
                # the switch below makes the next start rebuild again.
                with self._db.transaction():
                    self._store.set_meta(INDEX_TOKEN_KEY, rebuild.token)
                # Changes committed while the documents were read.
                self._drain_queue(index, during_rebuild=True)
            finally:
                index.close()
            self.close()
            rebuild.publish()
        log.info("The search index was rebuilt: %s.", _documents(count))
        self.sync()  # what was queued while the rebuild held the queue back
        return count

    def _drain_queue(
        self,
        index: SearchIndex,
        progress: ProgressCallback | None = None,
        *,
        during_rebuild: bool = False,
    ) -> int:
        queued = self._store.queued_ids()
        if (
            self._in_child_process
            and queued
            and not during_rebuild
            and (
                len(queued) >= CHILD_PROCESS_MIN_DOCUMENTS
                # Even one correction may be the commit that merges ten segments.
                or index.update_would_merge(min(len(queued), INDEX_SYNC_BATCH))
            )
        ):
            # The child's keeper syncs the same queue (what is queued by then) and
            # commits to the same index, which this one then sees as changed.
            return self._in_child("sync", progress)
        for start in range(0, len(queued), INDEX_SYNC_BATCH):
            batch = queued[start : start + INDEX_SYNC_BATCH]
            documents: Iterator[IndexedDocument] = (
                _indexed(record) for record in self._store.records(batch)
            )
            if progress is not None:
                documents = _reporting(documents, progress, start, len(queued))
            # One writer for the whole batch, the documents streamed from SQLite: each
            # commit makes a segment that later merges rewrite, so fewer is faster.
            # Queued documents that are gone from SQLite are removed with the rest.
            index.update(documents, replacing=batch)
            if not during_rebuild and self.generations.rebuild_running():
                # A rebuild that started meanwhile may have read these documents before
                # their change: keep them queued, and it indexes them again.
                return start
            with self._db.transaction():
                self._store.dequeue(batch)
            if progress:
                done = min(start + INDEX_SYNC_BATCH, len(queued))
                progress(ImportProgress(done, len(queued), "", phase="indexing"))
        return len(queued)

    def _in_child(
        self, task: IndexTask, progress: Callable[..., None] | None, *, reason: str = ""
    ) -> int:
        """Run a sync or a rebuild in a child process; see :mod:`archive.index_process`."""
        (busy_ms,) = self._db.connection.execute("PRAGMA busy_timeout").fetchone()
        job = IndexJob(
            database=self._db.path,
            index_root=self._root,
            busy_timeout=busy_ms / 1000,
            task=task,
            reason=reason,
            log_level=logging.getLogger("archive").getEffectiveLevel(),
        )
        # The child's commits (the queue it drains) are this archive's own work.
        with self._db.commits_on_behalf():
            return run_in_child_process(job, progress)


def _reporting(
    documents: Iterator[IndexedDocument],
    progress: ProgressCallback,
    before: int,
    total: int,
) -> Iterator[IndexedDocument]:
    """``documents``, reporting indexing progress every :data:`PROGRESS_EVERY` of them."""
    for done, document in enumerate(documents, start=before + 1):
        yield document
        if done % PROGRESS_EVERY == 0:
            progress(ImportProgress(done, total, "", phase="indexing"))


def _opens_cleanly(index: SearchIndex) -> bool:
    """Open ``index`` and every segment of it; False if that fails (a damaged file)."""
    # Whoosh does not close a segment file it fails to make sense of: it is closed when
    # collected, with a warning about it that is no news here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        reason = ""
        try:
            index.open()
            # Counting opens every segment: a file cut short or missing fails here.
            return not index.needs_rebuild and index.doc_count() >= 0
        except Exception as error:  # Whoosh raises anything from a damaged file
            reason = f"{error}"  # not the error: its traceback holds the open files
        gc.collect()
    log.warning("The search index in %s cannot be read: %s", index.directory, reason)
    return False


def _counting(progress: RebuildProgress, total: int) -> Callable[[int], None]:
    def report(done: int) -> None:
        progress(done, total)

    return report


def _documents(count: int) -> str:
    return f"{count:,} document{'' if count == 1 else 's'}"


def _sentence(reason: str) -> str:
    return f"{reason} " if reason else ""


def _indexed(record: DocumentRecord) -> IndexedDocument:
    return IndexedDocument(
        id=record.id,
        title=record.title,
        text=record.text,
        year=record.year,
        date=record.date,
        source=record.source,
        language=record.language,
    )
