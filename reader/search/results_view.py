"""``SearchResultsView``: the list of hits, which opens the hit the keyboard moves to."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView, QWidget


class SearchResultsView(QListView):
    """A list view that tells when a key (Down, Page Up, Home...) made another row current.

    A click opens its hit through ``clicked``, Enter through ``activated``; this covers
    the arrow keys, which otherwise move the selection without opening anything. Rows
    appended as more hits are fetched, or a new search's reset, change no current row by
    key, so they open nothing.

    Signals:
        current_moved_by_key(QModelIndex): the row a key press made current.
    """

    current_moved_by_key = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        before = self.currentIndex()
        super().keyPressEvent(event)
        after = self.currentIndex()
        if after.isValid() and (not before.isValid() or after.row() != before.row()):
            self.current_moved_by_key.emit(after)
