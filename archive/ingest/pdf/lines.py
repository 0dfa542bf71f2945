"""The lines of a PDF page, put together from runs of characters by their positions.

PDFium hands a page's characters in the order they were drawn, which is not always the
order they are read in: a running header may be drawn after the body, a bullet after
its item, a page number before everything. Runs that share a baseline become one line,
and lines are ordered from the top of the page down (the one-column layout of a press
release).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

# Runs whose baselines are closer than this share of their size are one line: a bullet
# drawn in another font, a superscript, a word set in another size.
_SAME_LINE_SHARE = 0.4
# A gap between two runs of a line wider than this share of the size is a space...
_SPACE_GAP_SHARE = 0.15
# ...and wider than this a separate part of the line ("Publisher · address", then far
# to the right "Page 1 of 2").
_CHUNK_GAP_SHARE = 1.2
# A line takes its baseline and size from its longest run, so only runs near the last
# few lines need comparing.
_LINES_LOOKED_BACK = 3
_SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class TextRun:
    """Characters drawn one after another along one baseline.

    Attributes:
        text: The characters.
        left: Where the first character starts, in points from the page's left.
        right: Where the last character ends.
        baseline: The baseline's height, in points from the page's bottom.
        size: The height of the font's box, ascent to descent, in points: a measure of
            the type size that includes any scaling (PDFium's own "font size" does not).
    """

    text: str
    left: float
    right: float
    baseline: float
    size: float


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page.

    Attributes:
        text: The line's text, its runs joined, spaces collapsed.
        chunks: The parts of the line that wide gaps separate (usually the whole line).
        left: Where the line starts.
        right: Where the line ends.
        baseline: The baseline of its longest run.
        size: The size of its longest run (see ``TextRun.size``).
    """

    text: str
    chunks: tuple[str, ...]
    left: float
    right: float
    baseline: float
    size: float

    @property
    def top(self) -> float:
        """About where the line's tallest letters end."""
        return self.baseline + 0.8 * self.size

    @property
    def bottom(self) -> float:
        """About where the line's descenders end."""
        return self.baseline - 0.2 * self.size


@dataclass(frozen=True)
class PdfPage:
    """The lines of one page, from the top down.

    Attributes:
        number: The page's number in the file, from 1.
        top: The top of the page's visible area, in points from the bottom.
        bottom: The bottom of the page's visible area.
        lines: The page's lines.
    """

    number: int
    top: float
    bottom: float
    lines: tuple[PdfLine, ...]

    @property
    def height(self) -> float:
        """The height of the page's visible area."""
        return self.top - self.bottom


@dataclass
class _LineBuilder:
    runs: list[TextRun] = field(default_factory=list)
    baseline: float = 0.0
    size: float = 0.0
    longest: int = -1

    def add(self, run: TextRun) -> None:
        self.runs.append(run)
        if len(run.text.strip()) > self.longest:
            self.longest = len(run.text.strip())
            self.baseline, self.size = run.baseline, run.size

    def takes(self, run: TextRun) -> bool:
        limit = _SAME_LINE_SHARE * max(run.size, self.size)
        return abs(run.baseline - self.baseline) <= limit

    def build(self) -> PdfLine | None:
        runs = sorted(self.runs, key=lambda run: run.left)
        chunks: list[list[str]] = [[runs[0].text]]
        for before, run in pairwise(runs):
            gap = run.left - before.right
            size = max(before.size, run.size)
            if gap > _CHUNK_GAP_SHARE * size:
                chunks.append([run.text])
            elif gap > _SPACE_GAP_SHARE * size:
                chunks[-1].extend((" ", run.text))
            else:
                chunks[-1].append(run.text)
        texts = tuple(text for text in (_clean("".join(parts)) for parts in chunks) if text)
        if not texts:
            return None
        return PdfLine(
            text=" ".join(texts),
            chunks=texts,
            left=runs[0].left,
            right=max(run.right for run in runs),
            baseline=self.baseline,
            size=self.size,
        )


def _clean(text: str) -> str:
    """Collapse spaces; a soft hyphen counts only where it ends the line (a wrap)."""
    text = " ".join(text.split())
    if text.endswith(_SOFT_HYPHEN):
        text = text[:-1] + "-"
    return text.replace(_SOFT_HYPHEN, "")


def lines_from_runs(runs: Iterable[TextRun]) -> tuple[PdfLine, ...]:
    """Group a page's runs into lines, ordered from the top of the page down.

    Args:
        runs: The page's runs, in any order.

    Returns:
        The page's lines with text; runs of spaces alone make none.
    """
    builders: list[_LineBuilder] = []
    for run in sorted(runs, key=lambda run: (-run.baseline, run.left)):
        target = next(
            (line for line in reversed(builders[-_LINES_LOOKED_BACK:]) if line.takes(run)), None
        )
        if target is None:
            target = _LineBuilder()
            builders.append(target)
        target.add(run)
    lines = (builder.build() for builder in builders)
    built = [line for line in lines if line is not None]
    return tuple(sorted(built, key=lambda line: -line.baseline))
