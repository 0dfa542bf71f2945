"""Mend what main-text extraction gets wrong at an article's edges.

Two mistakes recur on press offices' pages. The lede, set apart in a styled teaser box
above the body, is taken for page furniture and dropped; a page's meta description
is almost always that lede, so a description the page also shows as text, missing
from the extract, is put back at the top. And a "last updated" stamp at the very end
("Letzte Änderung 14.02.2019") is kept as if it were the article's last paragraph.
"""

from __future__ import annotations

import re

import lxml.html

from archive.ingest.cleaning.plain_to_markdown import escape_markdown_line
from archive.ingest.dates.labels import STAMP_LABEL
from archive.ingest.dates.patterns import find_dates
from archive.ingest.titles.labels import title_key

_MIN_LEDE_CHARS = 80
# Enough of the description to recognise the element that shows it.
_LEDE_PROBE_CHARS = 60
_MAX_LEDE_CHARS = 2000
_MAX_STAMP_WORDS = 12
# The article's own title heading, which the lede goes below (a section's goes above).
_TITLE_HEADING = re.compile(r"^#\s")


def restore_lede(tree: lxml.html.HtmlElement, description: str | None, body: str) -> str:
    """The article with its lede back at the top, if extraction dropped it.

    Args:
        tree: The whole page.
        description: The page's meta description.
        body: The extracted article, as Markdown.

    Returns:
        ``body``, or ``body`` with the paragraph that shows the description first.
    """
    if not description or len(description) < _MIN_LEDE_CHARS:
        return body
    wanted = title_key(description)
    probe = wanted[:_LEDE_PROBE_CHARS]
    if probe in title_key(body):
        return body
    page_body = tree.find("body")
    if page_body is None:
        return body
    for element in page_body.iter("p", "div", "strong", "span"):
        text = " ".join(element.text_content().split())
        if len(text) > _MAX_LEDE_CHARS or not title_key(text).startswith(probe):
            continue
        return _after_first_heading(body, text)
    return body


def _after_first_heading(body: str, paragraph: str) -> str:
    blocks = body.split("\n\n")
    at = 1 if blocks and _TITLE_HEADING.match(blocks[0]) else 0
    return "\n\n".join([*blocks[:at], escape_markdown_line(paragraph), *blocks[at:]])


def drop_trailing_stamps(body: str) -> str:
    """The article without closing paragraphs that are only a "last updated" stamp.

    Args:
        body: The extracted article, as Markdown.

    Returns:
        ``body`` without them.
    """
    blocks = body.rstrip().split("\n\n")
    while len(blocks) > 1 and _is_stamp(blocks[-1]):
        blocks.pop()
    return "\n\n".join(blocks)


def _is_stamp(block: str) -> bool:
    text = " ".join(block.replace("*", " ").split())
    if len(text.split()) > _MAX_STAMP_WORDS or STAMP_LABEL.search(text) is None:
        return False
    return bool(find_dates(text)) or any(char.isdigit() for char in text)
