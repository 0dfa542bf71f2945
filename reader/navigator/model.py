"""``YearNavigatorModel``: years (newest first, then "Undated") over their documents.

Years come with their document counts; a year's documents are fetched only when the year is
expanded (``canFetchMore``/``fetchMore``), so a 100,000-document archive opens instantly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from archive.api import YearCount
from archive.models import DocumentSummary
from reader.untrusted_text import tool_tip

ModelIndex = QModelIndex | QPersistentModelIndex

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
YearRole = Qt.ItemDataRole.UserRole + 2  # int, or None for the undated bucket
CountRole = Qt.ItemDataRole.UserRole + 3  # documents in the year
ShareRole = Qt.ItemDataRole.UserRole + 4  # the year's count over the largest year's, 0..1
IsYearRole = Qt.ItemDataRole.UserRole + 5

UNDATED_LABEL = "Undated"

LoadYear = Callable[[int | None], Sequence[DocumentSummary]]


@dataclass
class _YearNode:
    year: int | None
    count: int
    documents: list[DocumentSummary] = field(default_factory=list)
    loaded: bool = False

    @property
    def label(self) -> str:
        return str(self.year) if self.year is not None else UNDATED_LABEL


class YearNavigatorModel(QAbstractItemModel):
    """A two-level tree: year rows, each over its documents sorted newest first.

    Internal pointers: a year row's index has id 0; a document row's index has the id of
    its year row plus one, so ``parent()`` needs no object identity.
    """

    def __init__(self, load_year: LoadYear, parent: Any = None) -> None:
        super().__init__(parent)
        self._load_year = load_year
        self._years: list[_YearNode] = []
        self._largest = 1

    # -- filling ---------------------------------------------------------------------------

    def set_years(self, years: Sequence[YearCount]) -> None:
        """Replace the whole tree; documents are loaded again on demand."""
        self.beginResetModel()
        self._years = [_YearNode(y.year, y.documents) for y in years]
        self._largest = max((y.documents for y in years), default=1) or 1
        self.endResetModel()

    def year_row(self, year: int | None) -> QModelIndex:
        for row, node in enumerate(self._years):
            if node.year == year:
                return self.index(row, 0)
        return QModelIndex()

    def document_index(self, document_id: int, year: int | None) -> QModelIndex:
        """The index of a document, loading its year if needed; invalid if not found."""
        parent = self.year_row(year)
        if not parent.isValid():
            return QModelIndex()
        if self.canFetchMore(parent):
            self.fetchMore(parent)
        node = self._years[parent.row()]
        for row, document in enumerate(node.documents):
            if document.id == document_id:
                return self.index(row, 0, parent)
        return QModelIndex()

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._years):
                return self.createIndex(row, 0, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        node = self._years[parent.row()]
        if row < len(node.documents):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._years)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._years[parent.row()].documents)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        if not parent.isValid():
            return bool(self._years)
        return parent.internalId() == 0 and self._years[parent.row()].count > 0

    def canFetchMore(self, parent: ModelIndex) -> bool:  # noqa: N802
        if not parent.isValid() or parent.internalId() != 0:
            return False
        return not self._years[parent.row()].loaded

    def fetchMore(self, parent: ModelIndex) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        node = self._years[parent.row()]
        documents = list(self._load_year(node.year))
        node.loaded = True
        if documents:
            self.beginInsertRows(parent, 0, len(documents) - 1)
            node.documents = documents
            self.endInsertRows()

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._year_data(self._years[index.row()], role)
        node = self._years[index.internalId() - 1]
        return self._document_data(node.documents[index.row()], role)

    def _year_data(self, node: _YearNode, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            plural = "s" if node.count != 1 else ""
            return f"{node.label}: {node.count} document{plural}"
        if role == YearRole:
            return node.year
        if role == CountRole:
            return node.count
        if role == ShareRole:
            return node.count / self._largest
        if role == IsYearRole:
            return True
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.label}, {node.count} documents"
        return None

    def _document_data(self, document: DocumentSummary, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return document.title
        if role == Qt.ItemDataRole.ToolTipRole:
            when = document.date or (str(document.year) if document.year else "undated")
            if document.date_inferred:
                when += " (inferred)"
            lines = [document.title, when]
            if document.source:
                lines.append(document.source)
            return tool_tip("\n".join(lines))
        if role == DocumentIdRole:
            return document.id
        if role == YearRole:
            return document.year
        if role == IsYearRole:
            return False
        return None
