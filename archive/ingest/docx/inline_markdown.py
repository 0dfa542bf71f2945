"""Write a Word paragraph's segments as Markdown that shows exactly their text.

Every piece of text is escaped (``escape_markdown_line``), so that "*", "#", "<" or
"1." in a press release stay characters. The only markup written is on purpose: bold
and italics, links, and hard line breaks. Emphasis is written only where Markdown
cannot misread it: Word bolds parts of words and puts a bold run right against an
italic one, where "**" and "*" would run together, so emphasis that does not start
and end at a space or punctuation is left out (the text stays, only the bold goes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from archive.ingest.cleaning.plain_to_markdown import escape_markdown_line
from archive.ingest.docx.inline import Segment

_HARD_LINE_BREAK = "  \n"
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")
_SPACE_RUN = re.compile(r" {2,}")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_MAX_URL_LENGTH = 2048
# Characters that would end or confuse a Markdown link target.
_UNSAFE_URL_CHARACTERS = re.compile(r"[\s<>\"\\`\x00-\x1f\x7f]")
# Next to these an emphasis marker is still read as one.
_MARKUP_CHARACTERS = frozenset("*_\\`[]!")


def paragraph_markdown(lines: Sequence[Sequence[Segment]], *, formatting: bool = True) -> str:
    """A paragraph's lines as Markdown, joined by hard line breaks.

    Args:
        lines: The paragraph's lines of segments.
        formatting: Keep bold, italics and links (off for headings, where the text
            alone is wanted).

    Returns:
        The Markdown; empty lines are left out.
    """
    rendered = (line_markdown(line, formatting=formatting) for line in lines)
    return _HARD_LINE_BREAK.join(line for line in rendered if line)


def single_line_markdown(lines: Sequence[Sequence[Segment]]) -> str:
    """A paragraph's text as Markdown on one line, without formatting (a table cell)."""
    rendered = (line_markdown(line, formatting=False) for line in lines)
    return " ".join(line for line in rendered if line)


def line_markdown(segments: Sequence[Segment], *, formatting: bool = True) -> str:
    """One line of segments as escaped Markdown.

    Args:
        segments: The line's segments, in order.
        formatting: Keep bold, italics and links.

    Returns:
        The Markdown, without leading or trailing spaces.
    """
    pieces = [
        replace(segment, text=_WHITESPACE_RUN.sub(" ", segment.text))
        if formatting
        else Segment(_WHITESPACE_RUN.sub(" ", segment.text))
        for segment in segments
    ]
    pieces = _merged(_safe_emphasis(_merged(pieces)))
    output = ""
    for piece in pieces:
        link = _link(piece) if piece.url is not None else None
        if link is not None:
            if output.endswith("!") and not piece.text[0].isspace():
                output = output[:-1] + "\\!"  # "![" would start an image
            output += link
        elif piece.url is None and (piece.bold or piece.italic):
            output += _emphasised(piece)
        else:
            output += _escaped(piece.text)
    return _SPACE_RUN.sub(" ", output).strip()


def _merged(pieces: list[Segment]) -> list[Segment]:
    """Neighbouring segments with the same look as one (Word splits runs at random)."""
    merged: list[Segment] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and _same_look(merged[-1], piece):
            merged[-1] = replace(merged[-1], text=merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def _same_look(first: Segment, second: Segment) -> bool:
    return (first.bold, first.italic, first.url) == (second.bold, second.italic, second.url)


def _safe_emphasis(pieces: list[Segment]) -> list[Segment]:
    """Drop emphasis Markdown could misread: inside words, or against other markup."""
    return [
        piece if _emphasis_is_safe(pieces, index) else replace(piece, bold=False, italic=False)
        for index, piece in enumerate(pieces)
    ]


def _emphasis_is_safe(pieces: list[Segment], index: int) -> bool:
    piece = pieces[index]
    if not (piece.bold or piece.italic) or piece.url is not None:
        return True  # nothing to write, or a link (written without emphasis)
    previous = pieces[index - 1] if index else None
    following = pieces[index + 1] if index + 1 < len(pieces) else None
    return (
        any(character.isalnum() for character in piece.text)
        and (piece.text[0].isspace() or _is_boundary(previous, at_end=True))
        and (piece.text[-1].isspace() or _is_boundary(following, at_end=False))
    )


def _is_boundary(neighbour: Segment | None, *, at_end: bool) -> bool:
    """Whether emphasis may start (or end) next to this neighbouring segment."""
    if neighbour is None:
        return True
    character = neighbour.text[-1] if at_end else neighbour.text[0]
    if character.isspace():
        return True
    plain = not (neighbour.bold or neighbour.italic or neighbour.url)
    return plain and not character.isalnum() and character not in _MARKUP_CHARACTERS


def _escaped(text: str) -> str:
    core = text.strip()
    if not core:
        return " " if text else ""
    return _outer_space(text, at_end=False) + escape_markdown_line(core) + _outer_space(text)


def _emphasised(piece: Segment) -> str:
    marker = "***" if piece.bold and piece.italic else "**" if piece.bold else "*"
    core = escape_markdown_line(piece.text.strip())
    before, after = _outer_space(piece.text, at_end=False), _outer_space(piece.text)
    return f"{before}{marker}{core}{marker}{after}"


def _link(piece: Segment) -> str | None:
    """``[text](url)``, or ``None`` when the address is not one to keep."""
    url = _safe_url(piece.url or "")
    core = piece.text.strip()
    if url is None or not core:
        return None
    before, after = _outer_space(piece.text, at_end=False), _outer_space(piece.text)
    return f"{before}[{escape_markdown_line(core)}]({url}){after}"


def _safe_url(url: str) -> str | None:
    """The address as a Markdown link target, if it is a web or mail address."""
    url = url.strip()
    if not url.lower().startswith(_SAFE_SCHEMES) or len(url) > _MAX_URL_LENGTH:
        return None
    if _UNSAFE_URL_CHARACTERS.search(url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def _outer_space(text: str, *, at_end: bool = True) -> str:
    character = text[-1] if at_end else text[0]
    return " " if character.isspace() else ""
