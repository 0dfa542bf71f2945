"""``SearchController``: from the search field to the results panel, one search at a time."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLineEdit

from archive.api import Archive
from archive.models import SearchResults
from archive.search import QueryError
from archive.search.errors import IndexUnavailableError
from reader import settings as keys
from reader.archive_service import ArchiveService
from reader.search.panel import SearchPanel
from reader.search.year_chart import UNDATED, ChartKey
from reader.settings import Settings

log = logging.getLogger("reader.search")

SEARCH_LIMIT = 50  # hits a page: the first shown at once, the next as the list scrolls
INDEX_REBUILDING_NOTICE = "The search index is being rebuilt; results will appear when it is done."


@dataclass(frozen=True)
class _Search:
    """One search as sent: its later pages are asked for the same way."""

    generation: int
    query: str
    year: ChartKey | None
    sort: Literal["relevance", "date"]
    within: frozenset[int] | None = None

    def run(self, archive: Archive, offset: int) -> SearchResults:
        return archive.search(
            self.query,
            year=self.year if isinstance(self.year, int) else None,
            undated=self.year == UNDATED,
            limit=SEARCH_LIMIT,
            sort=self.sort,
            offset=offset,
            within=self.within,
        )


class SearchController(QObject):
    """Runs what is typed in the search field as it is typed, and shows the results.

    A key typed while no search runs starts one at once; keys typed while one runs are
    gathered, and when it ends only the field's latest text is searched. So results follow
    the typing as fast as searches finish, and the search thread never queues up stale
    work. Only the latest search's results are shown: one typed over (or filtered again)
    while it ran is dropped when it reports. A search shows its first page of hits; the
    next pages are searched for (on the search thread, likewise) as the list scrolls.

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
        self._year: ChartKey | None = None
        self._shown: _Search | None = None  # the search whose results are shown
        self._query = ""
        self._waiting_for_index = False
        self._running = False  # a search is on the search thread
        self._search_again = False  # the query or its filters changed while it ran
        self._within: frozenset[int] | None = None
        field.textChanged.connect(self._on_text_changed)
        field.returnPressed.connect(self._on_return_pressed)
        panel.year_filter_changed.connect(self._on_year_filter)
        panel.sort_changed.connect(self._on_sort_changed)
        panel.suggestion_chosen.connect(self._on_suggestion)
        panel.model.more_wanted.connect(self._on_more_wanted)
        service.index_ready.connect(self._on_index_ready)

    @property
    def query(self) -> str:
        """The query of the results shown ("" when none are)."""
        return self._query

    def set_within(self, documents: frozenset[int] | None, scope: str = "") -> None:
        """Search only these documents ("mentioning Russia" says which), or all again."""
        self._within = documents
        self._panel.set_scope(scope if documents is not None else "")
        self.search_now()

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
        sent = _Search(self._generation, query, self._year, self._panel.sort, self._within)

        def search(archive: Archive) -> tuple[_Search, SearchResults]:
            return sent, sent.run(archive, 0)

        self._service.search(search, self._on_search_done, self._on_search_failed)
        self.started.emit()

    def search_for(self, query: str, year: ChartKey | None = None) -> None:
        """Search for ``query`` (put in the field), only in ``year`` (or the undated) if given.

        As typing the query and then clicking the year's bar in the results' chart.
        """
        if self._field.text().strip() != query:
            self._field.setText(query)  # searches every year; replaced by the search below
        self._year = year if isinstance(year, int) or year == UNDATED else None
        self._panel.show_searching()
        self.search_now()

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
    def _on_search_done(self, outcome: tuple[_Search, SearchResults]) -> None:
        if self._search_again_if_asked():
            return  # typed over: the latest query is on its way
        sent, results = outcome
        if sent.generation != self._generation:
            return  # the field was cleared meanwhile
        self._shown = sent
        self._panel.show_results(results, sent.year)
        self._set_query(results.query)
        self.finished.emit(results)

    @Slot(int)
    def _on_more_wanted(self, offset: int) -> None:
        """The list scrolled to its end: search the next page of the results shown."""
        shown = self._shown
        if shown is None or shown.generation != self._generation:
            return  # other results are on their way, and will replace these

        def next_page(archive: Archive) -> tuple[_Search, SearchResults]:
            return shown, shown.run(archive, offset)

        self._service.search(next_page, self._on_page_done, self._on_page_failed)

    @Slot(object)
    def _on_page_done(self, outcome: tuple[_Search, SearchResults]) -> None:
        sent, results = outcome
        if sent.generation == self._generation:
            self._panel.add_page(results)

    @Slot(object)
    def _on_page_failed(self, error: BaseException) -> None:
        log.warning("Could not fetch more results: %s", error)
        self._panel.model.page_failed()

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
        # No results shown: an open document keeps no hits of an earlier query.
        self._shown = None
        self._set_query("")

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
        self._year = year if isinstance(year, int) or year == UNDATED else None
        self.search_now()

    @Slot(str)
    def _on_sort_changed(self, sort: str) -> None:
        self._settings.set(keys.SEARCH_SORT, sort)
        self.search_now()

    @Slot(str)
    def _on_suggestion(self, suggestion: str) -> None:
        self._field.setText(suggestion)
        self.search_now()
