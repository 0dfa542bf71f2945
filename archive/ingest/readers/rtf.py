"""Rich Text Format (.rtf) files: their text."""

from __future__ import annotations

from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument


def read_rtf(raw: bytes, filename: str) -> ExtractedDocument:
    """Read an RTF document (not written yet)."""
    raise IngestError("RTF files cannot be read yet")
