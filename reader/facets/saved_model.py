"""``SavedSearchModel``: the saved searches, each with its number of new matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from archive.saved_searches import SavedSearch

ModelIndex = QModelIndex | QPersistentModelIndex

SavedNameRole = Qt.ItemDataRole.UserRole + 1
SavedQueryRole = Qt.ItemDataRole.UserRole + 2
NewRole = Qt.ItemDataRole.UserRole + 3

NAME_COLUMN = 0
NEW_COLUMN = 1


class SavedSearchModel(QAbstractTableModel):
    """Saved searches by name; the second column says "3 new" when some are."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._searches: list[SavedSearch] = []

    def set_searches(self, searches: Sequence[SavedSearch]) -> None:
        self.beginResetModel()
        self._searches = list(searches)
        self.endResetModel()

    def row_of(self, name: str) -> int:
        """The row of the saved search of that name (case aside), or -1."""
        folded = name.casefold()
        for row, search in enumerate(self._searches):
            if search.name.casefold() == folded:
                return row
        return -1

    def search_at(self, row: int) -> SavedSearch | None:
        return self._searches[row] if 0 <= row < len(self._searches) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._searches)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 2

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return "Saved search" if section == NAME_COLUMN else "Since opened"

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._searches):
            return None
        search = self._searches[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return search.name
            if search.problem:
                return "—"
            return f"{search.new:,} new" if search.new else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(search)
        if role == Qt.ItemDataRole.FontRole and column == NEW_COLUMN and search.new:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == NEW_COLUMN and search.new:
            # The palette's link colour: readable on the light and the dark palette.
            return QGuiApplication.palette().color(QPalette.ColorRole.Link)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NEW_COLUMN:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{search.name}: {search.new} new of {search.matches} matches"
        if role == SavedNameRole:
            return search.name
        if role == SavedQueryRole:
            return search.query
        if role == NewRole:
            return search.new
        return None

    def _tip(self, search: SavedSearch) -> str:
        lines = [f"{search.name}: {search.query}"]
        if search.problem:
            lines.append(f"Cannot run: {search.problem}")
        else:
            lines.append(
                f"{search.matches:,} matching documents, {search.new:,} new since last opened"
            )
        lines.append("Double-click to run it")
        return "\n".join(lines)
