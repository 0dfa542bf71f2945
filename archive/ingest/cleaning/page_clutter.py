"""Remove a web page's menus, crumbs, footers and cookie notices from its text copy.

A page saved as text ("Save as text", ``lynx -dump``, a copy from the browser) keeps
everything the page showed: skip links, menus, breadcrumbs, search boxes, share buttons,
related headlines, cookie notices and the footer. jusText tells these from the article's
paragraphs by their length and their share of stop words (function words, which menus
lack and prose is full of, with word lists for a hundred languages) and by the company a
block keeps. Its verdicts decide only the page's edges: everything before the article's
first paragraph but its headline and date, and everything after its last. Inside the
article only menu-like lists go, because a body line lost is worse than a menu line kept.

Text that is not a page copy (a release as written, OCR, PDF text) has no such edges and
passes unchanged: cleaning starts only when the text opens or ends with a run of blocks
jusText calls boilerplate.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import justext
from babel import Locale, UnknownLocaleError

from archive.ingest.cleaning.blocks import Block, BlockKind

log = logging.getLogger("archive.import")

# A page copy opens (or ends) with at least this many boilerplate blocks in a row.
_MIN_EDGE_BLOCKS = 4
# Good blocks parted by more boilerplate than this (a menu, a gallery's viewer) are
# separate runs; a few short lines between them (a date, a byline) are not.
_RUN_GAP_BLOCKS = 12
_RUN_GAP_CHARS = 900
# Text beyond this many characters a block counts towards its run's size, so that a
# gallery of captions weighs less than an article's paragraphs.
_CAPTION_CHARS = 150
# A run apart from the article is part of it all the same if it weighs a quarter of it,
# or holds a paragraph this long (a gallery's captions, a teaser, a notice hold none).
_MINOR_RUN_SHARE = 4
_PROSE_PARAGRAPH_CHARS = 300
# Above the article's first paragraph, the headline, a subtitle and a date line are
# looked for among this many blocks.
_HEADER_WINDOW = 8
_MAX_HEADER_BLOCK_CHARS = 300
# Lines that are parts of a page's controls, not of any text.
_CONTROL = re.compile(
    r"\[\s*[xX ]?\s*\]|\(BUTTON\)|_{4,}|\[[^\]]{0,40}\.(?:png|jpe?g|gif|svg)\]|^\s*\[\]\s*$"
)
# List markers of text browsers' menus (lynx: * + o #, w3m: • □ ☆ ■).
_LIST_ITEM = re.compile(r"^\s*[*+o#•□☆■▪◦●-]\s+\S")
# A paragraph that ends the article's last sentence ("... (Minnesota Relay).").
_PROSE_END = re.compile(r"[.!?…][\"”’»)]*$")
_MIN_PROSE_WORDS = 12
# Boilerplate this short is furniture (a menu item, a crumb, "Share", "Print").
_MAX_FURNITURE_WORDS = 8
_LETTERS_PER_DIGIT = 3


@dataclass(frozen=True)
class PageText:
    """A page copy split into its header (headline, date), article and what was removed.

    Attributes:
        header: Blocks just above the article: headline, subtitle, date line.
        article: The article's blocks.
        removed: How many blocks were removed as page furniture.
        is_page_copy: Whether the text looked like a web page copy at all.
    """

    header: tuple[Block, ...]
    article: tuple[Block, ...]
    removed: int
    is_page_copy: bool


def remove_page_clutter(blocks: Sequence[Block], language: str | None) -> PageText:
    """Keep a page copy's headline, date and article; drop the page around them.

    Args:
        blocks: The text's blocks, in order.
        language: The text's language (ISO 639-1), for its stop words; ``None`` judges
            by length alone.

    Returns:
        The header and article blocks. A text that is not a page copy comes back whole
        as the article, with ``is_page_copy`` false.
    """
    if _too_few_for_edges(blocks):  # a release as written: jusText is not asked (1-2 ms)
        return PageText((), tuple(blocks), 0, is_page_copy=False)
    classes = _without_repeats(blocks, _classify(blocks, language))
    main = _main_run(blocks, classes)
    if main is None:
        return PageText((), tuple(blocks), 0, is_page_copy=False)
    first, last = main
    # jusText doubts prose heavy with numbers ("fell to 3.5 mln bpd from 3.8 mln"): prose
    # right before or after the article is the article's.
    first = _prose_starts(blocks, first)
    end = _prose_continues(blocks, last + 1)
    opening = _furniture(blocks[:first], classes[:first])
    ending = _furniture(blocks[end:], classes[end:])
    if opening < _MIN_EDGE_BLOCKS and ending < _MIN_EDGE_BLOCKS:
        return PageText((), tuple(blocks), 0, is_page_copy=False)
    start = first if opening >= _MIN_EDGE_BLOCKS else 0
    end = end if ending >= _MIN_EDGE_BLOCKS else len(blocks)
    header = _header(blocks[:start]) if start else ()
    article = tuple(
        block
        for block, verdict in zip(blocks[start:end], classes[start:end], strict=True)
        if verdict == "good" or not _is_menu_like(block)
    )
    removed = len(blocks) - len(header) - len(article)
    return PageText(header, article, removed, is_page_copy=True)


def _main_run(blocks: Sequence[Block], classes: Sequence[str]) -> tuple[int, int] | None:
    """The first and last block of the article: the run of good blocks with the most text.

    Good blocks belong to one run unless a stretch of boilerplate parts them (a site's
    banner above its menus, a privacy notice below its footer). A run apart from the
    article is left out only when it is much smaller: two runs of like size are one
    article with a table or list between them.
    """
    runs: list[list[int]] = []
    gap_blocks = gap_chars = 0
    for index, verdict in enumerate(classes):
        if verdict != "good":
            gap_blocks += 1
            gap_chars += len(blocks[index].text)
            continue
        if not runs or gap_blocks > _RUN_GAP_BLOCKS or gap_chars > _RUN_GAP_CHARS:
            runs.append([index, index])
        else:
            runs[-1][1] = index
        gap_blocks = gap_chars = 0
    if not runs:
        return None
    sizes = [
        sum(max(0, len(block.text) - _CAPTION_CHARS) for block in blocks[a : b + 1])
        for a, b in runs
    ]
    biggest = max(range(len(runs)), key=sizes.__getitem__)
    kept = [
        i
        for i, size in enumerate(sizes)
        if size * _MINOR_RUN_SHARE > sizes[biggest]
        or (
            _longest(blocks, runs[i]) >= _PROSE_PARAGRAPH_CHARS
            and not _menu_between(blocks, runs[i], runs[biggest])
        )
    ]
    kept.append(biggest)
    return runs[min(kept)][0], runs[max(kept)][1]


def _prose_continues(blocks: Sequence[Block], end: int) -> int:
    """Where the article ends: after its last good block, and the prose that follows it.

    jusText doubts a closing paragraph full of telephone numbers or addresses ("call
    (651) 296-3353 ..."); a sentence of prose right after the article is still its own.
    """
    while end < len(blocks) and _is_prose(blocks[end]):
        end += 1
    return end


def _prose_starts(blocks: Sequence[Block], start: int) -> int:
    """Where the article starts: at its first good block, or the prose right before it."""
    while start > 0 and _is_prose(blocks[start - 1]):
        start -= 1
    return start


def _is_prose(block: Block) -> bool:
    text = " ".join(block.text.split())
    if len(text.split()) < _MIN_PROSE_WORDS or not _PROSE_END.search(text):
        return False
    return not (_is_control(block) or "©" in text or _LIST_ITEM.match(text))


def _furniture(blocks: Sequence[Block], classes: Sequence[str]) -> int:
    """How many of the blocks are page furniture: short boilerplate, menu items, controls."""
    return sum(
        1
        for block, verdict in zip(blocks, classes, strict=True)
        if verdict == "bad" and _could_be_furniture(block)
    )


def _too_few_for_edges(blocks: Sequence[Block]) -> bool:
    """Whether the text has too few short blocks for a page's edges, whatever jusText says.

    Only blocks that :func:`_furniture` could count (if jusText called them boilerplate)
    make an edge, and an edge needs ``_MIN_EDGE_BLOCKS`` of them: a text with fewer in all
    is not a page copy. Every Reuters article is such a text.
    """
    return sum(1 for block in blocks if _could_be_furniture(block)) < _MIN_EDGE_BLOCKS


def _could_be_furniture(block: Block) -> bool:
    """Whether a block is furniture if jusText calls it boilerplate: short, or a menu."""
    short = len(block.text.split()) <= _MAX_FURNITURE_WORDS
    return (short or _is_menu_like(block)) and _mostly_letters(block.text)


def _mostly_letters(text: str) -> bool:
    """Words, not figures: a table's rows ("Feb 872.0, March 164.6") are not furniture."""
    letters = sum(1 for char in text if char.isalpha())
    digits = sum(1 for char in text if char.isdigit())
    return letters > _LETTERS_PER_DIGIT * digits


def _menu_between(blocks: Sequence[Block], run: list[int], main: list[int]) -> bool:
    """Whether a menu parts a run from the article (a site's banner above its menus)."""
    start, end = (run[1] + 1, main[0]) if run[0] < main[0] else (main[1] + 1, run[0])
    return any(
        block.kind is BlockKind.BULLET or _LIST_ITEM.match(block.lines[0]) or _is_control(block)
        for block in blocks[start:end]
    )


def _longest(blocks: Sequence[Block], run: list[int]) -> int:
    return max(len(block.text) for block in blocks[run[0] : run[1] + 1])


def _without_repeats(blocks: Sequence[Block], classes: list[str]) -> list[str]:
    """Verdicts with every repetition of a block's text called boilerplate.

    A page repeats its own furniture (a menu at the top and the bottom, a photo's
    caption in its gallery and its viewer); an article does not repeat its paragraphs.
    """
    seen: set[str] = set()
    revised = list(classes)
    for index, block in enumerate(blocks):
        key = " ".join(block.text.split())
        if key in seen:
            revised[index] = "bad"
        seen.add(key)
    return revised


def _header(before: Sequence[Block]) -> tuple[Block, ...]:
    """The headline, subtitle and date lines just above the article's first paragraph."""
    kept: list[Block] = []
    for block in reversed(before[-_HEADER_WINDOW:]):
        if _is_control(block) or len(block.text) > _MAX_HEADER_BLOCK_CHARS:
            break
        listed = block.kind is BlockKind.BULLET or _LIST_ITEM.match(block.lines[0])
        if listed and not any(char.isdigit() for char in block.text):
            break  # a menu; a listed date ("• Datum: 26. Januar 2022") and crumbs stay
        kept.append(block)
    return tuple(reversed(kept))


def _is_control(block: Block) -> bool:
    return any(_CONTROL.search(line) for line in block.lines)


def _is_menu_like(block: Block) -> bool:
    """A block of short list items or controls: a menu, not a paragraph of the article."""
    if _is_control(block):
        return True
    if block.kind is BlockKind.BULLET:
        return len(block.text.split()) <= 4
    lines = block.lines
    return len(lines) > 1 and all(len(line.split()) <= 4 for line in lines)


def _classify(blocks: Sequence[Block], language: str | None) -> list[str]:
    """jusText's verdict on each block: "good", or "bad" for boilerplate."""
    page = "".join(f"<p>{html.escape(_one_line(block))}</p>" for block in blocks)
    stop_words = _stop_words(language)
    # Without a stop-word list jusText judges by length alone ("language-independent").
    density = {} if stop_words else {"stopwords_low": 0.0, "stopwords_high": 0.0}
    paragraphs = justext.justext(
        f"<html><body>{page}</body></html>".encode(), stop_words, no_headings=True, **density
    )
    verdicts = [_verdict(paragraph) for paragraph in paragraphs]
    if len(paragraphs) != len(blocks):
        # jusText skipped a block it found empty: line the verdicts up by text instead.
        by_text = dict(zip((paragraph.text for paragraph in paragraphs), verdicts, strict=True))
        return [by_text.get(" ".join(_one_line(block).split()), "good") for block in blocks]
    return verdicts


def _verdict(paragraph: justext.paragraph.Paragraph) -> str:
    """ "good" for prose: what jusText keeps, and what it finds prose-like on its own
    (``cf_class``) even where the company it keeps makes it doubt it: a short release's
    paragraphs are shorter than jusText's idea of a good one.
    """
    if paragraph.class_type == "good" or paragraph.cf_class in ("good", "neargood"):
        return "good"
    return "bad"


def _one_line(block: Block) -> str:
    return " ".join(block.lines) if block.kind is BlockKind.PARAGRAPH else f"• {block.text}"


@functools.cache
def _stop_words(language: str | None) -> frozenset[str]:
    """jusText's stop words for a language code; none (length alone decides) if unknown."""
    if language is None:
        return frozenset()
    try:
        name = Locale.parse(language).get_language_name("en") or ""
    except (UnknownLocaleError, ValueError):
        return frozenset()
    try:
        return frozenset(justext.get_stoplist(name.replace(" ", "_")))
    except ValueError:
        log.debug("No stop words for %s", name)
        return frozenset()
