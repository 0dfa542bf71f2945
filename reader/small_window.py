"""How the window gives way when it is made small.

Qt's main window shrinks its centre first and keeps the side panes' widths, so a narrow
window used to leave the document a few letters a line. Here the centre has a floor
instead: each open document pane keeps room for ``READABLE_CHARACTERS`` of body text
(``COMPARED_CHARACTERS`` each when two are compared), so the side panes shrink first,
down to ``DOCK_MIN_CHARACTERS``; below that the window keeps its minimum size (close a
side pane from the View menu to make it narrower still). A side pane never grows wider
than ``DOCK_MAX_CHARACTERS``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QStyle

from reader.document.pane import DocumentPane
from reader.document.pane_pair import PanePair
from reader.document.reading_view import (
    FALLBACK_POINT_SIZE,
    READING_EXTRA_POINTS,
    ReadingView,
)

READABLE_CHARACTERS = 40
COMPARED_CHARACTERS = 28
DOCK_MIN_CHARACTERS = 18
DOCK_MAX_CHARACTERS = 80
# The reading view's own margin on each side of its column (``apply_measure``).
VIEW_MARGIN = 12


def characters_width(font: QFont, characters: int) -> int:
    """The width of ``characters`` average characters of ``font``, in pixels."""
    return math.ceil((QFontMetricsF(font).averageCharWidth() or 7.0) * characters)


def reading_width(view: ReadingView, characters: int) -> int:
    """The view's width that shows ``characters`` of body text a line, at the default zoom."""
    font = QFont(view.font())
    base = font.pointSizeF()
    font.setPointSizeF((base if base > 0 else FALLBACK_POINT_SIZE) + READING_EXTRA_POINTS)
    scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    return characters_width(font, characters) + 2 * VIEW_MARGIN + scroll_bar + 2 * view.frameWidth()


class SmallWindowLimits(QObject):
    """Keeps the document panes readable and the side panes within bounds as sizes change.

    Args:
        panes: The document panes, whose minimum width follows how many are open.
        docks: The side panes.
        parent: The window.
    """

    def __init__(
        self, panes: PanePair, docks: Sequence[QDockWidget], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._panes = panes
        self._docks = list(docks)
        panes.document_shown.connect(self.update_limits)
        panes.pane_closed.connect(self.update_limits)
        panes.emptied.connect(self.update_limits)
        for pane in panes.panes:
            pane.installEventFilter(self)  # shown or hidden (a second pane opens)
        self.update_limits()

    @Slot()
    def update_limits(self) -> None:
        """Set each pane's and each side pane's minimum (and maximum) width again."""
        open_panes = [pane for pane in self._panes.panes if pane.isVisibleTo(self._panes)]
        characters = COMPARED_CHARACTERS if len(open_panes) > 1 else READABLE_CHARACTERS
        for pane in self._panes.panes:
            self._set_minimum(pane, characters)
        for dock in self._docks:
            font = dock.widget().font() if dock.widget() is not None else dock.font()
            dock.setMinimumWidth(characters_width(font, DOCK_MIN_CHARACTERS))
            dock.setMaximumWidth(characters_width(font, DOCK_MAX_CHARACTERS))

    def _set_minimum(self, pane: DocumentPane, characters: int) -> None:
        width = reading_width(pane.view, characters)
        if pane.view.minimumWidth() != width:
            pane.view.setMinimumWidth(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.FontChange):
            self.update_limits()
        return False
