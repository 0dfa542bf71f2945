"""``FacetListModel``: the countries (or organisations) mentioned, with their counts.

Counts are for the whole archive or for one year (the year selected in the navigator);
the rows are the entities mentioned in that scope, most documents first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from archive.mentions import EntityCount

ModelIndex = QModelIndex | QPersistentModelIndex

EntityKeyRole = Qt.ItemDataRole.UserRole + 1
EntityKindRole = Qt.ItemDataRole.UserRole + 2
CountRole = Qt.ItemDataRole.UserRole + 3  # documents in the scope shown
EntityNameRole = Qt.ItemDataRole.UserRole + 4  # its short label: "Russia", "OSCE"

NAME_COLUMN = 0
DOCUMENTS_COLUMN = 1


class FacetListModel(QAbstractTableModel):
    """Entities with the number of documents that mention them, in all or in one year."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[EntityCount] = []
        self._year: int | None = None
        self._rows: list[tuple[EntityCount, int]] = []

    @property
    def year(self) -> int | None:
        """The year counted, or ``None`` for the whole archive."""
        return self._year

    def set_counts(self, counts: Sequence[EntityCount]) -> None:
        """Replace the entities and their counts (for every year)."""
        self.beginResetModel()
        self._all = list(counts)
        self._fill()
        self.endResetModel()

    def set_year(self, year: int | None) -> None:
        """Count one year's documents, or (``None``) the whole archive's."""
        if year == self._year:
            return
        self.beginResetModel()
        self._year = year
        self._fill()
        self.endResetModel()

    def _fill(self) -> None:
        rows = []
        for count in self._all:
            documents = count.documents if self._year is None else count.years.get(self._year, 0)
            if documents:
                rows.append((count, documents))
        rows.sort(key=lambda row: (-row[1], row[0].entity.name.casefold()))
        self._rows = rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 2

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return "Name" if section == NAME_COLUMN else "Documents"

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        count, documents = self._rows[index.row()]
        entity = count.entity
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DOCUMENTS_COLUMN:
                return f"{documents:,}"
            if entity.label != entity.name:  # "OSCE · Organization for Security and…"
                return f"{entity.label} · {entity.name}"
            return entity.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(count, documents)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DOCUMENTS_COLUMN:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entity.name}, {documents} documents"
        if role == EntityKeyRole:
            return entity.key
        if role == EntityKindRole:
            return entity.kind.value
        if role == EntityNameRole:
            return entity.label
        if role == CountRole:
            return documents
        return None

    def _tip(self, count: EntityCount, documents: int) -> str:
        where = f"in {self._year}" if self._year is not None else "in the archive"
        plural = "s" if documents != 1 else ""
        lines = [
            f"{count.entity.name} ({count.entity.key}): {documents:,} document{plural} {where}"
        ]
        busiest = sorted(
            ((year, n) for year, n in count.years.items() if year is not None),
            key=lambda item: -item[1],
        )[:3]
        if busiest:
            lines.append("Most in " + ", ".join(f"{year} ({n})" for year, n in busiest))
        lines.append("Click to show only the documents that mention it")
        return "\n".join(lines)
