"""``ReextractController``: re-reads every document on the write thread, once confirmed."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from archive.api import Archive
from archive.models import ReextractResult
from reader.archive_service import ArchiveService
from reader.importing.controller import ProgressRelay

CONFIRM_TITLE = "Re-read All Documents"
CONFIRM_TEXT = "Read every document again from its original file, as it was imported?"
CONFIRM_DETAILS = (
    "This version of Archive Reader may read titles, dates, sources, languages and text "
    "better than the one that imported them. What it reads now replaces what was read "
    "before. Titles, dates and sources you corrected by hand are kept, and annotations "
    "follow their passages. A document that cannot be read any more is left as it is."
)


class ReextractController(QObject):
    """Asks, then re-reads every document's stored bytes (``Archive.reextract``).

    Signals:
        started(): the re-reading started.
        progressed(object): an ``ImportProgress`` (phase ``"re-reading"``, then
            ``"indexing"``).
        finished(object, bool): the ``ReextractResult`` list, and whether it was cancelled.
        failed(str): it could not run at all (for example the disk is full).
    """

    started = Signal()
    progressed = Signal(object)
    finished = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, service: ArchiveService, parent: QWidget) -> None:
        super().__init__(parent)
        self._service = service
        self._parent = parent
        self._cancel = threading.Event()
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self.progressed)
        self._running = False
        #: The question asked before starting, while it is open.
        self.confirmation: QMessageBox | None = None

    @property
    def running(self) -> bool:
        return self._running

    def confirm(self) -> None:
        """Ask whether to re-read everything; starts when the user says so."""
        if self.confirmation is not None:
            self.confirmation.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            CONFIRM_TITLE,
            CONFIRM_TEXT,
            QMessageBox.StandardButton.Cancel,
            self._parent,
        )
        box.setInformativeText(CONFIRM_DETAILS)
        start = box.addButton("Re-read", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(start)
        start.clicked.connect(self.start)
        box.finished.connect(self._on_confirmation_closed)
        self.confirmation = box
        box.open()

    @property
    def start_button(self) -> QPushButton | None:
        """The question's button that starts the re-reading, while it is open."""
        if self.confirmation is None:
            return None
        button = self.confirmation.defaultButton()
        return button if isinstance(button, QPushButton) else None

    @Slot()
    def _on_confirmation_closed(self) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()

    @Slot()
    def start(self) -> None:
        """Re-read every document now, with progress; Cancel stops it between documents."""
        if self._running:
            return
        report = self._relay.progressed.emit  # emitted on the write thread, received here
        cancelled = self._cancel.is_set

        def run(archive: Archive) -> list[ReextractResult]:
            return archive.reextract(report, cancelled)

        self._cancel.clear()
        self._running = True
        self.started.emit()
        self._service.write(run, self._on_done, self._on_failed)

    @Slot()
    def cancel(self) -> None:
        """Stop after the document being read; the ones done so far are kept."""
        self._cancel.set()

    @Slot(object)
    def _on_done(self, results: list[ReextractResult]) -> None:
        self._running = False
        self._service.documents_changed.emit()
        self.finished.emit(results, self._cancel.is_set())

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        self._service.documents_changed.emit()
        self.failed.emit(str(error))
