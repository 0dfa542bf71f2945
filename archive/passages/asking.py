"""Which passage is asked about: a paragraph by number, the one at an offset, or a selection."""

from __future__ import annotations

from archive.passages.matching import AskedPassage
from archive.passages.paragraphs import (
    MIN_WORDS,
    Paragraph,
    long_enough,
    paragraph_at,
    paragraphs_of,
)


class PassageError(ValueError):
    """The passage asked about does not exist or is too short to look for; says which."""


def asked_passage(
    document_id: int,
    text: str,
    *,
    paragraph: int | None = None,
    offset: int | None = None,
    selection: tuple[int, int] | None = None,
) -> AskedPassage:
    """The passage of a document to look for elsewhere.

    Give at most one of ``paragraph``, ``offset`` and ``selection``; with none, the first
    paragraph long enough to look for is taken (the lead of a press release).

    Args:
        document_id: The document.
        text: Its plain text.
        paragraph: A paragraph's number (see ``paragraphs_of``).
        offset: A character offset in ``text``: the paragraph holding it.
        selection: ``(start, end)`` offsets of selected text; when it holds fewer than
            ``MIN_WORDS`` words, the paragraph it starts in is taken instead.

    Raises:
        PassageError: No such paragraph or offset, or the passage is too short.
    """
    paragraphs = paragraphs_of(text)
    if selection is not None:
        start, end = _within(document_id, text, selection)
        chosen = text[start:end].strip()
        if long_enough(chosen):
            first = start + text[start:end].index(chosen[0])
            whole = next(
                (p for p in paragraphs if (p.start, p.end) == (first, first + len(chosen))), None
            )
            return AskedPassage(
                document_id,
                first,
                first + len(chosen),
                chosen,
                None if whole is None else whole.number,
            )
        offset = start
    if offset is not None:
        if not 0 <= offset < max(len(text), 1):
            raise PassageError(
                f"Document {document_id}'s text is {len(text):,} characters long: "
                f"offset {offset:,} is not in it."
            )
        found = paragraph_at(paragraphs, offset)
        if found is None:
            raise PassageError(f"Document {document_id} has no paragraph at offset {offset:,}.")
        return _searchable(document_id, found)
    if paragraph is not None:
        if not 1 <= paragraph <= len(paragraphs):
            raise PassageError(
                f"Document {document_id} has {_paragraphs(len(paragraphs))}: "
                f"there is no paragraph {paragraph}."
            )
        return _searchable(document_id, paragraphs[paragraph - 1])
    for candidate in paragraphs:
        if candidate.searchable:
            return _as_asked(document_id, candidate)
    raise PassageError(
        f"Document {document_id} has no paragraph long enough to look for "
        f"(at least {MIN_WORDS} words)."
    )


def _within(document_id: int, text: str, selection: tuple[int, int]) -> tuple[int, int]:
    start, end = selection
    if not 0 <= start < end <= len(text):
        raise PassageError(
            f"Document {document_id}'s text is {len(text):,} characters long: "
            f"{start:,}-{end:,} is not a stretch of it."
        )
    return start, end


def _searchable(document_id: int, paragraph: Paragraph) -> AskedPassage:
    if not paragraph.searchable:
        raise PassageError(
            f"Paragraph {paragraph.number} of document {document_id} is too short to look "
            f"for elsewhere (fewer than {MIN_WORDS} words): {_quoted(paragraph.text)}"
        )
    return _as_asked(document_id, paragraph)


def _as_asked(document_id: int, paragraph: Paragraph) -> AskedPassage:
    return AskedPassage(
        document_id, paragraph.start, paragraph.end, paragraph.text, paragraph.number
    )


def _paragraphs(count: int) -> str:
    return f"{count} paragraph{'s' if count != 1 else ''}"


def _quoted(text: str) -> str:
    short = " ".join(text.split())
    return f"“{short[:60]}…”" if len(short) > 60 else f"“{short}”"
