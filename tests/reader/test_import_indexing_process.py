"""A large import from the window is indexed in a child process, with the same progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from archive import index_keeper
from archive.index_process import CHILD_PROCESS_MIN_DOCUMENTS, IndexJob, run_in_child_process
from archive.models import ImportProgress
from reader.mainwindow import MainWindow
from reader.navigator.model import CountRole
from tests.many_documents import COMMON_WORD, write_documents
from tests.reader.conftest import IMPORT_TIMEOUT_MS, TASK_TIMEOUT_MS, type_search, wait_idle

DOCUMENTS = CHILD_PROCESS_MIN_DOCUMENTS + 20

T = TypeVar("T")


def test_a_large_import_is_indexed_in_a_child_process_with_progress_in_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks: list[str] = []

    def in_child(job: IndexJob, progress: Callable[..., None] | None = None) -> int:
        tasks.append(job.task)
        return run_in_child_process(job, progress)

    monkeypatch.setattr(index_keeper, "run_in_child_process", in_child)
    wait_idle(qtbot, window)  # the sample archive's first import and index check
    before = window.service.document_count()
    folder = write_documents(tmp_path / "incoming", DOCUMENTS)
    shown: list[str] = []

    def on_progress(progress: ImportProgress) -> None:
        if progress.phase == "indexing":
            shown.append(window.progress.format())

    window.importer.progressed.connect(on_progress)
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([folder])
    assert tasks == ["sync"]
    assert shown[0] == f"Indexing 100 of {DOCUMENTS}"
    assert shown[-1] == f"Indexing {DOCUMENTS} of {DOCUMENTS}"
    assert window.service.document_count() == before + DOCUMENTS
    wait_idle(qtbot, window)
    assert type_search(qtbot, window, COMMON_WORD).total == DOCUMENTS
    qtbot.waitUntil(
        lambda: window.index_label.text() == "Index up to date", timeout=TASK_TIMEOUT_MS
    )


def test_after_an_import_the_opened_years_are_read_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_idle(qtbot, window)
    folder = write_documents(tmp_path / "incoming", 6, first_year=2030, years=1)
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([folder])
    wait_idle(qtbot, window)
    model = window.navigator_model
    window.navigator.expand(model.year_row(2030))
    qtbot.waitUntil(lambda: model.rowCount(model.year_row(2030)) > 0)
    assert 2030 in model.loaded_years()

    read_on_gui_thread: list[int | None] = []
    load_year = model._load_year

    def spy(year: int | None) -> list[object]:
        read_on_gui_thread.append(year)
        return list(load_year(year))

    monkeypatch.setattr(model, "_load_year", spy)
    reads = window.service.reads
    queried: list[str] = []
    for name in ("years", "document_count"):
        monkeypatch.setattr(reads, name, _recording(queried, name, getattr(reads, name)))
    more = write_documents(tmp_path / "more", 4, first_year=2030, years=1)
    for path in more.iterdir():  # other files than the first import's
        path.write_text(path.read_text(encoding="utf-8") + "\nA later release.\n", "utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([more])
    wait_idle(qtbot, window)

    year = model.year_row(2030)
    assert window.navigator.isExpanded(year)
    shown = sum(model.rowCount(model.index(row, 0, year)) for row in range(model.rowCount(year)))
    assert shown == 10
    assert 2030 not in read_on_gui_thread
    # The years' counts were read with the import, on the write thread, too.
    assert queried == []
    assert model.data(year, CountRole) == 10
    assert window.status_label.text().startswith(f"{window.service.reads.document_count()} ")


def _recording(calls: list[str], name: str, method: Callable[[], T]) -> Callable[[], T]:
    def record() -> T:
        calls.append(name)
        return method()

    return record
