"""Removing documents in the window: asked first, done on the write thread, undone by Ctrl+Z.

A removed document goes to the archive's trash with its annotations (see
``archive.removal``); Edit › Undo brings it back with them. The removal is a command on the
window's one undo stack (the annotations' own), so Ctrl+Z undoes whichever came last.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QPushButton

from archive.api import Archive
from archive.removal import EmptiedTrash, RemovalResult, RemovalStatus
from reader.archive_service import ArchiveService
from reader.library.trash_dialog import TrashDialog

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

log = logging.getLogger("reader.removal")

CONFIRM_TITLE = "Remove Documents"
STATUS_MS = 8000

Run = Callable[[Callable[[Archive], list[RemovalResult]]], None]


class RemoveDocuments(QUndoCommand):
    """Move documents to the trash; undo brings them back (their annotations with them).

    Like the annotation commands, each step is queued on the write thread, which runs them
    in order: an undo queued before its removal has reported back still finds what it
    removed.
    """

    def __init__(self, run: Run, document_ids: Sequence[int]) -> None:
        count = len(document_ids)
        super().__init__(f"Remove {count} Document{'' if count == 1 else 's'}")
        self._run = run
        self._ids = list(document_ids)
        self._removed: list[int] | None = None  # set on the write thread

    def redo(self) -> None:
        self._run(self._remove)

    def undo(self) -> None:
        self._run(self._restore)

    def _remove(self, archive: Archive) -> list[RemovalResult]:
        results = archive.remove_documents(
            self._removed if self._removed is not None else self._ids
        )
        if self._removed is None:
            self._removed = [r.id for r in results if r.status is RemovalStatus.REMOVED]
        return results

    def _restore(self, archive: Archive) -> list[RemovalResult]:
        return archive.restore_documents(self._removed or [])


def confirmation_text(titles: Sequence[str]) -> str:
    """The question: the document's title for one, how many for several."""
    if len(titles) == 1:
        return f"Remove “{titles[0]}” from the archive?"
    return f"Remove {len(titles)} documents from the archive?"


def confirmation_details(documents: int, annotations: int) -> str:
    """What happens to them and to their annotations."""
    one = documents == 1
    text = (
        f"{'It leaves' if one else 'They leave'} the lists and search; "
        f"Edit › Undo brings {'it' if one else 'them'} back."
    )
    if annotations:
        whose = "Its" if documents == 1 else "Their"
        noun = "annotation is" if annotations == 1 else "annotations are"
        verb = "comes" if annotations == 1 else "come"
        text += f" {whose} {annotations} {noun} kept and {verb} back if you undo."
    return text


class DocumentRemoval(QObject):
    """Asks, removes, and undoes removals of documents for the main window.

    Args:
        service: The archive.
        window: The main window: its undo stack, panes, search and status bar.

    Signals:
        finished(object): a removal or its undo was done; its ``RemovalResult`` list.
    """

    finished = Signal(object)

    def __init__(self, service: ArchiveService, window: MainWindow) -> None:
        super().__init__(window)
        self._service = service
        self._window = window
        #: The question asked before removing, while it is open.
        self.confirmation: QMessageBox | None = None
        #: File › Removed Documents…, while it is open.
        self.trash: TrashDialog | None = None
        self._asked: list[int] = []

    def ask_to_remove(self, document_ids: Sequence[int]) -> None:
        """Ask whether to remove these documents (saying how many annotations they have)."""
        ids = list(dict.fromkeys(document_ids))
        if not ids:
            self._window.statusBar().showMessage("Select the documents to remove first.", 4000)
            return
        if self.confirmation is not None:
            self.confirmation.raise_()
            return
        reads = self._service.reads
        # Quick reads, as the navigator's: one query each, whatever the number of documents.
        titles = [summary.title for summary in reads.summaries_of(ids)]
        counts = reads.annotation_counts(ids)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            CONFIRM_TITLE,
            confirmation_text(titles),
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a title is the document's own text
        box.setInformativeText(confirmation_details(len(ids), sum(counts.values())))
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(remove)
        remove.clicked.connect(self._on_remove_clicked)
        box.finished.connect(self._on_confirmation_closed)
        self._asked = ids
        self.confirmation = box
        box.open()

    @property
    def remove_button(self) -> QPushButton | None:
        """The question's Remove button, while it is open."""
        if self.confirmation is None:
            return None
        button = self.confirmation.defaultButton()
        return button if isinstance(button, QPushButton) else None

    def remove_now(self, document_ids: Sequence[int]) -> None:
        """Remove without asking, as an undoable command."""
        stack = self._window.annotation_controller.undo_stack
        stack.push(RemoveDocuments(self._run, document_ids))

    @Slot()
    def show_trash(self) -> None:
        """Open the list of removed documents, to restore some or empty it."""
        if self.trash is not None:
            self.trash.raise_()
            return
        dialog = TrashDialog(self._service.reads.removed_documents(), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self.restore)
        dialog.empty_requested.connect(self.empty_trash)
        dialog.finished.connect(self._on_trash_closed)
        self.trash = dialog
        dialog.open()

    @Slot(object)
    def restore(self, document_ids: Sequence[int]) -> None:
        """Bring removed documents back with their annotations (not an undoable command)."""
        ids = list(document_ids)

        def restore(archive: Archive) -> list[RemovalResult]:
            return archive.restore_documents(ids)

        self._run(restore)

    @Slot()
    def empty_trash(self) -> None:
        """Delete the removed documents and their annotations for good."""
        self._service.write(Archive.empty_trash, self._on_emptied, self._on_failed)

    @Slot(object)
    def _on_emptied(self, emptied: EmptiedTrash) -> None:
        self._refresh_trash()
        self._window.statusBar().showMessage(
            f"Deleted {_documents(emptied.documents)} and {_annotations(emptied.annotations)}"
            " for good.",
            STATUS_MS,
        )

    @Slot()
    def _on_trash_closed(self) -> None:
        self.trash = None

    def _refresh_trash(self) -> None:
        if self.trash is not None:
            self.trash.set_documents(self._service.reads.removed_documents())

    @Slot()
    def _on_remove_clicked(self) -> None:
        self.remove_now(self._asked)

    @Slot()
    def _on_confirmation_closed(self) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()

    def _run(self, operation: Callable[[Archive], list[RemovalResult]]) -> None:
        self._service.write(operation, self._on_done, self._on_failed)

    @Slot(object)
    def _on_done(self, results: list[RemovalResult]) -> None:
        removed = [r for r in results if r.status is RemovalStatus.REMOVED]
        restored = [r for r in results if r.status is RemovalStatus.RESTORED]
        window = self._window
        gone = {r.id for r in removed}
        for number, pane in enumerate(window.panes):
            if pane.is_open and pane.document_id in gone:
                window.close_pane(number)
        self._service.documents_changed.emit()
        if window.search.query:
            window.search.search_now()
        window.annotation_controller.refresh()
        self._refresh_trash()
        if removed:
            message = f"Removed {_documents(len(removed))}"
            kept = sum(r.annotations for r in removed)
            if kept:
                message += f" ({_annotations(kept)} kept)"
            them = "it" if len(removed) == 1 else "them"
            window.statusBar().showMessage(f"{message}. Edit › Undo brings {them} back.", STATUS_MS)
        elif restored:
            message = f"Brought back {_documents(len(restored))}"
            kept = sum(r.annotations for r in restored)
            if kept:
                message += f" with {_annotations(kept)}"
            window.statusBar().showMessage(message + ".", STATUS_MS)
        self.finished.emit(results)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        log.warning("Removing or restoring documents failed: %s", error)
        self._service.documents_changed.emit()
        self._window.warn(CONFIRM_TITLE, f"The documents could not be changed: {error}")


def _documents(count: int) -> str:
    return f"{count} document{'' if count == 1 else 's'}"


def _annotations(count: int) -> str:
    return f"{count} annotation{'' if count == 1 else 's'}"
