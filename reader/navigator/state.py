"""``NavigatorState``: what the reader sees of the year tree, kept across a refresh.

Rows are remembered by what they show (a year, a month, a document id), not by their
position, so the state survives documents added, removed or moved elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from reader.navigator.model import (
    DocumentIdRole,
    IsMonthRole,
    IsYearRole,
    MonthRole,
    YearNavigatorModel,
    YearRole,
)


@dataclass(frozen=True)
class RowKey:
    """A row of the tree: a year, one of its months, or a document (with its year)."""

    year: int | None
    month: int | None = None
    is_month: bool = False
    document_id: int | None = None


@dataclass(frozen=True)
class NavigatorState:
    """Expanded years and months, the selected documents, the current and the top row."""

    expanded: tuple[RowKey, ...] = ()
    selected: tuple[RowKey, ...] = ()
    current: RowKey | None = None
    top: RowKey | None = None


def key_of(index: QModelIndex | QPersistentModelIndex) -> RowKey | None:
    """The key of the row of ``index``; ``None`` for an invalid index."""
    if not index.isValid():
        return None
    index = index.sibling(index.row(), 0)
    year = index.data(YearRole)
    if index.data(IsYearRole):
        return RowKey(year)
    if index.data(IsMonthRole):
        return RowKey(year, index.data(MonthRole), is_month=True)
    return RowKey(year, document_id=int(index.data(DocumentIdRole)))


def index_of(model: YearNavigatorModel, key: RowKey | None) -> QModelIndex:
    """The row a key names, loading its year if need be; invalid when it is not shown."""
    if key is None:
        return QModelIndex()
    if key.document_id is not None:
        return model.document_index(key.document_id, key.year)
    year = model.year_row(key.year)
    if not key.is_month or not year.isValid():
        return year
    if model.canFetchMore(year):
        model.fetchMore(year)
    return model.month_row(key.year, key.month)
