"""Parsing many files at once: in worker processes, each file in bounded time.

Parsing is pure (bytes in, ``ParsedDocument`` out) and takes nearly all of an import's
time, so a large import parses in worker processes, one per core, while the importer
stores what comes back. A worker that crashes, or a file that keeps a worker busy past
the time limit, costs that file only: the worker is replaced and the import goes on.

Workers are started with "forkserver" (or "spawn" where there is none), never by forking
the importing process: the window imports from a thread, and forking a process that
runs threads (Qt's among them) can deadlock the child.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Protocol

from pebble import ProcessExpired, ProcessPool

from archive.ingest.errors import IngestError
from archive.ingest.parse import parse_document
from archive.models import ParsedDocument

log = logging.getLogger("archive.import")

#: Far beyond any real document (a 10 MB file parses in well under a minute): only a
#: file that sends the parser into a loop or a near-endless search takes this long.
PARSE_TIMEOUT_S = 300.0

Parse = Callable[[bytes, str], ParsedDocument]


class PendingParse(Protocol):
    """A document being parsed."""

    def result(self) -> ParsedDocument:
        """The parsed document.

        Raises:
            IngestError: The file cannot become a document, including when the worker
                parsing it crashed or ran out of time.
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


class _Deferred:
    """Parses when asked for the result, in the calling thread."""

    def __init__(self, parse: Parse, raw: bytes, filename: str) -> None:
        self._parse = parse
        self._raw = raw
        self._filename = filename

    def result(self) -> ParsedDocument:
        return self._parse(self._raw, self._filename)


class SerialParser:
    """Parses in the importing thread: for a few files, where workers cost more to start.

    Args:
        parse: The parser (``parse_document``; tests pass their own).
    """

    def __init__(self, parse: Parse = parse_document) -> None:
        self._parse = parse

    def submit(self, raw: bytes, filename: str) -> PendingParse:
        return _Deferred(self._parse, raw, filename)

    def close(self) -> None:
        return None


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
        except (BrokenProcessPool, RuntimeError):
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


class PoolParser:
    """Parses in worker processes, one per core unless told otherwise.

    Args:
        workers: How many worker processes.
        timeout_s: The most time one file may take; past it the file is reported and its
            worker replaced.
        parse: The parser, a module-level function (workers import it by name).
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout_s: float = PARSE_TIMEOUT_S,
        parse: Parse = parse_document,
    ) -> None:
        self._timeout_s = timeout_s
        self._parse = parse
        self._pool = ProcessPool(max_workers=workers or usable_cores(), context=_safe_context())
        self._broken = False

    def submit(self, raw: bytes, filename: str) -> PendingParse:
        here = _Deferred(self._parse, raw, filename)
        if self._broken:
            return here
        try:
            future = self._pool.schedule(self._parse, args=(raw, filename), timeout=self._timeout_s)
        except (BrokenProcessPool, RuntimeError):
            log.warning("Worker processes cannot start; parsing in the importing process")
            self._broken = True
            return here
        return _PoolResult(future, self._timeout_s, here)

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
    context.set_forkserver_preload([parse_document.__module__])
    return context
