"""``SearchResultsModel``: the hits of the latest search, as a list model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from archive.cli_output import snippet_as_text
from archive.models import SearchHit
from reader.untrusted_text import tool_tip

ModelIndex = QModelIndex | QPersistentModelIndex

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 2  # escaped text with <mark> around hits
DateTextRole = Qt.ItemDataRole.UserRole + 3
YearRole = Qt.ItemDataRole.UserRole + 4


class SearchResultsModel(QAbstractListModel):
    """Hits in the order the search returned them (by relevance or by date)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tool_tip(f"{hit.title}\n{_date_text(hit)}\n\n{snippet_as_text(hit.snippet)}")
        if role == DocumentIdRole:
            return hit.id
        if role == SnippetHtmlRole:
            return hit.snippet
        if role == DateTextRole:
            return _date_text(hit)
        if role == YearRole:
            return hit.year
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}, {_date_text(hit)}: {snippet_as_text(hit.snippet)}"
        return None


def _date_text(hit: SearchHit) -> str:
    return hit.date or (str(hit.year) if hit.year is not None else "Undated")
