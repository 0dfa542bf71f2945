"""``LiveRefresh``: show what another program changed in the archive, keeping the reader's place.

Told by :class:`~reader.live_archive.LiveArchive` that the archive changed elsewhere, it
fills the year tree and the counts anew (keeping the years opened, the item selected and
the scroll position), reads the annotations of the open documents again, checks each open
document (one that changed is shown anew at the same place, one that is gone has its pane
closed, with a word in the status bar), runs the current search again (keeping the
results' scroll position), and lets the search index take in changes the other program
left queued.

Each step compares before it changes anything, so a refresh that finds nothing new
changes nothing on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from archive.api import Archive
from archive.errors import DocumentNotFoundError
from archive.models import Document, SearchResults
from reader.document.pane import DocumentPane
from reader.document.reading_place import ReadingPlace, go_to_reading_place, reading_place
from reader.navigator.place import NavigatorPlace

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

REFRESHED_MESSAGE_MS = 4000


@dataclass(frozen=True)
class _Fetched:
    """An open pane's document as the archive has it now (``None``: it is gone)."""

    pane: DocumentPane
    document_id: int
    document: Document | None


def _fetch_document(pane: DocumentPane, document_id: int, archive: Archive) -> _Fetched:
    """On the render thread: the document of ``pane`` as the archive has it now."""
    try:
        return _Fetched(pane, document_id, archive.document(document_id))
    except DocumentNotFoundError:
        return _Fetched(pane, document_id, None)


class LiveRefresh(QObject):
    """Brings the window up to date with the archive after a change made elsewhere.

    Signals: none; the window's own widgets show the result.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._places: dict[DocumentPane, ReadingPlace] = {}
        self._results_scroll: int | None = None
        self._annotation_chosen: int | None = None  # to choose again once listed anew
        window.pane_pair.document_shown.connect(self._on_document_shown)
        # After the panel's own slot: the list is filled anew by then.
        window.annotation_controller.changed.connect(self._on_annotations_listed)
        window.pane_pair.pane_closed.connect(self._on_pane_closed)
        window.search.finished.connect(self._on_search_finished)

    @Slot()
    def refresh(self) -> None:
        """Show the archive as it is now, everywhere the window shows it."""
        window = self._window
        if window.service.is_shut_down:
            return
        place = NavigatorPlace.of(window.navigator)
        chosen = window.annotations_panel.current()
        self._annotation_chosen = chosen.id if chosen is not None else None
        window.refresh_navigator()
        place.restore(window.navigator, self._year_of)
        self._check_open_documents()
        self._search_again()
        # What the other program committed but could not index (the index was busy).
        window.service.maintain_index()
        window.statusBar().showMessage(
            "The archive was changed by another program: shown as it is now.",
            REFRESHED_MESSAGE_MS,
        )

    def _year_of(self, document_id: int) -> int | None:
        return self._window.service.reads.document(document_id).year

    # -- open documents --------------------------------------------------------------------

    def _check_open_documents(self) -> None:
        for pane in self._window.pane_pair.open_panes():
            if pane.document is not None:
                fetch = partial(_fetch_document, pane, pane.document.id)
                self._window.service.render(fetch, self._on_fetched)

    @Slot(object)
    def _on_fetched(self, fetched: _Fetched) -> None:
        pane = fetched.pane
        shown = pane.document
        if not pane.is_open or shown is None or shown.id != fetched.document_id:
            return  # the reader moved on meanwhile
        if fetched.document is None:
            self._close_gone(pane, shown)
        elif fetched.document != shown:
            self._reload_in_place(pane)  # its annotations are marked once it is shown
        else:
            self._mark_again_if_changed(pane, shown.id)

    def _mark_again_if_changed(self, pane: DocumentPane, document_id: int) -> None:
        """Read a pane's annotations again, if another program changed them."""
        controller = self._window.annotation_controller
        listed = dict(controller.shown()).get(pane)
        if self._window.service.reads.annotations(document_id) != listed:
            controller.refresh(document_id)

    @Slot()
    def _on_annotations_listed(self) -> None:
        chosen = self._annotation_chosen
        panel = self._window.annotations_panel
        if chosen is None:
            return
        current = panel.current()
        if current is None or current.id != chosen:
            panel.select_annotation(chosen)
        current = panel.current()
        if current is not None and current.id == chosen:
            self._annotation_chosen = None

    def _close_gone(self, pane: DocumentPane, document: Document) -> None:
        pair = self._window.pane_pair
        pair.close_pane(pair.panes.index(pane))
        self._window.statusBar().showMessage(
            f"“{document.title}” was removed from the archive by another program; "
            "its pane was closed.",
            8000,
        )

    def _reload_in_place(self, pane: DocumentPane) -> None:
        place = reading_place(pane)
        if place is not None:
            self._places[pane] = place
        pane.reload()

    @Slot(object)
    def _on_document_shown(self, pane: DocumentPane) -> None:
        place = self._places.pop(pane, None)
        if place is not None:
            go_to_reading_place(pane, place)

    @Slot(object)
    def _on_pane_closed(self, pane: DocumentPane) -> None:
        self._places.pop(pane, None)

    # -- search ----------------------------------------------------------------------------

    def _search_again(self) -> None:
        search = self._window.search
        if not search.query:
            return
        self._results_scroll = self._window.search_panel.list.verticalScrollBar().value()
        search.search_now()

    @Slot(object)
    def _on_search_finished(self, _results: SearchResults) -> None:
        scroll, self._results_scroll = self._results_scroll, None
        if scroll is not None:
            self._window.search_panel.list.verticalScrollBar().setValue(scroll)
