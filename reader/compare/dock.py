"""``CompareDock``: View › Compare, the comparison of two sides of the archive in a dock.

Comparisons run on the study thread (``ArchiveService.study``): a comparison of two
years takes a few tenths of a second at 10,000 documents, of two halves of the archive a
few seconds, and the window (and its searches) go on meanwhile. A term activated in a side's list is
searched within that side by the window's own search: for one year (or the undated
documents) the term with the results' year filter, as clicking the year in the results'
chart sets it; for the other sides a query that says the side (``query_within``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDockWidget

from archive.api import Archive
from archive.compare_sides import Side, SideKind, query_within, term_query
from archive.comparison import Comparison
from archive.keyness import KeyTerm
from archive.search import QueryError
from archive.search.errors import IndexUnavailableError
from reader.compare.panel import ComparePanel
from reader.search.year_chart import UNDATED, ChartKey

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

log = logging.getLogger("reader.compare")

INDEX_UNAVAILABLE = "The search index is being rebuilt; compare again when it is done."


@dataclass(frozen=True)
class _Outcome:
    """What a comparison sent to the study thread came back with."""

    generation: int
    comparison: Comparison | None = None
    message: str = ""


class CompareDock(QDockWidget):
    """The Compare dock: choose two sides, compare, search a term within its side.

    Args:
        window: The main window, its search field, results and controller made.

    Signals:
        compared(object): a ``Comparison`` is shown.
        compare_failed(str): a comparison could not be made; why, as shown.
    """

    compared = Signal(object)
    compare_failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Compare", window)
        self.setObjectName("compareDock")
        self.panel = ComparePanel(self)
        self.setWidget(self.panel)
        self._window = window
        self._service = window.service
        self._generation = 0
        self._shown: Comparison | None = None
        self._choices_loaded = False
        self.toggleViewAction().setText("&Compare Years or Sets…")
        self.toggleViewAction().setStatusTip(
            "The words and phrases most distinctive of two years, or two sets of documents"
        )
        self.panel.compare_requested.connect(self.compare)
        self.panel.term_activated.connect(self._on_term_activated)
        window.search.query_changed.connect(self._on_query_changed)
        self._service.documents_changed.connect(self._on_documents_changed)
        self.visibilityChanged.connect(self._on_visibility_changed)
        self._on_query_changed(window.search.query)

    @property
    def comparison(self) -> Comparison | None:
        """The comparison shown, if any."""
        return self._shown

    # -- the sides offered -----------------------------------------------------------------

    def load_choices(self) -> None:
        """Offer the archive's years now, and its sources once read (off the GUI thread)."""
        self._choices_loaded = True
        years = [entry.year for entry in self._service.years() if entry.year is not None]
        first_time = self.panel.side_a.year.count() == 0
        for chooser in (self.panel.side_a, self.panel.side_b):
            chooser.set_years(years)
        if first_time and len(years) > 1:
            self.panel.side_a.choose_year(years[1])  # the year before the newest
        self._service.search(Archive.sources, self._on_sources_read, self._on_sources_failed)

    @Slot(object)
    def _on_sources_read(self, sources: list[tuple[str, int]]) -> None:
        for chooser in (self.panel.side_a, self.panel.side_b):
            chooser.set_sources(sources)

    @Slot(object)
    def _on_sources_failed(self, error: BaseException) -> None:
        log.warning("Could not read the archive's sources: %s", error)

    @Slot(bool)
    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and not self._choices_loaded:
            self.load_choices()

    @Slot()
    def _on_documents_changed(self) -> None:
        if self._shown is not None:
            self.panel.mark_out_of_date()
        if self.isVisible():
            self.load_choices()
        else:
            self._choices_loaded = False

    @Slot(str)
    def _on_query_changed(self, query: str) -> None:
        for chooser in (self.panel.side_a, self.panel.side_b):
            chooser.set_current_search(query)

    # -- comparing -------------------------------------------------------------------------

    @Slot()
    def compare(self) -> None:
        """Compare the two sides chosen, on the study thread; the latest request wins."""
        a, b = self.panel.side_a.side(), self.panel.side_b.side()
        if a is None or b is None:
            return
        self._generation += 1
        generation = self._generation
        self.panel.show_busy(a.label, b.label)

        def run(archive: Archive) -> _Outcome:
            try:
                return _Outcome(generation, comparison=archive.compare(a, b))
            except QueryError as error:
                return _Outcome(generation, message=str(error))
            except IndexUnavailableError:
                return _Outcome(generation, message=INDEX_UNAVAILABLE)

        self._service.study(run, self._on_compare_done, self._on_compare_crashed)

    @Slot(object)
    def _on_compare_done(self, outcome: _Outcome) -> None:
        if outcome.generation != self._generation:
            return  # another comparison was asked for meanwhile
        if outcome.comparison is None:
            self._show_failure(outcome.message)
            return
        self._shown = outcome.comparison
        self.panel.show_comparison(outcome.comparison)
        self.compared.emit(outcome.comparison)

    @Slot(object)
    def _on_compare_crashed(self, error: BaseException) -> None:
        log.error("The comparison failed", exc_info=error)
        self._show_failure(f"The comparison failed: {error}")

    def _show_failure(self, message: str) -> None:
        self._shown = None
        self.panel.show_error(message)
        self.compare_failed.emit(message)

    # -- searching a term within its side --------------------------------------------------

    @Slot(int, object)
    def _on_term_activated(self, side_number: int, term: KeyTerm) -> None:
        if self._shown is None:
            return
        side = self._shown.a.side if side_number == 0 else self._shown.b.side
        self.search_within(term.term, side)

    def search_within(self, term: str, side: Side) -> None:
        """Search ``term`` among ``side``'s documents in the window's search results."""
        query, year = _search_of(term, side)
        field = self._window.search_field
        changed = field.text() != query
        field.setText(query)  # searches at once when the text changed (unfiltered)
        if year is not None or not changed:
            # The results' year filter, as clicking a year in their chart sets it.
            self._window.search_panel.year_filter_changed.emit(year)
        self._window.search_dock.raise_()


def _search_of(term: str, side: Side) -> tuple[str, ChartKey | None]:
    """The query and the results' year filter that find ``term`` within ``side``."""
    if side.kind is SideKind.YEARS and side.first == side.last:
        return term_query(term), side.first
    if side.kind is SideKind.UNDATED:
        return term_query(term), UNDATED
    return query_within(term, side), None
