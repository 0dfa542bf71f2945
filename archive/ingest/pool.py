"""Parsing files in worker processes, where one file can fail alone.

Parsing is pure (bytes in, ``ParsedDocument`` out) and takes nearly all of an import's
time, so a large import parses in worker processes, one per core, while the importer
stores what comes back. A worker that crashes, or a file that keeps a worker busy past
the time limit, costs that file only: the worker is replaced and the import goes on.

Files of the formats read by parsers we did not write (PDF through PDFium, Word, RTF and
HTML through lxml and others) are untrusted input to native code: they are always parsed
in a worker, even when a few files are parsed in the importing thread, each with a
shorter time limit and every worker with a memory limit, so that a hostile PDF cannot
take the window or the command line down with it. Plain text and Markdown are read by
this project's own Python and stay in the importing thread when there are few files.

Workers are started with "forkserver" (or "spawn" where there is none), never by forking
the importing process: the window imports from a thread, and forking a process that
runs threads (Qt's among them) can deadlock the child.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Protocol

from pebble import ProcessExpired, ProcessPool

from archive.ingest.errors import IngestError
from archive.ingest.readers.sniffing import sniff_format
from archive.models import ParsedDocument, SourceFormat

log = logging.getLogger("archive.import")

#: Far beyond any real document (a 10 MB file parses in well under a minute): only a
#: file that sends the parser into a loop or a near-endless search takes this long.
PARSE_TIMEOUT_S = 300.0
#: For the untrusted formats. Measured in a worker on this project's 2-core machine: a
#: 10 MB PDF of 1,300 dense pages 5 s (the PDF reader stops at a million characters), a
#: 10 MB PDF with photos 2 s, a 10 MB web page of eleven million characters 10 s. Ten
#: times the slowest leaves room for a slow, busy machine; a hostile file that hangs a
#: parser costs two minutes, not five.
UNTRUSTED_PARSE_TIMEOUT_S = 120.0
#: The address space one worker may use. A worker holding Python, lxml, PDFium and numpy
#: reserves 0.2 GB before reading anything, and at its peak 0.34 GB reading those PDFs and
#: 0.5 GB that web page; four times that is still far from what a computer has, while a
#: compressed stream that unpacks to gigabytes ends its worker within seconds.
WORKER_MEMORY_LIMIT_BYTES = 2 * 1024**3
#: Formats read by parsers in native code or by third-party code, from files anyone makes.
UNTRUSTED_FORMATS = frozenset(
    {SourceFormat.PDF, SourceFormat.DOCX, SourceFormat.RTF, SourceFormat.HTML}
)

Parse = Callable[[bytes, str], ParsedDocument]

_PARSER_MODULE = "archive.ingest.parse"


def parse_in_worker(raw: bytes, filename: str) -> ParsedDocument:
    """``archive.ingest.parse.parse_document``, imported when the first file is parsed.

    The parser brings the CLDR tables, the language model and jusText; a command that
    imports nothing should not load them, and the fork server loads them once for all
    its workers (``archive.ingest.worker_preload``).
    """
    parse = importlib.import_module(_PARSER_MODULE).parse_document
    document: ParsedDocument = parse(raw, filename)
    return document


# The memory limit of this process when it is a worker (for the reason a file fails with).
_worker_memory_limit: int | None = None


class PendingParse(Protocol):
    """A document being parsed."""

    def result(self) -> ParsedDocument:
        """The parsed document.

        Raises:
            IngestError: The file cannot become a document, including when the worker
                parsing it crashed, ran out of time or ran out of memory.
            Exception: A bug in a cleaner (the importer reports the file and goes on).
        """
        ...


class DocumentParser(Protocol):
    """Parses documents, here or in worker processes."""

    def submit(self, raw: bytes, filename: str) -> PendingParse:
        """Start parsing one file's bytes."""
        ...

    def close(self) -> None:
        """Stop parsing; documents not parsed yet are abandoned."""
        ...


def is_untrusted(raw: bytes, filename: str) -> bool:
    """Whether a file is of a format that is always parsed in a worker process."""
    return sniff_format(raw, filename) in UNTRUSTED_FORMATS


class _Deferred:
    """Parses when asked for the result, in the calling thread."""

    def __init__(self, parse: Parse, raw: bytes, filename: str) -> None:
        self._parse = parse
        self._raw = raw
        self._filename = filename

    def result(self) -> ParsedDocument:
        return self._parse(self._raw, self._filename)


class SerialParser:
    """Parses text in the importing thread, and untrusted formats in one worker process.

    For a few files, where starting a worker per core costs more than it saves. The
    worker is started when the first PDF, Word, RTF or HTML file comes, and stopped by
    ``close``; where no worker can start, those files are parsed here too.

    Args:
        parse: The parser (``parse_document``; tests pass their own, a module-level
            function, which the worker imports by name).
        timeout_s: The most time one file may take in the worker.
        memory_limit_bytes: The address space the worker may use (``None``: no limit).
    """

    def __init__(
        self,
        parse: Parse = parse_in_worker,
        *,
        timeout_s: float = UNTRUSTED_PARSE_TIMEOUT_S,
        memory_limit_bytes: int | None = WORKER_MEMORY_LIMIT_BYTES,
    ) -> None:
        self._parse = parse
        self._timeout_s = timeout_s
        self._memory_limit_bytes = memory_limit_bytes
        self._worker: PoolParser | None = None
        self._worker_failed = False

    def submit(self, raw: bytes, filename: str) -> PendingParse:
        if is_untrusted(raw, filename):
            worker = self._started_worker()
            if worker is not None:
                return worker.submit(raw, filename)
        return _Deferred(self._parse, raw, filename)

    def _started_worker(self) -> PoolParser | None:
        if self._worker is None and not self._worker_failed:
            try:
                self._worker = PoolParser(
                    1,
                    timeout_s=self._timeout_s,
                    untrusted_timeout_s=self._timeout_s,
                    parse=self._parse,
                    memory_limit_bytes=self._memory_limit_bytes,
                )
            except (OSError, RuntimeError):
                log.warning("A worker process cannot start; parsing in the importing process")
                self._worker_failed = True
        return self._worker

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None


class _PoolResult:
    """A document parsed in a worker, with the worker's failures turned into reasons."""

    def __init__(
        self, future: Future[ParsedDocument], timeout_s: float, fallback: _Deferred
    ) -> None:
        self._future = future
        self._timeout_s = timeout_s
        self._fallback = fallback

    def result(self) -> ParsedDocument:
        try:
            return self._future.result()
        except (BrokenProcessPool, RuntimeError) as error:
            if _raised_by_parser(error):
                raise  # The parser's own error (a bug, or PDFium's): this file's problem.
            # The workers cannot run at all (not one file's fault): parse here instead.
            log.warning("Worker processes failed; parsing in the importing process")
            return self._fallback.result()
        except concurrent.futures.TimeoutError as error:
            raise IngestError(
                f"reading this file took longer than {self._timeout_s:g} seconds and was "
                "stopped; the file may be malformed"
            ) from error
        except ProcessExpired as error:
            raise IngestError(
                "reading this file stopped the helper process that was reading it; "
                "the file may be malformed"
            ) from error


def _raised_by_parser(error: BaseException) -> bool:
    """Whether a worker's parser raised ``error`` (pebble adds the worker's traceback)."""
    return not isinstance(error, BrokenProcessPool) and hasattr(error, "traceback")


class PoolParser:
    """Parses in worker processes, one per core unless told otherwise.

    Args:
        workers: How many worker processes.
        timeout_s: The most time one file may take; past it the file is reported and its
            worker replaced.
        untrusted_timeout_s: The most time a file of an untrusted format may take (the
            shorter of the two applies).
        parse: The parser, a module-level function (workers import it by name).
        memory_limit_bytes: The address space each worker may use (``None``: no limit;
            not enforced where the system has no such limit, as on Windows).
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout_s: float = PARSE_TIMEOUT_S,
        untrusted_timeout_s: float = UNTRUSTED_PARSE_TIMEOUT_S,
        parse: Parse = parse_in_worker,
        memory_limit_bytes: int | None = WORKER_MEMORY_LIMIT_BYTES,
    ) -> None:
        self._timeout_s = timeout_s
        self._untrusted_timeout_s = min(timeout_s, untrusted_timeout_s)
        self._parse = parse
        self._pool = ProcessPool(
            max_workers=workers or usable_cores(),
            context=_safe_context(),
            initializer=_start_worker,
            initargs=(memory_limit_bytes,),
        )
        self._broken = False

    def submit(self, raw: bytes, filename: str) -> PendingParse:
        here = _Deferred(self._parse, raw, filename)
        if self._broken:
            return here
        timeout_s = self._untrusted_timeout_s if is_untrusted(raw, filename) else self._timeout_s
        try:
            future = self._pool.schedule(
                _parse_within_limits, args=(self._parse, raw, filename), timeout=timeout_s
            )
        except (BrokenProcessPool, RuntimeError):
            log.warning("Worker processes cannot start; parsing in the importing process")
            self._broken = True
            return here
        return _PoolResult(future, timeout_s, here)

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()

    def __enter__(self) -> PoolParser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


#: How much lower a parsing worker's scheduling priority is (POSIX ``nice``). Parsing is
#: background work: on 2 cores, two workers at the window's own priority took turns with
#: its GUI thread, which then stalled for 60-170 ms while an import ran.
WORKER_NICENESS = 5


def _start_worker(limit_bytes: int | None) -> None:
    """Run in each worker as it starts: a lower priority, and the memory cap."""
    if hasattr(os, "nice"):
        try:
            os.nice(WORKER_NICENESS)
        except OSError as error:  # not allowed here: the worker still works
            log.info("Worker priority is not lowered here: %s", error)
    _limit_worker_memory(limit_bytes)


def _limit_worker_memory(limit_bytes: int | None) -> None:
    """Cap a worker's address space (run in each worker as it starts).

    Past the cap an allocation fails: Python raises ``MemoryError`` (which
    ``_parse_within_limits`` reports), a native parser may end the worker (reported as
    the helper process stopping). Where the system has no such limit nothing is capped.
    """
    global _worker_memory_limit  # noqa: PLW0603 -- this process's own setting, once
    if limit_bytes is None or sys.platform == "win32":
        return
    import resource  # noqa: PLC0415 -- POSIX only

    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit_bytes = min(limit_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))
    except (OSError, ValueError) as error:  # macOS refuses it; the worker still works
        log.info("Worker memory is not limited here: %s", error)
        return
    _worker_memory_limit = limit_bytes


def _parse_within_limits(parse: Parse, raw: bytes, filename: str) -> ParsedDocument:
    """Run ``parse`` in a worker, reporting a file that needs too much memory."""
    try:
        return parse(raw, filename)
    except MemoryError:
        limit = f" ({_worker_memory_limit / 1024**3:.1f} GB)" if _worker_memory_limit else ""
        raise IngestError(
            f"reading this file needed more memory than a file may use{limit} and was "
            "stopped; the file may be malformed"
        ) from None


def usable_cores() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _safe_context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The fork server imports the parser once; each worker forked from it starts ready.
    # It is one per process, and the parallel index writer's sub-processes come from it
    # too, so Whoosh's writer is loaded once here as well (see parallel_writing.py).
    context.set_forkserver_preload(
        [
            "archive.ingest.worker_preload",
            "whoosh.multiproc",
            "whoosh.codec.whoosh3",
            "archive.search.schema",
        ]
    )
    return context
