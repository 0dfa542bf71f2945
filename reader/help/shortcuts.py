"""Help › Keyboard Shortcuts: every command of the menus that has a key, read from them.

The list is made from the menu bar's actions each time it is shown, so it always says
what the keys do now.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

MENU_PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class Shortcut:
    """A command with keys: its name, the menus it is in, and its keys as the system shows."""

    command: str
    menu: str
    keys: str


def _plain(text: str) -> str:
    """A menu text without its ``&`` mnemonics (``&&`` is a literal ``&``)."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def _walk(actions: list[QAction], path: list[str], seen: set[QAction]) -> list[Shortcut]:
    found: list[Shortcut] = []
    for action in actions:
        if action.isSeparator() or action in seen:
            continue  # an action in two menus (Undo) is listed under the first
        seen.add(action)
        menu = action.menu()
        if isinstance(menu, QMenu):
            found += _walk(menu.actions(), [*path, _plain(menu.title())], seen)
            continue
        keys = [key for key in action.shortcuts() if not key.isEmpty()]
        if keys:
            shown = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)
            found.append(Shortcut(_plain(action.text()), MENU_PATH_SEPARATOR.join(path), shown))
    return found


def menu_shortcuts(bar: QMenuBar) -> list[Shortcut]:
    """Every action in the menus with a shortcut, in menu order."""
    return _walk(bar.actions(), [], set())


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts of the window's menus, in a table."""

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(620, 700)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Command", "Keys", "Menu"])
        for shortcut in menu_shortcuts(bar):
            row = [QStandardItem(shortcut.command), QStandardItem(shortcut.keys)]
            row.append(QStandardItem(shortcut.menu))
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def shortcuts(self) -> list[tuple[str, str, str]]:
        """(command, keys, menu) of each row, as shown."""
        return [
            tuple(str(self.model.item(row, column).text()) for column in range(3))  # type: ignore[misc]
            for row in range(self.model.rowCount())
        ]
