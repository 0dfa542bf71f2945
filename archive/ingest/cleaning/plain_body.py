"""Plain text (a text file, a page copy, PDF or RTF text) to clean Markdown and a headline.

The steps: a news site's chrome (repeated headline, share buttons) is cut; the lines are
joined into paragraphs (reflowed, for PDF text); a web page's menus, crumbs and footer
are removed; the headline is found among the opening lines and taken out of the body;
the rest is written as Markdown that shows the text verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.cleaning.blocks import Block, split_plain_blocks
from archive.ingest.cleaning.news_chrome import strip_news_chrome
from archive.ingest.cleaning.page_clutter import remove_page_clutter
from archive.ingest.cleaning.plain_to_markdown import blocks_to_markdown
from archive.ingest.cleaning.reflow import reflow_pdf_text
from archive.ingest.dates.labels import labelled_date
from archive.ingest.dates.patterns import find_dates, parse_full_date
from archive.ingest.titles.headlines import find_headline, press_label_index
from archive.models import SourceFormat

_REFLOWED_FORMATS = (SourceFormat.PDF_TEXT, SourceFormat.PDF)
# Indented list items of text browsers' page copies (lynx: * + o #, w3m: • □ ☆).
_INDENTED_ITEM = re.compile(r"^[ \t]{2,}(?P<marker>[*+o#•□☆■▪◦●-]|\d{1,2}\.)[ \t]+(?=\S)")
_MIN_MENU_ITEMS = 8
# Date lines are looked for among the text's first lines.
_OPENING_LINES = 12
_MAX_LETTERHEAD_WORDS = 12
_MAX_LETTERHEAD_LINES = 3


@dataclass(frozen=True)
class PlainBody:
    """A plain text as Markdown, with the headline it opened with.

    Attributes:
        markdown: The body as Markdown (without the headline).
        title: The headline, or ``None`` when the text opens with prose.
        title_evidence: Why that line was taken as the headline.
        is_page_copy: Whether the text was a web page's text copy, cleaned as such.
        letterhead: The issuer a letterhead above a press label names, taken out of the
            body ("BOARD OF GOVERNORS OF THE FEDERAL RESERVE SYSTEM").
        markdown_with_headline: The body with the headline left in its place, for when
            the document's title is taken from elsewhere and is another text.
    """

    markdown: str
    title: str | None
    title_evidence: str | None
    is_page_copy: bool
    letterhead: str | None
    markdown_with_headline: str


def plain_body(text: str, text_format: SourceFormat, language: str | None) -> PlainBody:
    """Clean a plain text and write it as Markdown.

    Args:
        text: Normalised plain text, without metadata headers.
        text_format: The shape it came in (PDF text is reflowed).
        language: Its language, for telling prose from page furniture.

    Returns:
        The Markdown body and the headline.
    """
    article = strip_news_chrome(_isolate_date_lines(text))
    if text_format in _REFLOWED_FORMATS:
        blocks = reflow_pdf_text(article.text, measured_gaps=text_format is SourceFormat.PDF)
    else:
        blocks = split_plain_blocks(_isolate_menu_items(article.text))
    if article.title is not None:
        markdown = blocks_to_markdown(blocks)  # the repeated headline is not in the blocks
        return PlainBody(markdown, article.title, "repeated headline", False, None, markdown)
    page = remove_page_clutter(blocks, language)
    kept = [*page.header, *page.article]
    context = "\n".join(block.text for block in blocks[: len(blocks) - len(page.article)])
    headline = find_headline(kept, context if page.is_page_copy else "")
    headline_block = kept[headline.index] if headline is not None else None
    letterhead = None
    label = press_label_index(kept)
    if not page.is_page_copy and label is not None and (headline is None or headline.index > label):
        # A letterhead, then a label ("NEWS RELEASE"): the issuer, not the release.
        letterhead = _letterhead(kept[:label])
        kept = [block for block in kept[: label + 1] if _states_a_date(block)] + kept[label + 1 :]
    title = evidence = None
    with_headline = kept
    if headline is not None and len(kept) > 1:
        index = next(i for i, block in enumerate(kept) if block is headline_block)
        title, evidence = headline.text, headline.evidence
        above = kept[:index]
        if page.is_page_copy:  # crumbs and page furniture; a date line stays
            above = [block for block in above if _states_a_date(block)]
        kept = above + kept[index + 1 :]
    if not kept:  # the headline was all there was: it is the text too
        kept = [*page.header, *page.article]
    return PlainBody(
        blocks_to_markdown(kept),
        title,
        evidence,
        page.is_page_copy,
        letterhead,
        blocks_to_markdown(with_headline),
    )


def _letterhead(blocks: list[Block]) -> str | None:
    """The issuer a letterhead names: its lines of a few words ("MINISTER FOR FOREIGN AFFAIRS")."""
    lines = [
        " ".join(block.text.split())
        for block in blocks
        if not _states_a_date(block) and 2 <= len(block.text.split()) <= _MAX_LETTERHEAD_WORDS
    ]
    text = " · ".join(lines[:_MAX_LETTERHEAD_LINES])
    return text or None


def _isolate_date_lines(text: str) -> str:
    """Set a date line among the opening lines apart from the lines around it.

    "BAHIA COCOA REVIEW" / " date 1987-02-26" / "Showers continued ..." with no blank
    line between: the date line is metadata, the line above it a headline of its own,
    and the lines below it the first paragraph, not one block of three.
    """
    lines = text.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _OPENING_LINES:
            break
        if labelled_date(line) is not None or parse_full_date(line.strip(" *_#|•·–—-")):
            lines[index] = f"\n{line}\n"
    return "\n".join(lines)


def _states_a_date(block: Block) -> bool:
    return bool(find_dates(block.text))


def _isolate_menu_items(text: str) -> str:
    """Give each indented list item of a text browser's page copy a paragraph of its own.

    lynx and w3m write a page's menus as indented items ("     * About",
    "      □ File a Complaint"), an item too long for the line going on below it, indented
    deeper. Judged one by one, a menu's items are short and wordless, and go, where joined
    into one block they would read as prose. A text with only a few such lines is left
    alone: a release's own list stays a list.
    """
    lines = text.split("\n")
    if sum(1 for line in lines if _INDENTED_ITEM.match(line)) < _MIN_MENU_ITEMS:
        return text
    out: list[str] = []
    item_indent: int | None = None  # the indentation of the open item's text
    for line in lines:
        item = _INDENTED_ITEM.match(line)
        indent = len(line) - len(line.lstrip())
        if item is not None:
            out.extend(["", line])
            item_indent = item.end("marker")
        elif item_indent is not None and line.strip() and indent >= item_indent:
            out.append(line)  # the item goes on
        else:
            if item_indent is not None:
                out.append("")
            item_indent = None
            out.append(line)
    return "\n".join(out)
