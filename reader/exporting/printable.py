"""A document made ready for paper: its page in light colours, its highlights and notes.

The page is the one the reading view shows (``render_page``), in black on white whatever
the window's palette; each highlight is drawn in its colour, each note is a numbered
marker after its passage and, under "Notes" at the end, the passage quoted and the note.
A note whose passage is no longer in the text is listed there too, without a marker.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from archive.annotations.model import Annotation
from archive.ingest import render_markdown_html
from archive.models import Document
from reader.annotations.colours import colour_of
from reader.annotations.text_map import TextMap
from reader.document.page import PageColours, render_page, sanitise
from reader.untrusted_text import GuardedTextDocument

PRINT_COLOURS = PageColours(text="#000000", base="#ffffff", muted="#555555", link="#1a4c99")
PRINT_POINT_SIZE = 11.0
NOTE_MARKER_COLOUR = QColor("#1a4c99")


@dataclass(frozen=True)
class PrintedNote:
    """A note as the notes section lists it: its number, passage and text."""

    number: int
    quote: str
    note: str
    placed: bool  # whether its passage is marked in the text


def printable_document(
    document: Document,
    annotations: Sequence[Annotation],
    text_map: TextMap | None = None,
    parent: QObject | None = None,
) -> QTextDocument:
    """The document as a ``QTextDocument`` to print, with its highlights and notes.

    ``text_map`` is the reading pane's map for this document, reused when the printed
    page's text is the same as the pane's (it is, but for the colours); otherwise the
    map is made anew.
    """
    page = GuardedTextDocument(parent)
    font = QFont(page.defaultFont())
    font.setPointSizeF(PRINT_POINT_SIZE)
    page.setDefaultFont(font)
    page.setHtml(render_page(document, PRINT_COLOURS))
    shown = page.toPlainText()
    if text_map is None or text_map.stored != document.text or text_map.shown != shown:
        text_map = TextMap(document.text, shown)
    notes = _mark_passages(page, annotations, text_map)
    if notes:
        _add_notes_section(page, notes)
    return page


def _mark_passages(
    page: QTextDocument, annotations: Sequence[Annotation], text_map: TextMap
) -> list[PrintedNote]:
    """Highlight each placed passage, put a note's number after it; the notes, numbered."""
    placed: list[tuple[tuple[int, int], Annotation]] = []
    orphans: list[Annotation] = []
    for annotation in annotations:
        span = annotation.span
        qt_span = None if span is None else text_map.stored_to_qt(*span)
        if qt_span is None:
            orphans.append(annotation)
        else:
            placed.append((qt_span, annotation))
    placed.sort(key=lambda item: item[0])
    notes: list[PrintedNote] = []
    numbers: dict[int, int] = {}
    for _, annotation in placed:
        if annotation.note.strip():
            numbers[annotation.id] = len(notes) + 1
            notes.append(PrintedNote(len(notes) + 1, annotation.quote, annotation.note, True))
    for annotation in orphans:
        if annotation.note.strip():
            notes.append(PrintedNote(len(notes) + 1, annotation.quote, annotation.note, False))
    # From the end backwards, so that a marker inserted never moves a span still to mark.
    for (start, end), annotation in reversed(placed):
        cursor = QTextCursor(page)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        highlight = QTextCharFormat()
        highlight.setBackground(colour_of(annotation.color))
        highlight.setForeground(QColor("black"))
        cursor.mergeCharFormat(highlight)
        number = numbers.get(annotation.id)
        if number is not None:
            cursor.setPosition(end)
            cursor.insertText(str(number), _marker_format())
    return notes


def _marker_format() -> QTextCharFormat:
    marker = QTextCharFormat()
    marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    marker.setForeground(NOTE_MARKER_COLOUR)
    marker.setFontWeight(QFont.Weight.Bold)
    return marker


def _add_notes_section(page: QTextDocument, notes: Sequence[PrintedNote]) -> None:
    """ "Notes" at the end: each number, its passage in quotes, and the note (as text).

    Made as HTML like the page, so that it is laid out like the page's text. A passage is
    escaped; a note is Markdown, rendered and sanitised as a document's text is (its
    emphasis and lists kept, anything else dropped), and the page never loads what HTML
    names.
    """
    parts = ['<h2 style="margin-top: 1.4em">Notes</h2>']
    for note in notes:
        where = "" if note.placed else " (no longer in the text)"
        quote = html.escape(f"“{' '.join(note.quote.split())}”{where}")
        parts.append(
            f'<p style="margin-top: 0.6em; margin-bottom: 0"><b>{note.number}.</b> '
            f'<i style="color: {PRINT_COLOURS.muted}">{quote}</i></p>'
            f'<div style="-qt-block-indent: 1">{sanitise(render_markdown_html(note.note))}</div>'
        )
    cursor = QTextCursor(page)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    cursor.insertHtml("".join(parts))
