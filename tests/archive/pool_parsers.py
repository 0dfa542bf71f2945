"""Parsers for the worker-pool tests: module-level, so that worker processes can import them."""

from __future__ import annotations

import os
import time

from archive.ingest import parse_document
from archive.models import ParsedDocument


def misbehaving_parse(raw: bytes, filename: str) -> ParsedDocument:
    """``parse_document``, except on files that ask it to crash, hang or raise."""
    if b"CRASH-THE-WORKER" in raw:
        os._exit(3)  # a hard crash: no exception, the process is just gone
    if b"HANG-THE-WORKER" in raw:
        time.sleep(3600)
    if b"RAISE-IN-THE-WORKER" in raw:
        raise ValueError("a bug in a cleaner")
    return parse_document(raw, filename)
