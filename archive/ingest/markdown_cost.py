"""How long Python-Markdown's inline processing of a text will take, estimated beforehand.

The inline patterns work paragraph by paragraph, and a few shapes make that work explode:

- an unclosed ``[`` is matched by walking, character by character in Python, to its
  ``]`` or to the paragraph's end (8,000 ``[`` in a row: 11 s; 4,000 nested pairs: 9 s);
- an unclosed ``<`` is tried as a tag up to the next ``>`` (4,000 ``<a``: 4 s);
- each inline tag is placed among all the others (20,000 ``<span>``: 6 s);
- every other markup character (``*``, ``_``, `````, ``&``, ``!``, ``\\``) is a pattern
  search over the rest of its paragraph (a 1 MB paragraph with emphasis: 8 s).

Each is counted in one linear pass and weighed by its measured cost, giving seconds on a
typical machine. The weights were measured with Python-Markdown 3.11 on CPython 3.11.
"""

from __future__ import annotations

import re

_SECONDS_PER_BRACKET_STEP = 6e-7
_SECONDS_PER_ANGLE_STEP = 1.6e-7
_SECONDS_PER_TAG_PAIR = 1.4e-8
_SECONDS_PER_MARKUP_STEP = 8e-10
_SECONDS_PER_LINK = 8e-5  # each "[": a link, an image or a footnote to resolve
_SECONDS_PER_MARKUP_CHARACTER = 5e-5  # each "*", "_", "`", "&", "!", "\\": a pattern tried
_SECONDS_PER_CHARACTER = 1e-6  # everything else, over the whole text

_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
# Backslash-escaped characters ("\[", as plain text's Markdown has them) cost nothing.
_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_ANGLE = re.compile(r"(?<!\\)[<>]")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_OTHER_MARKUP = re.compile(r"[*_`&!\\]")


def _bracket_steps(paragraph: str) -> int:
    """Characters walked from each ``[`` to its ``]``, or to the paragraph's end."""
    steps = 0
    open_at: list[int] = []
    for match in _BRACKET.finditer(paragraph):
        if match.group() == "[":
            open_at.append(match.start())
        elif open_at:
            steps += match.start() - open_at.pop()
    return steps + sum(len(paragraph) - start for start in open_at)


def _angle_steps(paragraph: str) -> int:
    """Characters scanned from each ``<`` to the next ``>``, or to the paragraph's end."""
    steps = 0
    waiting: list[int] = []
    for match in _ANGLE.finditer(paragraph):
        if match.group() == "<":
            waiting.append(match.start())
        else:
            steps += sum(match.start() - start for start in waiting)
            waiting.clear()
    return steps + sum(len(paragraph) - start for start in waiting)


def _paragraph_seconds(paragraph: str) -> float:
    if not paragraph:
        return 0.0
    tags = len(_TAG.findall(paragraph)) if "<" in paragraph else 0
    return (
        _SECONDS_PER_BRACKET_STEP * (_bracket_steps(paragraph) if "[" in paragraph else 0)
        + _SECONDS_PER_ANGLE_STEP * (_angle_steps(paragraph) if "<" in paragraph else 0)
        + _SECONDS_PER_TAG_PAIR * tags * tags
        + _SECONDS_PER_MARKUP_STEP * len(_OTHER_MARKUP.findall(paragraph)) * len(paragraph)
    )


def estimated_render_seconds(markdown: str) -> float:
    """Roughly how many seconds Python-Markdown will take to render ``markdown``.

    Args:
        markdown: The document's Markdown.

    Returns:
        An estimate in seconds: right in order of magnitude, which is all a limit needs.
    """
    inline = sum(_paragraph_seconds(p) for p in _PARAGRAPH_BREAK.split(markdown))
    links = len(_BRACKET.findall(markdown)) // 2 if "[" in markdown else 0
    markup = len(_OTHER_MARKUP.findall(markdown))
    return (
        inline
        + _SECONDS_PER_LINK * links
        + _SECONDS_PER_MARKUP_CHARACTER * markup
        + _SECONDS_PER_CHARACTER * len(markdown)
    )
