"""``TrendsWindow`` (View › Trends…): how often 1 to 5 queries were matched, year by year.

The counts are computed on the search thread (``Archive.trend``); only the latest request's
answer is shown. Clicking a point lists that query's documents of that year in the main
window's search results; the undated matches are listed apart, under the chart, and
clicking one of them lists them. After an import the chart is counted again.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.api import Archive
from archive.atomic_write import write_text_atomically
from archive.search import QueryError
from archive.trends import Trend, trend_csv
from reader.archive_service import ArchiveService
from reader.search.year_chart import UNDATED
from reader.trends.chart import ChartStyle, ChartValues, TrendChart
from reader.trends.query_fields import QueryFields
from reader.trends.series_colours import is_dark, series_colour

log = logging.getLogger("reader.trends")

HINT = "Type one to five queries, then press Enter or Chart."


class TrendsWindow(QDialog):
    """Queries, the chart of their documents per year, and its exports.

    Signals:
        year_chosen(str, object): a query and a year (int), or :data:`UNDATED`, whose
            matching documents are to be listed.
        trend_shown(object): a ``Trend`` was charted.
    """

    year_chosen = Signal(str, object)
    trend_shown = Signal(object)

    def __init__(self, service: ArchiveService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trends")
        self.resize(900, 620)
        self._service = service
        self._generation = 0
        self.trend: Trend | None = None
        self.query_fields = QueryFields(self)
        self.chart_button = QPushButton("&Chart", self)
        self.chart_button.setDefault(True)
        self.chart_button.setToolTip("Count each query's matching documents per year")
        self.style_box = QComboBox(self)
        self.style_box.addItem("Lines", ChartStyle.LINES.value)
        self.style_box.addItem("Bars", ChartStyle.BARS.value)
        self.values_box = QComboBox(self)
        self.values_box.addItem("Documents matching", ChartValues.DOCUMENTS.value)
        self.values_box.addItem("Share of the year's documents", ChartValues.SHARE.value)
        self.values_box.setToolTip(
            "A share is not louder in a year with more releases: matching documents divided "
            "by the year's documents"
        )
        self.png_button = QPushButton("Export &PNG…", self)
        self.csv_button = QPushButton("Export C&SV…", self)
        self.chart = TrendChart(self)
        self.undated_label = QLabel(self)
        self.undated_label.setTextFormat(Qt.TextFormat.RichText)
        self.undated_label.setWordWrap(True)
        self.undated_label.linkActivated.connect(self._on_undated_link)
        self.status = QLabel(HINT, self)
        self.status.setWordWrap(True)
        self._layout()
        self.query_fields.submitted.connect(self.chart_now)
        self.query_fields.changed.connect(self._on_fields_changed)
        self.chart_button.clicked.connect(self.chart_now)
        self.style_box.currentIndexChanged.connect(self._on_style_changed)
        self.values_box.currentIndexChanged.connect(self._on_values_changed)
        self.png_button.clicked.connect(self.export_png)
        self.csv_button.clicked.connect(self.export_csv)
        self.chart.year_clicked.connect(self._on_year_clicked)
        service.documents_changed.connect(self._on_documents_changed)
        self._update_exports()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query_fields, 1)
        top.addWidget(self.chart_button, 0, Qt.AlignmentFlag.AlignTop)
        options = QHBoxLayout()
        options.addWidget(QLabel("Show:", self))
        options.addWidget(self.values_box)
        options.addWidget(QLabel("as", self))
        options.addWidget(self.style_box)
        options.addStretch(1)
        options.addWidget(self.png_button)
        options.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.undated_label)
        layout.addWidget(self.status)

    # -- counting --------------------------------------------------------------------------

    @Slot()
    def chart_now(self) -> None:
        """Count the queries typed, on the search thread; the latest answer is charted."""
        queries = self.query_fields.queries()
        if not queries:
            self.status.setText(HINT)
            return
        self._generation += 1
        generation = self._generation
        self.status.setText("Counting…")

        def count(archive: Archive) -> tuple[int, Trend | QueryError]:
            try:
                return generation, archive.trend(queries)
            except QueryError as error:  # an answer too: only the latest request's is shown
                return generation, error

        self._service.search(count, self._on_counted, self._on_count_failed)

    @Slot(object)
    def _on_counted(self, outcome: tuple[int, Trend | QueryError]) -> None:
        generation, trend = outcome
        if generation != self._generation:
            return
        if isinstance(trend, QueryError):
            # Not the old chart under a message about new queries: nothing to export either.
            self.trend = None
            self.chart.set_trend(None)
            self.undated_label.clear()
            self._update_exports()
            self.status.setText(str(trend))
            return
        self.trend = trend
        self.chart.set_trend(trend)
        self._show_undated(trend)
        totals = "; ".join(f"{q.query}: {q.total:,} documents" for q in trend.queries)
        self.status.setText(f"{totals}. Click a point or a bar to list that year's documents.")
        self._update_exports()
        self.trend_shown.emit(trend)

    @Slot(object)
    def _on_count_failed(self, error: BaseException) -> None:
        log.error("Counting a trend failed", exc_info=error)
        self.status.setText(f"The trend could not be counted: {error}")

    @Slot()
    def _on_documents_changed(self) -> None:
        if self.trend is not None and self.isVisible():
            self.chart_now()

    @Slot()
    def _on_fields_changed(self) -> None:
        if self.trend is not None:
            self.chart_now()

    def _show_undated(self, trend: Trend) -> None:
        """The undated matches, apart from the years: never dropped from view."""
        dark = is_dark(self.palette())
        parts = []
        for number, query in enumerate(trend.queries):
            colour = series_colour(number, dark=dark).name()
            name = html.escape(query.query)
            count = f"{query.undated:,}"
            if query.undated:
                count = f'<a href="undated:{number}">{count}</a>'
            parts.append(f'<span style="color:{colour}">■</span> {name}: {count}')
        documents = trend.undated_documents
        self.undated_label.setText(
            f"Undated documents ({documents:,} in the archive): " + " · ".join(parts)
        )

    # -- choosing a year -------------------------------------------------------------------

    @Slot(int, int)
    def _on_year_clicked(self, query_index: int, year: int) -> None:
        if self.trend is not None:
            self.year_chosen.emit(self.trend.queries[query_index].query, year)

    @Slot(str)
    def _on_undated_link(self, link: str) -> None:
        if self.trend is not None and link.startswith("undated:"):
            number = int(link.removeprefix("undated:"))
            self.year_chosen.emit(self.trend.queries[number].query, UNDATED)

    @Slot(int)
    def _on_style_changed(self, _row: int) -> None:
        self.chart.set_style(ChartStyle(self.style_box.currentData()))

    @Slot(int)
    def _on_values_changed(self, _row: int) -> None:
        self.chart.set_values(ChartValues(self.values_box.currentData()))

    # -- exports ---------------------------------------------------------------------------

    def _update_exports(self) -> None:
        self.png_button.setEnabled(self.trend is not None)
        self.csv_button.setEnabled(self.trend is not None)

    @Slot()
    def export_png(self) -> None:
        """Save the chart as it is shown, as a PNG image."""
        path = self._ask_path("Export Chart as PNG", "trend.png", "PNG images (*.png)", ".png")
        if path is None:
            return
        if self.chart.plot_widget.grab().save(str(path), "PNG"):
            self.status.setText(f"Saved the chart to {path}.")
        else:
            self.status.setText(f"Could not save the chart to {path}.")

    @Slot()
    def export_csv(self) -> None:
        """Save one row per year (and undated), a column per query's count and share."""
        trend = self.trend
        path = self._ask_path("Export Trend as CSV", "trend.csv", "CSV files (*.csv)", ".csv")
        if trend is None or path is None:
            return

        def write(_archive: Archive) -> Path:
            write_text_atomically(path, trend_csv(trend))
            return path

        self._service.search(write, self._on_exported, self._on_export_failed)

    def _ask_path(self, caption: str, name: str, file_filter: str, suffix: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, caption, name, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    @Slot(object)
    def _on_exported(self, path: Path) -> None:
        self.status.setText(f"Saved the counts to {path}.")

    @Slot(object)
    def _on_export_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.status.setText(f"Could not save the counts: {reason}")
