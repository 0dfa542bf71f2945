"""Indexing in a process of its own, so that Whoosh's commits never hold the window's GIL.

Whoosh writes postings in pure Python, and parts of a commit (sorting a batch's postings,
pickling the table of contents) hold the GIL for 100 ms and more at a time: run on a
worker thread of the window, they froze it for as long. Here a child process drains the
queue of changed documents (or rebuilds the index) with an ``IndexKeeper`` of its own on
the same database and index folder, and the parent only waits, relaying what the child
sends: progress, log records, and the result or the exception.

That is safe because the index is derived: the queue of changed documents lives in SQLite
and draining it is idempotent, so a child killed half-way leaves the rest queued for the
next sync, and a rebuild killed half-way leaves the old generation current. The child is
started by a fork server (or spawned), never forked from the window, whose threads would
leave their locks copied in whatever state they were.

Small batches stay in-process (:data:`CHILD_PROCESS_MIN_DOCUMENTS`): they hold the GIL
briefly, and a correction is indexed at once, without a process start. The child is
used only where the caller asks for it (the window; the command line has no window to
keep responsive, and would only pay the start).
"""

from __future__ import annotations

import logging
import os
import pickle
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from archive.search.parallel_writing import fork_sub_processes, safe_context, start_process

log = logging.getLogger("archive.index")

#: Queued documents from which a sync runs in a child process (and documents in the
#: archive from which a rebuild does). The longest hold of the GIL grows with the batch:
#: measured on press releases (2 busy cores), 9 ms for 100 documents, 17 ms for 200, 44 ms
#: for 400 and 108 ms for 1,000, against the window's target of 50 ms. A child starts in
#: some 0.05 s once the fork server runs (its first start takes a second or two).
CHILD_PROCESS_MIN_DOCUMENTS = 200
#: How much lower the child's scheduling priority is than the window's (POSIX ``nice``):
#: on 2 cores the child and its two writing processes otherwise take turns with the
#: window's GUI thread, which then misses its 5 ms beats by tens of milliseconds.
NICENESS = 5
#: Seconds between two looks at the child while waiting for its next message.
POLL_S = 0.2
#: Modules the fork server imports once, so each child starts without importing them.
PRELOADED = ["archive.index_process", "archive.index_keeper"]

IndexTask = Literal["sync", "rebuild"]


class IndexProcessError(RuntimeError):
    """The indexing process ended without a result (killed, or crashed)."""


@dataclass(frozen=True)
class IndexJob:
    """What the child needs to index: where the archive is, and what to do."""

    database: Path
    index_root: Path
    busy_timeout: float
    task: IndexTask
    reason: str = ""  # why a rebuild runs, for its log line
    log_level: int = logging.WARNING


def run_in_child_process(job: IndexJob, progress: Callable[..., None] | None = None) -> int:
    """Run ``job`` in a child process and return its result, as if it had run here.

    Args:
        job: The sync or rebuild to run.
        progress: Called here with what the child's keeper reports (an ``ImportProgress``
            for a sync, ``(done, total)`` for a rebuild).

    Returns:
        What the keeper's method returned: documents synced, or the rebuilt index's size.

    Raises:
        IndexProcessError: The child ended without a result; what it had not indexed
            stays queued.
        Exception: Whatever the keeper's method raised in the child (``IndexBusyError``,
            ``IndexRebuildingError``, ``OSError`` for a full disk...), raised again here.
    """
    context = safe_context(PRELOADED)
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_index_in_child, args=(job, sending), name="archive-indexer")
    start_process(child)
    sending.close()  # the child's end only: its exit is then seen here as the pipe's end
    try:
        with receiving:
            while True:
                if not receiving.poll(POLL_S):
                    continue
                try:
                    kind, payload = receiving.recv()
                except EOFError:
                    child.join()
                    raise IndexProcessError(
                        "The search index could not be updated: the indexing process "
                        f"stopped (exit code {child.exitcode}). The changes are saved and "
                        "will be indexed the next time the archive is opened."
                    ) from None
                if kind == "progress":
                    if progress is not None:
                        progress(*payload)
                elif kind == "log":
                    logging.getLogger(payload.name).handle(payload)
                elif kind == "error":
                    error, details = payload
                    log.debug("The indexing process failed:\n%s", details)
                    raise error
                else:
                    return int(payload)
    finally:
        if child.is_alive():
            child.terminate()  # this thread was interrupted: the queue waits for next time
        child.join()


def _index_in_child(job: IndexJob, connection: Connection) -> None:
    """The child: run the job with a keeper of its own, and send everything back."""
    # Imported here: the keeper imports this module to start the child.
    from archive.index_keeper import IndexKeeper  # noqa: PLC0415
    from archive.storage import Database, DocumentStore  # noqa: PLC0415

    _forward_logs(connection, job.log_level)
    fork_sub_processes()  # this process runs no other thread
    if hasattr(os, "nice"):
        # Background work: where the cores are busy, the window's threads go first.
        os.nice(NICENESS)

    def report(*arguments: Any) -> None:
        connection.send(("progress", arguments))

    try:
        database = Database(job.database, busy_timeout=job.busy_timeout)
        try:
            keeper = IndexKeeper(
                job.index_root, database, DocumentStore(database), rebuild_when_needed=False
            )
            try:
                if job.task == "sync":
                    result = keeper.sync(report)
                else:
                    result = keeper.rebuild(report, reason=job.reason)
            finally:
                keeper.close()
        finally:
            database.close()
    except BaseException as error:
        details = "".join(traceback.format_exception(error))
        connection.send(("error", (_sendable(error), details)))
    else:
        connection.send(("done", result))
    finally:
        connection.close()


def _sendable(error: BaseException) -> BaseException:
    """``error`` if it survives pickling, else a ``RuntimeError`` with its message."""
    try:
        copy: BaseException = pickle.loads(pickle.dumps(error))
    except Exception:
        copy = RuntimeError(str(error) or type(error).__name__)
    return copy


class _LogSender(logging.Handler):
    """Sends the child's log records to the parent, which logs them as its own."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self._connection = connection

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()  # the arguments may not pickle
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
        self._connection.send(("log", record))


def _forward_logs(connection: Connection, level: int) -> None:
    root = logging.getLogger()
    root.handlers[:] = [_LogSender(connection)]
    root.setLevel(level)
