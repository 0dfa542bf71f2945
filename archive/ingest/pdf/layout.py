"""A PDF's lines as text: one line per line, a blank line between paragraphs and pages.

The shared reflow (``archive.ingest.cleaning.reflow``) joins wrapped lines into paragraphs and
needs to be told where the page shows a paragraph's end: a gap between two lines clearly
wider than the usual distance between lines of their size, or a change of type size (a
title over its text). Each becomes a blank line here. A page break is a blank line too;
the reflow tells a paragraph carried over to the next page from one that ends there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from archive.ingest.cleaning.reflow import PAGE_BREAK
from archive.ingest.pdf.lines import PdfLine, PdfPage

# Distances and sizes are compared in half points: type is set in such steps.
_STEP = 0.5
# Two lines whose sizes differ by more than this ratio belong to different paragraphs.
_SAME_SIZE_RATIO = 1.05
# A gap this many times the usual distance between lines of a size ends a paragraph:
# paragraphs set apart are 1.35-1.5 times apart (measured on the dev corpus and on the
# usual word-processor spacing of 6-12 points after a paragraph).
_PARAGRAPH_GAP = 1.25
# Where a document says nothing (a single line), lines are this many sizes apart.
_DEFAULT_PITCH_PER_SIZE = 1.2
_DEFAULT_SIZE = 12.0


def _rounded(value: float) -> float:
    return round(value / _STEP) * _STEP


def _same_size(first: PdfLine, second: PdfLine) -> bool:
    larger, smaller = max(first.size, second.size), min(first.size, second.size)
    return smaller > 0 and larger / smaller <= _SAME_SIZE_RATIO


def _neighbours(pages: Sequence[PdfPage]) -> Iterator[tuple[PdfLine, PdfLine, float]]:
    """Each two lines that follow each other on a page at one size, and their distance."""
    for page in pages:
        for above, below in pairwise(page.lines):
            distance = above.baseline - below.baseline
            if distance > 0 and _same_size(above, below):
                yield above, below, distance


def _most_common(counts: Counter[float]) -> float:
    """The most common value; the smaller one of a tie (lines, not paragraphs)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def usual_size(pages: Sequence[PdfPage]) -> float:
    """The size most lines are set in: the body text's."""
    counts = Counter(_rounded(line.size) for page in pages for line in page.lines)
    return _most_common(counts) if counts else _DEFAULT_SIZE


def usual_pitch(pages: Sequence[PdfPage]) -> float:
    """The most common distance between two lines' baselines: the body text's leading."""
    counts = Counter(_rounded(distance) for _, _, distance in _neighbours(pages))
    return _most_common(counts) if counts else _DEFAULT_PITCH_PER_SIZE * usual_size(pages)


class _Pitches:
    """The usual distance between lines, for each size of type in a document."""

    def __init__(self, pages: Sequence[PdfPage]) -> None:
        by_size: dict[float, Counter[float]] = {}
        for _, below, distance in _neighbours(pages):
            by_size.setdefault(_rounded(below.size), Counter())[_rounded(distance)] += 1
        self._by_size = {size: _most_common(counts) for size, counts in by_size.items()}
        self._per_size = usual_pitch(pages) / usual_size(pages)

    def expected(self, size: float) -> float:
        pitch = self._by_size.get(_rounded(size))
        return pitch if pitch is not None else self._per_size * size


def _ends_paragraph(above: PdfLine, below: PdfLine, pitches: _Pitches) -> bool:
    if not _same_size(above, below):
        return True
    distance = above.baseline - below.baseline
    return distance > _PARAGRAPH_GAP * pitches.expected(below.size)


def lay_out_text(pages: Sequence[PdfPage]) -> str:
    """Write the pages' lines as text the shared PDF reflow can rebuild paragraphs from.

    Args:
        pages: The pages, their furniture already removed.

    Returns:
        One line of text per line; a blank line where a paragraph visibly ends, and a
        line holding only :data:`PAGE_BREAK` between pages (whether a paragraph goes on
        across it the reflow decides; within a page the gaps were measured).
    """
    pitches = _Pitches(pages)
    page_texts: list[str] = []
    for page in pages:
        written = [page.lines[0].text] if page.lines else []
        for above, below in pairwise(page.lines):
            if _ends_paragraph(above, below, pitches):
                written.append("")
            written.append(below.text)
        if written:
            page_texts.append("\n".join(written))
    return f"\n{PAGE_BREAK}\n".join(page_texts)
