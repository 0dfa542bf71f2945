"""``ImportController``: imports run on the write thread with progress and Cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from archive.api import Archive, YearCount
from archive.models import DocumentSummary, ImportProgress, ImportResult
from reader.archive_service import ArchiveService
from reader.navigator.year_documents import YearDocuments


class ProgressRelay(QObject):
    """Created on the GUI thread; the worker emits, the GUI thread receives (queued)."""

    progressed = Signal(object)


@dataclass(frozen=True)
class _AfterImport:
    """An import's results, and what the window shows of the archive, read right after it."""

    results: list[ImportResult]
    years: list[YearCount]
    documents: dict[int | None, YearDocuments]  # of the years asked for


class ImportController(QObject):
    """Starts imports and reports on them.

    Signals:
        started(int): an import of this many paths started.
        progressed(object): an ``ImportProgress``.
        finished(object, bool): the ``ImportResult`` list, and whether it was cancelled.
        failed(str): the import could not run at all (for example the disk is full).
    """

    started = Signal(int)
    #: ``{year: YearDocuments}`` of the years asked for (:attr:`years_to_reread`), read on the
    #: write thread after the import, emitted just before ``documents_changed``.
    reread = Signal(object)
    progressed = Signal(object)
    finished = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, service: ArchiveService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._cancel = threading.Event()
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self.progressed)
        self._running = False
        self._sample_import = False
        #: Returns the years to read again after an import, with it on the write thread
        #: (the navigator's opened years): the GUI thread need not read them itself.
        self.years_to_reread: Callable[[], list[int | None]] = list

    @property
    def running(self) -> bool:
        return self._running

    @property
    def sample_import(self) -> bool:
        """Whether the latest import is the first start's import of the sample archive."""
        return self._sample_import

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Import files and folders (recursively), with progress; Cancel stops it."""
        chosen = list(paths)
        report = self._relay.progressed.emit  # emitted on the write thread, received here
        cancelled = self._cancel.is_set

        def run(archive: Archive) -> list[ImportResult]:
            return archive.import_paths(chosen, report, cancelled)

        self._sample_import = False
        self._start(run, len(chosen))

    def import_sample_if_empty(self) -> None:
        """On an archive's first start, import the bundled sample archive."""
        self._sample_import = True
        self._start(Archive.import_sample_if_empty, 1)

    def _start(self, operation: Callable[[Archive], list[ImportResult]], count: int) -> None:
        self._cancel.clear()
        self._running = True
        self.started.emit(count)
        years = self.years_to_reread()

        def run(archive: Archive) -> _AfterImport:
            results = operation(archive)
            documents = {year: YearDocuments.of(_documents_of(archive, year)) for year in years}
            return _AfterImport(results, archive.years(), documents)

        self._service.write(run, self._on_done, self._on_failed)

    @Slot()
    def cancel(self) -> None:
        """Stop after the file being imported; what was imported so far is kept."""
        self._cancel.set()

    @Slot(object)
    def _on_done(self, outcome: _AfterImport) -> None:
        self._running = False
        cancelled = self._cancel.is_set()
        self.reread.emit(outcome.documents)
        with self._service.years_read_with_the_change(outcome.years):
            self._service.documents_changed.emit()
        self.finished.emit(outcome.results, cancelled)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        self._service.documents_changed.emit()
        self.failed.emit(str(error))


def _documents_of(archive: Archive, year: int | None) -> list[DocumentSummary]:
    if year is None:
        return archive.list_documents(undated=True)
    return archive.list_documents(year)


_VERBS = {"indexing": "Indexing", "re-reading": "Re-reading"}


def describe_progress(progress: ImportProgress) -> str:
    """For example "Importing 3 of 12", "Re-reading 3 of 12" or "Indexing 12 of 12"."""
    verb = _VERBS.get(progress.phase, "Importing")
    return f"{verb} {progress.done} of {progress.total}"
