"""File › Print… and File › Export as PDF… of the document in the active pane.

What is printed is ``printable_document``: the page in light colours with its highlights
and numbered notes. The print dialog and the save dialog are methods of their own
(``ask_printer``, ``ask_pdf_path``) so that a test can answer them. A PDF is written to a
temporary file in the target folder and renamed over the target when complete.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from archive.models import Document
from reader.annotations.controller import AnnotationController
from reader.archive_service import ArchiveService
from reader.document.pane_pair import PanePair
from reader.exporting.printable import printable_document

log = logging.getLogger("reader.exporting")

STATUS_MS = 8000
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
MAX_NAME = 80


def pdf_name(document: Document) -> str:
    """A file name for a document's PDF: its title, without characters file systems refuse."""
    name = " ".join(_UNSAFE_IN_NAME.sub(" ", document.title).split())[:MAX_NAME].strip(" .")
    return f"{name or 'document'}.pdf"


class DocumentPrinter(QObject):
    """Prints the active pane's document, or saves it as a PDF."""

    def __init__(
        self,
        service: ArchiveService,
        panes: PanePair,
        annotations: AnnotationController,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._service = service
        self._panes = panes
        self._annotations = annotations
        self._window = window
        self._last_folder = Path.home()

    def _document(self) -> Document | None:
        pane = self._panes.active_pane
        if not pane.is_open or pane.document is None:
            self._window.statusBar().showMessage("Open a document first.", STATUS_MS)
            return None
        return pane.document

    def _print_to(self, printer: QPrinter, document: Document) -> None:
        pane = self._panes.active_pane
        annotations = self._service.reads.annotations(document.id)
        page = printable_document(
            document, annotations, self._annotations.text_map(pane), parent=self
        )
        try:
            printer.setDocName(document.title)
            page.print_(printer)
        finally:
            page.deleteLater()

    # -- print -----------------------------------------------------------------------------

    @Slot()
    def print_document(self) -> None:
        """Ask for a printer and its settings, then print the document with its notes."""
        document = self._document()
        if document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self.ask_printer(printer):
            return
        self._print_to(printer, document)
        self._window.statusBar().showMessage(f"Printed “{document.title}”.", STATUS_MS)

    def ask_printer(self, printer: QPrinter) -> bool:
        """Show the print dialog for ``printer``; whether the user chose to print."""
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle("Print Document")
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- PDF -------------------------------------------------------------------------------

    @Slot()
    def export_pdf(self) -> None:
        """Ask where to save, then write the document with its notes as a PDF there."""
        document = self._document()
        if document is None:
            return
        name = self.ask_pdf_path(str(self._last_folder / pdf_name(document)))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._last_folder = path.parent
        try:
            self.write_pdf(document, path)
        except OSError as error:
            self._warn(f"The PDF could not be saved to {path}: {error.strerror or error}.")
            return
        self._window.statusBar().showMessage(
            f"Saved “{document.title}” as PDF to {path}", STATUS_MS
        )

    def ask_pdf_path(self, suggested: str) -> str:
        """The file chosen in a save dialog ("" when cancelled)."""
        name, _ = QFileDialog.getSaveFileName(
            self._window, "Export as PDF", suggested, "PDF documents (*.pdf)"
        )
        return name

    def write_pdf(self, document: Document, path: Path) -> None:
        """Write the document as a PDF to ``path`` through a temporary file.

        Raises:
            OSError: The folder cannot be written to, or the PDF came out empty.
        """
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        os.close(descriptor)
        try:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(temporary)
            self._print_to(printer, document)
            if os.path.getsize(temporary) == 0:
                raise OSError(0, "nothing was written", str(path))
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def _warn(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Export as PDF",
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a file
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
