"""Markdown whose rendering cost explodes, recognised before it is rendered.

Documents are untrusted, and a few shapes of input make rendering take minutes or fail:
Python-Markdown's inline processing grows with the square of the links and tags in one
paragraph (8,000 ``[`` take 11 s), deep nesting of block quotes or lists exhausts its
recursion, and the HTML sanitiser slows down on deeply nested tags (50,000 nested
``<div>`` take 8 s). Such a document is rendered as plain text instead: every word kept,
no markup, nothing hung. The limits sit far above anything a press release contains.
"""

from __future__ import annotations

import html
import re

from archive.ingest.markdown_cost import estimated_render_seconds

# Beyond this, even ordinary Markdown takes seconds (1 to 4 s per million characters); a
# press release is 5,000 to 20,000 characters.
MAX_MARKDOWN_CHARACTERS = 500_000
# The rendering time allowed, as ``estimated_render_seconds`` reckons it.
MAX_RENDER_SECONDS = 2.0
# Block quotes and lists within one another; real documents stay below five.
MAX_NESTING_DEPTH = 32
# Tags open at once in the rendered HTML (each nesting level of Markdown opens two or three).
MAX_HTML_DEPTH = 128

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
# The container markers that open a line: block quotes and list items, with indentation.
_CONTAINER_PREFIX = re.compile(
    r"^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t])))+[ \t]*", re.MULTILINE
)
_CONTAINER_MARKER = re.compile(r">|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>")
# Elements that never hold others, or that HTML closes by itself when the next one opens:
# they add no depth however often they appear unclosed.
_FLAT_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
     "option", "optgroup", "colgroup", "rb", "rt", "rp"}
)  # fmt: skip

PLAIN_TEXT_NOTE = "This document's formatting was too complex to display; shown as plain text."


def _nesting_depth(markdown: str) -> int:
    """The deepest nesting of block quotes and lists that a line opens with."""
    deepest = 0
    for match in _CONTAINER_PREFIX.finditer(markdown):
        prefix = match.group(0)
        markers = len(_CONTAINER_MARKER.findall(prefix))
        indentation = len(prefix.expandtabs(4)) - len(prefix.replace(" ", "").replace("\t", ""))
        deepest = max(deepest, markers + indentation // 4)
    return deepest


def markdown_too_complex(markdown: str) -> bool:
    """Whether rendering ``markdown`` could take far longer than a document should.

    Linear in the length of the text, and cheap next to the rendering it guards.
    """
    if len(markdown) > MAX_MARKDOWN_CHARACTERS:
        return True
    return (
        _nesting_depth(markdown) > MAX_NESTING_DEPTH
        or estimated_render_seconds(markdown) > MAX_RENDER_SECONDS
    )


def html_too_deep(fragment: str) -> bool:
    """Whether ``fragment`` nests its tags deeper than the sanitiser handles quickly."""
    depth = 0
    for match in _TAG.finditer(fragment):
        if match.group(2).lower() in _FLAT_ELEMENTS or match.group(0).endswith("/>"):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > MAX_HTML_DEPTH:
                return True
    return False


def _plain_line(line: str) -> str:
    """One line of Markdown as HTML text: its escapes and entities resolved, then escaped."""
    return html.escape(html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", line.strip())), quote=False)


def plain_text_html(markdown: str) -> str:
    """``markdown`` as plain HTML paragraphs: one per block, its lines kept apart."""
    paragraphs = (block for block in _BLANK_LINES.split(markdown) if block.strip())
    return "\n".join(
        "<p>" + "<br />".join(_plain_line(line) for line in block.split("\n")) + "</p>"
        for block in paragraphs
    )
