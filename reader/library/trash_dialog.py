"""File › Removed Documents…: the trash, to bring documents back or delete them for good.

Removing a document only moves it here (with its annotations); Edit › Undo brings back the
last removal, and this dialog any removed document, even from an earlier session. Emptying
the trash is the one thing that deletes documents, and it asks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.models import DocumentSummary

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


class RemovedDocumentsModel(QAbstractListModel):
    """The removed documents, one row each: title, then date (or year)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[DocumentSummary] = []

    def set_documents(self, documents: Sequence[DocumentSummary]) -> None:
        self.beginResetModel()
        self._documents = list(documents)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._documents)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._documents):
            return None
        document = self._documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = document.date or (str(document.year) if document.year else "undated")
            return f"{document.title} — {when}"
        if role == DocumentIdRole:
            return document.id
        return None


class TrashDialog(QDialog):
    """Lists the removed documents; Restore brings the selected back, Empty Trash deletes all.

    Signals:
        restore_requested(object): the ids of the documents to bring back.
        empty_requested(): the reader confirmed deleting every removed document for good.
    """

    restore_requested = Signal(object)
    empty_requested = Signal()

    def __init__(self, documents: Sequence[DocumentSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Removed Documents")
        self.resize(560, 360)
        self.model = RemovedDocumentsModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName("Removed documents")
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.empty_button = buttons.addButton(
            "Empty Trash…", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore)
        self.empty_button.clicked.connect(self._on_empty)
        self.list.selectionModel().selectionChanged.connect(self._on_selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        #: The question asked before emptying the trash, while it is open.
        self.confirmation: QMessageBox | None = None
        self.set_documents(documents)

    def set_documents(self, documents: Sequence[DocumentSummary]) -> None:
        self.model.set_documents(documents)
        count = len(documents)
        self.summary.setText(
            "The trash is empty."
            if not count
            else f"{count} removed document{'' if count == 1 else 's'}, kept with their "
            "annotations. Restore brings the selected ones back."
        )
        self.empty_button.setEnabled(count > 0)
        self._on_selection_changed()

    def selected_document_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedRows())
        return [int(self.model.index(row, 0).data(DocumentIdRole)) for row in rows]

    @Slot()
    def _on_selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.list.selectionModel().selectedRows()))

    @Slot()
    def _on_restore(self) -> None:
        ids = self.selected_document_ids()
        if ids:
            self.restore_requested.emit(ids)

    @Slot()
    def _on_empty(self) -> None:
        count = self.model.rowCount()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Empty Trash",
            f"Delete {count} removed document{'' if count == 1 else 's'} for good?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            "Their annotations are deleted with them. This cannot be undone; export your "
            "annotations first if you may want them."
        )
        delete = box.addButton("Delete for Good", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        delete.clicked.connect(self.empty_requested)
        box.finished.connect(self._on_confirmation_closed)
        self.confirmation = box
        box.open()

    @property
    def delete_button(self) -> QPushButton | None:
        """The question's Delete for Good button, while it is open."""
        if self.confirmation is None:
            return None
        for button in self.confirmation.buttons():
            if self.confirmation.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
                return button if isinstance(button, QPushButton) else None
        return None

    @Slot()
    def _on_confirmation_closed(self) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()
