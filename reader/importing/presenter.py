"""``ImportPresenter``: imports and re-reading in the window: dialogs, drops, progress, reports.

The work itself runs on the write thread (``ImportController``, ``ReextractController``);
this shows it: the progress bar and Cancel in the status bar, a summary when it is done,
and a report of what went wrong (or, for a re-reading, of what changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt, Slot
from PySide6.QtWidgets import QFileDialog

from archive.models import ImportProgress, ImportResult, ImportStatus, ReextractResult
from reader.archive_service import ArchiveService
from reader.importing.controller import ImportController, describe_progress
from reader.importing.file_types import import_dialog_filter
from reader.importing.reextract import ReextractController
from reader.importing.report_dialog import (
    ImportReportDialog,
    ReextractReportDialog,
    summarise,
    summarise_reextract,
)
from reader.untrusted_text import tool_tip

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

SUMMARY_MS = 10_000


class ImportPresenter(QObject):
    """Starts imports and re-readings for the window, one at a time, and shows them.

    Args:
        service: The archive.
        window: The main window, whose status bar shows the progress.
    """

    def __init__(self, service: ArchiveService, window: MainWindow) -> None:
        super().__init__(window)
        self._service = service
        self._window = window
        self.report: ImportReportDialog | None = None
        self.reextract_report: ReextractReportDialog | None = None
        self.importer = ImportController(service, self)
        self.importer.started.connect(self._on_import_started)
        self.importer.progressed.connect(self._on_progress)
        self.importer.finished.connect(self._on_import_finished)
        self.importer.failed.connect(self._on_import_failed)
        self.reextractor = ReextractController(service, window)
        self.reextractor.started.connect(self._on_reextract_started)
        self.reextractor.progressed.connect(self._on_progress)
        self.reextractor.finished.connect(self._on_reextract_finished)
        self.reextractor.failed.connect(self._on_reextract_failed)
        window.cancel_button.clicked.connect(self._on_cancel_clicked)

    # -- starting --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether an import or a re-reading of every document is under way."""
        return self.importer.running or self.reextractor.running

    def _refuse_while_running(self) -> bool:
        """Say so and return True when an import or re-reading already runs."""
        if not self.running:
            return False
        work = "An import" if self.importer.running else "Re-reading every document"
        self._window.statusBar().showMessage(
            f"{work} is already running; wait for it or cancel it.", 6000
        )
        return True

    def choose_files(self) -> None:
        """Ask for files to import (every supported type offered) and import them."""
        names, _ = QFileDialog.getOpenFileNames(
            self._window, "Import Press Releases", "", import_dialog_filter()
        )
        if names:
            self.import_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, "Import a Folder of Press Releases")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; one import at a time."""
        if not self._refuse_while_running():
            self.importer.import_paths(paths)

    def reread_all(self) -> None:
        """Ask, then read every document again from its stored original."""
        if not self._refuse_while_running():
            self.reextractor.confirm()

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        """Whether a drag carries local files or folders (the import reports what it skips)."""
        return mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())

    def drop(self, mime: QMimeData) -> bool:
        """Import the local files and folders dropped; False if there were none."""
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if paths:
            self.import_paths(paths)
        return bool(paths)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.importer.cancel()
        self.reextractor.cancel()

    # -- progress --------------------------------------------------------------------------

    @Slot(int)
    def _on_import_started(self, _count: int) -> None:
        self._show_progress("Importing…")

    @Slot()
    def _on_reextract_started(self) -> None:
        self._show_progress("Re-reading…")

    def _show_progress(self, doing: str) -> None:
        window = self._window
        window.progress.setRange(0, 0)
        window.progress.show()
        window.cancel_button.show()
        window.index_label.setText(doing)

    @Slot(object)
    def _on_progress(self, progress: ImportProgress) -> None:
        bar = self._window.progress
        bar.setRange(0, max(1, progress.total))
        bar.setValue(progress.done)
        described = describe_progress(progress)
        bar.setFormat(described)
        bar.setToolTip(tool_tip(progress.current))
        self._window.index_label.setText(described.split(" ", 1)[0] + "…")

    def _hide_progress(self, index_text: str) -> None:
        window = self._window
        window.progress.hide()
        window.cancel_button.hide()
        window.index_label.setText(index_text)

    # -- outcomes --------------------------------------------------------------------------

    @Slot(object, bool)
    def _on_import_finished(self, results: list[ImportResult], cancelled: bool) -> None:
        self._hide_progress("Index up to date")
        if self.importer.sample_import and not results:
            return  # the sample archive was imported on an earlier start
        self._window.statusBar().showMessage(summarise(results, cancelled), SUMMARY_MS)
        if any(r.status in (ImportStatus.SKIPPED, ImportStatus.FAILED) for r in results):
            if self.report is not None:
                self.report.close()
            self.report = ImportReportDialog(results, cancelled, self._window)
            self.report.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.report.finished.connect(self._on_report_closed)
            self.report.open()
        self._window.show_changed_documents()

    @Slot()
    def _on_report_closed(self) -> None:
        self.report = None

    @Slot(object, bool)
    def _on_reextract_finished(self, results: list[ReextractResult], cancelled: bool) -> None:
        self._hide_progress("Index up to date")
        self._window.statusBar().showMessage(summarise_reextract(results, cancelled), SUMMARY_MS)
        if self.reextract_report is not None:
            self.reextract_report.close()
        titles = {summary.id: summary.title for summary in self._service.reads.list_documents()}
        self.reextract_report = ReextractReportDialog(results, cancelled, titles, self._window)
        self.reextract_report.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reextract_report.finished.connect(self._on_reextract_report_closed)
        self.reextract_report.open()
        self._window.show_changed_documents()

    @Slot()
    def _on_reextract_report_closed(self) -> None:
        self.reextract_report = None

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self._hide_progress("")
        self._window.warn("Import failed", message)

    @Slot(str)
    def _on_reextract_failed(self, message: str) -> None:
        self._hide_progress("")
        self._window.warn("Re-reading failed", message)
