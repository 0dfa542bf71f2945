"""Where else a passage appears: candidates from the search index, ranked by shingles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archive.models import DocumentSummary
from archive.passages.candidates import candidate_documents
from archive.passages.matching import AskedPassage, PassageMatch, rank_paragraphs
from archive.passages.shingles import Span, shingled
from archive.search.searching import IndexSnapshot

#: Documents whose paragraphs are compared: the best of the index's answer to the
#: passage's rarest words. See the package's docstring for how it was chosen.
CANDIDATE_DOCUMENTS = 64


@dataclass(frozen=True)
class SimilarPassage:
    """A paragraph of another document sharing the asked passage's wording.

    Attributes:
        id: The other document.
        title: Its title.
        year: Its year, ``None`` when undated.
        date: Its date (``YYYY-MM-DD``, ``YYYY-MM``) or ``None``.
        paragraph: The paragraph's number in it (from 1, see ``paragraphs_of``).
        start: Offset of the paragraph in that document's plain text.
        end: Offset just past it.
        score: 0-1; see :class:`archive.passages.matching.PassageMatch`.
        text: The paragraph.
        shared: The shared wording in that document's text, as ``(start, end)``.
        asked_shared: The shared wording in the asked document's text.
    """

    id: int
    title: str
    year: int | None
    date: str | None
    paragraph: int
    start: int
    end: int
    score: float
    text: str
    shared: tuple[Span, ...]
    asked_shared: tuple[Span, ...]


@dataclass(frozen=True)
class SimilarPassages:
    """The passage asked about, and where else its wording appears, best first."""

    asked: AskedPassage
    matches: list[SimilarPassage]


def find_similar_passages(
    asked: AskedPassage,
    asked_text: str,
    snapshot: IndexSnapshot,
    *,
    texts_of: Callable[[Sequence[int]], dict[int, str]],
    summaries_of: Callable[[Sequence[int]], list[DocumentSummary]],
    limit: int,
) -> SimilarPassages:
    """The paragraphs of other documents most like ``asked``, best first.

    Args:
        asked: The passage.
        asked_text: Its document's plain text.
        snapshot: The search index's latest commit.
        texts_of: The plain texts of documents by id.
        summaries_of: The documents (not removed) among ids, with title, year and date.
        limit: How many paragraphs to return at most.
    """
    stems = shingled(asked_text, asked.start, asked.end).stems
    candidates = candidate_documents(snapshot, stems, limit=CANDIDATE_DOCUMENTS)
    candidates = [document_id for document_id in candidates if document_id != asked.document_id]
    matches = rank_paragraphs(asked, asked_text, candidates, texts_of(candidates), limit=limit)
    summaries = {summary.id: summary for summary in summaries_of([m.document_id for m in matches])}
    return SimilarPassages(
        asked,
        [
            _described(match, summaries[match.document_id])
            for match in matches
            if match.document_id in summaries
        ],
    )


def _described(match: PassageMatch, summary: DocumentSummary) -> SimilarPassage:
    return SimilarPassage(
        id=match.document_id,
        title=summary.title,
        year=summary.year,
        date=summary.date,
        paragraph=match.paragraph,
        start=match.start,
        end=match.end,
        score=match.score,
        text=match.text,
        shared=match.shared,
        asked_shared=match.asked_shared,
    )
