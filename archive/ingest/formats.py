"""Recognise the shape a text arrived in: Markdown, a news page, PDF text or plain."""

from __future__ import annotations

import itertools
import re
import statistics
from pathlib import PurePath

from archive.ingest.cleaning.hyphenation import ends_with_broken_word
from archive.ingest.cleaning.news_chrome import strip_news_chrome
from archive.models import SourceFormat

MARKDOWN_SUFFIXES: frozenset[str] = frozenset({".md", ".markdown"})

# Signs of Markdown in a .txt file (seed 003): each kind counts once.
_MARKDOWN_SIGNALS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),  # ATX heading
    re.compile(r"(\*\*|__)(?=\S)[^\n]{0,120}?(?<=\S)\1"),  # **strong**
    re.compile(r"</?(?:sup|sub|br|b|i|em|strong|u|a|span|small)\b[^<>\n]*>", re.IGNORECASE),
    re.compile(r"\[[^\]\n]{1,300}\]\([^)\s]{1,500}\)"),  # [link](url)
    re.compile(r"^(?:```|~~~)", re.MULTILINE),  # code fence
    re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE),  # table separator row
)
_ATX_HEADING = _MARKDOWN_SIGNALS[0]
_MIN_HEADINGS = 2
_MIN_SIGNAL_KINDS = 2

# Text extracted from a PDF (seed 004): short hard-wrapped lines, many of them
# hyphenated or ending in the space the layout engine left before the wrap.
_MIN_PDF_LINES = 8
_MAX_PDF_MEDIAN_WIDTH = 100
_MIN_WRAPPED_SHARE = 0.5
_MIN_HYPHENATED_SHARE = 0.03
_MIN_TRAILING_SPACE_SHARE = 0.3
# Lines followed by exactly one blank line, for a text to be double-spaced.
_MIN_DOUBLE_SPACED_SHARE = 0.8


def looks_like_markdown(text: str) -> bool:
    """Whether a text file is really Markdown.

    Args:
        text: Normalised text.

    Returns:
        True when it opens with a heading, has several headings, or shows two
        different kinds of Markdown (emphasis, inline HTML, links, code, tables).
    """
    first_line = text.lstrip().split("\n", 1)[0]
    if _ATX_HEADING.match(first_line):
        return True
    if len(_ATX_HEADING.findall(text)) >= _MIN_HEADINGS:
        return True
    kinds = sum(1 for signal in _MARKDOWN_SIGNALS if signal.search(text))
    return kinds >= _MIN_SIGNAL_KINDS


def undouble(text: str) -> str | None:
    """A double-spaced text (a blank line after every line, as OCR and some exports leave
    it) with its blank lines taken out, or ``None`` for a text that is not double-spaced.
    """
    lines = text.split("\n")
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    if len(nonblank) < _MIN_PDF_LINES:
        return None
    followed = sum(
        1
        for index in nonblank[:-1]
        if not lines[index + 1].strip() and index + 2 < len(lines) and lines[index + 2].strip()
    )
    if followed < _MIN_DOUBLE_SPACED_SHARE * (len(nonblank) - 1):
        return None
    # Single blank lines go; a wider gap stays a paragraph break.
    kept = [lines[nonblank[0]]]
    for before, after in itertools.pairwise(nonblank):
        if after - before > 2:
            kept.append("")
        kept.append(lines[after])
    return "\n".join(kept)


def looks_like_pdf_text(text: str) -> bool:
    """Whether a text was extracted from a PDF page layout.

    Args:
        text: Normalised text.

    Returns:
        True when most lines are wrapped short lines and the wraps show hyphenation
        or trailing spaces.
    """
    lines = text.split("\n")
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) < _MIN_PDF_LINES:
        return False
    if statistics.median(len(line) for line in nonblank) > _MAX_PDF_MEDIAN_WIDTH:
        return False
    wrapped = sum(
        1 for line, following in itertools.pairwise(lines) if line.strip() and following.strip()
    )
    hyphenated = sum(1 for line in nonblank if ends_with_broken_word(line.rstrip()))
    trailing_space = sum(1 for line in nonblank if line[-1].isspace())
    count = len(nonblank)
    return wrapped >= _MIN_WRAPPED_SHARE * count and (
        hyphenated >= _MIN_HYPHENATED_SHARE * count
        or trailing_space >= _MIN_TRAILING_SPACE_SHARE * count
    )


def detect_format(text: str, filename: str) -> SourceFormat:
    """Recognise the format of a document's text.

    Args:
        text: Normalised text, without a metadata header.
        filename: The file's name; ``.md``/``.markdown`` files are Markdown.

    Returns:
        The detected format.
    """
    if PurePath(filename).suffix.lower() in MARKDOWN_SUFFIXES or looks_like_markdown(text):
        return SourceFormat.MARKDOWN
    article = strip_news_chrome(text)
    if article.is_news_page:
        return SourceFormat.NEWS_PAGE
    if looks_like_pdf_text(article.text):
        return SourceFormat.PDF_TEXT
    return SourceFormat.PLAIN
