"""Saved web pages (HTML, XHTML, MHTML): the main text as Markdown, and the page's metadata."""

from __future__ import annotations

from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument


def read_html(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a saved web page (not written yet)."""
    raise IngestError("web pages cannot be read yet")
