"""The importer: turn the bytes of one file into a ``ParsedDocument``.

One reader per format (``readers/``: text and Markdown, HTML, PDF, Word, RTF) turns the
bytes into an ``ExtractedDocument``; cleaning (web-page clutter, news-site chrome, PDF
reflow), conversion of plain text to Markdown, and metadata (title, date, language,
source) are then shared by all formats. Nothing here touches files, the database or Qt:
bytes in, dataclass out.

The parser and the date finder are imported when first asked for: they bring the CLDR
tables, the language model and jusText, which a command that imports nothing (``list``,
``search``) should not pay for at every start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from archive.ingest.decoding import DecodedText, decode_bytes
from archive.ingest.errors import IngestError
from archive.ingest.markdown_text import (
    RenderedMarkdown,
    markdown_to_text,
    render_markdown,
    render_markdown_html,
)
from archive.ingest.readers.sniffing import SUFFIX_FORMATS

if TYPE_CHECKING:
    from archive.ingest.dates.publication_date import infer_publication_date
    from archive.ingest.formats import detect_format
    from archive.ingest.parse import parse_document

_LAZY: dict[str, str] = {
    "parse_document": "archive.ingest.parse",
    "infer_publication_date": "archive.ingest.dates.publication_date",
    "detect_format": "archive.ingest.formats",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: File name suffixes the importer reads.
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(SUFFIX_FORMATS)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DecodedText",
    "IngestError",
    "RenderedMarkdown",
    "decode_bytes",
    "detect_format",
    "infer_publication_date",
    "markdown_to_text",
    "parse_document",
    "render_markdown",
    "render_markdown_html",
]
