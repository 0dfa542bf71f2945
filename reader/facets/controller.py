"""``FacetsController``: the Facets and Saved Searches docks, kept in step with the archive.

Everything it asks of the archive runs off the GUI thread: bringing the documents'
mentions up to date (on the write thread, with progress, when the window opens an archive
read with older lists), the counts and a chosen entity's documents (on the search
thread), and saving, renaming, removing or marking a saved search seen (on the write
thread). Choosing an entity restricts the years' tree and the search to the documents
that mention it; *Show All* lifts both.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QInputDialog, QLineEdit

from archive.api import Archive
from archive.mentions import EntityCount, EntityKind
from archive.saved_searches import SavedSearch, SavedSearchError
from archive.search import QueryError
from archive.search.errors import IndexRebuildingError, IndexUnavailableError
from reader.facets.facets_panel import FacetsPanel
from reader.facets.saved_panel import SavedSearchesPanel
from reader.navigator.model import YearRole
from reader.navigator.title_filter import TitleMatches

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

log = logging.getLogger("reader.facets")

MENTIONS_BATCH = 2000  # documents read for mentions per write task (about a second)
INDEX_NOT_READY = "The new matches appear when the search index is ready."
_Chosen = tuple[EntityKind, str, str]  # kind, key, name


class FacetsController(QObject):
    """Fills the two docks and carries out what is chosen in them.

    Args:
        window: The main window (its service, navigator, search and status bar).

    Signals:
        counts_shown(): the counts of countries and organisations were (re)shown.
        filter_changed(object): the documents the tree and search are restricted to
            (a ``frozenset`` of ids), or ``None`` when the restriction was lifted.
        saved_searches_shown(): the saved searches were (re)listed with their counts.
    """

    counts_shown = Signal()
    filter_changed = Signal(object)
    saved_searches_shown = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._service = window.service
        self.panel = FacetsPanel(window)
        self.saved_panel = SavedSearchesPanel(window)
        self._chosen: _Chosen | None = None
        self._counts_running = False
        self._counts_again = False
        self._saved_running = False
        self._saved_again = False
        self._waiting_for_index = False
        self._mentions_read = 0

        self.panel.entity_chosen.connect(self._on_entity_chosen)
        self.panel.filter_cleared.connect(self.clear_filter)
        self.saved_panel.open_requested.connect(self.open_saved_search)
        self.saved_panel.save_requested.connect(self.ask_to_save_search)
        self.saved_panel.rename_requested.connect(self.ask_to_rename)
        self.saved_panel.delete_requested.connect(self.delete_saved_search)
        self._service.documents_changed.connect(self._on_documents_changed)
        self._service.index_ready.connect(self._on_index_ready)
        window.importer.finished.connect(self._on_import_finished)
        window.navigator.selectionModel().currentChanged.connect(self._on_navigator_current)

    @property
    def chosen(self) -> _Chosen | None:
        """The entity whose documents the tree and search show, if one was chosen."""
        return self._chosen

    def start(self) -> None:
        """Read outdated documents for mentions (write thread), then show the counts.

        A batch per task, so that an import or a correction asked for meanwhile runs
        between two batches rather than after them all.
        """
        self._mentions_read = 0
        self._read_mentions()

    def _read_mentions(self) -> None:
        if not self._service.is_shut_down:
            self._service.write(
                _read_mentions_batch, self._on_mentions_batch, self._on_mentions_failed
            )

    # -- counts ----------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        """Count again on the search thread (one count at a time; the latest wins)."""
        if self._counts_running:
            self._counts_again = True
            return
        self._counts_running = True
        self._service.search(_all_counts, self._on_counts, self._on_counts_failed)

    @Slot(object)
    def _on_mentions_batch(self, outcome: tuple[int, int]) -> None:
        done, left = outcome
        self._mentions_read += done
        if left:
            total = self._mentions_read + left
            self.panel.show_message(
                "Reading the documents for the countries and organisations they mention: "
                f"{self._mentions_read:,} of {total:,}…"
            )
            self._read_mentions()
            return
        if self._mentions_read:
            self._window.statusBar().showMessage(
                f"Read {self._mentions_read:,} documents for the countries and organisations "
                "they mention.",
                6000,
            )
        self.refresh_counts()

    @Slot(object)
    def _on_mentions_failed(self, error: BaseException) -> None:
        # A read-only archive: what was read before is counted; the rest is said.
        log.warning("Could not read the documents for mentions: %s", error)
        self.refresh_counts()

    @Slot(object)
    def _on_counts(self, counts: list[EntityCount]) -> None:
        self._counts_running = False
        if self._counts_again:
            self._counts_again = False
            self.refresh_counts()
            return
        self.panel.set_counts(counts)
        self.counts_shown.emit()

    @Slot(object)
    def _on_counts_failed(self, error: BaseException) -> None:
        self._counts_running = False
        log.error("Could not count the mentions", exc_info=error)
        self.panel.show_message(f"The countries and organisations could not be counted: {error}")

    @Slot(QModelIndex, QModelIndex)
    def _on_navigator_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        year = current.data(YearRole) if current.isValid() else None
        self.panel.set_year(year if isinstance(year, int) else None)

    # -- restricting the tree and the search -----------------------------------------------

    def choose(self, kind: EntityKind, key: str, name: str) -> None:
        """Show only the documents that mention an entity, in the tree and the search."""
        chosen = (kind, key, name)

        def find(archive: Archive) -> tuple[_Chosen, dict[int, int | None]]:
            return chosen, archive.documents_mentioning(kind, key)

        self._chosen = chosen
        self._service.search(find, self._on_documents_found, self._on_counts_failed)

    @Slot(str, str, str)
    def _on_entity_chosen(self, kind: str, key: str, name: str) -> None:
        entity_kind = EntityKind(kind)
        if self._chosen is not None and self._chosen[:2] == (entity_kind, key):
            self.clear_filter()  # clicked again: everything again
            return
        self.choose(entity_kind, key, name)

    @Slot(object)
    def _on_documents_found(self, found: tuple[_Chosen, dict[int, int | None]]) -> None:
        chosen, documents = found
        if chosen != self._chosen:
            return  # another was chosen (or the filter lifted) meanwhile
        ids = frozenset(documents)
        per_year = dict(Counter(documents.values()))
        _kind, _key, name = chosen
        label = f"mentioning {name}"
        self._window.navigator_panel.set_document_filter(TitleMatches(ids, per_year), label)
        self._window.search.set_within(ids, label)
        self.panel.show_filter(name, len(ids))
        self.filter_changed.emit(ids)

    @Slot()
    def clear_filter(self) -> None:
        """Show every document in the tree and the search again."""
        if self._chosen is None:
            return
        self._chosen = None
        self._window.navigator_panel.set_document_filter(None)
        self._window.search.set_within(None)
        self.panel.hide_filter()
        self.filter_changed.emit(None)

    @Slot()
    def _on_documents_changed(self) -> None:
        self.refresh_counts()
        if self._chosen is not None:
            self.choose(*self._chosen)  # its documents may have changed
        self.refresh_saved_searches()

    # -- saved searches --------------------------------------------------------------------

    def refresh_saved_searches(self) -> None:
        """List the saved searches with their new matches (search thread)."""
        if self._saved_running:
            self._saved_again = True
            return
        self._saved_running = True
        self._service.search(_saved_searches, self._on_saved_listed, self._on_saved_failed)

    @Slot()
    def _on_import_finished(self) -> None:
        self.refresh_saved_searches()

    @Slot()
    def _on_index_ready(self) -> None:
        if self._waiting_for_index:
            self._waiting_for_index = False
            self.refresh_saved_searches()

    @Slot(object)
    def _on_saved_listed(self, searches: list[SavedSearch]) -> None:
        self._saved_running = False
        if self._saved_again:
            self._saved_again = False
            self.refresh_saved_searches()
            return
        selected = self.saved_panel.selected_name()
        self.saved_panel.model.set_searches(searches)
        if selected is not None:
            self.saved_panel.select(selected)
        self.saved_searches_shown.emit()

    @Slot(object)
    def _on_saved_failed(self, error: BaseException) -> None:
        self._saved_running = False
        if isinstance(error, (IndexUnavailableError, IndexRebuildingError)):
            self._waiting_for_index = True
            self.saved_panel.message.setText(INDEX_NOT_READY)
            self.saved_panel.message.show()
            return
        log.error("Could not list the saved searches", exc_info=error)

    @Slot()
    def ask_to_save_search(self) -> None:
        """Ask a name for the query in the search field, then save it."""
        query = self._window.search_field.text().strip()
        if not query:
            self._window.statusBar().showMessage(
                "Type a search first: the query in the search field is what is saved.", 6000
            )
            return
        dialog = self._name_dialog("Save Search", f"A name for “{query}”:", query)
        dialog.textValueSelected.connect(self.save_search)
        dialog.open()

    @Slot(str)
    def save_search(self, name: str) -> None:
        """Save the query in the search field under ``name``."""
        query = self._window.search_field.text().strip()

        def save(archive: Archive) -> SavedSearch:
            return archive.save_search(name, query)

        self._service.write(save, self._on_search_saved, self._on_saved_change_failed)

    @Slot(str)
    def open_saved_search(self, name: str) -> None:
        """Run a saved search in the search field, and mark its matches seen."""
        row = self.saved_panel.model.row_of(name)
        search = self.saved_panel.model.search_at(row)
        if search is None:
            return
        if self._window.search_field.text().strip() == search.query:
            self._window.search.search_now()
        else:
            self._window.search_field.setText(search.query)

        def mark_seen(archive: Archive) -> SavedSearch:
            return archive.mark_saved_search_seen(name)

        self._service.write(mark_seen, self._on_saved_changed, self._on_saved_change_failed)

    @Slot(str)
    def ask_to_rename(self, name: str) -> None:
        dialog = self._name_dialog("Rename Saved Search", f"A new name for “{name}”:", name)
        dialog.setProperty("saved_search", name)
        dialog.textValueSelected.connect(self._on_new_name)
        dialog.open()

    @Slot(str)
    def _on_new_name(self, new_name: str) -> None:
        dialog = self.sender()
        if isinstance(dialog, QInputDialog):
            self.rename_saved_search(str(dialog.property("saved_search")), new_name)

    def rename_saved_search(self, name: str, new_name: str) -> None:
        def rename(archive: Archive) -> SavedSearch:
            return archive.rename_saved_search(name, new_name)

        self._service.write(rename, self._on_saved_changed, self._on_saved_change_failed)

    @Slot(str)
    def delete_saved_search(self, name: str) -> None:
        def remove(archive: Archive) -> SavedSearch:
            return archive.remove_saved_search(name)

        self._service.write(remove, self._on_saved_changed, self._on_saved_change_failed)

    @Slot(object)
    def _on_saved_changed(self, _search: SavedSearch) -> None:
        self.refresh_saved_searches()

    @Slot(object)
    def _on_search_saved(self, search: SavedSearch) -> None:
        dock = self.saved_panel.parentWidget()
        if isinstance(dock, QDockWidget):  # closed until now: show where it went
            dock.show()
            dock.raise_()
        self._window.statusBar().showMessage(
            f"Saved “{search.name}”: its new matches are counted after each import.", 6000
        )
        self.refresh_saved_searches()

    @Slot(object)
    def _on_saved_change_failed(self, error: BaseException) -> None:
        if isinstance(error, (SavedSearchError, QueryError)):
            self._window.warn("Saved Searches", str(error).capitalize())
        else:
            log.error("A saved search could not be changed", exc_info=error)
            self._window.warn("Saved Searches", f"The saved search could not be changed: {error}")
        self.refresh_saved_searches()

    def _name_dialog(self, title: str, label: str, text: str) -> QInputDialog:
        dialog = QInputDialog(self._window)
        dialog.setObjectName("savedSearchName")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(text)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog


def _read_mentions_batch(archive: Archive) -> tuple[int, int]:
    """Read a batch of outdated documents for mentions: ``(read, still outdated)``."""
    done = archive.update_mentions(limit=MENTIONS_BATCH)
    return done, archive.mentions_outdated() if done else 0


def _all_counts(archive: Archive) -> list[EntityCount]:
    return archive.facet_counts()


def _saved_searches(archive: Archive) -> list[SavedSearch]:
    return archive.saved_searches()
