"""Annotations as the core hands them out: plain, frozen dataclasses.

An annotation marks a passage of a document's plain text (``Document.text``) the way the
W3C Web Annotation model selects text: by its quote with some context around it (a
``TextQuoteSelector``) and by its offsets (a ``TextPositionSelector``). Both are kept so the
passage can be found again after the document changes (see
:mod:`archive.annotations.anchoring`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

#: The highlight colours, in the order a colour picker shows them.
COLORS = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOR = "yellow"

ANNOTATION_URN_PREFIX = "urn:archive-reader:annotation:"
DOCUMENT_URN_PREFIX = "urn:archive-reader:document:"

#: The most a note may hold, in UTF-8 bytes (a long essay is a tenth of it). Every search
#: of notes and every export carries the note: a bigger one would make them all slow.
MAX_NOTE_BYTES = 1_000_000
#: The most an annotation's tags may hold together, in UTF-8 bytes.
MAX_TAGS_BYTES = 1_000_000

# In a Python string a surrogate code point is always a lone one (a pair is one character).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Annotation:
    """A highlighted passage of one document, with the reader's note and tags.

    Attributes:
        id: The row id: short, for the command line and the window; local to an archive.
        uuid: The stable identity, kept by export and import (``urn`` is built from it).
        document_id: The annotated document.
        quote: The passage's exact text.
        prefix: Up to 32 characters of the text just before the passage.
        suffix: Up to 32 characters of the text just after it.
        start: Offset of the passage in the document's plain text; for an orphan, the last
            known offset (``None`` if it never had a place in this archive).
        end: Offset just past the passage (same rules as ``start``).
        orphaned: The passage is no longer in the document: the annotation keeps its
            quote and note and waits to be re-attached to a new selection.
        color: One of :data:`COLORS`.
        note: The reader's note, in Markdown.
        tags: The reader's tags, in the order given, without duplicates.
        created: When it was made, UTC ISO 8601 (``2025-01-31T09:30:00Z``).
        modified: When the reader last changed it (same format).
    """

    id: int
    uuid: str
    document_id: int
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    orphaned: bool
    color: str
    note: str
    tags: tuple[str, ...]
    created: str
    modified: str

    @property
    def span(self) -> tuple[int, int] | None:
        """``(start, end)`` in the document's current text; ``None`` for an orphan."""
        if self.orphaned or self.start is None or self.end is None:
            return None
        return self.start, self.end

    @property
    def urn(self) -> str:
        """The annotation's id in exports: ``urn:archive-reader:annotation:<uuid>``."""
        return ANNOTATION_URN_PREFIX + self.uuid


@dataclass(frozen=True)
class ImportFailure:
    """One annotation of an imported file that could not be imported, and why."""

    position: int  # 1-based, in the file's order
    annotation_id: str | None  # its ``id`` in the file, if it had one
    reason: str


@dataclass(frozen=True)
class AnnotationImportReport:
    """What importing a file of annotations did.

    ``orphaned`` lists those of ``added`` and ``updated`` whose passage could not be found
    in their document's text; they are kept, flagged orphaned.
    """

    added: list[Annotation] = field(default_factory=list)
    updated: list[Annotation] = field(default_factory=list)
    unchanged: list[Annotation] = field(default_factory=list)
    orphaned: list[Annotation] = field(default_factory=list)
    failed: list[ImportFailure] = field(default_factory=list)


def check_color(color: str) -> str:
    """Return ``color`` if it is one of :data:`COLORS`.

    Raises:
        ValueError: It is not.
    """
    if color not in COLORS:
        raise ValueError(f"Unknown colour {color!r}: use one of {', '.join(COLORS)}.")
    return color


def clean_tags(tags: object) -> tuple[str, ...]:
    """Tags as stored: whitespace collapsed, empty ones dropped, duplicates removed.

    Raises:
        ValueError: ``tags`` is a single string (a common slip), holds a non-string or a
            lone surrogate, or the tags are larger than :data:`MAX_TAGS_BYTES` together.
    """
    if isinstance(tags, str):
        raise ValueError("Tags must be a list of strings, not one string.")
    if not isinstance(tags, (list, tuple, set, frozenset)):
        raise ValueError("Tags must be a list of strings.")
    cleaned: dict[str, None] = {}  # a dict keeps the order given
    given = 0
    for tag in tags:
        if not isinstance(tag, str):
            raise ValueError(f"A tag must be text, not {shorten(repr(tag))}.")
        given += len(tag) if len(tag) > MAX_TAGS_BYTES else utf8_size(tag)
        if given > MAX_TAGS_BYTES:
            raise ValueError(f"The tags are larger than {megabytes(MAX_TAGS_BYTES)} together.")
        problem = text_problem(tag, MAX_TAGS_BYTES)
        if problem:
            raise ValueError(f"A tag {problem}.")
        tidy = " ".join(tag.split())
        if tidy:
            cleaned.setdefault(tidy)
    return tuple(cleaned)


def check_note(note: object) -> str:
    """Return ``note`` if it can be stored as a note.

    Raises:
        ValueError: It is not text, holds a lone surrogate, or is larger than
            :data:`MAX_NOTE_BYTES`; the message says which.
    """
    if not isinstance(note, str):
        raise ValueError("A note must be text (Markdown).")
    problem = text_problem(note, MAX_NOTE_BYTES)
    if problem:
        raise ValueError(f"The note {problem}.")
    return note


def text_problem(text: str, max_bytes: int) -> str | None:
    """Why ``text`` cannot be stored, as the end of a sentence; ``None`` when it can.

    Text is stored as UTF-8, in which a lone surrogate (half of a UTF-16 pair, such as
    JSON's ``"\\ud800"`` alone) cannot be written.
    """
    # Every character takes at least a byte: a text this long is too large unencoded.
    if len(text) > max_bytes or utf8_size(text) > max_bytes:
        return f"is larger than {megabytes(max_bytes)}"
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        shown = ascii(surrogate.group())[1:-1]
        return f"holds a lone surrogate ({shown}), half of a character, which is not text"
    return None


def utf8_size(text: str) -> int:
    """Bytes ``text`` takes in UTF-8 (a lone surrogate counted as three)."""
    return len(text.encode("utf-8", "surrogatepass"))


def megabytes(size: int) -> str:
    """A size for messages: ``1 MB``, ``2.5 MB``."""
    return f"{size / 1_000_000:g} MB"


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def utc_now() -> str:
    """The current time as stored: UTC ISO 8601 to the second, ``Z`` for UTC."""
    return format_timestamp(datetime.now(timezone.utc).replace(microsecond=0))


def format_timestamp(moment: datetime) -> str:
    """A timezone-aware time as UTC ISO 8601 with ``Z``."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_timestamp(text: str) -> str:
    """Normalize an ISO 8601 date-time to the stored form (UTC, ``Z``).

    A time without a zone is taken as UTC. Python 3.10's ``fromisoformat`` does not accept
    ``Z``, hence the replacement.

    Raises:
        ValueError: ``text`` is not an ISO 8601 date-time, or not one of the years 1 to
            9999 once in UTC.
    """
    shown = shorten(repr(text))
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{shown} is not an ISO 8601 date and time.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return format_timestamp(moment)
    except OverflowError:
        # 0001-01-01T00:00:00+14:00 is a valid time, but a year 0 in UTC.
        raise ValueError(f"{shown} falls outside the years 1 to 9999 in UTC.") from None
