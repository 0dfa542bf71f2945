"""``KwicWindow`` (View › Keyword in Context…): every occurrence of a query, one line each.

The lines are found on the search thread (``Archive.kwic``) with every column's order;
the table sorts by a click on its header and shows one year's lines at a choice. The left
context is right-aligned so that the hits stand in one column, and elided on its left, so
the words next to the hit are the ones always seen. Activating a line opens its document
at that occurrence.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive.api import Archive
from archive.atomic_write import write_text_atomically
from archive.kwic import kwic_csv
from archive.search import QueryError
from reader.archive_service import ArchiveService
from reader.search.year_chart import UNDATED, UNDATED_LABEL
from reader.trends.kwic_model import (
    DATE,
    HIT,
    LEFT,
    RIGHT,
    DocumentIdRole,
    KwicFilter,
    KwicModel,
    KwicResult,
    SpanRole,
)

log = logging.getLogger("reader.trends")

ROW_PADDING = 8  # pixels above and below a line's text, together
HINT = 'Type a word or a "phrase" and press Enter to see every occurrence in its context.'


class _ElideLeft(QStyledItemDelegate):
    """Cuts a long left context on its left: the words next to the hit stay in view."""

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class KwicWindow(QDialog):
    """A query field, the occurrences' table, a year filter and Export CSV.

    Signals:
        occurrence_chosen(int, int, int): a document id and the span (start, end) of the
            occurrence in its plain text, to open it there.
        lines_shown(object): a ``KwicResult`` was shown.
    """

    occurrence_chosen = Signal(int, int, int)
    lines_shown = Signal(object)

    def __init__(self, service: ArchiveService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyword in Context")
        self.resize(1000, 620)
        self._service = service
        self._generation = 0
        self.query_field = QLineEdit(self)
        self.query_field.setPlaceholderText('A word or a "phrase", as in search')
        self.query_field.setAccessibleName("Query")
        self.query_field.setClearButtonEnabled(True)
        self.show_button = QPushButton("&Show", self)
        self.show_button.setDefault(True)
        self.year_box = QComboBox(self)
        self.year_box.setAccessibleName("Year")
        self.year_box.setToolTip("Show only one year's occurrences")
        self.csv_button = QPushButton("Export C&SV…", self)
        self.csv_button.setToolTip("Save the occurrences shown, in the order shown")
        self.status = QLabel(HINT, self)
        self.status.setWordWrap(True)
        self.model = KwicModel(self)
        self.proxy = KwicFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self._set_up_table()
        self._layout()
        self.query_field.returnPressed.connect(self.show_lines)
        self.show_button.clicked.connect(self.show_lines)
        self.year_box.currentIndexChanged.connect(self._on_year_chosen)
        self.csv_button.clicked.connect(self.export_csv)
        self.table.activated.connect(self._on_activated)
        self._fill_years()

    def _set_up_table(self) -> None:
        table = self.table
        table.setAccessibleName("Occurrences")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + ROW_PADDING)
        table.setItemDelegateForColumn(LEFT, _ElideLeft(table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HIT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query_field, 1)
        top.addWidget(self.show_button)
        top.addWidget(self.year_box)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    # -- finding the lines -----------------------------------------------------------------

    def show_query(self, query: str) -> None:
        """Put ``query`` in the field and find its occurrences."""
        self.query_field.setText(query)
        self.show_lines()

    @Slot()
    def show_lines(self) -> None:
        """Find every occurrence of the query typed, on the search thread."""
        query = self.query_field.text().strip()
        if not query:
            self.status.setText(HINT)
            return
        self._generation += 1
        generation = self._generation
        self.status.setText("Finding every occurrence…")

        def find(archive: Archive) -> tuple[int, KwicResult]:
            return generation, KwicResult.of(query, archive.kwic(query))

        self._service.search(find, self._on_found, self._on_failed)

    @Slot(object)
    def _on_found(self, outcome: tuple[int, KwicResult]) -> None:
        generation, result = outcome
        if generation != self._generation:
            return
        self.model.set_result(result)
        self._fill_years()
        self._describe()
        self.lines_shown.emit(result)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._generation += 1
        if isinstance(error, QueryError):
            self.status.setText(str(error))
            return
        log.error("Finding occurrences failed", exc_info=error)
        self.status.setText(f"The occurrences could not be found: {error}")

    def _describe(self) -> None:
        total = len(self.model.lines)
        query = self.model.query
        if not query.startswith(('"', "“")):
            query = f"“{query}”"
        if total == 0:
            self.status.setText(
                f"No occurrence of {query} in the documents' text. (A document that "
                "matches only by its title or details has no line here.)"
            )
            return
        documents = len({line.id for line in self.model.lines})
        shown = self.proxy.rowCount()
        text = (
            f"{total:,} occurrence{'s' if total != 1 else ''} of {query} in {documents:,} "
            f"document{'s' if documents != 1 else ''}"
        )
        if shown != total:
            text += f"; {shown:,} shown"
        self.status.setText(text + ". Double-click or press Enter on a line to open it there.")

    # -- the year filter -------------------------------------------------------------------

    def _fill_years(self) -> None:
        chosen = self.proxy.year
        self.year_box.blockSignals(True)  # refilling is no choice of the reader's
        self.year_box.clear()
        self.year_box.addItem("All years", None)
        for year in self.model.years():
            self.year_box.addItem(UNDATED_LABEL if year == UNDATED else str(year), year)
        row = self.year_box.findData(chosen) if chosen is not None else 0
        self.year_box.setCurrentIndex(max(row, 0))
        self.year_box.blockSignals(False)
        if row < 0:
            self.proxy.set_year(None)

    def set_year(self, year: int | str | None) -> None:
        """Show only one year's lines (:data:`UNDATED` for the undated), or all."""
        row = self.year_box.findData(year) if year is not None else 0
        if row >= 0:
            self.year_box.setCurrentIndex(row)

    @Slot(int)
    def _on_year_chosen(self, _row: int) -> None:
        self.proxy.set_year(self.year_box.currentData())
        if self.model.lines:
            self._describe()

    # -- opening and exporting -------------------------------------------------------------

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        start, end = index.data(SpanRole)
        self.occurrence_chosen.emit(int(index.data(DocumentIdRole)), start, end)

    def shown_lines(self) -> list[int]:
        """The rows of the model shown, in the table's order."""
        return [
            self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            for row in range(self.proxy.rowCount())
        ]

    @Slot()
    def export_csv(self) -> None:
        """Save the lines shown, in the order shown, as the command line's CSV."""
        lines = [self.model.lines[row] for row in self.shown_lines()]
        if not lines:
            self.status.setText("There are no occurrences to save.")
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export Occurrences as CSV", "kwic.csv", "CSV files (*.csv)"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")

        def write(_archive: Archive) -> tuple[Path, int]:
            write_text_atomically(path, kwic_csv(lines))
            return path, len(lines)

        self._service.search(write, self._on_exported, self._on_export_failed)

    @Slot(object)
    def _on_exported(self, outcome: tuple[Path, int]) -> None:
        path, count = outcome
        self.status.setText(f"Saved {count:,} occurrence{'s' if count != 1 else ''} to {path}.")

    @Slot(object)
    def _on_export_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.status.setText(f"Could not save the occurrences: {reason}")
