"""Writing a large batch with several processes, each into a segment of its own.

Three quarters of an import's time goes to Whoosh's pure-Python posting writer, which one
process runs on one core. Whoosh's ``MpWriter`` hands the documents to sub-processes in
job files; with ``multisegment=True`` each sub-process finishes a segment of its own and
the parent only lists them in the index's table of contents, without merging them (the
merge policy, :func:`~archive.search.merging.merge_in_tiers`, merges them later like any
other segments). On 2,000 documents and 2 cores that took 1.36 s instead of 2.49 s.

The writer here is that ``MpWriter`` made safe to use from the window and the command line:

- **Sub-processes are started by a fork server (or spawned), never forked** from the
  calling process: it may have threads (the window has Qt's and the worker pools'), and a
  fork copies their locks in whatever state they are.
- **A sub-process that dies is an error, never a hang.** Whoosh's parent waits on a bounded
  job queue and on ``join`` without looking: when a sub-writer dies (an exception, the
  out-of-memory killer) the parent waited forever once the queue was full, or committed
  the index with that sub-writer's documents silently missing. Here every wait is in short
  steps that look at the sub-processes; one that failed fails the whole write with
  :class:`ParallelWriteError` (its exception's text in the message), and nothing is
  committed.
- **Deletions are made by the parent writer** (it is a ``SegmentWriter`` holding the write
  lock), so documents deleted and documents added appear in one commit of the table of
  contents: a search sees the old version or the new one, never neither.

Whoosh's private writer API is used in this module only.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import sys
import threading
import time
import traceback
import types
from collections.abc import Sequence
from contextlib import suppress
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

log = logging.getLogger("archive.search")

#: The most sub-processes one write uses. Each holds a share of the posting memory and
#: competes with the window and the importer for the cores; past four the parent, which
#: pickles every document into job files, is the bottleneck anyway.
MAX_WRITER_PROCESSES = 4
#: Documents per job file handed to a sub-process: large enough that the queue is not the
#: cost, small enough that the sub-processes get about equal shares of a 1,000-document
#: batch.
DOCUMENTS_PER_JOB = 100
#: Seconds between two looks at the sub-processes while waiting on them.
POLL_S = 0.2
#: Seconds between two looks of a sub-process at the process it writes for.
PARENT_CHECK_S = 1.0
#: Seconds a sub-process that has exited cleanly may take to deliver its segment.
RESULT_GRACE_S = 5.0
#: Modules the fork server imports once, so that each sub-process starts without it. The
#: fork server is one per process, started by whoever needs it first, with that caller's
#: preload: the import's parsing workers (``archive.ingest.pool``) are forked from the same
#: server, so their preload is listed too, lest an index write that came first leave
#: every parsing worker to load the language model itself.
_PRELOADED = [
    "whoosh.multiproc",
    "whoosh.codec.whoosh3",
    "archive.search.schema",
    "archive.ingest.worker_preload",
]

# Two threads starting processes at once would each hide the main module: one puts back
# the other's stand-in.
_STARTING = threading.Lock()
# Set in a process known to run no other thread: its sub-processes may then be forked.
_SINGLE_THREADED = threading.Event()


class ParallelWriteError(RuntimeError):
    """A sub-process writing a segment failed; nothing of the write was committed."""


def writer_processes() -> int:
    """How many sub-processes a large write uses: one per core it may use, at most a few."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WRITER_PROCESSES))


def fork_sub_processes() -> None:
    """Let parallel writes in this process fork their sub-processes.

    Only for a process that runs no other thread (the indexing child of
    :mod:`archive.index_process`): forking is then safe, and spares starting a fork server
    of its own (1-2 s, with its preloads).
    """
    _SINGLE_THREADED.set()


def safe_context(preload: Sequence[str] = ()) -> ForkServerContext | SpawnContext:
    """A multiprocessing context that does not fork the (maybe multithreaded) caller.

    The fork server is itself started from a clean interpreter, and forks only its own
    single thread; where there is none (Windows), processes are spawned.

    Args:
        preload: More modules for the fork server to import, if this call starts it.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload([*_PRELOADED, *preload])
        return server
    return multiprocessing.get_context("spawn")


def start_process(process: BaseProcess) -> None:
    """Start ``process`` without it importing this program's main module again.

    A child started by a fork server (or spawned) first imports the parent's main module,
    so that what the parent defined there can be unpickled. Ours need nothing of it, and
    the window's main module imports Qt and the whole reader: 0.4 s and some 60 MB in
    every child. The main module is hidden for the instant the child is started.
    """
    with _STARTING:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            sys.modules["__main__"] = main


class GuardedMpWriter(MpWriter):
    """``MpWriter(multisegment=True)`` that never forks, never hangs, and cleans up.

    Args:
        index: The Whoosh index (its write lock is taken, as by ``index.writer()``).
        procs: Sub-processes to write with.
        limitmb: Posting memory of each sub-process before it spills to temporary files.
        timeout: Seconds to wait for the write lock.
    """

    def __init__(self, index: Any, *, procs: int, limitmb: int, timeout: float) -> None:
        forking = _SINGLE_THREADED.is_set() and "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork") if forking else safe_context()
        super().__init__(
            index,
            procs=procs,
            batchsize=DOCUMENTS_PER_JOB,
            multisegment=True,
            start_method=context.get_start_method(),
            limitmb=limitmb,
            timeout=timeout,
        )
        # The sub-writers get the same arguments, less the lock's: they take no lock.
        self.subargs = {"limitmb": limitmb}
        # MpWriter puts job files on a bounded queue, and blocks forever once it is full
        # and no sub-process takes from it: every put goes through a watched queue.
        self._job_queue = self.jobqueue
        # (Given the tasks, not this writer: a cycle would keep the queues' semaphores
        # alive until the process ends, and the resource tracker then reports them.)
        self.jobqueue = _WatchedQueue(self._job_queue, self.tasks, self.resultqueue)
        if forking:
            # All forked now, before the job queue's feeder thread starts with the first
            # job: the process is single-threaded at each fork.
            for _process in range(procs):
                self._new_task()

    # Starting and feeding the sub-processes

    def _new_task(self) -> Any:
        # The writer's own storage holds open files (its lock): the sub-process gets a
        # storage of the same folder instead.
        args = (
            FileStorage(self.storage.folder),
            self.indexname,
            self._job_queue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            os.getpid(),
        )
        task = self._mpctx.Process(target=_write_segment, args=(args,), daemon=True)
        self.tasks.append(task)
        start_process(task)
        return task

    def failure(self) -> str | None:
        """Why a sub-process failed, or None while all of them are well."""
        return _failure_of(self.tasks, self.resultqueue)

    # Committing and cancelling

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        try:
            if self.docbuffer:
                self._enqueue()
            for _task in self.tasks:
                self.jobqueue.put(None)  # each sub-process finishes its segment
            # The merge policy runs here, while the sub-processes write.
            final_segments = self._merge_segments(mergetype, optimize, merge)
            # A sub-process that got no job file wrote an empty segment: left out, its
            # files go with the clean-up of files no table of contents lists.
            segments = [
                segment
                for _run, _fields, segment in self._collect_results()
                if segment.doc_count_all()
            ]
            for task in self.tasks:
                task.join()
            self._job_queue.close()
            self.resultqueue.close()
            final_segments += segments
            if self._added:
                final_segments.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(final_segments)
        except BaseException:
            self._stop_tasks()
            with suppress(Exception):  # the segment's files, as cancel() closes them
                self._close_segment()
            self._cleanup_on_error()
            raise
        self._finish()

    def _collect_results(self) -> list[Any]:
        """Each sub-process's finished segment, waiting as long as they are alive."""
        results: list[Any] = []
        quiet_since: float | None = None
        while len(results) < len(self.tasks):
            try:
                result = self.resultqueue.get(timeout=POLL_S)
            except queue.Empty:
                reason = self.failure()
                if reason is not None:
                    raise ParallelWriteError(reason) from None
                if all(task.exitcode == 0 for task in self.tasks):
                    # All exited cleanly yet a segment is missing: give the pipe a
                    # moment, then stop waiting for what will never come.
                    quiet_since = quiet_since or time.monotonic()
                    if time.monotonic() - quiet_since > RESULT_GRACE_S:
                        raise ParallelWriteError(
                            "a process writing the search index ended without its segment"
                        ) from None
                continue
            if isinstance(result, _Failure):
                raise ParallelWriteError(result.message)
            results.append(result)
        return results

    def cancel(self, **_kwargs: Any) -> None:
        self._stop_tasks()
        SegmentWriter.cancel(self)

    def _stop_tasks(self) -> None:
        """End the sub-processes (they would wait for jobs forever) and their files."""
        started = [task for task in self.tasks if task.pid is not None]
        for task in started:
            if task.is_alive():
                task.terminate()
        for task in started:
            task.join()
        # Segments the sub-processes finished are in no table of contents: the next
        # commit's clean-up removes their files.
        self._job_queue.close()
        self.resultqueue.close()


def _failure_of(tasks: list[Any], results: Any) -> str | None:
    """Why one of the sub-processes failed, or None while all of them are well."""
    for task in tasks:
        if task.exitcode not in (None, 0):
            return _reason_of(task, results)
    return None


def _reason_of(task: Any, results: Any) -> str:
    """The failed sub-process's exception, which it sent before dying, or its exit."""
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            result = results.get(timeout=POLL_S)
        except queue.Empty:
            break
        if isinstance(result, _Failure):
            return result.message
        # Another sub-process's segment: of no use, the write fails.
    return f"a process writing the search index stopped (exit code {task.exitcode})"


class _WatchedQueue:
    """A job queue whose ``put`` gives up when a sub-process has failed."""

    def __init__(self, jobs: Any, tasks: list[Any], results: Any) -> None:
        self._jobs = jobs
        self._tasks = tasks
        self._results = results

    def put(self, item: Any) -> None:
        while True:
            # Looked at before each job too: the documents still to come are not read
            # and handed out in vain once the write has failed.
            reason = _failure_of(self._tasks, self._results)
            if reason is not None:
                raise ParallelWriteError(reason)
            try:
                self._jobs.put(item, timeout=POLL_S)
                return
            except queue.Full:
                continue


class _Failure:
    """What a sub-process sends back instead of its segment when it fails."""

    def __init__(self, message: str) -> None:
        self.message = message


def _write_segment(task_args: tuple[Any, ...]) -> None:
    """A sub-process: write the documents of the job files into one segment.

    Args:
        task_args: Whoosh's ``SubWriterTask`` arguments (storage, index name, job queue,
            result queue, writer arguments, and whether to finish a segment of its own),
            then the writing process's id.
    """
    *whoosh_args, parent = task_args
    resultqueue = whoosh_args[3]
    # Forked, it has its parent's log handlers: one may write into a pipe of the parent's.
    logging.getLogger().handlers.clear()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    try:
        SubWriterTask(*whoosh_args).run()
    except BaseException as error:
        message = "".join(traceback.format_exception_only(error)).strip()
        resultqueue.put(_Failure(f"a process writing the search index failed: {message}"))
        raise


def _end_with(parent: int) -> None:
    """End this sub-process once the process it writes for is gone.

    It would otherwise wait for job files forever: the job queue's pipe stays open in
    the sub-processes themselves. A killed indexing child would leave them behind.
    """
    while True:
        time.sleep(PARENT_CHECK_S)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # another user's process took the number: ours is gone
            os._exit(1)
