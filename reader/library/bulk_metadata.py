"""Correcting several documents at once: the same date or year, or source, for each.

Each document gets the correction as its own override, as the single-document dialog
(``reader/metadata_dialog.py``) stores it: kept on re-import, and forgotten with "Revert
to Imported". The change runs on the write thread, as a command on the window's undo
stack: Edit › Undo puts back each document's corrections as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from archive.api import Archive
from archive.models import Document, DocumentSummary
from archive.storage.documents import Overrides
from reader.archive_service import ArchiveService
from reader.metadata_dialog import (
    Corrections,
    DateFormatError,
    correction_buttons,
    parse_user_date,
)

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

log = logging.getLogger("reader.metadata")

STATUS_MS = 6000

Run = Callable[[Callable[[Archive], list[Document]]], None]


class CorrectDocuments(QUndoCommand):
    """Set one correction on several documents (or forget theirs); undo puts back each one's.

    The steps run in order on the write thread, like the annotation commands; the
    corrections each document had are read there, just before the first change.
    """

    def __init__(self, run: Run, document_ids: Sequence[int], changes: Corrections | None) -> None:
        count = len(document_ids)
        what = "Revert" if changes is None else "Correct"
        super().__init__(f"{what} {count} Document{'' if count == 1 else 's'}")
        self._run = run
        self._ids = list(document_ids)
        self._changes = changes  # None: revert to imported
        self._before: dict[int, Overrides] | None = None  # set on the write thread

    def redo(self) -> None:
        self._run(self._apply)

    def undo(self) -> None:
        self._run(self._put_back)

    def _apply(self, archive: Archive) -> list[Document]:
        if self._before is None:
            self._before = archive.corrections_of(self._ids)
        changes = self._changes
        if changes is None:
            return archive.revert_many(self._ids)
        return archive.correct_many(
            self._ids, source=changes.source, date=changes.date, clear_date=changes.clear_date
        )

    def _put_back(self, archive: Archive) -> list[Document]:
        return archive.put_back_corrections(self._ids, self._before or {})


class BulkMetadataDialog(QDialog):
    """Sets the same date (or year) and source on several documents.

    An empty field leaves each document's own value; "Make them undated" clears the date.
    After it is accepted, ``reverted`` says the user asked to forget their corrections of
    these documents; otherwise ``corrections()`` says what to set.
    """

    def __init__(self, documents: Sequence[DocumentSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        count = len(documents)
        self.setWindowTitle(f"Details of {count} Document{'' if count == 1 else 's'}")
        self.resize(520, 0)
        self.document_ids = [document.id for document in documents]
        intro = QLabel(f"Set the same date or source for {_documents(count)}:", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.titles = QListWidget(self)
        self.titles.addItems([document.title for document in documents])  # shown as text
        self.titles.setMaximumHeight(120)
        self.titles.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.titles.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_field = QLineEdit(self)
        self.date_field.setPlaceholderText("Keep each one's date (or YYYY-MM-DD, YYYY-MM, YYYY)")
        self.undated_box = QCheckBox("Make them undated", self)
        self.undated_box.toggled.connect(self._on_undated_toggled)
        self.source_field = QLineEdit(self)
        self.source_field.setPlaceholderText("Keep each one's source")
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow("&Date or year:", self.date_field)
        form.addRow("", self.undated_box)
        form.addRow("&Source:", self.source_field)
        self.buttons = correction_buttons(self, "Forget your corrections of these documents")
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self._on_revert
        )
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.titles)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(
            QLabel("Your corrections are kept when the files are imported or re-read.", self)
        )
        layout.addWidget(self.buttons)
        self.reverted = False
        self._corrections = Corrections()

    def corrections(self) -> Corrections:
        """What to set on every document (valid once the dialog was accepted)."""
        return self._corrections

    @Slot(bool)
    def _on_undated_toggled(self, undated: bool) -> None:
        self.date_field.setEnabled(not undated)

    @Slot()
    def _on_accept(self) -> None:
        source = self.source_field.text().strip() or None
        if self.undated_box.isChecked():
            self._corrections = Corrections(source=source, clear_date=True)
        else:
            try:
                date = parse_user_date(self.date_field.text())
            except DateFormatError as error:
                self._show_error(str(error))
                return
            self._corrections = Corrections(source=source, date=date)
        if self._corrections.empty:
            self._show_error("Type a date or a source to set, or press Cancel.")
            return
        self.accept()

    @Slot()
    def _on_revert(self) -> None:
        self.reverted = True
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class BulkMetadata(QObject):
    """Opens the dialog for the selected documents and stores what it says.

    Args:
        service: The archive.
        window: The main window: its panes and status bar.
    """

    def __init__(self, service: ArchiveService, window: MainWindow) -> None:
        super().__init__(window)
        self._service = service
        self._window = window
        #: The dialog, while it is open.
        self.dialog: BulkMetadataDialog | None = None

    def edit(self, document_ids: Sequence[int]) -> None:
        """Open the dialog for these documents (those still in the archive)."""
        documents = self._service.reads.summaries_of(document_ids)
        if not documents:
            self._window.statusBar().showMessage("Select the documents to correct first.", 4000)
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = BulkMetadataDialog(documents, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_accepted)
        dialog.finished.connect(self._on_closed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_closed(self) -> None:
        self.dialog = None

    @Slot()
    def _on_accepted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, BulkMetadataDialog):
            return
        changes = None if dialog.reverted else dialog.corrections()
        stack = self._window.annotation_controller.undo_stack
        stack.push(CorrectDocuments(self._run, dialog.document_ids, changes))

    def _run(self, operation: Callable[[Archive], list[Document]]) -> None:
        self._service.write(operation, self._on_saved, self._on_failed)

    @Slot(object)
    def _on_saved(self, documents: list[Document]) -> None:
        self._service.documents_changed.emit()
        changed = {document.id for document in documents}
        for pane in self._window.panes:
            if pane.is_open and pane.document_id in changed:
                pane.reload()
        self._window.statusBar().showMessage(
            f"Saved the details of {_documents(len(documents))}.", STATUS_MS
        )

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        log.warning("Correcting several documents failed: %s", error)
        self._window.warn("Document Details", f"The details could not be saved: {error}")


def _documents(count: int) -> str:
    return f"{count} document{'' if count == 1 else 's'}"
