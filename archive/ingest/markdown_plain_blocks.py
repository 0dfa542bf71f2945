"""The text of Markdown blocks simple enough to read without rendering them.

Most paragraphs of a press release are words and punctuation, perhaps with ``**bold**``
or a backslash escape. Rendering them with Python-Markdown and reading the text back out
of the HTML costs about a millisecond per document; reading them directly costs
microseconds. The result must be exactly what rendering gives (annotations anchor in
the text, and the window maps it onto the rendered HTML), so a block is read directly
only when every character in it has a single meaning; every other block is left to
Python-Markdown. A document with constructs that reach across blank lines (raw HTML
blocks, fenced code, link reference definitions) or that rendering guards against
(``markdown_complexity``) is rendered whole.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from archive.ingest.markdown_complexity import markdown_too_complex

# Constructs whose meaning reaches past a blank line, and lines of only spaces (which
# Python-Markdown treats as blank): a document with any of them is rendered whole.
_CROSS_BLOCK_MARKUP = re.compile(r"^[ \t]*(?:<|```|~~~|\[[^\]\n]*\]:)|^[ \t]+$", re.MULTILINE)
# What a line of a plain paragraph may start with: a letter, a digit that does not
# number a list item, an opening quote or bracket, a character reference, "**" opening
# bold text, or a backslash escape.
_PLAIN_LINE_START = re.compile(
    r"(?:[^\W\d_]|\d(?!\d*\.(?:\s|$))|[\"'(“‘«„&]|\*\*[^\s*]|\\[\\`*_{}\[\]()>#+\-.!|])"
)
_HEADING = re.compile(r"(#{1,6}) (.*)")
# Python-Markdown's backslash escapes (with the "tables" extension's "|").
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
_STRONG = re.compile(r"\*\*([^\s*](?:[^*]*[^\s*])?)\*\*")
_TRIPLE_ASTERISK = re.compile(r"\*\*\*")
# Inline tags that leave no trace in the text (superscript ordinals, "29<sup>th</sup>").
_TRANSPARENT_TAG = re.compile(r"</?(?:sup|sub|b|i|em|strong|u|small|span)>")
# Characters that are (or may start) inline markup; "  \n" (a line break) is read below.
_INLINE_MARKUP = re.compile(r"[\\`*_\[<|\t\x00-\x08\x0b-\x1f\x7f]|&(?=#|\w+;)")
# A character reference Python-Markdown passes through for the HTML parser to decode.
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")
_LINE_BREAK = re.compile(r" {2,}\n")


@dataclass(frozen=True)
class TextRun:
    """A stretch of a document: text read directly, or Markdown still to render.

    Attributes:
        text: The plain text of simple blocks, or ``None``.
        markdown: Markdown source to render (its blank lines kept), or ``None``.
    """

    text: str | None = None
    markdown: str | None = None


def split_runs(markdown: str) -> list[TextRun] | None:
    """Split a document into runs of simple blocks (read) and other blocks (to render).

    Args:
        markdown: A Markdown document.

    Returns:
        The runs in order, to be joined with a blank line once rendered; ``None`` when
        the document must be rendered whole.
    """
    if _CROSS_BLOCK_MARKUP.search(markdown) or markdown_too_complex(markdown):
        return None
    lines = markdown.split("\n")
    runs: list[TextRun] = []
    pending_start: int | None = None  # first line of the blocks waiting to be rendered
    pending_end = 0
    start = 0
    while start < len(lines):
        if not lines[start]:
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end]:
            end += 1
        text = simple_block_text(lines[start:end])
        if text is None:
            pending_start = start if pending_start is None else pending_start
            pending_end = end
        else:
            if pending_start is not None:
                runs.append(TextRun(markdown="\n".join(lines[pending_start:pending_end])))
                pending_start = None
            runs.append(TextRun(text=text))
        start = end
    if pending_start is not None:
        runs.append(TextRun(markdown="\n".join(lines[pending_start:pending_end])))
    return runs


def simple_block_text(lines: list[str]) -> str | None:
    """The text of one block (lines between blank lines), if it is simple enough.

    Args:
        lines: The block's lines, none of them empty.

    Returns:
        The block's plain text as rendering would give it, or ``None`` when the block
        must be rendered.
    """
    if len(lines) == 1:
        heading = _HEADING.fullmatch(lines[0])
        if heading is not None:
            return _inline_text(heading.group(2).rstrip("#"))
    if not all(_PLAIN_LINE_START.match(line) for line in lines):
        return None
    return _inline_text("\n".join(lines))


def _inline_text(block: str) -> str | None:
    if "\\" in block:
        if "&" in block or _INLINE_MARKUP.search(_ESCAPE.sub("", block)):
            return None
        block = _ESCAPE.sub(r"\1", block)
    else:
        if "*" in block:
            if _TRIPLE_ASTERISK.search(block):
                return None
            block = _STRONG.sub(r"\1", block)
        if "<" in block:
            block = _TRANSPARENT_TAG.sub("", block)
        markup = _INLINE_MARKUP.findall(_ENTITY.sub("", block) if "&" in block else block)
        # One backtick alone opens no code span: it is shown as written.
        if markup and markup != ["`"]:
            return None
    texts = (" ".join(_decode_entities(line).split()) for line in _LINE_BREAK.split(block))
    return "\n".join(text for text in texts if text)


def _decode_entities(text: str) -> str:
    # Decoded before whitespace is collapsed, as the HTML parser does: "&nbsp;" is a space.
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda entity: html.unescape(entity.group()), text)
