"""A web page's title: the headline its title sources agree on, without the site's name.

A page names its headline several times, each time a little differently: ``og:title``,
``<title>`` (often with the site's name before or after a separator), ``<h1>`` (sometimes
with a kicker or a date glued on), and the article's first heading. Each source is split
at its separators ("|", " - ", ": "...) into candidate titles; the candidate most sources
agree on wins, so that "PM attends roundtable | NOW Grenada", an ``<h1>`` "PM attends
roundtable" and an ``og:title`` agree on the headline, while a generic ``og:title``
("Media releases") or a ``<title>`` that is only a date loses. A site name left at
either end of the winner is taken off.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from archive.ingest.titles.labels import is_generic_title, title_key, without_leading_date

# Separators between a headline and a site name, section or date in a page's title.
_SEPARATOR = re.compile(r"\s+[|·•»›~/]\s+|\s+[-–—]\s+|\s*::\s*|\s+:\s*|(?<=\w):\s+")
_MAX_SEGMENTS = 6
_MIN_TITLE_WORDS = 2
_WHOLE, _PART = 2, 1
_BODY_HEADINGS = 3
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MARKDOWN_MARKUP = re.compile(r"[*_`]+|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class TitleChoice:
    """A title and where it was read."""

    text: str
    evidence: str


@dataclass(frozen=True)
class _Source:
    name: str
    text: str


def page_title(
    tree: lxml.html.HtmlElement, extracted_title: str | None, site_name: str | None, body: str
) -> TitleChoice | None:
    """The page's headline.

    Args:
        tree: The parsed page.
        extracted_title: The title trafilatura chose (its fallback).
        site_name: The site's name, if known.
        body: The article's Markdown.

    Returns:
        The title and the sources that agree on it, or ``None`` when the page names none.
    """
    sources = _sources(tree, body)
    site_names = _site_names(tree, site_name)
    # Per candidate, the sources naming it: 2 where it is the source's whole text, 1
    # where it is a part ("Headline" of "Headline | Site").
    support: dict[str, dict[str, int]] = defaultdict(dict)
    spelled: dict[str, str] = {}
    spans: dict[str, int] = {}
    for source in sources:
        segments = _segments(source.text)
        for start in range(len(segments)):
            for end in range(start + 1, len(segments) + 1):
                candidate = _join(source.text, segments[start:end])
                key = title_key(candidate)
                if not key or key in site_names or is_generic_title(candidate):
                    continue
                weight = _WHOLE if start == 0 and end == len(segments) else _PART
                support[key][source.name] = max(support[key].get(source.name, 0), weight)
                spelled.setdefault(key, candidate)
                spans[key] = min(spans.get(key, end - start), end - start)
    if not support:
        return _fallback(extracted_title, site_names)
    best = max(support, key=lambda key: _rank(key, support[key], spans[key]))
    text = _strip_site_name(spelled[best], site_names)
    names = sorted(support[best], key=[source.name for source in sources].index)
    return TitleChoice(text, "HTML " + " and ".join(dict.fromkeys(names)))


def _rank(key: str, named_by: dict[str, int], spans: int) -> tuple[int, int, int, int]:
    return (
        len(key.split()) >= _MIN_TITLE_WORDS,  # a one-word "title" is a section name
        # Agreement, a source's whole title counting twice a part of one; a title only one
        # source names has none.
        sum(named_by.values()) if len(named_by) > 1 else 0,
        # One source alone ("Headline | Section | Site") is best read as its longest part.
        len(named_by) > 1 or spans == 1,
        len(key),
    )


def _sources(tree: lxml.html.HtmlElement, body: str) -> list[_Source]:
    found: list[_Source] = []
    for name, xpath in (
        ("og:title", "//meta[@property='og:title']/@content"),
        ("twitter:title", "//meta[@name='twitter:title']/@content"),
        ("<title>", "//head/title"),
    ):
        values = tree.xpath(xpath)
        if values:
            value = values[0]
            text = value if isinstance(value, str) else _visible_text(value)
            found.append(_Source(name, text))
    for heading in tree.iter("h1"):
        found.append(_Source("<h1>", _visible_text(heading)))
    headings = {title_key(source.text) for source in found if source.name == "<h1>"}
    for heading in _MARKDOWN_HEADING.findall(body)[:_BODY_HEADINGS]:
        text = _MARKDOWN_MARKUP.sub(r"\1", heading)
        if title_key(text) not in headings:  # the <h1> again, not a source of its own
            found.append(_Source("article heading", text))
    return [
        _Source(source.name, without_leading_date(" ".join(source.text.split())))
        for source in found
        if source.text and source.text.strip()
    ]


def _visible_text(element: lxml.html.HtmlElement) -> str:
    """An element's text without the style sheets and scripts some sites put in headings."""
    visible = copy.deepcopy(element)
    etree.strip_elements(visible, "style", "script", "noscript", etree.Comment, with_tail=False)
    return str(visible.text_content())


def _segments(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between separators, at most a few (a long list is a menu)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for separator in _SEPARATOR.finditer(text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    if len(spans) > _MAX_SEGMENTS:
        return [(0, len(text))]
    return [(s, e) for s, e in spans if e > s]


def _join(text: str, spans: list[tuple[int, int]]) -> str:
    return text[spans[0][0] : spans[-1][1]].strip()


def _site_names(tree: lxml.html.HtmlElement, site_name: str | None) -> set[str]:
    names = {site_name or ""}
    for xpath in (
        "//meta[@property='og:site_name']/@content",
        "//meta[@name='application-name']/@content",
        "//meta[@name='publisher']/@content",
    ):
        names.update(str(value) for value in tree.xpath(xpath))
    for href in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        host = urlsplit(str(href)).hostname or ""
        labels = [label for label in host.split(".") if label not in ("www", "")]
        names.add(host)
        names.update(labels[:-1])  # "bmas" of www.bmas.de; not "de"
    return {title_key(name) for name in names if name and title_key(name)}


def _strip_site_name(title: str, site_names: set[str]) -> str:
    spans = _segments(title)
    while len(spans) > 1 and title_key(_join(title, spans[:1])) in site_names:
        spans = spans[1:]
    while len(spans) > 1 and title_key(_join(title, spans[-1:])) in site_names:
        spans = spans[:-1]
    return _join(title, spans)


def _fallback(extracted_title: str | None, site_names: set[str]) -> TitleChoice | None:
    if not extracted_title or title_key(extracted_title) in site_names:
        return None
    return TitleChoice(_strip_site_name(extracted_title, site_names), "HTML title")
