"""Plain dataclasses that the archive core hands to its callers (the CLI and the window)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class DateOrigin(str, enum.Enum):
    """Where a document's publication date came from."""

    EXPLICIT = "explicit"  # a metadata header, a dateline with a year, a dated heading
    INFERRED = "inferred"  # reasoned from evidence in the text
    USER = "user"  # corrected by the user (an override)


@dataclass(frozen=True)
class PublicationDate:
    """A publication date known to the year, the month or the day.

    A date with no year is meaningless for the archive, so ``year`` is required; an
    undated document has no ``PublicationDate`` at all.
    """

    year: int
    month: int | None = None
    day: int | None = None
    origin: DateOrigin = DateOrigin.EXPLICIT
    #: Where the date was read, for a person ("front matter", "dateline", "date line"...).
    #: Not part of the date's identity: two equal dates from different places are equal.
    evidence: str | None = field(default=None, compare=False)

    @property
    def iso(self) -> str | None:
        """``YYYY-MM-DD`` or ``YYYY-MM``; ``None`` when only the year is known."""
        if self.month is None:
            return None
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def inferred(self) -> bool:
        return self.origin is DateOrigin.INFERRED


class SourceFormat(str, enum.Enum):
    """The shape the imported text arrived in."""

    MARKDOWN = "markdown"
    PLAIN = "plain"
    NEWS_PAGE = "news-page"  # text scraped from a news-agency web page
    PDF_TEXT = "pdf-text"  # hard-wrapped, hyphenated text extracted from a PDF
    HTML = "html"  # a saved web page (HTML, XHTML or MHTML)
    PDF = "pdf"  # a PDF file
    DOCX = "docx"  # a Word document
    RTF = "rtf"  # a Rich Text Format document


@dataclass(frozen=True)
class FoundMentions:
    """The countries and organisations a document mentions, as a parsing worker found them.

    Attributes:
        version: The version of the lists they were found with.
        entities: ``(kind, key)`` of each entity mentioned (``("country", "AZ")``).
    """

    version: str
    entities: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ParsedDocument:
    """What the importer makes of one file: clean Markdown, plain text and metadata."""

    title: str
    markdown: str
    text: str
    date: PublicationDate | None
    source: str | None
    encoding: str
    format: SourceFormat
    #: ISO 639-1 code of the text's language ("en", "de"), or ``None`` when unsure.
    language: str | None = None
    #: The address a saved web page names as its own (its canonical URL), if any.
    url: str | None = None
    #: Where the title was read ("HTML <h1>", "front matter", "first sentence"...).
    title_evidence: str | None = None
    #: What it mentions, found where it was parsed (a worker process): ``None`` if not.
    mentions: FoundMentions | None = None


class ImportStatus(str, enum.Enum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportResult:
    """The outcome for one file; ``reason`` says why it was skipped or failed."""

    path: str
    status: ImportStatus
    id: int | None = None
    reason: str | None = None


class ReextractStatus(str, enum.Enum):
    UPDATED = "updated"  # the importer now makes something else of the bytes
    UNCHANGED = "unchanged"
    FAILED = "failed"  # the importer cannot read the bytes any more; nothing was changed


@dataclass(frozen=True)
class ReextractResult:
    """The outcome of reading one document's original bytes again.

    Attributes:
        id: The document.
        path: The file it was imported from.
        status: Updated, unchanged or failed.
        reason: Why it failed, for a person; ``None`` otherwise.
        changed: What changed when updated, for a person: "title", "date", "text"...
    """

    id: int
    path: str
    status: ReextractStatus
    reason: str | None = None
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentSummary:
    """A document as listed: metadata without the body."""

    id: int
    title: str
    date: str | None  # YYYY-MM-DD, YYYY-MM or None
    year: int | None
    date_inferred: bool
    source: str | None
    path: str
    #: ISO 639-1 code of the document's language ("de"), or ``None`` when not known.
    language: str | None = None


@dataclass(frozen=True)
class Document(DocumentSummary):
    """A whole document: metadata, cleaned Markdown and the plain text derived from it."""

    markdown: str = ""
    text: str = ""
    encoding: str = ""
    format: str = ""
    date_origin: str | None = None
    #: The address a saved web page names as its own, if any.
    url: str | None = None
    #: Where the date was read ("dateline", "front matter"...); "corrected by hand" for
    #: the user's correction; ``None`` when undated or not known.
    date_evidence: str | None = None
    #: Where the title was read ("HTML og:title", "first sentence"...), likewise.
    title_evidence: str | None = None


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    year: int | None
    date: str | None
    score: float
    snippet: str  # HTML-escaped text with each hit wrapped in <mark>...</mark>
    #: The date was inferred from the text, not read from a date the document states.
    date_inferred: bool = False
    #: Where an inferred date was read ("dateline", "years in the text"), if known.
    date_evidence: str | None = None


@dataclass(frozen=True)
class NoteHit:
    """An annotation whose note, quote or tags match a search."""

    annotation_id: int
    document_id: int
    document_title: str
    year: int | None
    date: str | None
    snippet: str  # HTML-escaped note (or quote, or tags) with each hit in <mark>...</mark>


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    years: dict[str, int]  # matches per year, over all matches (not only the hits returned)
    suggestion: str | None
    hits: list[SearchHit] = field(default_factory=list)
    undated: int = 0  # matches in undated documents
    # Annotations matching the query; not counted in total, years or undated.
    note_hits: list[NoteHit] = field(default_factory=list)


@dataclass(frozen=True)
class ImportProgress:
    """Reported through the import callback after each file."""

    done: int
    total: int
    current: str
    #: "importing" files, or "re-reading" documents (``Archive.reextract``), then "indexing".
    phase: str = "importing"
