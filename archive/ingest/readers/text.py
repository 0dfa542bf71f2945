"""Text and Markdown files: decoded, with their front matter and date header read as metadata."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath

from archive.ingest.dates.header import split_date_header
from archive.ingest.dates.patterns import parse_full_date
from archive.ingest.decoding import decode_bytes
from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.formats import detect_format, looks_like_pdf_text, undouble
from archive.ingest.front_matter import FrontMatter, split_front_matter
from archive.models import DateOrigin, PublicationDate, SourceFormat

# Suffixes of formats with a signature of their own: a file so named without it is not one.
_NAMED_FORMATS = {".pdf": "a PDF", ".docx": "a Word", ".rtf": "an RTF"}
_ISO_TIMESTAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d")


def read_text(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a text or Markdown file.

    Args:
        raw: The file's bytes.
        filename: The file's name (``.md`` and ``.markdown`` are Markdown).

    Returns:
        The text, with any front matter or `` date YYYY-MM-DD`` header taken off as
        metadata; ``is_markdown`` when the file is (or reads as) Markdown.

    Raises:
        IngestError: The bytes are not text, or the text is blank.
    """
    try:
        decoded = decode_bytes(raw)
    except IngestError as error:
        kind = _NAMED_FORMATS.get(PurePath(filename).suffix.lower())
        if kind is None:
            raise
        raise IngestError(f"named like {kind} file, but it is not one: {error.reason}") from None
    if not decoded.text.strip():
        raise IngestError("the file contains only whitespace")
    front, body = split_front_matter(decoded.text.lstrip("\ufeff"))
    header_date, body = split_date_header(body)
    text_format = detect_format(body, filename)
    if text_format is SourceFormat.PLAIN:
        # OCR leaves a blank line after every line: read it as the wrapped text it is.
        undoubled = undouble(body)
        if undoubled is not None and looks_like_pdf_text(undoubled):
            body, text_format = undoubled, SourceFormat.PDF_TEXT
    dates: list[PublicationDate] = []
    if front is not None:
        front_date = _front_matter_date(front)
        if front_date is not None:
            dates.append(front_date)
    if header_date is not None:
        dates.append(_explicit(header_date, "date header"))
    return ExtractedDocument(
        format=text_format,
        body=body,
        is_markdown=text_format is SourceFormat.MARKDOWN,
        encoding=decoded.encoding,
        title=front.title if front else None,
        title_evidence="front matter" if front and front.title else None,
        dates=tuple(dates),
        source=front.source if front else None,
        url=front.url if front else None,
        language=front.language if front else None,
    )


def _front_matter_date(front: FrontMatter) -> PublicationDate | None:
    value = front.date
    if isinstance(value, str):
        timestamp = _ISO_TIMESTAMP.match(value)
        value = parse_full_date(timestamp.group(1) if timestamp else value)
    if isinstance(value, datetime.date):
        return _explicit(value, "front matter")
    return None


def _explicit(date: datetime.date, evidence: str) -> PublicationDate:
    return PublicationDate(date.year, date.month, date.day, DateOrigin.EXPLICIT, evidence)
