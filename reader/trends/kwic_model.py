"""``KwicModel``: keyword-in-context lines as a table (date | left | hit | right).

The orders are computed with the lines, on the search thread (``KwicResult``): each
column's sort role is the line's place in that order, so sorting 10,000 lines in the view
compares integers. ``KwicFilter`` sorts by them and keeps one year's lines (or the
undated ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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

from archive.kwic import KwicLine, sorted_lines
from reader.search.year_chart import UNDATED, ChartKey

DATE, LEFT, HIT, RIGHT = range(4)
HEADERS = ("Date", "Before", "Hit", "After")
HEADER_TIPS = (
    "Newest first; click to reverse",
    "Sort by the word just before the hit, then the one before it…",
    "Sort by the hit as written",
    "Sort by the word just after the hit, then the one after it…",
)

SortRankRole = Qt.ItemDataRole.UserRole + 40
DocumentIdRole = Qt.ItemDataRole.UserRole + 41
SpanRole = Qt.ItemDataRole.UserRole + 42  # (start, end) in the document's plain text
YearRole = Qt.ItemDataRole.UserRole + 43  # the year, or UNDATED

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class KwicResult:
    """A query's lines, and each line's place in every column's order."""

    query: str
    lines: list[KwicLine]
    ranks: dict[int, list[int]]  # column -> rank of each line

    @classmethod
    def of(cls, query: str, lines: Sequence[KwicLine]) -> KwicResult:
        """Order the lines every way a column sorts them (on a worker thread)."""
        place = {id(line): number for number, line in enumerate(lines)}
        ranks: dict[int, list[int]] = {}
        for column, order in ((DATE, "date"), (LEFT, "left"), (RIGHT, "right")):
            ranks[column] = _ranks(place, sorted_lines(lines, order))  # type: ignore[arg-type]
        by_hit = sorted(sorted_lines(lines, "date"), key=lambda line: line.hit.casefold())
        ranks[HIT] = _ranks(place, by_hit)
        return cls(query, list(lines), ranks)


def _ranks(place: dict[int, int], ordered: Sequence[KwicLine]) -> list[int]:
    ranks = [0] * len(ordered)
    for rank, line in enumerate(ordered):
        ranks[place[id(line)]] = rank
    return ranks


class KwicModel(QAbstractTableModel):
    """The lines of one query, a row each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result = KwicResult("", [], {})
        self._bold = QFont()
        self._bold.setBold(True)

    def set_result(self, result: KwicResult) -> None:
        self.beginResetModel()
        self._result = result
        self.endResetModel()

    @property
    def lines(self) -> list[KwicLine]:
        return self._result.lines

    @property
    def query(self) -> str:
        """The query whose lines these are."""
        return self._result.query

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._result.lines)

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
        if not index.isValid() or index.row() >= len(self._result.lines):
            return None
        line = self._result.lines[index.row()]
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
        if role == SortRankRole:
            return self._result.ranks[column][index.row()]
        if role == DocumentIdRole:
            return line.id
        if role == SpanRole:
            return (line.start, line.end)
        if role == YearRole:
            return UNDATED if line.year is None else line.year
        return None

    def years(self) -> list[ChartKey]:
        """The years with lines, newest first, then :data:`UNDATED` if any are undated."""
        dated = sorted({line.year for line in self.lines if line.year is not None}, reverse=True)
        keys: list[ChartKey] = list(dated)
        if any(line.year is None for line in self.lines):
            keys.append(UNDATED)
        return keys


def _display(line: KwicLine, column: int) -> str:
    if column == DATE:
        return line.date or (str(line.year) if line.year is not None else "Undated")
    if column == LEFT:
        return line.left
    if column == HIT:
        return line.hit
    return line.right


class KwicFilter(QSortFilterProxyModel):
    """Sorts by a column's order, and shows one year's lines (or all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRankRole)
        self._year: ChartKey | None = None

    @property
    def year(self) -> ChartKey | None:
        return self._year

    def set_year(self, year: ChartKey | None) -> None:
        """Show only this year's lines, the undated ones (:data:`UNDATED`), or all (None)."""
        self.beginFilterChange()
        self._year = year
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self._year is None:
            return True
        model = self.sourceModel()
        return bool(model.index(source_row, DATE, source_parent).data(YearRole) == self._year)
