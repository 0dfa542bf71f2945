"""``KwicWindow`` (View › Keyword in Context…): every occurrence of a query, one line each.

The lines are found on the study thread (``Archive.kwic_newest``) with every column's
order: the newest :data:`LINE_LIMIT` of them at most, with the count of every occurrence.
A common word has hundreds of thousands, more than a table is read for; the status says
how many are shown, and a year or a phrase narrows them. A new query stops the one still
running, as closing the window does. The table sorts the lines it shows by a click on its
header and shows one year's lines at a choice (asked of the search when not all the
query's lines are shown). The left
context is right-aligned so that the hits stand in one column, and elided on its left, so
the words next to the hit are the ones always seen. Activating a line opens its document
at that occurrence.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QHideEvent
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
from archive.kwic import KwicCancelledError, kwic_csv
from archive.search import QueryError
from reader.archive_service import ArchiveService
from reader.search.year_chart import UNDATED, UNDATED_LABEL, ChartKey
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
#: The most lines a query shows, the newest: more is no table anyone reads, and each line
#: costs time and memory (the ``kwic`` command lists every one).
LINE_LIMIT = 20_000


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
        self._running: threading.Event | None = None  # set to stop the request running
        self.line_limit = LINE_LIMIT
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
        self.csv_button.setToolTip(
            "Save the occurrences shown, in the order shown (the kwic command lists them all)"
        )
        self.csv_button.setEnabled(False)
        self.status = QLabel(HINT, self)
        self.status.setWordWrap(True)
        self.model = KwicModel(self)
        self.proxy = KwicFilter(self.model, self)
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
        """Find the occurrences of the query typed, on the study thread."""
        query = self.query_field.text().strip()
        if not query:
            self.status.setText(HINT)
            return
        self._find(query, None)  # a new query: all its years, the box set back to them

    def _find(self, query: str, year: ChartKey | None) -> None:
        """Ask for a query's lines (of one year, or all); a request still running stops."""
        self._stop_running()
        self._generation += 1
        generation = self._generation
        running = self._running = threading.Event()
        limit = self.line_limit
        self.status.setText("Finding every occurrence…")

        def find(archive: Archive) -> tuple[int, KwicResult | QueryError]:
            try:
                sample = archive.kwic_newest(
                    query,
                    limit=limit,
                    year=year if isinstance(year, int) else None,
                    undated=year == UNDATED,
                    cancelled=running.is_set,
                )
            except QueryError as error:
                return generation, error
            return generation, KwicResult.of(query, year, sample)

        self._service.study(find, self._on_found, self._on_failed)

    def _stop_running(self) -> None:
        if self._running is not None:
            self._running.set()
            self._running = None

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Closing the window stops the search it still runs (not a minimised one)."""
        if not event.spontaneous() and self._running is not None:
            self._stop_running()
            self._generation += 1
            self.status.setText("Stopped. Press Enter to find the occurrences again.")
        super().hideEvent(event)

    @Slot(object)
    def _on_found(self, outcome: tuple[int, KwicResult | QueryError]) -> None:
        generation, result = outcome
        if generation != self._generation:
            return
        self._running = None
        if isinstance(result, QueryError):
            # Not the old lines under a message about new ones: nothing to export either.
            self.model.set_result(KwicResult(""))
            self._fill_years()
            self.csv_button.setEnabled(False)
            self.status.setText(str(result))
            return
        self.model.set_result(result)
        if result.year is None:
            self._fill_years()
        self.csv_button.setEnabled(bool(result.lines))
        self._describe()
        self.lines_shown.emit(result)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, KwicCancelledError):
            return  # a newer request, or none: the window was closed
        self._running = None
        log.error("Finding occurrences failed", exc_info=error)
        self.status.setText(f"The occurrences could not be found: {error}")

    def _describe(self) -> None:
        result = self.model.result
        query = result.query
        if not query.startswith(('"', "“")):
            query = f"“{query}”"
        if result.year is not None:
            query += " undated" if result.year == UNDATED else f" in {result.year}"
        total = result.total
        if total == 0:
            self.status.setText(
                f"No occurrence of {query} in the documents' text. (A document that "
                "matches only by its title or details has no line here.)"
            )
            return
        documents = result.documents
        in_documents = f"in {documents:,} document{'s' if documents != 1 else ''}"
        if not result.complete:
            self.status.setText(
                f"Showing the newest {len(result.lines):,} of {total:,} occurrences of "
                f"{query} {in_documents}; choose a year or a phrase to narrow it. Sorting "
                "and Export CSV apply to the lines shown."
            )
            return
        text = f"{total:,} occurrence{'s' if total != 1 else ''} of {query} {in_documents}"
        shown = self.proxy.rowCount()
        if shown != total:
            text += f"; {shown:,} shown"
        self.status.setText(text + ". Double-click or press Enter on a line to open it there.")

    # -- the year filter -------------------------------------------------------------------

    def _fill_years(self) -> None:
        self.year_box.blockSignals(True)  # refilling is no choice of the reader's
        self.year_box.clear()
        self.year_box.addItem("All years", None)
        for year in self.model.years():
            self.year_box.addItem(UNDATED_LABEL if year == UNDATED else str(year), year)
        self.year_box.setCurrentIndex(0)
        self.year_box.blockSignals(False)
        self.proxy.set_year(None)

    def set_year(self, year: int | str | None) -> None:
        """Show only one year's lines (:data:`UNDATED` for the undated), or all."""
        row = self.year_box.findData(year) if year is not None else 0
        if row >= 0:
            self.year_box.setCurrentIndex(row)

    @Slot(int)
    def _on_year_chosen(self, _row: int) -> None:
        year = self.year_box.currentData()
        result = self.model.result
        if result.year is None and result.complete:
            self.proxy.set_year(year)  # every line is here: shown at once
            if result.lines:
                self._describe()
        elif result.query:
            self._find(result.query, year)  # the newest lines held need not be that year's

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
        lines = [self.model.line_at(row) for row in self.shown_lines()]
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

        total = self.model.result.total

        def write(_archive: Archive) -> tuple[Path, int, int]:
            write_text_atomically(path, kwic_csv(lines))
            return path, len(lines), total

        self._service.search(write, self._on_exported, self._on_export_failed)

    @Slot(object)
    def _on_exported(self, outcome: tuple[Path, int, int]) -> None:
        path, count, total = outcome
        saved = f"Saved the {count:,} occurrence{'s' if count != 1 else ''} shown to {path}"
        if count < total:
            saved += f" (of {total:,}; the kwic command lists every one)"
        self.status.setText(saved + ".")

    @Slot(object)
    def _on_export_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.status.setText(f"Could not save the occurrences: {reason}")
