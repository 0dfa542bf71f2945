"""How the window gives way when it is made small.

Qt's main window shrinks its centre first and keeps the side panes' widths, so a narrow
window used to leave the document a few letters a line. Here the centre has a floor
instead: each open document pane keeps room for ``READABLE_CHARACTERS`` of body text
(``COMPARED_CHARACTERS`` each when two are compared), so the side panes shrink first,
down to ``DOCK_MIN_CHARACTERS``; below that the window keeps its minimum size (close a
side pane from the View menu to make it narrower still). A side pane never grows wider
than ``DOCK_MAX_CHARACTERS``.

When even that minimum is wider than the screen (two documents compared on a small
screen), the side panes that can give way close (the Annotations pane), with a word in
the status bar; they open again once there is room.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle

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
MESSAGE_MS = 10_000
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
        window: The main window.
        panes: The document panes, whose minimum width follows how many are open.
        docks: The side panes.
        closable: Those of ``docks`` that close when the window would not fit the screen.
    """

    def __init__(
        self,
        window: QMainWindow,
        panes: PanePair,
        docks: Sequence[QDockWidget],
        closable: Sequence[QDockWidget] = (),
    ) -> None:
        super().__init__(window)
        self._window = window
        self._panes = panes
        self._docks = list(docks)
        self._closable = list(closable)
        self._closed: list[QDockWidget] = []  # closed here for want of room
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
        # Once the window's layout has taken the new minimums in.
        QTimer.singleShot(0, self, self._fit_screen)

    @Slot()
    def _fit_screen(self) -> None:
        """Close side panes while the window would be wider than the screen; reopen them."""
        room = self._window.screen().availableGeometry().width()
        least = self._window.minimumSizeHint().width()
        for dock in reversed(self._closed[:]):
            if dock.isVisibleTo(self._window):  # opened again by the reader
                self._closed.remove(dock)
                continue
            if least + self._room_for(dock) > room:
                break
            dock.show()
            self._closed.remove(dock)
            least += self._room_for(dock)
        for dock in self._closable:
            if least <= room:
                break
            if dock.isVisibleTo(self._window) and not dock.isFloating():
                least -= self._room_for(dock)
                dock.hide()
                self._closed.append(dock)
                self._window.statusBar().showMessage(
                    f"The {dock.windowTitle()} pane is closed to leave the documents room; "
                    f"View › {dock.windowTitle()} opens it again.",
                    MESSAGE_MS,
                )

    def _room_for(self, dock: QDockWidget) -> int:
        """The width a side pane takes at its least, with the separator beside it."""
        separator = self._window.style().pixelMetric(
            QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, self._window
        )
        return max(dock.minimumWidth(), dock.minimumSizeHint().width()) + separator

    def _set_minimum(self, pane: DocumentPane, characters: int) -> None:
        width = reading_width(pane.view, characters)
        if pane.view.minimumWidth() != width:
            pane.view.setMinimumWidth(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Shown or hidden in its window (even before the window itself is shown).
        changes = (QEvent.Type.ShowToParent, QEvent.Type.HideToParent, QEvent.Type.FontChange)
        if event.type() in changes:
            self.update_limits()
        return False
