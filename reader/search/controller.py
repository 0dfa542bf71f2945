"""``SearchController``: from the search field to the results panel, one search at a time."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLineEdit

from archive.api import Archive
from archive.models import SearchResults
from archive.search import QueryError
from archive.search.errors import IndexUnavailableError
from reader import settings as keys
from reader.archive_service import ArchiveService
from reader.search.panel import SearchPanel
from reader.settings import Settings

log = logging.getLogger("reader.search")

SEARCH_LIMIT = 50
INDEX_REBUILDING_NOTICE = "The search index is being rebuilt; results will appear when it is done."


class SearchController(QObject):
    """Runs what is typed in the search field as it is typed, and shows the results.

    A key typed while no search runs starts one at once; keys typed while one runs are
    gathered, and when it ends only the field's latest text is searched. So results follow
    the typing as fast as searches finish, and the search thread never queues up stale
    work. Only the latest search's results are shown: one typed over (or filtered again)
    while it ran is dropped when it reports.

    Signals:
        started(): a search was sent to the search thread.
        finished(object): a search's ``SearchResults`` are shown in the panel.
        query_changed(str): the query whose hits documents should mark ("" for none).
    """

    started = Signal()
    finished = Signal(object)
    query_changed = Signal(str)

    def __init__(
        self,
        service: ArchiveService,
        field: QLineEdit,
        panel: SearchPanel,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._field = field
        self._panel = panel
        self._settings = settings
        self._generation = 0
        self._year: int | None = None
        self._query = ""
        self._waiting_for_index = False
        self._running = False  # a search is on the search thread
        self._search_again = False  # the query or its filters changed while it ran
        field.textChanged.connect(self._on_text_changed)
        field.returnPressed.connect(self._on_return_pressed)
        panel.year_filter_changed.connect(self._on_year_filter)
        panel.sort_changed.connect(self._on_sort_changed)
        panel.suggestion_chosen.connect(self._on_suggestion)
        service.index_ready.connect(self._on_index_ready)

    @property
    def query(self) -> str:
        """The query of the results shown ("" when none are)."""
        return self._query

    @Slot()
    def search_now(self) -> None:
        """Run the query in the field (with the year filter and sort order chosen)."""
        query = self._field.text().strip()
        if not query:
            return
        self._generation += 1  # a result still to come is no longer wanted
        if self._running:
            self._search_again = True
            return
        self._running = True
        generation, year, sort = self._generation, self._year, self._panel.sort

        def search(archive: Archive) -> tuple[int, int | None, SearchResults]:
            return generation, year, archive.search(query, year=year, limit=SEARCH_LIMIT, sort=sort)

        self._service.search(search, self._on_search_done, self._on_search_failed)
        self.started.emit()

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        self._year = None
        if text.strip():
            self._panel.show_searching()
            self.search_now()
            return
        self._generation += 1  # whatever is still running is no longer wanted
        self._search_again = False
        self._panel.show_idle()
        self._set_query("")

    @Slot()
    def _on_return_pressed(self) -> None:
        self.search_now()

    def _search_again_if_asked(self) -> bool:
        """After a search ends: run the latest query if it changed meanwhile."""
        self._running = False
        if not self._search_again:
            return False
        self._search_again = False
        self.search_now()
        return True

    @Slot(object)
    def _on_search_done(self, outcome: tuple[int, int | None, SearchResults]) -> None:
        if self._search_again_if_asked():
            return  # typed over: the latest query is on its way
        generation, year, results = outcome
        if generation != self._generation:
            return  # the field was cleared meanwhile
        self._panel.show_results(results, year)
        self._set_query(results.query)
        self.finished.emit(results)

    @Slot(object)
    def _on_search_failed(self, error: BaseException) -> None:
        if self._search_again_if_asked() or not self._field.text().strip():
            return  # a half-typed query's error is not worth showing
        if isinstance(error, IndexUnavailableError):
            # Not wrong results from a half-built index: say so, search again when built.
            self._waiting_for_index = True
            self._panel.show_notice(INDEX_REBUILDING_NOTICE)
            self._service.maintain_index()
        elif isinstance(error, QueryError):
            self._panel.show_error(str(error))
        else:
            log.error("Search failed", exc_info=error)
            self._panel.show_error(f"The search failed: {error}")

    @Slot()
    def _on_index_ready(self) -> None:
        if self._waiting_for_index:
            self._waiting_for_index = False
            self.search_now()

    def _set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.query_changed.emit(query)

    @Slot(object)
    def _on_year_filter(self, year: object) -> None:
        self._year = year if isinstance(year, int) else None
        self.search_now()

    @Slot(str)
    def _on_sort_changed(self, sort: str) -> None:
        self._settings.set(keys.SEARCH_SORT, sort)
        self.search_now()

    @Slot(str)
    def _on_suggestion(self, suggestion: str) -> None:
        self._field.setText(suggestion)
        self.search_now()
