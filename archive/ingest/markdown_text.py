"""Render Markdown to HTML, and derive the document's plain text from that HTML.

The plain text is what search indexes and what annotation offsets point into, so it
must come out the same every time for the same Markdown: one Python-Markdown
configuration, one HTML-to-text walk, no dependence on anything else.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown as python_markdown

from archive.ingest.markdown_complexity import (
    html_too_deep,
    markdown_too_complex,
    plain_text_html,
)
from archive.ingest.markdown_plain_blocks import split_runs

# "tables" and "fenced_code" are the parts of "extra" press releases use; "sane_lists"
# keeps a numbered list from swallowing a following bulleted one.
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("tables", "fenced_code", "sane_lists")

# Building a Markdown instance costs far more than a conversion; instances are not
# thread-safe, so each thread keeps its own and resets it between documents.
_local = threading.local()


def _converter() -> python_markdown.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = python_markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
        _local.converter = converter
    return converter


@dataclass(frozen=True)
class RenderedMarkdown:
    """A document's Markdown as (unsanitised) HTML.

    Attributes:
        html: The HTML.
        as_plain_text: The Markdown was too complex to render in reasonable time, and
            ``html`` shows its text as plain paragraphs instead.
    """

    html: str
    as_plain_text: bool = False


def render_markdown(markdown: str) -> RenderedMarkdown:
    """Render a document's Markdown to (unsanitised) HTML, in bounded time.

    Markdown whose rendering cost explodes (see ``markdown_complexity``) is rendered as
    plain text: the document still opens, with every word, and nothing hangs.

    Args:
        markdown: The document's Markdown.

    Returns:
        The HTML, rendered with the same configuration ``markdown_to_text`` uses.
    """
    if markdown_too_complex(markdown):
        return RenderedMarkdown(plain_text_html(markdown), as_plain_text=True)
    converter = _converter()
    try:
        html: str = converter.convert(markdown)
    except RecursionError:
        _local.converter = None  # its parser state is left half-way
        return RenderedMarkdown(plain_text_html(markdown), as_plain_text=True)
    except BaseException:
        # A conversion that failed half-way leaves parser state behind that reset() does
        # not clear: start afresh next time.
        _local.converter = None
        raise
    converter.reset()
    if html_too_deep(html):
        return RenderedMarkdown(plain_text_html(markdown), as_plain_text=True)
    return RenderedMarkdown(html)


def render_markdown_html(markdown: str) -> str:
    """Render a document's Markdown to (unsanitised) HTML, in bounded time.

    Args:
        markdown: The document's Markdown.

    Returns:
        HTML, rendered with the same configuration ``markdown_to_text`` uses.
    """
    return render_markdown(markdown).html


# Elements that end a paragraph-like block (a blank line) or a line (a newline).
_PARAGRAPH_ELEMENTS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl",
     "table", "div", "hr", "section", "article", "header", "footer", "figure", "aside"}
)  # fmt: skip
_LINE_ELEMENTS = frozenset({"li", "tr", "dt", "dd", "br", "caption", "figcaption"})
_CELL_ELEMENTS = frozenset({"td", "th"})
_HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "head", "title"})
_LIST_ELEMENTS = frozenset({"ul", "ol"})
_NO_BREAK, _LINE, _PARAGRAPH = 0, 1, 2


class _TextExtractor(HTMLParser):
    """Collects the text of rendered Markdown, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._pending_break = _NO_BREAK
        self._pending_space = False
        self._pending_cell = False
        self._hidden_depth = 0
        self._pre_depth = 0
        self._list_item_depth = 0

    def text(self) -> str:
        return "".join(self._parts)

    def _request_break(self, level: int) -> None:
        self._pending_break = max(self._pending_break, level)
        self._pending_space = False
        self._pending_cell = False

    def _block_level(self, tag: str) -> int:
        # Inside a list item, nested lists and paragraphs only start a new line: the
        # items of a list stay on consecutive lines.
        if tag in _PARAGRAPH_ELEMENTS:
            return _LINE if self._list_item_depth and tag in {"p", *_LIST_ELEMENTS} else _PARAGRAPH
        return _LINE

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self._hidden_depth += 1
        elif tag in _PARAGRAPH_ELEMENTS or tag in _LINE_ELEMENTS:
            self._request_break(self._block_level(tag))
            if tag == "pre":
                self._pre_depth += 1
            elif tag == "li":
                self._list_item_depth += 1
        elif tag in _CELL_ELEMENTS:
            self._pending_cell = bool(self._parts) and not self._pending_break

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _PARAGRAPH_ELEMENTS or tag in _LINE_ELEMENTS:
            self._request_break(self._block_level(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _PARAGRAPH_ELEMENTS or tag in _LINE_ELEMENTS:
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)
            elif tag == "li":
                self._list_item_depth = max(0, self._list_item_depth - 1)
            if tag != "br":
                self._request_break(self._block_level(tag))

    def _emit(self, text: str) -> None:
        if self._parts:
            if self._pending_break:
                self._parts.append("\n" * self._pending_break)
            elif self._pending_cell:
                self._parts.append("\t")
            elif self._pending_space:
                self._parts.append(" ")
        self._pending_break = _NO_BREAK
        self._pending_space = self._pending_cell = False
        self._parts.append(text)

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
            return
        if self._pre_depth:
            # Code keeps its layout; only the newline Markdown adds at its end goes.
            if data.strip():
                self._emit(data.rstrip("\n"))
            return
        words = data.split()
        if not words:
            self._pending_space = self._pending_space or bool(data)
            return
        if data[0].isspace():
            self._pending_space = True
        self._emit(" ".join(words))
        self._pending_space = data[-1].isspace()


def markdown_to_text(markdown: str) -> str:
    """The plain text of a Markdown document.

    Blocks (paragraphs, headings, block quotes, code) are separated by one blank line,
    list items and table rows each take one line, table cells are separated by tabs,
    inline markup disappears, entities are unescaped and script/style content dropped.

    Args:
        markdown: The document's Markdown.

    Returns:
        The text, without leading or trailing whitespace.
    """
    runs = split_runs(markdown)
    if runs is None:
        return rendered_markdown_to_text(markdown)
    # Simple blocks are read directly; the rest is rendered a run of blocks at a time,
    # with the same result as rendering the whole document (tests compare the two).
    texts: list[str] = []
    rendered_html: list[str] = []
    for run in runs:
        if run.markdown is None:
            texts.append(run.text or "")
            continue
        rendered = render_markdown(run.markdown)
        if rendered.as_plain_text:
            return rendered_markdown_to_text(markdown)
        rendered_html.append(rendered.html)
        texts.append(_html_text(rendered.html))
    if html_too_deep("".join(rendered_html)):
        return rendered_markdown_to_text(markdown)
    return "\n\n".join(text for text in texts if text)


def rendered_markdown_to_text(markdown: str) -> str:
    """``markdown_to_text`` by rendering the whole document, as the window does."""
    return _html_text(render_markdown_html(markdown))


def _html_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.text().strip("\n")
