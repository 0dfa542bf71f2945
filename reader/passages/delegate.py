"""``PassageDelegate``: a found paragraph as the pane lists it.

Its year and title on the first line, with how alike it is as a bar and a percentage at
the right; below, the paragraph (at most a few lines) with the shared wording marked.
Drawn from the palette, so it reads in light and dark themes alike; the marked words are
black on amber in both.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from archive.passages import SimilarPassage
from reader.passages.model import PassageRole

#: The background of shared wording (with black text on it, in either palette).
SHARED_COLOUR = QColor(255, 214, 102)
MARGIN = 6
BAR_WIDTH = 48
SHOWN_LINES = 4
_MAX_CHARACTERS = 700

Index = QModelIndex | QPersistentModelIndex


def marked_html(found: SimilarPassage) -> str:
    """The paragraph as HTML, its shared wording marked, cut after about 700 characters."""
    pieces: list[str] = []
    at = found.start
    limit = found.start + _MAX_CHARACTERS
    for start, end in found.shared:
        if start >= limit:
            break
        pieces.append(html.escape(found.text[at - found.start : start - found.start]))
        shared = html.escape(found.text[start - found.start : min(end, limit) - found.start])
        pieces.append(
            f'<span style="background-color: {SHARED_COLOUR.name()}; color: black">{shared}</span>'
        )
        at = min(end, limit)
    pieces.append(html.escape(found.text[at - found.start : limit - found.start]))
    if len(found.text) > _MAX_CHARACTERS:
        pieces.append("…")
    return "".join(pieces)


class PassageDelegate(QStyledItemDelegate):
    """Paints one found paragraph: its heading, its score and its marked text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _body(
        self, found: SimilarPassage, option: QStyleOptionViewItem, width: float
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setHtml(marked_html(found))
        document.setTextWidth(max(width, 40.0))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        found = index.data(PassageRole)
        if not isinstance(found, SimilarPassage):
            return super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        width = option.rect.width() if option.rect.width() > 0 else 320
        body = self._body(found, option, width - 2 * MARGIN)
        lines = min(body.size().height(), metrics.lineSpacing() * SHOWN_LINES)
        return QSize(width, int(2 * metrics.lineSpacing() + lines + 3 * MARGIN))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        found = index.data(PassageRole)
        if not isinstance(found, SimilarPassage):
            super().paint(painter, option, index)
            return
        rect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        top = rect.top() + MARGIN
        percent = f"{found.score:.0%}"
        percent_width = metrics.horizontalAdvance("100%")
        bar_left = rect.right() - MARGIN - percent_width - MARGIN - BAR_WIDTH
        # The score: a bar in the highlight colour over its groove, then the percentage.
        groove = QRectF(bar_left, top + line / 2 - 3, BAR_WIDTH, 6)
        painter.fillRect(groove, palette.color(QPalette.ColorRole.Mid))
        filled = QRectF(groove)
        filled.setWidth(BAR_WIDTH * max(0.0, min(1.0, found.score)))
        bar_colour = text_colour if selected else palette.color(QPalette.ColorRole.Highlight)
        painter.fillRect(filled, bar_colour)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(rect.right() - MARGIN - percent_width, top, percent_width, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            percent,
        )
        # The date on the score's line, the title below it (elided), then the paragraph.
        when = found.date or (str(found.year) if found.year is not None else "Undated")
        heading_font = option.font
        heading_font.setBold(True)
        painter.setFont(heading_font)
        painter.drawText(
            QRectF(rect.left() + MARGIN, top, bar_left - rect.left() - 2 * MARGIN, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            when,
        )
        heading_font.setBold(False)
        painter.setFont(heading_font)
        title_width = rect.width() - 2 * MARGIN
        title = metrics.elidedText(found.title, Qt.TextElideMode.ElideRight, int(title_width))
        painter.drawText(
            QRectF(rect.left() + MARGIN, top + line, title_width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title,
        )
        top += line
        body = self._body(found, option, rect.width() - 2 * MARGIN)
        shown = min(body.size().height(), line * SHOWN_LINES)
        painter.translate(rect.left() + MARGIN, top + line + MARGIN)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        context.clip = QRectF(0, 0, rect.width() - 2 * MARGIN, shown)
        painter.setClipRect(context.clip)
        body.documentLayout().draw(painter, context)
        painter.restore()
