"""``MainWindow``: the navigator, one or two document panes, search, annotations, status."""

from __future__ import annotations

import html
import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from archive.api import Archive
from archive.models import Document
from reader import __version__
from reader import settings as keys
from reader.annotations.all_annotations import AllAnnotationsDialog
from reader.annotations.controller import AnnotationController
from reader.annotations.panel import AnnotationsPanel
from reader.archive_service import ArchiveService
from reader.compare.dock import CompareDock
from reader.document.pane import DocumentPane
from reader.document.pane_pair import PanePair
from reader.document.reading_view import MAX_ZOOM, MIN_ZOOM
from reader.document.source import ArchiveDocumentSource
from reader.exporting.annotation_export import AnnotationExporter
from reader.exporting.citation import CitationCopier
from reader.exporting.document_printer import DocumentPrinter
from reader.facets.controller import FacetsController
from reader.help.windows import HelpWindows
from reader.importing.controller import ImportController
from reader.importing.presenter import ImportPresenter
from reader.importing.reextract import ReextractController
from reader.library.actions import LibraryActions
from reader.live_archive import LiveArchive
from reader.live_refresh import LiveRefresh
from reader.menus import build_menus
from reader.metadata_dialog import MetadataDialog
from reader.navigator.model import DocumentIdRole, YearNavigatorModel
from reader.navigator.panel import NavigatorPanel
from reader.passages.controller import PassagesController
from reader.passages.panel import PassagesPanel
from reader.search.clear_button import ThemedClearButton
from reader.search.controller import SearchController
from reader.search.panel import SearchPanel
from reader.search.results_model import DocumentIdRole as HitIdRole
from reader.session import SessionKeeper
from reader.settings import Settings
from reader.small_window import SmallWindowLimits
from reader.trends.views import TrendsViews

log = logging.getLogger("reader.window")

APP_TITLE = "Archive Reader"


class MainWindow(QMainWindow):
    """The reader window.

    Signals:
        search_finished(object): a search's ``SearchResults`` were shown.
    """

    search_finished = Signal(object)

    def __init__(
        self, service: ArchiveService, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, settings.get(keys.ZOOM_STEPS)))
        self.metadata_dialog: MetadataDialog | None = None

        self._make_panes()
        self._make_docks()
        self._make_search()
        self.compare_dock = CompareDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.compare_dock)
        self.compare_dock.hide()
        self._make_status_bar()
        self.importing = ImportPresenter(service, self)
        # The years the reader has opened are read again on the write thread after an
        # import, so the tree's refresh does not query them on the GUI thread.
        self.importing.importer.years_to_reread = self.navigator_model.loaded_years
        self.importing.importer.reread.connect(self.navigator_model.preload)
        self._make_exports_and_help()
        self._make_facets()
        service.documents_changed.connect(self.refresh_navigator)
        self._rebuilding_index = False
        service.index_rebuild_progressed.connect(self._on_index_rebuild_progressed)
        service.index_rebuilt.connect(self._on_index_rebuilt)
        service.index_rebuild_failed.connect(self._on_index_rebuild_failed)
        self.library = LibraryActions(self)
        self.trends = TrendsViews(self)
        build_menus(self)
        docks = [self.navigator_dock, self.search_dock, self.annotations_dock, self.passages_dock]
        docks += [self.facets_dock, self.saved_searches_dock]
        closable = [self.annotations_dock, self.passages_dock]
        closable += [self.facets_dock, self.saved_searches_dock]
        self.small_window_limits = SmallWindowLimits(self, self.pane_pair, docks, closable)
        self.refresh_navigator()
        # A missing, damaged or out-of-step index is rebuilt in the background meanwhile.
        service.maintain_index()
        self.facets.start()
        # Changes made by another program (the command line) are shown as they come.
        self.live_archive = LiveArchive(service, self)
        self.live_refresh = LiveRefresh(self)
        self.live_archive.archive_changed_elsewhere.connect(self.live_refresh.refresh)
        self.live_archive.start()
        # Open documents, their places and the zoom, per archive, saved as they change.
        self.session = SessionKeeper(self)

    # -- construction helpers --------------------------------------------------------------

    def _make_panes(self) -> None:
        """The centre: one document pane, or two side by side to compare."""
        self.source = ArchiveDocumentSource(self.service, self)
        self.pane_pair = PanePair(self.source, self)
        self.pane_pair.document_shown.connect(self._on_document_shown)
        self.pane_pair.emptied.connect(self._on_panes_emptied)
        self.pane_pair.failed.connect(self._on_pane_failed)
        self.setCentralWidget(self.pane_pair)
        self.annotation_controller = AnnotationController(self.service, self.pane_pair, self)
        self.annotation_controller.failed.connect(self._on_annotation_failed)
        self.annotation_controller.open_requested.connect(self.open_annotation)

    @property
    def panes(self) -> list[DocumentPane]:
        """The two document panes, left to right (the second may be closed)."""
        return self.pane_pair.panes

    @property
    def empty_label(self) -> QLabel:
        return self.pane_pair.empty_label

    def _make_docks(self) -> None:
        """Left: the navigator and the search results, as tabs; right: annotations."""
        self.navigator_model = YearNavigatorModel(
            self.service.documents_of,
            self,
            load_titles=self.service.document_titles,
            load_date_evidence=self.service.date_evidence,
        )
        self.navigator_panel = NavigatorPanel(self.navigator_model, self.settings, self)
        self.navigator = self.navigator_panel.tree
        self.navigator.document_chosen.connect(self._on_document_chosen)
        self.navigator.document_chosen_beside.connect(self.open_beside)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.navigator_dock = self._dock("Years", "navigatorDock", self.navigator_panel, left)
        self.search_panel = SearchPanel(self)
        self.search_panel.result_chosen.connect(self._on_result_chosen)
        self.search_panel.result_chosen_beside.connect(self._on_result_chosen_beside)
        self.search_panel.note_hits.note_chosen.connect(self.open_annotation)
        self.search_dock = self._dock("Search Results", "searchDock", self.search_panel, left)
        self.tabifyDockWidget(self.navigator_dock, self.search_dock)
        self.navigator_dock.raise_()

        self.annotations_panel = AnnotationsPanel(self.annotation_controller, self)
        self.annotations_dock = self._dock(
            "Annotations",
            "annotationsDock",
            self.annotations_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.passages_panel = PassagesPanel(self)
        # Shown when a passage is looked for.
        self.passages_dock = self._closed_dock("Where Else", "passagesDock", self.passages_panel)
        self.passages = PassagesController(
            self.service,
            panes=self.pane_pair,
            annotations=self.annotation_controller,
            panel=self.passages_panel,
            dock=self.passages_dock,
            open_beside=self.open_beside,
            parent=self,
        )
        self.passages.failed.connect(self._on_annotation_failed)

    def _make_search(self) -> None:
        """Top: the search field, whose searches fill the search panel."""
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(
            'Search all documents (Ctrl+K)   e.g. COP29, "foreign policy", year:2024'
        )
        self.search_clear_button = ThemedClearButton(self.search_field)
        self.search_field.setToolTip(
            'Words, "phrases", AND / OR / NOT, prefix*, fuzzy~, title:, source:, year:2024, '
            "year:[2016 TO 2018], lang:de"
        )
        self.search_field.setAccessibleName("Search")
        # The annotate toolbar comes first: the last toolbar of a row gets the spare width,
        # and that should go to the search field.
        self.annotate_toolbar = self.addToolBar("Annotate")
        self.annotate_toolbar.setObjectName("annotateToolbar")
        toolbar = self.addToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        self.search_field.setMinimumWidth(320)
        toolbar.addWidget(self.search_field)
        # Filled by build_menus, with the Annotate menu's actions.
        self.highlight_action: QAction | None = None
        self.note_action: QAction | None = None
        self.colour_actions: QActionGroup | None = None
        self.search = SearchController(
            self.service, self.search_field, self.search_panel, self.settings, self
        )
        self.search.started.connect(self._on_search_started)
        self.search.query_changed.connect(self._on_query_changed)
        self.search.finished.connect(self.search_finished)

    def _make_exports_and_help(self) -> None:
        """Export annotations, print, cite; the Help menu's windows."""
        self.annotation_exporter = AnnotationExporter(self.service, self)
        self.annotation_controller.export_requested.connect(self.annotation_exporter.export_some)
        self.document_printer = DocumentPrinter(
            self.service, self.pane_pair, self.annotation_controller, self
        )
        self.citation = CitationCopier(self.pane_pair, self)
        self.help_windows = HelpWindows(self, self.search_field)

    def _make_facets(self) -> None:
        """Right, as tabs beside the annotations, closed until View opens them."""
        self.facets = FacetsController(self)
        self.facets_dock = self._closed_dock("Facets", "facetsDock", self.facets.panel)
        self.saved_searches_dock = self._closed_dock(
            "Saved Searches", "savedSearchesDock", self.facets.saved_panel
        )

    def _closed_dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        """A dock tabbed beside the annotations, closed; brought to the front when opened.

        Hidden before it is added: tabbed first and hidden after, it left its group's tab
        bar drawn over the document once the window was resized (Qt 6.11).
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.tabifyDockWidget(self.annotations_dock, dock)
        # Opened from the View menu, it comes to the front of its tabs (else nothing seems
        # to happen: the tab it was added behind stays in front).
        dock.toggleViewAction().triggered.connect(partial(_raise_if_open, dock))
        return dock

    def _make_status_bar(self) -> None:
        """Bottom: what the archive holds, and an import's progress with Cancel."""
        self.status_label = QLabel(self)
        self.index_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the import after the current file")
        self.cancel_button.hide()
        status = self.statusBar()
        status.addWidget(self.status_label)
        status.addPermanentWidget(self.index_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- the navigator and status ----------------------------------------------------------

    @Slot()
    def refresh_navigator(self) -> None:
        years = self.service.years()
        self.navigator_panel.set_years(years)  # keeps what is expanded, selected, scrolled
        documents = sum(y.documents for y in years)
        self.pane_pair.set_archive_empty(documents == 0)
        dated = sum(1 for y in years if y.year is not None)
        self.status_label.setText(
            f"{documents} document{_plural(documents)} in {dated} year{_plural(dated)}"
        )
        if not self.importing.running and not self._rebuilding_index:
            self.index_label.setText("Index up to date")
        if not self.navigator.selected_document_ids():  # else the reader's selection stays
            for pane in self.panes:
                if pane.is_open and pane.document is not None:
                    self._select_in_navigator(pane.document)

    def _select_in_navigator(self, document: Document) -> None:
        index = self.navigator_model.document_index(document.id, document.year)
        if index.isValid():
            self.navigator.expand(index.parent())
            self.navigator.select_quietly(index)

    # -- panes -----------------------------------------------------------------------------

    @property
    def active_pane(self) -> DocumentPane:
        """The pane that commands (back, next hit, find, details) act on."""
        return self.pane_pair.active_pane

    def open_document(
        self, document_id: int, *, beside: bool = False, reveal_first_hit: bool = False
    ) -> None:
        """Open a document in the active pane, or beside it in the second pane."""
        self.pane_pair.open_document(
            document_id, self.search.query, beside=beside, reveal_first_hit=reveal_first_hit
        )

    @Slot(int)
    def _on_document_chosen(self, document_id: int) -> None:
        self.open_document(document_id)

    @Slot(int)
    def open_beside(self, document_id: int) -> None:
        self.open_document(document_id, beside=True)

    @Slot()
    def open_selected_beside(self) -> None:
        """Open the result or navigator document selected (the focused list's) beside."""
        if self.search_panel.list.hasFocus():
            index = self.search_panel.list.currentIndex()
            document_id = index.data(HitIdRole) if index.isValid() else None
        else:
            index = self.navigator.currentIndex()
            document_id = index.data(DocumentIdRole) if index.isValid() else None
        if document_id is not None:
            self.open_beside(int(document_id))

    @Slot(object)
    def _on_document_shown(self, pane: DocumentPane) -> None:
        if pane.document is not None:
            self._select_in_navigator(pane.document)
            self.setWindowTitle(f"{pane.document.title} — {APP_TITLE}")
        pane.view.set_zoom(self._zoom)

    @Slot()
    def _on_panes_emptied(self) -> None:
        self.setWindowTitle(APP_TITLE)

    @Slot(str)
    def _on_pane_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Could not open the document: {message}", 8000)

    @Slot()
    def close_active_pane(self) -> None:
        self.pane_pair.close_active_pane()

    def close_pane(self, number: int) -> None:
        """Close a pane; it forgets its document and history."""
        self.pane_pair.close_pane(number)

    @Slot()
    def swap_panes(self) -> None:
        """Exchange the left and right panes (when both are open)."""
        self.pane_pair.swap()
        self.session.schedule_save()

    @property
    def all_annotations(self) -> AllAnnotationsDialog | None:
        """The All Annotations dialog, once opened."""
        return self.annotation_controller.all_annotations

    @Slot(int, int)
    def open_annotation(self, annotation_id: int, document_id: int) -> None:
        """Open an annotation's document and go to its passage."""
        self.open_document(document_id)
        self.annotation_controller.go_to(annotation_id)

    @Slot(str)
    def _on_annotation_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    # -- search ----------------------------------------------------------------------------

    @Slot()
    def _on_search_started(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()

    @Slot(str)
    def _on_query_changed(self, query: str) -> None:
        for pane in self.panes:
            pane.set_query(query)

    @Slot(int)
    def _on_result_chosen(self, document_id: int) -> None:
        self.open_document(document_id, reveal_first_hit=True)

    @Slot(int)
    def _on_result_chosen_beside(self, document_id: int) -> None:
        self.open_document(document_id, beside=True, reveal_first_hit=True)

    @Slot()
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @Slot()
    def next_hit(self) -> None:
        self.active_pane.next_hit()

    @Slot()
    def previous_hit(self) -> None:
        self.active_pane.previous_hit()

    @Slot()
    def find_in_document(self) -> None:
        if self.active_pane.is_open:
            self.active_pane.open_find()

    # -- history and zoom ------------------------------------------------------------------

    @Slot()
    def go_back(self) -> None:
        self.active_pane.back()

    @Slot()
    def go_forward(self) -> None:
        self.active_pane.forward()

    def set_zoom(self, step: int) -> None:
        """Zoom every pane's text to ``step`` (0 is the default size) and remember it."""
        for pane in self.panes:
            pane.view.set_zoom(step)
        self._zoom = self.panes[0].view.zoom
        self.settings.set(keys.ZOOM_STEPS, self._zoom)

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    @Slot()
    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    @Slot()
    def zoom_reset(self) -> None:
        self.set_zoom(0)

    @Slot()
    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- import and re-reading ------------------------------------------------------------

    @property
    def importer(self) -> ImportController:
        return self.importing.importer

    @property
    def reextractor(self) -> ReextractController:
        return self.importing.reextractor

    @Slot()
    def choose_files_to_import(self) -> None:
        self.importing.choose_files()

    @Slot()
    def choose_folder_to_import(self) -> None:
        self.importing.choose_folder()

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; one import at a time."""
        self.importing.import_paths(paths)

    @Slot()
    def reread_all_documents(self) -> None:
        """Ask, then read every document again from its stored original (in the background)."""
        self.importing.reread_all()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.importing.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.importing.drop(event.mimeData()):
            event.acceptProposedAction()

    def show_changed_documents(self) -> None:
        """After an import or re-reading: search again, and show the open documents anew."""
        if self.search.query:
            self.search.search_now()
        for pane in self.panes:
            if pane.is_open:
                pane.reload()

    @Slot()
    def rebuild_index(self) -> None:
        self._rebuilding_index = True
        self.index_label.setText("Rebuilding the search index…")
        self.service.rebuild_index()

    @Slot(int, int)
    def _on_index_rebuild_progressed(self, done: int, total: int) -> None:
        self._rebuilding_index = True
        self.index_label.setText(f"Rebuilding the search index: {done:,} of {total:,} documents…")

    @Slot(int)
    def _on_index_rebuilt(self, count: int) -> None:
        self._rebuilding_index = False
        self.index_label.setText("Index up to date")
        self.statusBar().showMessage(f"Search index rebuilt: {count:,} documents.", 6000)

    @Slot(str)
    def _on_index_rebuild_failed(self, message: str) -> None:
        self._rebuilding_index = False
        self.index_label.setText("")
        self.warn(APP_TITLE, message)

    @Slot(object)
    def _on_write_failed(self, error: BaseException) -> None:
        self.index_label.setText("")
        self.warn(APP_TITLE, str(error))

    def warn(self, title: str, message: str) -> None:
        """Tell the user something failed, without blocking the window's event loop."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote a title or a name
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- metadata --------------------------------------------------------------------------

    @Slot()
    def edit_metadata(self) -> None:
        document = self.active_pane.document if self.active_pane.is_open else None
        if document is None:
            self.statusBar().showMessage("Open a document first.", 4000)
            return
        dialog = MetadataDialog(document, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_metadata_accepted)
        dialog.finished.connect(self._on_metadata_dialog_closed)
        self.metadata_dialog = dialog
        dialog.open()

    @Slot()
    def _on_metadata_dialog_closed(self) -> None:
        self.metadata_dialog = None

    @Slot()
    def _on_metadata_accepted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, MetadataDialog):
            return
        document_id = dialog.document.id
        if dialog.reverted:

            def revert(archive: Archive) -> Document:
                return archive.revert_metadata(document_id)

            self.service.write(revert, self._on_metadata_saved, self._on_write_failed)
            return
        changes = dialog.corrections()
        if changes.empty:
            return

        def correct(archive: Archive) -> Document:
            return archive.correct_metadata(
                document_id,
                title=changes.title,
                source=changes.source,
                date=changes.date,
                clear_date=changes.clear_date,
            )

        self.service.write(correct, self._on_metadata_saved, self._on_write_failed)

    @Slot(object)
    def _on_metadata_saved(self, document: Document) -> None:
        self.service.documents_changed.emit()
        for pane in self.panes:
            if pane.is_open and pane.document is not None and pane.document.id == document.id:
                pane.reload()
        self.statusBar().showMessage(f"Saved the details of “{document.title}”.", 5000)

    # -- about -----------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Archive Reader",
            f"<h3>Archive Reader {__version__}</h3>"
            "<p>Read, search, compare and annotate an archive of press releases, offline.</p>"
            f"<p>Your archive: <code>{html.escape(str(self.service.data_dir))}</code></p>"
            "<p>Nothing you read or write here is sent anywhere.</p>",
        )

    # -- session ---------------------------------------------------------------------------

    def restore_session(self) -> None:
        """Bring back the window's geometry, layout and sort order, and this archive's session."""
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        self.search_panel.set_sort(self.settings.get(keys.SEARCH_SORT))
        self.session.restore()

    def save_session(self) -> None:
        """Remember what ``restore_session`` brings back on the next start."""
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.ZOOM_STEPS, self._zoom)
        self.session.save()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.importing.running:
            self.importer.cancel()
            self.reextractor.cancel()
        self.live_archive.stop()
        self.save_session()
        super().closeEvent(event)


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _raise_if_open(dock: QDockWidget) -> None:
    if dock.toggleViewAction().isChecked():  # once Qt has placed it among its tabs
        QTimer.singleShot(0, dock.raise_)
