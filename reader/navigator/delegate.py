"""``GroupRowDelegate``: year and month rows with their counts, years with a bar of their share."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.navigator.model import (
    CountRole,
    FilteredRole,
    IsMonthRole,
    IsYearRole,
    ShareRole,
    TotalRole,
)

BAR_WIDTH = 48
GAP = 6


def count_text(index: QModelIndex | QPersistentModelIndex) -> str:
    """A year's or month's count as its row shows it: "708", or "3 of 708" when filtered."""
    total = int(index.data(TotalRole) or 0)
    if index.data(FilteredRole):
        return f"{int(index.data(CountRole) or 0)} of {total}"
    return str(total)


class GroupRowDelegate(QStyledItemDelegate):
    """Draws "2024 ....... 12 [bar]" for a year and "March ....... 5" for a month.

    Year and month rows span both columns; document rows are drawn as usual.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        is_year = bool(index.data(IsYearRole))
        if not is_year and not index.data(IsMonthRole):
            return
        rect: QRect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        bar = QRect(rect.right() - BAR_WIDTH - GAP, rect.center().y() - 3, BAR_WIDTH, 6)
        if is_year:
            share = float(index.data(ShareRole) or 0.0)
            painter.fillRect(bar, palette.mid())
            filled = QRect(bar.left(), bar.top(), max(2, round(bar.width() * share)), bar.height())
            painter.fillRect(filled, palette.highlightedText() if selected else palette.highlight())
        count_rect = QRect(rect.left(), rect.top(), bar.left() - rect.left() - GAP, rect.height())
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        painter.drawText(
            count_rect,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            count_text(index),
        )
        painter.restore()
