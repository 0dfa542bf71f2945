"""Ranking other documents' paragraphs by the wording they share with a passage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archive.passages.paragraphs import Paragraph, paragraphs_of
from archive.passages.shingles import (
    ShingledText,
    Span,
    containment,
    jaccard,
    shared_spans,
    shingled,
)

#: Below this score a paragraph shares a phrase or two, not wording: it is not returned.
MIN_SCORE = 0.1
#: Nor when it shares fewer shingles than this (two runs of three words).
MIN_SHARED_SHINGLES = 2


@dataclass(frozen=True)
class AskedPassage:
    """The passage looked for: a paragraph of a document, or a stretch of its text.

    Attributes:
        document_id: Its document.
        start: Offset of its first character in the document's plain text.
        end: Offset just past its last character.
        text: ``text[start:end]``.
        paragraph: The paragraph's number when it is a whole paragraph, else ``None``
            (a selection is scored by how much of it another paragraph holds).
    """

    document_id: int
    start: int
    end: int
    text: str
    paragraph: int | None


@dataclass(frozen=True)
class PassageMatch:
    """A paragraph of another document that shares the asked passage's wording.

    Attributes:
        document_id: The other document.
        paragraph: Its paragraph's number there (see ``paragraphs_of``).
        start: Offset of the paragraph in that document's plain text.
        end: Offset just past it.
        text: The paragraph.
        score: For a whole paragraph, the Jaccard similarity of the two paragraphs' word
            shingles (1.0: the same wording); for a selection, the share of its shingles
            the paragraph holds.
        shared: The shared wording in that document's text, as ``(start, end)`` offsets.
        asked_shared: The shared wording in the asked document's text.
    """

    document_id: int
    paragraph: int
    start: int
    end: int
    text: str
    score: float
    shared: tuple[Span, ...]
    asked_shared: tuple[Span, ...]


def rank_paragraphs(
    asked: AskedPassage,
    asked_text: str,
    candidates: Sequence[int],
    texts: Mapping[int, str],
    *,
    limit: int,
) -> list[PassageMatch]:
    """The paragraphs of the candidate documents most like the asked passage, best first.

    Args:
        asked: The passage looked for.
        asked_text: Its document's plain text (for the shared words' offsets there).
        candidates: Documents to compare, most likely first; the asked one is skipped.
        texts: Their plain texts by id.
        limit: How many paragraphs to return at most.

    Returns:
        Paragraphs scoring at least :data:`MIN_SCORE`, by score, then in the order of
        ``candidates``.
    """
    mine = shingled(asked_text, asked.start, asked.end)
    my_shingles = mine.shingle_set
    scored: list[tuple[float, int, int, Paragraph, ShingledText]] = []
    for rank, document_id in enumerate(candidates):
        text = texts.get(document_id)
        if document_id == asked.document_id or text is None:
            continue
        for paragraph in paragraphs_of(text):
            if not paragraph.searchable:
                continue
            theirs = shingled(text, paragraph.start, paragraph.end)
            common = len(my_shingles.intersection(theirs.shingles))
            if common < MIN_SHARED_SHINGLES:
                continue
            if asked.paragraph is None:
                score = containment(my_shingles, theirs.shingles)
            else:
                score = jaccard(my_shingles, theirs.shingles)
            if score >= MIN_SCORE:
                scored.append((score, rank, document_id, paragraph, theirs))
    scored.sort(key=lambda entry: (-entry[0], entry[1], entry[3].number))
    return [
        PassageMatch(
            document_id=document_id,
            paragraph=paragraph.number,
            start=paragraph.start,
            end=paragraph.end,
            text=paragraph.text,
            score=round(score, 4),
            shared=tuple(shared_spans(theirs, my_shingles)),
            asked_shared=tuple(shared_spans(mine, theirs.shingle_set)),
        )
        for score, _rank, document_id, paragraph, theirs in scored[:limit]
    ]
