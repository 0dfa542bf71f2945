"""A document as an HTML page for the reading view: header, sanitised body, template CSS.

No widgets here: this runs on a worker thread for large documents.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from importlib import resources

import nh3

from archive.ingest import render_markdown
from archive.ingest.markdown_complexity import PLAIN_TEXT_NOTE
from archive.language_names import language_name
from archive.models import Document

# Python-Markdown passes raw HTML through, and documents are untrusted: keep only tags and
# attributes that format text, and no URL schemes that reach outside.
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
MAX_SHOWN_ADDRESS = 60  # characters of a web page's address shown in the header


@dataclass(frozen=True)
class PageColours:
    """The palette's colours as CSS values."""

    text: str
    base: str
    muted: str
    link: str


def _only_web_links(tag: str, attribute: str, value: str) -> str | None:
    """Drop a link that is not absolute ``http(s)``/``mailto``: relative ones name local files."""
    if attribute != "href":
        return value
    scheme = _SCHEME.match(value)
    return value if scheme and scheme.group(1).lower() in _LINK_SCHEMES else None


def sanitise(fragment: str) -> str:
    """Keep formatting, drop scripts, event handlers, styles and non-web links."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_only_web_links,
        url_schemes=set(_LINK_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


@functools.cache
def _template() -> str:
    return resources.files("resources").joinpath("templates/document.css").read_text("utf-8")


def _stylesheet(colours: PageColours) -> str:
    stylesheet = _template()
    values = {
        "{text}": colours.text,
        "{base}": colours.base,
        "{muted}": colours.muted,
        "{link}": colours.link,
    }
    for placeholder, value in values.items():
        stylesheet = stylesheet.replace(placeholder, value)
    return stylesheet


def describe_date(document: Document) -> str:
    """The date as the header shows it, e.g. "22 December 2018 (inferred)"."""
    if document.year is None:
        return "Undated"
    shown = document.date or str(document.year)
    if document.date_inferred:
        shown += " (inferred)"
    return shown


def describe_date_evidence(document: Document) -> str | None:
    """Where the date came from, for its tool tip, e.g. "Date from: dateline"."""
    if document.year is None:
        return None
    evidence = document.date_evidence
    if evidence == "corrected by hand":
        return "Date corrected by hand"
    if document.date_inferred:
        return f"Date inferred from: {evidence}" if evidence else "Date inferred from the text"
    return f"Date from: {evidence}" if evidence else None


def _shown_address(url: str) -> str:
    """A web page's address without its scheme, cut short if long."""
    shown = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).rstrip("/")
    if len(shown) > MAX_SHOWN_ADDRESS:
        shown = shown[: MAX_SHOWN_ADDRESS - 1] + "…"
    return shown


def _address_fact(url: str) -> str:
    """A web page's address as a link when it is a web address, else as plain text."""
    url = url.strip()
    if not _WEB_ADDRESS.match(url):
        return html.escape(url)
    href = html.escape(url, quote=True)
    return f'<a href="{href}" title="{href}">{html.escape(_shown_address(url))}</a>'


def _facts(document: Document, as_plain_text: bool) -> list[str]:
    """The header's facts: date, source, language, web address, file (HTML fragments)."""
    kind = "inferred" if document.date_inferred else "date"
    tip = describe_date_evidence(document)
    title = f' title="{html.escape(tip, quote=True)}"' if tip else ""
    facts = [f'<span class="{kind}"{title}>{html.escape(describe_date(document))}</span>']
    if document.source:
        facts.append(html.escape(document.source))
    language = language_name(document.language)
    if language:
        facts.append(html.escape(language))
    if document.url:
        facts.append(_address_fact(document.url))
    facts.append(html.escape(document.path))
    if as_plain_text:
        # In the facts line, which annotations and search hits never point into.
        facts.append(html.escape(PLAIN_TEXT_NOTE))
    return facts


_LEADING_HEADING = re.compile(r"\A\s*<h[1-6][^>]*>(?P<text>.*?)</h[1-6]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _split_title_heading(document: Document, body: str) -> tuple[str, str]:
    """The page's title block and the rest of the body.

    A document that opens with its title as a heading keeps that heading as the title, so
    the title is not shown twice; otherwise the title is added above the facts.
    """
    match = _LEADING_HEADING.match(body)
    if match:
        heading_text = html.unescape(_TAG.sub("", match.group("text"))).strip()
        if heading_text == document.title.strip():
            return match.group(0), body[match.end() :]
    return f'<p class="doc-title">{html.escape(document.title)}</p>', body


def render_page(document: Document, colours: PageColours) -> str:
    """The whole HTML page for one document; its text size is the reading view's font."""
    rendered = render_markdown(document.markdown)
    body = sanitise(rendered.html)
    facts = _facts(document, rendered.as_plain_text)
    title, rest = _split_title_heading(document, body)
    return (
        f"<html><head><style>{_stylesheet(colours)}</style></head><body>"
        f"{title}"
        f'<p class="doc-facts">{" &nbsp;·&nbsp; ".join(facts)}</p>'
        f"{rest}</body></html>"
    )
