"""``SimilarPassagesModel``: the paragraphs of other documents that reuse a passage."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from archive.passages import SimilarPassage

#: The ``SimilarPassage`` of a row.
PassageRole = Qt.ItemDataRole.UserRole + 1
#: Its document's id.
DocumentIdRole = Qt.ItemDataRole.UserRole + 2
#: Its score, 0-1.
ScoreRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class SimilarPassagesModel(QAbstractListModel):
    """One row per paragraph found, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[SimilarPassage] = []

    def set_matches(self, matches: list[SimilarPassage]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def passage_at(self, row: int) -> SimilarPassage:
        return self._matches[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        found = self._matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{_when(found)}  {found.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{_when(found)}, paragraph {found.paragraph}"
            return f"{found.title}\n{where}: {found.score:.0%} alike"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_when(found)}, {found.title}, {found.score:.0%} alike: {found.text}"
        if role == PassageRole:
            return found
        if role == DocumentIdRole:
            return found.id
        if role == ScoreRole:
            return found.score
        return None


def _when(found: SimilarPassage) -> str:
    if found.date:
        return found.date
    return str(found.year) if found.year is not None else "Undated"
