"""File › Export Annotications…: the command line's three formats, written from the window.

The text comes from ``Archive.export_annotations``, as ``annotations export`` makes it, so
a file saved here is byte for byte the command line's; it is made and written on a worker
thread, through a temporary file renamed over the target.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from archive.annotations import EXPORT_FORMATS
from archive.api import Archive
from archive.atomic_write import write_text_atomically
from reader.archive_service import ArchiveService

log = logging.getLogger("reader.exporting")

STATUS_MS = 8000


@dataclass(frozen=True)
class ExportFormat:
    """One file type the exporter writes: the core's format name, its filter and suffixes."""

    name: str
    label: str
    suffixes: tuple[str, ...]

    @property
    def file_filter(self) -> str:
        patterns = " ".join(f"*{suffix}" for suffix in self.suffixes)
        return f"{self.label} ({patterns})"


FORMATS = (
    ExportFormat("markdown", "Markdown", (".md", ".markdown")),
    ExportFormat("jsonld", "JSON-LD", (".jsonld", ".json")),
    ExportFormat("csv", "CSV", (".csv",)),
)
assert {f.name for f in FORMATS} == set(EXPORT_FORMATS)


def format_for(path: Path, chosen_filter: str) -> tuple[ExportFormat, Path]:
    """The format a file is written in, and the path with its suffix.

    A known suffix decides (``notes.csv`` is CSV whatever the filter); otherwise the
    filter chosen does, and its first suffix is added.
    """
    suffix = path.suffix.lower()
    for export_format in FORMATS:
        if suffix in export_format.suffixes:
            return export_format, path
    chosen = next((f for f in FORMATS if f.file_filter == chosen_filter), FORMATS[0])
    return chosen, path.with_name(path.name + chosen.suffixes[0])


@dataclass(frozen=True)
class ExportDone:
    """A file written: where, in which format, and how many annotations it holds."""

    path: Path
    format: ExportFormat
    count: int


class AnnotationExporter(QObject):
    """Asks where to save the annotations, and writes them there in the background.

    Signals:
        exported(object): an ``ExportDone``: the file is written.
        failed(str): the file could not be written; the message is for the user.
    """

    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, service: ArchiveService, window: QMainWindow) -> None:
        super().__init__(window)
        self._service = service
        self._window = window
        self._last_folder = Path.home()

    @Slot()
    def export_all(self) -> None:
        """Ask for a file, then export every annotation of the archive there."""
        self.choose_and_export(None)

    @Slot(object)
    def export_some(self, only: Collection[int] | None) -> None:
        """Ask for a file, then export the annotations with these ids (all for ``None``)."""
        self.choose_and_export(only)

    def choose_and_export(self, only: Collection[int] | None = None) -> None:
        """Ask for a file (its type picks the format), then export there.

        ``only`` exports just the annotations with these ids; ``None`` exports all.
        """
        name, chosen_filter = self.ask_path()
        if not name:
            return
        export_format, path = format_for(Path(name), chosen_filter)
        self._last_folder = path.parent
        self.export(path, export_format, only)

    def ask_path(self) -> tuple[str, str]:
        """The file chosen in a save dialog and its filter ("" when cancelled)."""
        return QFileDialog.getSaveFileName(
            self._window,
            "Export Annotations",
            str(self._last_folder / "annotations.md"),
            ";;".join(f.file_filter for f in FORMATS),
        )

    def export(
        self, path: Path, export_format: ExportFormat, only: Collection[int] | None = None
    ) -> None:
        """Write the annotations (or those in ``only``) to ``path``, off the GUI thread."""
        wanted = None if only is None else frozenset(only)

        def write(archive: Archive) -> ExportDone:
            text = archive.export_annotations(export_format.name, only=wanted)
            count = sum(1 for a in archive.annotations() if wanted is None or a.id in wanted)
            try:
                write_text_atomically(path, text)
            except OSError as error:  # named by the temporary file: name the target
                raise OSError(error.errno, error.strerror or str(error), str(path)) from error
            return ExportDone(path, export_format, count)

        self._service.render(write, self._on_exported, self._on_failed)

    @Slot(object)
    def _on_exported(self, done: ExportDone) -> None:
        plural = "" if done.count == 1 else "s"
        self._window.statusBar().showMessage(
            f"Exported {done.count} annotation{plural} as {done.format.label} to {done.path}",
            STATUS_MS,
        )
        self.exported.emit(done)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            target = error.filename or ""
            message = f"The annotations could not be exported to {target}: {reason}."
        else:
            log.error("Exporting annotations failed", exc_info=error)
            message = f"The annotations could not be exported: {error}"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Export Annotations",
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a file
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.failed.emit(message)
