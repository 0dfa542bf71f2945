"""Write plain-text blocks as Markdown that renders back to exactly that text.

Plain text is full of characters Markdown reads as markup: seed 001 uses backticks
as apostrophes ("Aliyev`s"), which would open code spans; a line may begin with "#",
">", "1987. " or "- "; "<" may look like a tag and "&copy;" like an entity. Each is
escaped so that plain text is never misread, and the only markup in the result is the
one we write on purpose: paragraphs, bullet lists and line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.ingest.cleaning.blocks import Block, BlockKind

# Characters that are markup anywhere in a line. "_" inside a word is left alone:
# Python-Markdown never reads it as emphasis, and "file_name" stays readable.
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]|]|(?<![^\W_])_|_(?![^\W_])")
# "&" only matters where it would start an entity: "&copy;", and "&#169" even without
# its semicolon (Python-Markdown completes numeric references).
_ENTITY_START = re.compile(r"&(?=#|\w+;)")
# Constructs recognised at the start of a line, after inline escaping.
_LINE_START_SPECIAL = re.compile(r"^(?:[#>+-]|\d+(?=\.(?:\s|$)))")
_LEADING_EQUALS = re.compile(r"^=")
_LEADING_TILDES = re.compile(r"^~")
_HARD_LINE_BREAK = "  \n"


def escape_markdown_line(line: str) -> str:
    """Escape one line of plain text so that Markdown shows it verbatim.

    Args:
        line: Text without a newline; leading and trailing whitespace is dropped
            (indentation would make a code block, trailing spaces a line break).

    Returns:
        The Markdown source for that line.
    """
    line = line.strip()
    line = _INLINE_SPECIAL.sub(r"\\\g<0>", line)
    line = _ENTITY_START.sub("&amp;", line)
    line = line.replace("<", "&lt;")
    line = _LINE_START_SPECIAL.sub(_escape_line_start, line)
    # "=" and "~" have no backslash escape in Python-Markdown: a character reference
    # stops "===" (a heading underline) and "~~~" (a code fence).
    line = _LEADING_EQUALS.sub("&#61;", line)
    return _LEADING_TILDES.sub("&#126;", line)


def _escape_line_start(match: re.Match[str]) -> str:
    text = match.group()
    if text[0].isdigit():
        return text + "\\"  # "1987. " → "1987\. ": the escape goes before the dot.
    return "\\" + text


def blocks_to_markdown(blocks: Sequence[Block]) -> str:
    """Write paragraphs and bullet items as a Markdown document.

    Consecutive bullet items form one list; every paragraph is its own Markdown
    paragraph, with lines an author set apart joined by hard line breaks.

    Args:
        blocks: The document's blocks, in order.

    Returns:
        The Markdown, without a trailing newline.
    """
    chunks: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.kind is BlockKind.BULLET:
            items.append("- " + escape_markdown_line(block.text))
            continue
        if items:
            chunks.append("\n".join(items))
            items = []
        lines = [escape_markdown_line(line) for line in block.lines]
        chunks.append(_HARD_LINE_BREAK.join(line for line in lines if line))
    if items:
        chunks.append("\n".join(items))
    return "\n\n".join(chunk for chunk in chunks if chunk)
