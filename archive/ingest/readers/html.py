"""Saved web pages (HTML, XHTML, MHTML): the main text as Markdown, and the page's metadata.

trafilatura finds the article among the page's menus, banners, share boxes and footers
and writes it as Markdown (headings, lists, links and tables kept); its metadata gives
the title, site name and canonical address. The publication date comes from htmldate in
two strengths: what the page's head declares (``article:published_time``, JSON-LD
``datePublished``, a dated canonical URL) is trusted over the text; what a search of the
whole page finds is used only when the text itself names no date (it is often a "last
updated" stamp or a related article's date).
"""

from __future__ import annotations

import copy
import datetime
import logging
import re
from typing import Any

import lxml.html
from htmldate import find_date
from lxml import etree
from trafilatura import extract_with_metadata

from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.language import language_code
from archive.ingest.readers.html_body import drop_trailing_stamps, restore_lede
from archive.ingest.readers.html_decoding import decode_html
from archive.ingest.titles.web_pages import page_title
from archive.models import DateOrigin, PublicationDate, SourceFormat

log = logging.getLogger("archive.import")

# htmldate's default earliest date is 1995; press archives go back further.
_EARLIEST_DATE = "1980-01-01"
# Indentation at a line's start, except before a list item's marker.
_SOURCE_INDENT = re.compile(r"^[ \t]+(?![-*+][ \t]|\d{1,3}[.)][ \t])", re.MULTILINE)
# Fewer letters than this is a page of links ("Home"), not an article.
_MIN_ARTICLE_LETTERS = 20
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YAML_HEADER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_EXTRACTION_OPTIONS: dict[str, Any] = {
    "output_format": "markdown",
    "include_formatting": True,
    "include_links": True,
    "include_tables": True,
    "include_comments": False,
    "include_images": False,
    # A paragraph of the release lost is worse than a line of the page kept.
    "favor_recall": True,
    "date_extraction_params": {
        "extensive_search": True,
        "original_date": True,
        "min_date": _EARLIEST_DATE,
    },
}


def read_html(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a saved web page.

    Args:
        raw: The page's bytes (HTML, XHTML, or MHTML "web archive").
        filename: The file's name.

    Returns:
        The page's main text as Markdown, with its title, dates, site name, address and
        declared language.

    Raises:
        IngestError: The page cannot be decoded, or no article text is found in it.
    """
    markup, encoding = decode_html(raw)
    tree = _parse(markup)
    # trafilatura parses (and prunes) a tree of its own; ``tree`` stays whole for the
    # title and date sources read from it below.
    result = extract_with_metadata(markup, **_EXTRACTION_OPTIONS)
    body = _YAML_HEADER.sub("", result.text or "", count=1) if result is not None else ""
    if result is None or _letters(body) < _MIN_ARTICLE_LETTERS:
        raise IngestError("no article text was found in this web page")
    body = drop_trailing_stamps(restore_lede(tree, result.description, _dedent(body)))
    head_date = _declared_date(tree, result.url)
    page_date = _iso(result.date)
    title = page_title(tree, result.title, result.sitename, body)
    return ExtractedDocument(
        format=SourceFormat.HTML,
        body=body,
        is_markdown=True,
        encoding=encoding,
        title=title.text if title else None,
        title_evidence=title.evidence if title else None,
        dates=(_claim(head_date, "the page's metadata"),) if head_date else (),
        fallback_dates=(_claim(page_date, "a date on the web page"),) if page_date else (),
        source=_site_name(result.sitename),
        url=result.url or None,
        language=_declared_language(tree),
    )


def _dedent(markdown: str) -> str:
    """The extract without the indentation its lines keep from the page's source.

    trafilatura writes a line as the page indented it; four spaces before a paragraph
    make it a code block, and a space before "###" a paragraph, in Python-Markdown.
    Nested list items keep theirs.
    """
    return _SOURCE_INDENT.sub("", markdown)


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _parse(markup: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise IngestError(f"not a readable web page: {error}") from error
    if tree is None or len(tree) == 0:
        raise IngestError("not a readable web page: nothing could be parsed")
    return tree


def _declared_date(tree: lxml.html.HtmlElement, url: str | None) -> datetime.date | None:
    """The publication date the page's head declares (meta tags, JSON-LD, a dated URL).

    htmldate is asked about a copy of the page holding only its head and its JSON-LD
    scripts, without its extensive text search, so that nothing the visible page says
    (a "last updated" stamp, related articles' dates) can answer.
    """
    declared = lxml.html.document_fromstring("<html><head></head><body></body></html>")
    head, body = declared[0], declared[1]
    for element in tree.iterfind("head/*"):
        head.append(copy.deepcopy(element))
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        body.append(copy.deepcopy(script))
    try:
        found = find_date(
            declared,
            extensive_search=False,
            original_date=True,
            url=url,
            min_date=_EARLIEST_DATE,
        )
    except (ValueError, TypeError) as error:  # malformed dates inside htmldate
        log.debug("htmldate failed on the page head: %s", error)
        return None
    return _iso(found)


def _iso(value: str | None) -> datetime.date | None:
    match = _ISO_DATE.match(value or "")
    if match is None:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _claim(date: datetime.date, evidence: str) -> PublicationDate:
    return PublicationDate(date.year, date.month, date.day, DateOrigin.EXPLICIT, evidence)


def _site_name(name: str | None) -> str | None:
    """A site name worth showing as the source: words, not a date or a bare host."""
    if not name or not any(char.isalpha() for char in name):
        return None
    return " ".join(name.split())[:120]


def _declared_language(tree: lxml.html.HtmlElement) -> str | None:
    return language_code(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
