"""Parsers for the isolation tests: module-level, so that worker processes can import them."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time

from archive.ingest import parse_document
from archive.ingest.pool import WORKER_MEMORY_LIMIT_BYTES
from archive.models import ParsedDocument

#: Past the workers' memory limit. Allocated as zeroed memory the system hands out only
#: when it is written to, so where nothing limits it nothing is used either.
TOO_MUCH_MEMORY = WORKER_MEMORY_LIMIT_BYTES + 1024**3


def process_id_parse(raw: bytes, filename: str) -> ParsedDocument:
    """``parse_document``, titled with the id of the process that parsed the file."""
    parsed = parse_document(b"A short release about energy talks.", "release.txt")
    return dataclasses.replace(parsed, title=str(os.getpid()))


def misbehaving_parse(raw: bytes, filename: str) -> ParsedDocument:
    """``process_id_parse``, except on files that ask it to hang, crash or allocate."""
    if b"HANG-THE-WORKER" in raw:
        time.sleep(3600)
    if b"CRASH-THE-WORKER" in raw:
        os._exit(3)  # a hard crash: no exception, the process is just gone
    if b"ALLOCATE-TOO-MUCH" in raw:
        hoard = bytes(TOO_MUCH_MEMORY)
        return dataclasses.replace(process_id_parse(raw, filename), title=str(len(hoard)))
    if b"RUNTIME-ERROR-IN-A-WORKER" in raw and multiprocessing.parent_process() is not None:
        raise RuntimeError("PDFium could not read a page")  # as pypdfium2's PdfiumError
    return process_id_parse(raw, filename)
