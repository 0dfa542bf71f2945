"""The importer: turn the bytes of one file into a ``ParsedDocument``.

One reader per format (``readers/``: text and Markdown, HTML, PDF, Word, RTF) turns the
bytes into an ``ExtractedDocument``; cleaning (web-page clutter, news-site chrome, PDF
reflow), conversion of plain text to Markdown, and metadata (title, date, language,
source) are then shared by all formats. Nothing here touches files, the database or Qt:
bytes in, dataclass out.
"""

from archive.ingest.dates.publication_date import infer_publication_date
from archive.ingest.decoding import DecodedText, decode_bytes
from archive.ingest.errors import IngestError
from archive.ingest.formats import detect_format
from archive.ingest.markdown_text import (
    RenderedMarkdown,
    markdown_to_text,
    render_markdown,
    render_markdown_html,
)
from archive.ingest.parse import parse_document
from archive.ingest.readers.sniffing import SUFFIX_FORMATS

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
