"""``LibraryActions``: what the window does to selected documents: remove, correct together.

The actions sit in the year tree's and the search results' context menus; Delete removes
the selection of the list that has the focus (a shortcut of those lists only: elsewhere,
Delete keeps its own meaning, such as deleting an annotation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.library.bulk_metadata import BulkMetadata
from reader.library.removal import DocumentRemoval
from reader.library.sample_hint import SampleHint, add_sample_hint

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow


class LibraryActions(QObject):
    """Removing and correcting the documents selected in the tree or the search results.

    Args:
        window: The main window, with its navigator, search panel and undo stack made.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.removal = DocumentRemoval(window.service, window)
        self.bulk_metadata = BulkMetadata(window.service, window)
        self.sample_hint: SampleHint = add_sample_hint(window)
        self.sample_hint.remove_requested.connect(self._on_remove_samples)

        navigator, results = window.navigator, window.search_panel.list
        self.remove_from_tree = self._action("&Remove…", navigator, self.remove_tree_selection)
        self.remove_from_tree.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.correct_in_tree = self._action(
            "Set &Date or Source…", navigator, self.correct_tree_selection
        )
        self.remove_from_results = self._action("&Remove…", results, self.remove_results_selection)
        self.remove_from_results.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))

    def _action(self, text: str, widget: QWidget, slot: Callable[[], None]) -> QAction:
        action = QAction(text, widget)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        widget.addAction(action)
        return action

    @Slot()
    def remove_tree_selection(self) -> None:
        """Ask to remove the documents selected in the year tree."""
        self.removal.ask_to_remove(self._window.navigator.selected_document_ids())

    @Slot()
    def remove_results_selection(self) -> None:
        """Ask to remove the documents of the search results selected."""
        self.removal.ask_to_remove(self._window.search_panel.selected_document_ids())

    @Slot()
    def remove_selected(self) -> None:
        """Edit › Remove Documents…: the selection of the results when they have the focus."""
        if self._window.search_panel.list.hasFocus():
            self.remove_results_selection()
        else:
            self.remove_tree_selection()

    @Slot()
    def correct_tree_selection(self) -> None:
        """Set the same date or source on the documents selected in the year tree."""
        self.bulk_metadata.edit(self._window.navigator.selected_document_ids())

    @Slot(object)
    def _on_remove_samples(self, document_ids: list[int]) -> None:
        self.removal.ask_to_remove(document_ids)
