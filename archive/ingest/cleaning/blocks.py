"""The building blocks of a plain-text document: paragraphs and bullet items."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from archive.ingest.cleaning.hyphenation import Vocabulary, build_vocabulary, join_wrapped_lines

# "- item", "• item", "* item", "– item": a bullet marker, then the item.
BULLET = re.compile(r"^[-•▪●◦*–]\s+(?=\S)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_INDENT = re.compile(r"^(?: {2,}|\t)\S")
_SENTENCE_END = re.compile(r"[.!?:][\"”’')]*\s*$")
# Lines this long or longer, all alike, are the product of a wrap, not of a writer
# setting every line apart (an address, a list of names).
_MIN_WRAPPED_WIDTH = 40
_WRAPPED_LINE_SHARE = 0.5


class BlockKind(enum.Enum):
    """What a block becomes in Markdown."""

    PARAGRAPH = "paragraph"
    BULLET = "bullet"


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet item.

    Attributes:
        kind: Paragraph or bullet item.
        lines: The block's lines; more than one only where the author broke lines on
            purpose (each is kept on its own line).
    """

    kind: BlockKind
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The block's text on one line."""
        return " ".join(self.lines)


def _is_wrapped(lines: list[str]) -> bool:
    widest = max(len(line) for line in lines)
    return widest >= _MIN_WRAPPED_WIDTH and all(
        len(line) >= _WRAPPED_LINE_SHARE * widest for line in lines[:-1]
    )


def _paragraph_blocks(lines: list[str], vocabulary: Vocabulary) -> list[Block]:
    """Blocks of one blank-line-delimited paragraph of plain text."""
    blocks: list[Block] = []
    prose: list[str] = []
    bullet: list[str] | None = None

    def flush_prose() -> None:
        if prose:
            if len(prose) == 1 or _is_wrapped(prose):
                blocks.append(Block(BlockKind.PARAGRAPH, (join_wrapped_lines(prose, vocabulary),)))
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, tuple(prose)))
            prose.clear()

    for line in lines:
        marker = BULLET.match(line)
        if marker is not None:
            flush_prose()
            if bullet is not None:
                blocks.append(Block(BlockKind.BULLET, (join_wrapped_lines(bullet, vocabulary),)))
            bullet = [line[marker.end() :]]
        elif bullet is not None:
            bullet.append(line)  # A wrapped bullet item goes on.
        else:
            prose.append(line)
    flush_prose()
    if bullet is not None:
        blocks.append(Block(BlockKind.BULLET, (join_wrapped_lines(bullet, vocabulary),)))
    return blocks


def _split_at_indents(lines: list[str]) -> list[list[str]]:
    """Split raw lines where an indented line follows the end of a sentence.

    Newswire text marks paragraphs by indenting their first line instead of leaving a
    blank line between them.
    """
    groups: list[list[str]] = [[]]
    for line in lines:
        previous = groups[-1][-1] if groups[-1] else ""
        if previous and _INDENT.match(line) and _SENTENCE_END.search(previous):
            groups.append([])
        groups[-1].append(line)
    return groups


def split_plain_blocks(text: str) -> list[Block]:
    """Split plain text into paragraphs (at blank lines) and bullet items.

    Wrapped lines are joined (undoing hyphenation where the document shows it was
    added by the wrap); lines an author set apart on purpose stay apart.

    Args:
        text: Normalised plain text.

    Returns:
        The blocks in order.
    """
    vocabulary = build_vocabulary(text.split("\n"))
    blocks: list[Block] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        raw_lines = [line for line in paragraph.split("\n") if line.strip()]
        for group in _split_at_indents(raw_lines):
            lines = [line.strip() for line in group]
            if lines:
                blocks.extend(_paragraph_blocks(lines, vocabulary))
    return blocks
