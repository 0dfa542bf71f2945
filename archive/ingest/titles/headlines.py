"""Find the headline among the lines that open a plain text.

A release opens with a few short lines before its first paragraph: a letterhead, a label
("NEWS RELEASE", "Pressemitteilung"), a date line, the headline, a subtitle; a page copy
adds breadcrumbs and the headline again in the crumbs. The headline is the headline-like
line (short, not a sentence, not a label, date or control) that the page repeats, else
the first one after a press label (a letterhead comes before the label), else the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from archive.ingest.cleaning.blocks import Block, BlockKind
from archive.ingest.dates.patterns import DATELINE
from archive.ingest.titles.labels import PRESS_LABELS, is_date_line, is_generic_title, title_key

# The opening: blocks before the first paragraph of prose, at most this many.
_MAX_OPENING_BLOCKS = 10
_MAX_TITLE_CHARS = 250
_MAX_TITLE_WORDS = 35
_MIN_TITLE_WORDS = 2
_PROSE_WORDS = 25
_SENTENCE_END = re.compile(r"[.;,:][\"”’»)\]]*$")
_CRUMB = re.compile(r"^\s*(?:\d{1,2}\.|[*+o#•□☆■▪◦●>›»-])\s+\S")
_MIN_REPEATED_WORDS = 3
# A line of many capitalised words is a navigation bar ("Home Topics About Our Office
# News Contact Us"), unless it is all capitals (a headline set in capitals).
_NAV_BAR_WORDS = 8
_NAV_BAR_CAPITALISED = 0.95
# Two sentences in one short line ("How Can We Help? Topics"): not a headline.
_INNER_SENTENCE_END = re.compile(r"\w[?!]\s+\w|[^\W\d_]{3,}\.\s+[^\W\d_]")
# Words of share boxes and page tools: a line with two of them is a widget.
_WIDGET_WORDS = re.compile(
    r"\b(?:share|teilen|partager|compartir|condividi|compartilhar|поделиться|paylaş|"
    r"facebook|twitter|linkedin|whatsapp|instagram|youtube|telegram|e-?mail|drucken|print|"
    r"imprimer|imprimir|stampa|pdf)\b",
    re.IGNORECASE,
)
# Lines a page shows as links or greetings, never as a headline: "Skip to content",
# "Willkommen auf den Seiten des …", "Télécharger le PDF", "Read more", "Back to top".
_PAGE_PHRASE = re.compile(
    r"^(?:skip\b|springe\b|zum\s+(?:haupt)?inhalt|aller\s+au\s+contenu|ir\s+al\s+contenido|"
    r"перейти\s+к|welcome\b|willkommen\b|bienvenue\b|bienvenid[oa]s?\b|"
    r"добро\s+пожаловать|hoş\s+geldiniz|xoş\s+gəlmisiniz|download|herunterladen|"
    r"t[ée]l[ée]charger|descargar|scarica|baixar|скачать|indir\b|print\b|drucken|"
    r"imprimer|read\s+more|weiterlesen|lire\s+la\s+suite|leer\s+m[áa]s|подробнее|"
    r"devam[ıi]n[ıi]\s+oku|back\s+to\b|zurück\b|retour\b|volver\b|more\s+news|"
    r"mehr\s+(?:zum\s+thema|nachrichten|meldungen)|sign\s+up|subscribe|abonnieren|"
    r"newsletter|cookie)",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"\[[^\]]*\]|\(BUTTON\)|_{4,}|^#\w")
_LABEL_KEYS = frozenset(title_key(label) for label in PRESS_LABELS)


@dataclass(frozen=True)
class Headline:
    """The block holding a text's headline, and why it was chosen."""

    index: int
    text: str
    evidence: str


def find_headline(blocks: Sequence[Block], context: str = "") -> Headline | None:
    """The headline among the blocks that open a text.

    The headline stands right above the text's first paragraph of prose, perhaps with a
    subtitle and date lines between: walking up from the prose past date lines, the
    headline-like blocks met in a row are the headline and its subtitles, and the first
    of them is the headline. Above it stand crumbs, labels, a letterhead or a menu.

    Args:
        blocks: The text's blocks (after page clutter is removed).
        context: Text the headline may be repeated in (a page's crumbs and title lines);
            a repeated candidate is taken when nothing stands right above the prose.

    Returns:
        The headline's block index and text, or ``None`` when the text opens with prose.
    """
    opening = _opening(blocks)
    group: list[int] = []
    # Walked up from the first prose; where none came within reach, there is no "right
    # above the prose" (a text of one-line fragments, as OCR leaves it).
    reached_prose = len(opening) < min(len(blocks), _MAX_OPENING_BLOCKS)
    for index in reversed(opening if reached_prose else []):
        block = blocks[index]
        if _is_headline_like(block):
            group.append(index)
        elif not is_date_line(block.text):
            break
    if group:
        index = group[-1]
        return Headline(index, blocks[index].text, "headline line")
    repeated = _repeated_headline(blocks, opening, context)
    if repeated is not None:
        return repeated
    # Nothing headline-like right above the prose: the first headline-like line after
    # any press label ("Press Release"), since a letterhead stands above the label.
    labels = [index for index in opening if title_key(blocks[index].text) in _LABEL_KEYS]
    after = [
        index
        for index in opening
        if index > (labels[-1] if labels else -1) and _is_headline_like(blocks[index])
    ]
    if after:
        return Headline(after[0], blocks[after[0]].text, "headline line")
    return None


def _repeated_headline(
    blocks: Sequence[Block], opening: list[int], context: str
) -> Headline | None:
    elsewhere = [title_key(line) for line in context.split("\n")] + [
        title_key(blocks[index].text) for index in opening
    ]
    for index in opening:
        if not _is_headline_like(blocks[index]):
            continue
        key = title_key(blocks[index].text)
        if len(key.split()) < _MIN_REPEATED_WORDS:
            continue
        # In a longer line too: a breadcrumb ("5. Headline") or the page's title line.
        if any(key in other and key != other for other in elsewhere):
            return Headline(index, blocks[index].text, "headline repeated on the page")
    return None


def press_label_index(blocks: Sequence[Block]) -> int | None:
    """Where a press label ("NEWS RELEASE", "Pressemitteilung") stands in a text's opening."""
    return next(
        (index for index in _opening(blocks) if title_key(blocks[index].text) in _LABEL_KEYS),
        None,
    )


def _opening(blocks: Sequence[Block]) -> list[int]:
    indexes: list[int] = []
    for index, block in enumerate(blocks[:_MAX_OPENING_BLOCKS]):
        if _is_prose(block):
            break
        indexes.append(index)
    return indexes


def _is_prose(block: Block) -> bool:
    words = len(block.text.split())
    return words >= _PROSE_WORDS or (words >= 8 and block.text.rstrip().endswith((".", ":")))


def _is_headline_like(block: Block) -> bool:
    # Lines set apart on purpose (an address) are no headline; a wrapped one is one line.
    if block.kind is not BlockKind.PARAGRAPH or len(block.lines) > 1:
        return False
    text = " ".join(block.text.split())
    words = text.split()
    if not (_MIN_TITLE_WORDS <= len(words) <= _MAX_TITLE_WORDS) or len(text) > _MAX_TITLE_CHARS:
        return False
    if _SENTENCE_END.search(text) or _CRUMB.match(text) or _CONTROL.search(text):
        return False
    if len(_WIDGET_WORDS.findall(text)) >= 2 or is_generic_title(text):
        return False
    if _INNER_SENTENCE_END.search(text) or _is_nav_bar(words) or _PAGE_PHRASE.match(text):
        return False
    if is_date_line(text) or _opens_with_dateline(text):
        return False  # a date line ("Ort Saarbrücken Datum 28.01.2022"), not a headline
    return any(char.isalpha() for char in text)


def _is_nav_bar(words: list[str]) -> bool:
    letters = [word for word in words if word[:1].isalpha()]
    if len(letters) < _NAV_BAR_WORDS or all(word.isupper() for word in letters):
        return False
    capitalised = sum(1 for word in letters if word[0].isupper())
    return capitalised >= _NAV_BAR_CAPITALISED * len(letters)


def _opens_with_dateline(text: str) -> bool:
    """A dateline that opens a paragraph ("BAKU, July 8. The IX meeting ...")."""
    match = DATELINE.match(text)
    return match is not None and match.end() < len(text.rstrip(" .:—–-"))
