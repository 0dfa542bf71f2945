"""PDF files: their text, page by page, without running headers, footers and page numbers."""

from __future__ import annotations

from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument


def read_pdf(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a PDF's text (not written yet)."""
    raise IngestError("PDF files cannot be read yet")
