"""Word (.docx) files: their paragraphs, headings, lists and tables as Markdown."""

from __future__ import annotations

from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument


def read_docx(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a Word document (not written yet)."""
    raise IngestError("Word files cannot be read yet")
