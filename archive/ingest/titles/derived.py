"""Find or derive a document's title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.ingest.cleaning.blocks import Block, BlockKind
from archive.ingest.dates.patterns import DATELINE, parse_full_date
from archive.ingest.markdown_text import markdown_to_text
from archive.ingest.titles.labels import is_date_line, is_generic_title

MAX_TITLE_LENGTH = 120
ELLIPSIS = "…"

# Characters that must never reach a title: controls, zero-width characters, bidi
# marks, embeddings, overrides and isolates (they can make a title display reversed).
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<content>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_LIST_OR_QUOTE = re.compile(r"^ {0,3}(?:[-*+>]|\d+\.)(?:\s|$)")
# A title line: not a sentence (no final stop or comma), and short.
_MAX_TITLE_LINE_LENGTH = 200
_MAX_TITLE_LINE_WORDS = 30
_SENTENCE_ENDINGS = tuple(".,;:")
# "Mr." or "H." end no sentence: the next word is part of the same one.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k",
     "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
     "dec", "gen", "col", "lt", "sen", "rep", "gov", "amb", "h.e"}
)  # fmt: skip
# A heading of words and plain punctuation only: its text is itself.
_PLAIN_HEADING = re.compile(r"[^*_`\[\]<>&\\!#|~=+-]*")
_WORD_WINDOW = 20  # Enough to see the word before a full stop.
_INITIALS = re.compile(r"[<(]?(?:[^\W\d_]\.){1,5}[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(]?[^\W_a-z])")


def clean_title(title: str) -> str:
    """Remove invisible and bidi control characters and collapse whitespace.

    Args:
        title: A candidate title.

    Returns:
        The title as it may be shown.
    """
    # Line breaks become spaces first: lines of a title are never glued together.
    return " ".join(_INVISIBLE.sub("", " ".join(title.split())).split())


def shorten_title(title: str, limit: int = MAX_TITLE_LENGTH) -> str:
    """Cut a title at a word boundary to at most ``limit`` characters, marking the cut.

    Args:
        title: A cleaned title.
        limit: The longest title allowed, ellipsis included.

    Returns:
        ``title`` itself when short enough, otherwise its start followed by "…".
    """
    if len(title) <= limit:
        return title
    hard_cut = title[: limit - len(ELLIPSIS)]
    space = hard_cut.rfind(" ")
    cut = hard_cut[:space] if space > limit // 2 else hard_cut
    # Punctuation left dangling before the ellipsis goes, unless nothing else is left.
    return (cut.rstrip(" ,;:—–-") or hard_cut) + ELLIPSIS


def _is_setext_underline(line: str, previous: str) -> bool:
    """Whether ``line`` ("===" or "---") makes ``previous`` a heading."""
    if not _SETEXT_UNDERLINE.match(line) or not previous.strip():
        return False
    return _LIST_OR_QUOTE.match(previous) is None


def title_from_markdown(markdown: str) -> str | None:
    """The text of the first heading in Markdown that is not just a date.

    Args:
        markdown: A Markdown document.

    Returns:
        The heading's plain text (markup such as ``**`` removed), or ``None``.
    """
    in_fence = False
    previous = ""
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            previous = ""
            continue
        content = None
        heading = _ATX_HEADING.match(line)
        if heading is not None:
            content = heading.group("content")
        elif _is_setext_underline(line, previous):
            content = previous
        if content is not None and parse_full_date(content) is None:
            # Rendered as the heading it is ("# - x" holds text, not a list), unless it
            # holds nothing Markdown would change.
            plain = _PLAIN_HEADING.fullmatch(content) is not None
            title = clean_title(content if plain else markdown_to_text(f"# {content}"))
            if title and not is_generic_title(title):  # "# PRESS RELEASE" is a label
                return title
        previous = line
    return None


def is_title_line(block: Block) -> bool:
    """Whether a plain text's first block is a title line rather than a paragraph.

    Args:
        block: The first block of a document.

    Returns:
        True for one short line that is not a sentence and not a dateline.
    """
    if block.kind is not BlockKind.PARAGRAPH or len(block.lines) != 1:
        return False
    line = block.lines[0]
    return (
        len(line) <= _MAX_TITLE_LINE_LENGTH
        and len(line.split()) <= _MAX_TITLE_LINE_WORDS
        and not line.endswith(_SENTENCE_ENDINGS)
        and DATELINE.match(line) is None
    )


def first_sentence(paragraph: str) -> str:
    """The first sentence of a paragraph, not fooled by "Mr." or "H.E."."""
    for match in _SENTENCE_END.finditer(paragraph):
        words = paragraph[max(0, match.start() - _WORD_WINDOW) : match.start()].split()
        last_word = words[-1].lower().strip("(“\"'") if words else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if _INITIALS.fullmatch(last_word):
            continue  # "I.M.S." or "U.S.": initials, not a sentence's end
        return paragraph[: match.end()]
    return paragraph


def title_from_text(paragraphs: Sequence[str]) -> str | None:
    """Derive a title from the first real sentence of a text, skipping any dateline.

    Args:
        paragraphs: The text's paragraphs, in order.

    Returns:
        The first sentence, shortened, or ``None`` when the text has no words.
    """
    for paragraph in paragraphs:
        text = clean_title(paragraph)
        dateline = DATELINE.match(text)
        if dateline is not None:
            text = text[dateline.end() :]
        if not any(char.isalnum() for char in text) or is_generic_title(text):
            continue
        if is_date_line(text):
            continue
        return shorten_title(first_sentence(text))
    return None
