"""``TrendsViews``: the window's Trends and Keyword in Context windows, made when first shown.

The Trends window's chart library (pyqtgraph, some 0.3 s to import) is loaded only then,
not when the application starts. A year clicked in the chart lists that query's documents
of the year in the main window's search results; a line of the concordance opens its
document at the occurrence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from reader.trends.hit_reveal import OccurrenceRevealer
from reader.trends.kwic_window import KwicWindow

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow
    from reader.trends.trends_window import TrendsWindow


class TrendsViews(QObject):
    """Owns the two windows of the trends slice and wires them to the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.trends_window: TrendsWindow | None = None
        self.kwic_window: KwicWindow | None = None
        self.revealer = OccurrenceRevealer(window)

    @Slot()
    def show_trends(self) -> TrendsWindow:
        """Open (or bring forward) the Trends window, with the search's query to start."""
        if self.trends_window is None:
            from reader.trends.trends_window import TrendsWindow  # noqa: PLC0415 (pyqtgraph)

            self.trends_window = TrendsWindow(self._window.service, self._window)
            self.trends_window.year_chosen.connect(self._on_year_chosen)
            query = self._window.search.query
            if query:
                self.trends_window.query_fields.set_queries([query])
                self.trends_window.chart_now()
        self.trends_window.show()
        self.trends_window.raise_()
        self.trends_window.activateWindow()
        return self.trends_window

    @Slot()
    def show_kwic(self) -> KwicWindow:
        """Open (or bring forward) Keyword in Context, with the search's query to start."""
        if self.kwic_window is None:
            self.kwic_window = KwicWindow(self._window.service, self._window)
            self.kwic_window.occurrence_chosen.connect(self.revealer.reveal)
            query = self._window.search.query
            if query:
                self.kwic_window.show_query(query)
        self.kwic_window.show()
        self.kwic_window.raise_()
        self.kwic_window.activateWindow()
        return self.kwic_window

    @Slot(str, object)
    def _on_year_chosen(self, query: str, year: int | str) -> None:
        self._window.search.search_for(query, year)
