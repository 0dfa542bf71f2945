"""From the bytes of one file to a ``ParsedDocument``: the importer's single entry point.

A reader per format (``archive.ingest.readers``) turns the bytes into an
``ExtractedDocument``; everything after that is shared by all formats: the body is
cleaned and written as Markdown, then the title, date, language and source are chosen
from what the metadata declares and what the text says.
"""

from __future__ import annotations

import re

from archive.ingest.cleaning.plain_body import PlainBody, plain_body
from archive.ingest.dates.publication_date import infer_publication_date
from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.language import detect_language
from archive.ingest.markdown_text import markdown_to_text
from archive.ingest.readers import read_source
from archive.ingest.sources import detect_source
from archive.ingest.titles.choice import TitleCandidate, choose_title, same_title
from archive.ingest.titles.derived import title_from_markdown
from archive.mentions.finder import mentions_in
from archive.models import ParsedDocument

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
MAX_GIVEN_TITLE_LENGTH = 300


def _normalize_markdown(text: str) -> str:
    """Markdown kept as written: only whitespace-only lines and outer blank lines go."""
    lines = [line if line.strip() else "" for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


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
    # Detected once, on the opening of the text as it came (a web page copy's menus
    # are in its language too): the page clutter judge needs it before cleaning.
    language = detect_language(extracted.body, extracted.language)
    letterhead = None
    body: PlainBody | None = None
    if extracted.is_markdown:
        markdown = _normalize_markdown(extracted.body)
        text = _render_text(markdown)
        headline = TitleCandidate(title_from_markdown(markdown), "first heading")
    else:
        body = plain_body(extracted.body, extracted.format, language)
        markdown = body.markdown
        text = _render_text(markdown)
        headline = TitleCandidate(body.title, body.title_evidence or "headline line")
        letterhead = body.letterhead
    if not text.strip():
        raise IngestError("the file has no text besides its title or page furniture")

    paragraphs = _BLANK_LINES.split(text)
    title, title_evidence = choose_title(
        TitleCandidate(extracted.title, extracted.title_evidence or "metadata"),
        headline,
        paragraphs,
        filename,
    )
    if body is not None and body.title and not same_title(title, body.title):
        # The title came from elsewhere: the line taken for a headline stays in the text.
        markdown = body.markdown_with_headline
        text = _render_text(markdown)
    evidence = text if title in text else f"{title}\n\n{text}"
    date = infer_publication_date(
        evidence, claims=extracted.dates, fallback=extracted.fallback_dates
    )
    return ParsedDocument(
        title=title,
        markdown=markdown,
        text=text,
        date=date,
        source=extracted.source or detect_source(text, title) or letterhead,
        encoding=extracted.encoding,
        format=extracted.format,
        language=language,
        url=extracted.url,
        title_evidence=title_evidence,
        mentions=mentions_in(title, text, language),
    )
