"""``HelpWindows``: opens the Help menu's windows, and runs the searches they ask for."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLineEdit, QMainWindow

from reader.help.search_syntax import SearchSyntaxDialog
from reader.help.shortcuts import ShortcutsDialog


class HelpWindows(QObject):
    """Search Syntax (one, non-modal, kept) and Keyboard Shortcuts (made anew each time)."""

    def __init__(self, window: QMainWindow, search_field: QLineEdit) -> None:
        super().__init__(window)
        self._window = window
        self._search_field = search_field
        self.search_syntax: SearchSyntaxDialog | None = None
        self.shortcuts: ShortcutsDialog | None = None

    @Slot()
    def show_search_syntax(self) -> None:
        if self.search_syntax is None:
            self.search_syntax = SearchSyntaxDialog(self._window)
            self.search_syntax.query_chosen.connect(self._on_query_chosen)
        self.search_syntax.show()
        self.search_syntax.raise_()

    @Slot()
    def show_shortcuts(self) -> None:
        """List the menus' shortcuts as they are now (a new dialog each time)."""
        if self.shortcuts is not None:
            self.shortcuts.close()
        self.shortcuts = ShortcutsDialog(self._window.menuBar(), self._window)
        self.shortcuts.destroyed.connect(self._on_shortcuts_destroyed)
        self.shortcuts.show()

    @Slot()
    def _on_shortcuts_destroyed(self) -> None:
        self.shortcuts = None

    @Slot(str)
    def _on_query_chosen(self, query: str) -> None:
        # Typing into the field runs the search, as when the reader types it.
        self._search_field.setText(query)
