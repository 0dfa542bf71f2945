"""``KwicModel``: keyword-in-context lines as a table (date | left | hit | right).

The orders are computed with the lines, on the search thread (``KwicResult``): each
column's order is a list of ranks, and the model sorts itself by them (``sort``), a
permutation made in one pass: a proxy's sort would call ``data`` back into Python for each
of its comparisons, seconds for tens of thousands of lines. ``KwicFilter`` keeps one
year's lines (or the undated ones) and passes sorting on to the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from archive.kwic import KwicLine, KwicSample, sorted_lines
from reader.search.year_chart import UNDATED, ChartKey

DATE, LEFT, HIT, RIGHT = range(4)
HEADERS = ("Date", "Before", "Hit", "After")
HEADER_TIPS = (
    "Newest first; click to reverse",
    "Sort by the word just before the hit, then the one before it…",
    "Sort by the hit as written",
    "Sort by the word just after the hit, then the one after it…",
)

DocumentIdRole = Qt.ItemDataRole.UserRole + 41
SpanRole = Qt.ItemDataRole.UserRole + 42  # (start, end) in the document's plain text
YearRole = Qt.ItemDataRole.UserRole + 43  # the year, or UNDATED

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class KwicResult:
    """A query's lines (the newest of them, when there are many), and each column's order.

    Attributes:
        query: The query.
        year: The year asked for (:data:`UNDATED`), ``None`` for all.
        lines: The lines, newest first.
        ranks: For each column, each line's place in that column's order.
        total: Every occurrence, the lines' included.
        documents: The documents with an occurrence.
        years: The occurrences of each year (:data:`UNDATED` for the undated).
    """

    query: str
    year: ChartKey | None = None
    lines: list[KwicLine] = field(default_factory=list)
    ranks: dict[int, list[int]] = field(default_factory=dict)
    total: int = 0
    documents: int = 0
    years: dict[ChartKey, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Whether every occurrence has its line."""
        return len(self.lines) == self.total

    @classmethod
    def of(cls, query: str, year: ChartKey | None, sample: KwicSample) -> KwicResult:
        """Order the lines every way a column sorts them (on a worker thread)."""
        lines = sample.lines
        place = {id(line): number for number, line in enumerate(lines)}
        ranks: dict[int, list[int]] = {}
        for column, order in ((DATE, "date"), (LEFT, "left"), (RIGHT, "right")):
            ranks[column] = _ranks(place, sorted_lines(lines, order))  # type: ignore[arg-type]
        by_hit = sorted(sorted_lines(lines, "date"), key=lambda line: line.hit.casefold())
        ranks[HIT] = _ranks(place, by_hit)
        years: dict[ChartKey, int] = {
            UNDATED if key is None else key: count for key, count in sample.years.items()
        }
        return cls(query, year, list(lines), ranks, sample.total, sample.documents, years)


def _ranks(place: dict[int, int], ordered: Sequence[KwicLine]) -> list[int]:
    ranks = [0] * len(ordered)
    for rank, line in enumerate(ordered):
        ranks[place[id(line)]] = rank
    return ranks


class KwicModel(QAbstractTableModel):
    """The lines of one query, a row each, in the order of the column last sorted by."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result = KwicResult("")
        self._rows: list[int] = []  # the line shown in each row
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)

    def set_result(self, result: KwicResult) -> None:
        """Show a result's lines, in the current order: one reset, whatever their number."""
        self.beginResetModel()
        self._result = result
        self._rows = self._ordered_rows()
        self.endResetModel()

    @property
    def result(self) -> KwicResult:
        return self._result

    @property
    def lines(self) -> list[KwicLine]:
        """The lines, newest first (not in the rows' order: see :meth:`line_at`)."""
        return self._result.lines

    def line_at(self, row: int) -> KwicLine:
        """The line shown in a row."""
        return self._result.lines[self._rows[row]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in range(len(HEADERS)):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort_column, self._sort_order = column, order
        old_rows = self._rows
        self._rows = self._ordered_rows()
        row_of_line = {line: row for row, line in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(row_of_line[old_rows[index.row()]], index.column()) for index in persistent
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _ordered_rows(self) -> list[int]:
        ranks = self._result.ranks.get(self._sort_column)
        if ranks is None:
            return list(range(len(self._result.lines)))
        rows = [0] * len(ranks)
        for line, rank in enumerate(ranks):
            rows[rank] = line
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        return rows

    @property
    def query(self) -> str:
        """The query whose lines these are."""
        return self._result.query

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        line = self.line_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == LEFT else Qt.AlignmentFlag.AlignLeft
            )
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and column == HIT:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.title}\n{line.date or 'Undated'} · document {line.id}"
        if role == DocumentIdRole:
            return line.id
        if role == SpanRole:
            return (line.start, line.end)
        if role == YearRole:
            return UNDATED if line.year is None else line.year
        return None

    def years(self) -> list[ChartKey]:
        """The years with occurrences (shown or not), newest first, then :data:`UNDATED`."""
        years = self._result.years
        keys: list[ChartKey] = sorted((y for y in years if isinstance(y, int)), reverse=True)
        if UNDATED in years:
            keys.append(UNDATED)
        return keys

    def year_at(self, row: int) -> ChartKey:
        """The year of a row's line, :data:`UNDATED` when it has none."""
        year = self.line_at(row).year
        return UNDATED if year is None else year


def _display(line: KwicLine, column: int) -> str:
    if column == DATE:
        return line.date or (str(line.year) if line.year is not None else "Undated")
    if column == LEFT:
        return line.left
    if column == HIT:
        return line.hit
    return line.right


class KwicFilter(QSortFilterProxyModel):
    """Shows one year's lines (or all) of a :class:`KwicModel`, which sorts them."""

    def __init__(self, model: KwicModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setSourceModel(model)
        self._year: ChartKey | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)  # in one pass; the proxy keeps the model's order

    @property
    def year(self) -> ChartKey | None:
        return self._year

    def set_year(self, year: ChartKey | None) -> None:
        """Show only this year's lines, the undated ones (:data:`UNDATED`), or all (None)."""
        self.beginFilterChange()
        self._year = year
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        return self._year is None or self._model.year_at(source_row) == self._year
