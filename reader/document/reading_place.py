"""``ReadingPlace``: how far into a document a pane is scrolled, kept across a new page.

The place is the paragraph at the top of the view and the character in it, not a scroll
bar value nor a character offset: it survives another zoom or window size (lines reflow),
and a corrected title (which shifts every character after it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint

from reader.document.pane import DocumentPane


@dataclass(frozen=True)
class ReadingPlace:
    """The paragraph (block number) at the top of a pane's view, and how far into it."""

    document_id: int
    block: int
    offset: int


def reading_place(pane: DocumentPane) -> ReadingPlace | None:
    """Where ``pane`` is scrolled to; ``None`` when it shows nothing."""
    document = pane.document
    if document is None:
        return None
    view = pane.view
    if view.verticalScrollBar().value() <= 0:
        return ReadingPlace(document.id, 0, 0)
    top = view.cursorForPosition(QPoint(0, 0))
    return ReadingPlace(document.id, top.blockNumber(), top.positionInBlock())


def go_to_reading_place(pane: DocumentPane, place: ReadingPlace) -> bool:
    """Scroll ``pane`` back to ``place``, if it shows that document; True if it did."""
    document = pane.document
    if document is None or document.id != place.document_id:
        return False
    if place.block == 0 and place.offset == 0:
        pane.view.verticalScrollBar().setValue(0)
        return True
    block = pane.view.document().findBlockByNumber(place.block)
    if not block.isValid():
        block = pane.view.document().lastBlock()
    offset = min(place.offset, max(0, block.length() - 1))
    pane.view.scroll_to_top_of(block.position() + offset)
    return True
