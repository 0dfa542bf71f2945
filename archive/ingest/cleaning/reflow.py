"""Reflow text extracted from a PDF into paragraphs and bullet items.

PDF text (seed 004) arrives as the page laid it out: ~55-character lines, words
hyphenated across line ends ("inde-" / "pendence"), page breaks as blank lines in
mid-sentence, bulleted priorities whose last line runs straight into the next
paragraph. Where the extractor left a space at the end of wrapped lines (as in seed
004), that space tells a wrap from a real line end; otherwise punctuation, line width
and capitalisation decide.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from archive.ingest.cleaning.blocks import BULLET, Block, BlockKind
from archive.ingest.cleaning.hyphenation import (
    Vocabulary,
    build_vocabulary,
    ends_with_broken_word,
    join_wrapped_lines,
)
from archive.ingest.cleaning.page_furniture import remove_page_furniture

#: A line of its own between two pages, where the text's maker knew where pages end
#: (the PDF reader): its other blank lines are then paragraph ends, measured on the page.
PAGE_BREAK = "\f"
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*$")
_MIN_TRAILING_SPACE_SHARE = 0.4
_MAX_TRAILING_SPACE_SHARE = 0.95
# In the fallback, a line this much shorter than the text's usual width ends its
# paragraph (or bullet item) when punctuation or a capital agrees.
_SHORT_LINE_SHARE = 0.75
_CONNECTING_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
     "the", "to", "with"}
)  # fmt: skip


@dataclass
class _OpenBlock:
    kind: BlockKind
    lines: list[str] = field(default_factory=list)

    def quote_is_open(self) -> bool:
        text = " ".join(self.lines)
        return text.count("“") > text.count("”") or text.count('"') % 2 == 1


@dataclass(frozen=True)
class _Layout:
    """What the text as a whole says about its wraps."""

    trailing_space_marks_wraps: bool
    usual_width: float


def _layout(lines: list[str]) -> _Layout:
    nonblank = [line for line in lines if line.strip()]
    unbroken = [line for line in nonblank if not ends_with_broken_word(line.rstrip())]
    with_space = sum(1 for line in unbroken if line[-1].isspace())
    width = statistics.median(len(line.strip()) for line in nonblank) if nonblank else 0.0
    return _Layout(
        # Where (nearly) every line ends in a space, as OCR leaves them, it says nothing.
        trailing_space_marks_wraps=bool(unbroken)
        and _MIN_TRAILING_SPACE_SHARE * len(unbroken)
        <= with_space
        < _MAX_TRAILING_SPACE_SHARE * len(unbroken),
        usual_width=width,
    )


def _starts_lowercase(line: str) -> bool:
    first = line.lstrip("“\"‘'(")[:1]
    return first.islower()


def _ends_mid_clause(line: str) -> bool:
    """Whether a stripped line stops where no paragraph can end ("of", "the", ",")."""
    if line.endswith(","):
        return True
    last_word = line.rsplit(maxsplit=1)[-1].lower()
    return last_word in _CONNECTING_WORDS


def _ends_block(previous: str, following: str, layout: _Layout, *, is_bullet: bool) -> bool:
    """Whether the raw line ``previous`` ends its paragraph, ``following`` being next."""
    stripped = previous.strip()
    if ends_with_broken_word(stripped):
        return False
    if layout.trailing_space_marks_wraps:
        return not previous[-1:].isspace()
    if _ends_mid_clause(stripped) or _starts_lowercase(following):
        return False
    if is_bullet:
        return True  # Bullet items are short: a capital after one starts the text.
    short = len(stripped) < _SHORT_LINE_SHARE * layout.usual_width
    return short


def _gap_is_page_break(previous: str, following: str, block: _OpenBlock, layout: _Layout) -> bool:
    """Whether a blank line between two lines is a page break rather than a paragraph end."""
    stripped = previous.strip()
    if ends_with_broken_word(stripped):
        return True
    if BULLET.match(following.strip()):
        return False
    if layout.trailing_space_marks_wraps and not previous[-1:].isspace():
        return False
    if _ends_mid_clause(stripped):
        return True
    if _SENTENCE_END.search(stripped) and not _starts_lowercase(following):
        # A sentence ends at the page end: a paragraph ends too, unless a quotation
        # is still open.
        return block.quote_is_open()
    # Mid-sentence: with the trailing-space signal that is proof of a page break;
    # without it, a lowercase continuation is.
    return layout.trailing_space_marks_wraps or _starts_lowercase(following)


def reflow_pdf_text(text: str, *, measured_gaps: bool = False) -> list[Block]:
    """Turn PDF-extracted text into paragraphs and bullet items.

    Args:
        text: Normalised text extracted from a PDF.
        measured_gaps: The blank lines within a page were measured on the page (the PDF
            reader's text): each ends a paragraph, and only a :data:`PAGE_BREAK` line
            may fall within one.

    Returns:
        The blocks in order, each joined into one line with line-break hyphenation
        undone.
    """
    marked_pages = measured_gaps or PAGE_BREAK in text
    lines = remove_page_furniture(text.split("\n"))
    vocabulary = build_vocabulary(lines)
    layout = _layout([line for line in lines if line != PAGE_BREAK])
    blocks: list[Block] = []
    current: _OpenBlock | None = None
    previous = ""  # The last non-blank raw line.
    gap = page_gap = False

    for line in lines:
        stripped = line.strip()
        if not stripped:
            gap = current is not None
            page_gap = page_gap or line == PAGE_BREAK
            continue
        marker = BULLET.match(stripped)
        if current is not None and not marker:
            if gap and marked_pages and not page_gap:
                # A gap measured within a page ends the paragraph (unless a word broke).
                continues = ends_with_broken_word(previous.strip())
            elif gap:
                continues = _gap_is_page_break(previous, line, current, layout)
            else:
                is_bullet = current.kind is BlockKind.BULLET
                continues = not _ends_block(previous, line, layout, is_bullet=is_bullet)
            if continues:
                current.lines.append(stripped)
                previous, gap, page_gap = line, False, False
                continue
        _close(current, blocks, vocabulary)
        if marker:
            current = _OpenBlock(BlockKind.BULLET, [stripped[marker.end() :]])
        else:
            current = _OpenBlock(BlockKind.PARAGRAPH, [stripped])
        previous, gap, page_gap = line, False, False
    _close(current, blocks, vocabulary)
    return blocks


def _close(block: _OpenBlock | None, blocks: list[Block], vocabulary: Vocabulary) -> None:
    if block is not None and block.lines:
        blocks.append(Block(block.kind, (join_wrapped_lines(block.lines, vocabulary),)))
