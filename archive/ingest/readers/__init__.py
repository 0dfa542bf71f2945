"""One reader per format, each turning a file's bytes into an ``ExtractedDocument``.

``read_source`` recognises the format from the bytes first (a PDF or Word file keeps its
signature whatever it is named) and from the file name second, and hands the bytes to
that format's reader. Readers of formats that need a parser of their own (HTML, PDF,
Word, RTF) import it only when such a file comes, so that importing text stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from archive.ingest.extracted import ExtractedDocument
from archive.ingest.readers.sniffing import sniff_format
from archive.models import SourceFormat

Reader = Callable[[bytes, str], ExtractedDocument]


# Modules imported only when a file of their format comes: each brings a parser (lxml,
# PDFium, python-docx) that importing text never needs, and the command line starts faster.
_READER_MODULES: dict[SourceFormat, tuple[str, str]] = {
    SourceFormat.HTML: ("archive.ingest.readers.html", "read_html"),
    SourceFormat.PDF: ("archive.ingest.readers.pdf", "read_pdf"),
    SourceFormat.DOCX: ("archive.ingest.readers.docx", "read_docx"),
    SourceFormat.RTF: ("archive.ingest.readers.rtf", "read_rtf"),
}
_TEXT_READER = ("archive.ingest.readers.text", "read_text")


def _reader_for(kind: SourceFormat) -> Reader:
    module_name, function_name = _READER_MODULES.get(kind, _TEXT_READER)
    reader: Reader = getattr(importlib.import_module(module_name), function_name)
    return reader


def read_source(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a file of any supported format.

    Args:
        raw: The file's bytes (not empty).
        filename: The file's name; its suffix decides where the bytes do not.

    Returns:
        The file's text and declared metadata.

    Raises:
        IngestError: The file cannot be read as the format it is (damaged, encrypted,
            binary, no text); the reason says which.
    """
    return _reader_for(sniff_format(raw, filename))(raw, filename)


__all__ = ["Reader", "read_source", "sniff_format"]
