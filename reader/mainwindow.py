"""``MainWindow``: the navigator, one or two document panes, search, annotations, status."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QWidget,
)

from archive.api import Archive
from archive.models import Document, ImportProgress, ImportResult, ImportStatus, SearchResults
from archive.search import QueryError
from reader import __version__
from reader import settings as keys
from reader.archive_service import ArchiveService
from reader.document.pane import DocumentPane
from reader.document.reading_view import MAX_ZOOM, MIN_ZOOM
from reader.document.source import ArchiveDocumentSource
from reader.importing.controller import ImportController, describe_progress
from reader.importing.report_dialog import ImportReportDialog, summarise
from reader.metadata_dialog import MetadataDialog
from reader.navigator.model import DocumentIdRole, YearNavigatorModel
from reader.navigator.view import YearNavigator
from reader.search.panel import SearchPanel
from reader.settings import Settings

log = logging.getLogger("reader.window")

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 50
APP_TITLE = "Archive Reader"


class MainWindow(QMainWindow):
    """The reader window.

    Signals:
        search_finished(object): a search's ``SearchResults`` were shown.
        ready(): the archive is loaded and the navigator filled.
    """

    search_finished = Signal(object)
    ready = Signal()

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

        # Centre: two panes side by side.
        self.source = ArchiveDocumentSource(service, self)
        self.panes = [DocumentPane(self.source, self), DocumentPane(self.source, self)]
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panesSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in self.panes:
            self.splitter.addWidget(pane)
            pane.activated.connect(self._on_pane_activated)
            pane.close_requested.connect(self._on_pane_close_requested)
            pane.swap_requested.connect(self.swap_panes)
            pane.document_shown.connect(self._on_document_shown)
            pane.failed.connect(self._on_pane_failed)
        self.panes[1].hide()
        self._active = 0
        self.empty_label = QLabel("Choose a document in the navigator, or search.", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splitter.addWidget(self.empty_label)
        self.panes[0].hide()
        self.setCentralWidget(self.splitter)

        # Left: the navigator and the search results, as tabs.
        self.navigator_model = YearNavigatorModel(service.documents_of, self)
        self.navigator = YearNavigator(self)
        self.navigator.setModel(self.navigator_model)
        self.navigator.document_chosen.connect(self._on_document_chosen)
        self.navigator.document_chosen_beside.connect(self.open_beside)
        self.navigator_dock = self._dock(
            "Years", "navigatorDock", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.search_panel = SearchPanel(self)
        self.search_panel.result_chosen.connect(self._on_result_chosen)
        self.search_panel.result_chosen_beside.connect(self._on_result_chosen_beside)
        self.search_panel.year_filter_changed.connect(self._on_year_filter)
        self.search_panel.sort_changed.connect(self._on_sort_changed)
        self.search_panel.suggestion_chosen.connect(self._on_suggestion)
        self.search_dock = self._dock(
            "Search Results", "searchDock", self.search_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.navigator_dock, self.search_dock)
        self.navigator_dock.raise_()

        # Right: annotations (their content arrives with the annotations feature).
        placeholder = QLabel("Annotations of the shown documents will be listed here.", self)
        placeholder.setWordWrap(True)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        placeholder.setMargin(12)
        self.annotations_dock = self._dock(
            "Annotations", "annotationsDock", placeholder, Qt.DockWidgetArea.RightDockWidgetArea
        )

        # Top: the search field.
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(
            'Search all documents (Ctrl+K)   e.g. COP29, "foreign policy", year:2024'
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setToolTip(
            'Words, "phrases", AND / OR / NOT, prefix*, fuzzy~, title:, source:, year:2024, '
            "year:[2016 TO 2018]"
        )
        self.search_field.setAccessibleName("Search")
        self.search_field.textChanged.connect(self._on_search_text)
        self.search_field.returnPressed.connect(self._on_search_return)
        toolbar = self.addToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_field)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._search_generation = 0
        self._year_filter: int | None = None
        self._last_results: SearchResults | None = None
        self._last_query = ""

        # Bottom: status and import progress.
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

        self.importer = ImportController(service, self)
        self.importer.started.connect(self._on_import_started)
        self.importer.progressed.connect(self._on_import_progress)
        self.importer.finished.connect(self._on_import_finished)
        self.importer.failed.connect(self._on_import_failed)
        self.cancel_button.clicked.connect(self.importer.cancel)
        service.documents_changed.connect(self.refresh_navigator)

        self._make_actions()
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, settings.get(keys.ZOOM_STEPS)))
        self.refresh_navigator()

    # -- construction helpers --------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        menu_name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self._menus[menu_name].addAction(action)
        return action

    def _make_actions(self) -> None:
        bar = self.menuBar()
        self._menus = {
            name: bar.addMenu(name) for name in ("&File", "&Edit", "&View", "&Go", "&Help")
        }
        self.import_files_action = self._action(
            "&File",
            "&Import Files…",
            self.choose_files_to_import,
            QKeySequence.StandardKey.Open,
            "Import press releases (.txt, .md)",
        )
        self._action(
            "&File",
            "Import &Folder…",
            self.choose_folder_to_import,
            "Ctrl+Shift+O",
            "Import every release in a folder and its subfolders",
        )
        self._action(
            "&File",
            "&Rebuild Search Index",
            self.rebuild_index,
            None,
            "Rebuild the search index from the archive",
        )
        self._menus["&File"].addSeparator()
        self._action("&File", "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self._action(
            "&Edit", "&Find in Document…", self.find_in_document, QKeySequence.StandardKey.Find
        )
        search = self._action("&Edit", "&Search All Documents", self.focus_search, "Ctrl+K")
        search.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L")])
        self._action(
            "&Edit",
            "Document &Details…",
            self.edit_metadata,
            "Ctrl+I",
            "Correct the title, date or source",
        )

        self._action(
            "&View", "Zoom &In", self.zoom_in, QKeySequence.StandardKey.ZoomIn
        ).setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self._action(
            "&View", "Zoom &Out", self.zoom_out, QKeySequence.StandardKey.ZoomOut
        ).setShortcuts([QKeySequence("Ctrl+-")])
        self._action("&View", "&Actual Size", self.zoom_reset, "Ctrl+0")
        self._menus["&View"].addSeparator()
        self._menus["&View"].addAction(self.navigator_dock.toggleViewAction())
        self._menus["&View"].addAction(self.search_dock.toggleViewAction())
        annotations = self.annotations_dock.toggleViewAction()
        annotations.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self._menus["&View"].addAction(annotations)
        self._menus["&View"].addSeparator()
        self._action(
            "&View", "&Full Screen", self.toggle_full_screen, QKeySequence.StandardKey.FullScreen
        ).setShortcuts([QKeySequence("F11")])

        self._action("&Go", "&Back", self.go_back, "Alt+Left")
        self._action("&Go", "&Forward", self.go_forward, "Alt+Right")
        self._action("&Go", "&Next Hit", self.next_hit, "F3")
        self._action("&Go", "&Previous Hit", self.previous_hit, "Shift+F3")
        self._menus["&Go"].addSeparator()
        self._action(
            "&Go",
            "Open &Beside",
            self.open_selected_beside,
            "Ctrl+Return",
            "Open the selected document in the second pane",
        )
        self._action("&Go", "S&wap Panes", self.swap_panes, "Ctrl+Shift+S")
        self._action(
            "&Go", "&Close Pane", self.close_active_pane, QKeySequence.StandardKey.Close
        ).setShortcuts([QKeySequence("Ctrl+W")])

        self._action("&Help", "&About Archive Reader", self.show_about)

    # -- the navigator and status ----------------------------------------------------------

    @Slot()
    def refresh_navigator(self) -> None:
        years = self.service.years()
        expanded = {
            self.navigator_model.index(r, 0).data(Qt.ItemDataRole.DisplayRole)
            for r in range(self.navigator_model.rowCount())
            if self.navigator.isExpanded(self.navigator_model.index(r, 0))
        }
        self.navigator_model.set_years(years)
        for row in range(self.navigator_model.rowCount()):
            index = self.navigator_model.index(row, 0)
            if index.data(Qt.ItemDataRole.DisplayRole) in expanded:
                self.navigator.expand(index)
        documents = sum(y.documents for y in years)
        dated = sum(1 for y in years if y.year is not None)
        self.status_label.setText(
            f"{documents} document{'s' if documents != 1 else ''} in {dated} year{'s' if dated != 1 else ''}"
        )
        if not self.importer.running:
            self.index_label.setText("Index up to date")
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
        return self.panes[self._active]

    def open_document(
        self, document_id: int, *, beside: bool = False, reveal_first_hit: bool = False
    ) -> None:
        """Open a document in the active pane, or beside it in the second pane."""
        if beside:
            target = 1 if self._active == 0 or not self.panes[1].is_open else 0
            if not self.panes[0].is_open:
                target = 0
        else:
            target = self._active if self.panes[self._active].is_open else 0
        pane = self.panes[target]
        self.empty_label.hide()
        if not pane.is_open:
            pane.show()
            if target == 1 and len(self.splitter.sizes()) >= 2:
                total = sum(self.splitter.sizes()[:2]) or self.splitter.width()
                self.splitter.setSizes([total // 2, total // 2, 0])
        pane.set_query(self._last_query)
        pane.open_document(document_id, reveal_first_hit=reveal_first_hit)
        self._active = target
        self._update_swappable()

    def _update_swappable(self) -> None:
        both = self.panes[0].is_open and self.panes[1].is_open
        for pane in self.panes:
            pane.set_swappable(both)

    @Slot(int)
    def _on_document_chosen(self, document_id: int) -> None:
        self.open_document(document_id)

    @Slot(int)
    def open_beside(self, document_id: int) -> None:
        self.open_document(document_id, beside=True)

    @Slot()
    def open_selected_beside(self) -> None:
        if self.search_panel.list.hasFocus():
            index = self.search_panel.list.currentIndex()
        else:
            index = self.navigator.currentIndex()
        document_id = index.data(DocumentIdRole) if index.isValid() else None
        if document_id is not None:
            self.open_beside(int(document_id))

    @Slot()
    def _on_pane_activated(self) -> None:
        sender = self.sender()
        if sender in self.panes:
            self._active = self.panes.index(sender)  # type: ignore[arg-type]

    @Slot(int)
    def _on_document_shown(self, document_id: int) -> None:
        sender = self.sender()
        pane = sender if isinstance(sender, DocumentPane) else self.active_pane
        if pane.document is not None:
            self._select_in_navigator(pane.document)
            self.setWindowTitle(f"{pane.document.title} — {APP_TITLE}")
        pane.view.set_zoom(self._zoom)

    @Slot(str)
    def _on_pane_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Could not open the document: {message}", 8000)

    @Slot()
    def _on_pane_close_requested(self) -> None:
        sender = self.sender()
        if sender in self.panes:
            self.close_pane(self.panes.index(sender))  # type: ignore[arg-type]

    @Slot()
    def close_active_pane(self) -> None:
        self.close_pane(self._active)

    def close_pane(self, number: int) -> None:
        self.panes[number].hide()
        self.panes[number].clear()
        other = 1 - number
        self._active = other if self.panes[other].is_open else 0
        if not any(pane.is_open for pane in self.panes):
            self.empty_label.show()
            self.setWindowTitle(APP_TITLE)
        self._update_swappable()

    @Slot()
    def swap_panes(self) -> None:
        if not (self.panes[0].is_open and self.panes[1].is_open):
            return
        sizes = self.splitter.sizes()
        self.splitter.insertWidget(0, self.panes[1])
        self.panes.reverse()
        self.splitter.setSizes(sizes)
        self._active = 1 - self._active

    # -- search ----------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text(self, text: str) -> None:
        self._year_filter = None
        if not text.strip():
            self._search_timer.stop()
            self._search_generation += 1
            self._last_query = ""
            self.search_panel.show_idle()
            for pane in self.panes:
                pane.set_query("")
            return
        self.search_panel.show_searching()
        self._search_timer.start()

    @Slot()
    def _on_search_return(self) -> None:
        self._search_timer.stop()
        self._run_search()

    @Slot()
    def _run_search(self) -> None:
        query = self.search_field.text().strip()
        if not query:
            return
        self._search_generation += 1
        generation = self._search_generation
        year, sort = self._year_filter, self.search_panel.sort
        self.search_dock.show()
        self.search_dock.raise_()

        def search(archive: Archive) -> tuple[int, int | None, SearchResults]:
            return generation, year, archive.search(query, year=year, limit=SEARCH_LIMIT, sort=sort)  # type: ignore[arg-type]

        self.service.search(search, self._on_search_done, self._on_search_failed)

    @Slot(object)
    def _on_search_done(self, outcome: tuple[int, int | None, SearchResults]) -> None:
        generation, year, results = outcome
        if generation != self._search_generation:
            return  # typed on since: a newer search is under way
        self._last_results = results
        self._last_query = results.query
        self.search_panel.show_results(results, year)
        for pane in self.panes:
            if pane.is_open:
                pane.set_query(results.query)
        self.search_finished.emit(results)

    @Slot(object)
    def _on_search_failed(self, error: BaseException) -> None:
        self._last_results = None
        if isinstance(error, QueryError):
            self.search_panel.show_error(str(error))
        else:
            log.error("Search failed", exc_info=error)
            self.search_panel.show_error(f"The search failed: {error}")

    @Slot(object)
    def _on_year_filter(self, year: object) -> None:
        self._year_filter = year if isinstance(year, int) else None
        self._run_search()

    @Slot(str)
    def _on_sort_changed(self, sort: str) -> None:
        self.settings.set(keys.SEARCH_SORT, sort)
        if self.search_field.text().strip():
            self._run_search()

    @Slot(str)
    def _on_suggestion(self, suggestion: str) -> None:
        self.search_field.setText(suggestion)
        self._on_search_return()

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

    # -- import ----------------------------------------------------------------------------

    @Slot()
    def choose_files_to_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Import Press Releases",
            "",
            "Press releases (*.txt *.md *.markdown);;All files (*)",
        )
        if names:
            self.import_paths([Path(name) for name in names])

    @Slot()
    def choose_folder_to_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a Folder of Press Releases")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        if self.importer.running:
            self.statusBar().showMessage(
                "An import is already running; wait for it or cancel it.", 6000
            )
            return
        self.importer.import_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    @Slot(int)
    def _on_import_started(self, _count: int) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.index_label.setText("Importing…")

    @Slot(object)
    def _on_import_progress(self, progress: ImportProgress) -> None:
        self.progress.setRange(0, max(1, progress.total))
        self.progress.setValue(progress.done)
        self.progress.setFormat(describe_progress(progress))
        self.progress.setToolTip(progress.current)
        self.index_label.setText("Indexing…" if progress.phase == "indexing" else "Importing…")

    @Slot(object, bool)
    def _on_import_finished(self, results: list[ImportResult], cancelled: bool) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.index_label.setText("Index up to date")
        if not results and not cancelled:
            return  # the sample archive, already imported on an earlier start
        self.statusBar().showMessage(summarise(results, cancelled), 10000)
        if any(r.status in (ImportStatus.SKIPPED, ImportStatus.FAILED) for r in results):
            self.report = ImportReportDialog(results, cancelled, self)
            self.report.open()
        if self._last_query:
            self._run_search()
        for pane in self.panes:
            if pane.is_open:
                pane.reload()

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.index_label.setText("")
        self._warn("Import failed", message)

    @Slot()
    def rebuild_index(self) -> None:
        self.index_label.setText("Rebuilding the index…")
        self.service.write(Archive.reindex, self._on_reindexed, self._on_write_failed)

    @Slot(object)
    def _on_reindexed(self, count: int) -> None:
        self.index_label.setText("Index up to date")
        self.statusBar().showMessage(f"Search index rebuilt: {count} documents.", 6000)

    @Slot(object)
    def _on_write_failed(self, error: BaseException) -> None:
        self.index_label.setText("")
        self._warn(APP_TITLE, str(error))

    def _warn(self, title: str, message: str) -> None:
        """Tell the user something failed, without blocking the window's event loop."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- metadata --------------------------------------------------------------------------

    @Slot()
    def edit_metadata(self) -> None:
        document = self.active_pane.document if self.active_pane.is_open else None
        if document is None:
            self.statusBar().showMessage("Open a document first.", 4000)
            return
        self.metadata_dialog = MetadataDialog(document, self)
        self.metadata_dialog.accepted.connect(self._on_metadata_accepted)
        self.metadata_dialog.open()

    @Slot()
    def _on_metadata_accepted(self) -> None:
        dialog = self.metadata_dialog
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
            f"<p>Your archive: <code>{self.service.data_dir}</code></p>"
            "<p>Nothing you read or write here is sent anywhere.</p>",
        )

    # -- session ---------------------------------------------------------------------------

    def restore_session(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        self.search_panel.set_sort(self.settings.get(keys.SEARCH_SORT))
        open_ids = [i for i in self.settings.get(keys.OPEN_DOCUMENTS) if i > 0]
        splitter = self.settings.get(keys.PANES_SPLITTER)
        for number, document_id in enumerate(open_ids[:2]):
            try:
                self.service.reads.document(document_id)
            except LookupError:
                continue
            self.open_document(document_id, beside=number == 1)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self._active = 0

    def save_session(self) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.PANES_SPLITTER, self.splitter.saveState())
        open_ids = [
            pane.document.id for pane in self.panes if pane.is_open and pane.document is not None
        ]
        self.settings.set(keys.OPEN_DOCUMENTS, open_ids)
        self.settings.set(keys.ZOOM_STEPS, self._zoom)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.importer.running:
            self.importer.cancel()
        self.save_session()
        super().closeEvent(event)
