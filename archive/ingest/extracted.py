"""What a format reader hands on: one shape for every format, before the shared cleaning.

Each format (plain text, Markdown, HTML, PDF, Word, RTF) has a reader in
:mod:`archive.ingest.readers` that turns a file's bytes into an ``ExtractedDocument``.
Cleaning, titles, dates, language and source are then worked out the same way for all of
them (:mod:`archive.ingest.parse`), the way Calibre's input plugins feed one pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.models import PublicationDate, SourceFormat


@dataclass(frozen=True)
class ExtractedDocument:
    """A file's text and the metadata its format declares, not yet cleaned or judged.

    Attributes:
        format: The file's format.
        body: The text: Markdown when ``is_markdown``, else plain text with ``\\n`` line
            ends, laid out as the file had it (PDF lines still wrapped, say).
        is_markdown: Whether ``body`` is Markdown (a Markdown file, a web page's main
            text, a Word document's paragraphs) rather than plain text to be cleaned.
        encoding: How the text was read: a codec name for text files, the format
            (``"pdf"``, ``"docx"``) for the others.
        title: The title the file's metadata gives (front matter, ``og:title``, the PDF's
            /Title), or ``None``. Judged against the text before it is used.
        title_evidence: Where ``title`` was read ("front matter", "HTML og:title"...).
        dates: Publication dates the metadata states (front matter, a web page's
            ``article:published_time``), most trusted first. These win over the text.
        fallback_dates: Dates the metadata suggests less firmly (a date found by
            searching a whole web page): used only when the text gives no full date.
        source: The publisher or site the metadata names, or ``None``.
        url: The address the document names as its own (a canonical URL), or ``None``.
        language: The language the file declares (``<html lang>``), or ``None``.
    """

    format: SourceFormat
    body: str
    is_markdown: bool
    encoding: str
    title: str | None = None
    title_evidence: str | None = None
    dates: tuple[PublicationDate, ...] = ()
    fallback_dates: tuple[PublicationDate, ...] = ()
    source: str | None = None
    url: str | None = None
    language: str | None = None
