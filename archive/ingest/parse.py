"""From the bytes of one file to a ``ParsedDocument``: the importer's single entry point."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath

from archive.ingest.blocks import Block, split_plain_blocks
from archive.ingest.dates import infer_publication_date
from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.markdown_text import markdown_to_text
from archive.ingest.news_chrome import strip_news_chrome
from archive.ingest.plain_to_markdown import blocks_to_markdown
from archive.ingest.readers import read_source
from archive.ingest.reflow import reflow_pdf_text
from archive.ingest.sources import detect_source
from archive.ingest.titles import (
    clean_title,
    is_title_line,
    shorten_title,
    title_from_markdown,
    title_from_text,
)
from archive.models import ParsedDocument, SourceFormat

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
MAX_GIVEN_TITLE_LENGTH = 300


def _normalize_markdown(text: str) -> str:
    """Markdown kept as written: only whitespace-only lines and outer blank lines go."""
    lines = [line if line.strip() else "" for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _plain_markdown(text: str, text_format: SourceFormat) -> tuple[str | None, str]:
    """Title (if the text has one) and Markdown of a text that is not Markdown."""
    article = strip_news_chrome(text)
    blocks: list[Block]
    if text_format in (SourceFormat.PDF_TEXT, SourceFormat.PDF):
        blocks = reflow_pdf_text(article.text)
    else:
        blocks = split_plain_blocks(article.text)
    title = article.title
    # A title line leads the text: it becomes the title, not the first paragraph.
    if title is None and len(blocks) > 1 and is_title_line(blocks[0]):
        title = blocks[0].text
        blocks = blocks[1:]
    return title, blocks_to_markdown(blocks)


def _render_text(markdown: str) -> str:
    # Markdown too complex to render in reasonable time (thousands of "[" in a paragraph,
    # quotes nested a thousand deep) comes back as its plain text: the document imports.
    return markdown_to_text(markdown)


def parse_document(raw: bytes, filename: str) -> ParsedDocument:
    """Turn the bytes of one file into a document: clean Markdown, text and metadata.

    Args:
        raw: The file's bytes.
        filename: The file's name; its suffix names the format where the bytes do not,
            and its stem is the title of last resort.

    Returns:
        The parsed document.

    Raises:
        IngestError: The file is empty or blank, binary, damaged or not decodable; no
            other exception escapes for any input.
    """
    if not raw:
        raise IngestError("empty file")
    return finish_document(read_source(raw, filename), filename)


def finish_document(extracted: ExtractedDocument, filename: str) -> ParsedDocument:
    """Clean an extracted text and work out its title, date, language and source.

    Args:
        extracted: What the format's reader made of the file.
        filename: The file's name (its stem is the title of last resort).

    Returns:
        The parsed document.

    Raises:
        IngestError: Nothing of the text is left besides page furniture.
    """
    title: str | None
    if extracted.is_markdown:
        markdown = _normalize_markdown(extracted.body)
        text = _render_text(markdown)
        title = title_from_markdown(markdown)
        evidence = text
    else:
        title, markdown = _plain_markdown(extracted.body, extracted.format)
        text = _render_text(markdown)
        evidence = f"{title}\n\n{text}" if title else text
    if not text.strip():
        raise IngestError("the file has no text besides its title or page furniture")

    if extracted.title:
        title = extracted.title
    if title:
        # A title the document gives is kept whole unless absurdly long.
        title = shorten_title(clean_title(title), limit=MAX_GIVEN_TITLE_LENGTH)
    if not title:
        title = title_from_text(_BLANK_LINES.split(text)) or clean_title(PurePath(filename).stem)

    header_date = extracted.dates[0] if extracted.dates else None
    date = infer_publication_date(
        evidence,
        header_date=(
            datetime.date(header_date.year, header_date.month or 1, header_date.day or 1)
            if header_date
            else None
        ),
    )
    return ParsedDocument(
        title=title or "Untitled",
        markdown=markdown,
        text=text,
        date=date,
        source=extracted.source or detect_source(text, title),
        encoding=extracted.encoding,
        format=extracted.format,
        url=extracted.url,
    )
