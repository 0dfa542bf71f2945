"""``run_task``: work off the GUI thread, outcomes back on it, never into a deleted widget."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread, QThreadPool, Slot
from pytestqt.qtbot import QtBot

from archive.api import Archive
from reader.archive_service import ArchiveService
from reader.tasks import pending_tasks, run_task, serial_pool


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.threads: list[QThread] = []

    @Slot(object)
    def on_result(self, result: object) -> None:
        self.threads.append(QThread.currentThread())
        self.results.append(result)

    @Slot(object)
    def on_error(self, error: BaseException) -> None:
        self.errors.append(error)


@pytest.fixture
def pool(qtbot: QtBot) -> Iterator[QThreadPool]:
    owner = QObject()
    pool = serial_pool(owner, "test-pool")
    yield pool
    pool.waitForDone()
    owner.deleteLater()


def test_results_come_back_on_the_gui_thread(qtbot: QtBot, pool: QThreadPool) -> None:
    receiver = Receiver()
    worker_threads: list[QThread] = []

    def work() -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    run_task(work, receiver.on_result, receiver.on_error, pool=pool)
    assert pending_tasks(pool) == 1
    qtbot.waitUntil(lambda: pending_tasks(pool) == 0)
    assert receiver.results == [42]
    assert receiver.threads == [QThread.currentThread()]
    assert worker_threads and worker_threads[0] is not QThread.currentThread()


def test_failures_go_to_on_failure_or_to_the_log(
    qtbot: QtBot, pool: QThreadPool, caplog: pytest.LogCaptureFixture
) -> None:
    receiver = Receiver()

    def fail() -> None:
        raise ValueError("no good")

    run_task(fail, receiver.on_result, receiver.on_error, pool=pool)
    qtbot.waitUntil(lambda: pending_tasks(pool) == 0)
    assert [str(error) for error in receiver.errors] == ["no good"]
    assert receiver.results == []

    with caplog.at_level(logging.ERROR, logger="reader.tasks"):
        run_task(fail, pool=pool)
        qtbot.waitUntil(lambda: pending_tasks(pool) == 0)
    assert "A background task failed" in caplog.text
    assert "no good" in caplog.text


def test_a_receiver_deleted_before_the_task_reports_gets_nothing(
    qtbot: QtBot, pool: QThreadPool
) -> None:
    receiver = Receiver()
    release = threading.Event()

    def slow() -> str:
        release.wait(10)
        return "late"

    run_task(slow, receiver.on_result, receiver.on_error, pool=pool)
    with qtbot.waitSignal(receiver.destroyed):
        receiver.deleteLater()
    release.set()
    qtbot.waitUntil(lambda: pending_tasks(pool) == 0)  # no error from a deleted receiver


def test_tasks_on_a_serial_pool_run_in_order(qtbot: QtBot, pool: QThreadPool) -> None:
    receiver = Receiver()
    for number in range(20):
        run_task(partial(int, number), receiver.on_result, pool=pool)
    qtbot.waitUntil(lambda: pending_tasks(pool) == 0)
    assert receiver.results == list(range(20))


def test_the_service_is_busy_until_work_reports_and_refuses_work_after_shutdown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    service = ArchiveService(tmp_path / "data")
    receiver = Receiver()
    service.write(Archive.import_sample_if_empty, receiver.on_result, receiver.on_error)
    service.search(Archive.document_count, receiver.on_result, receiver.on_error)
    assert service.busy
    qtbot.waitUntil(lambda: not service.busy, timeout=30_000)
    assert receiver.errors == []
    assert len(receiver.results) == 2
    assert service.document_count() == 5
    service.shutdown()
    service.shutdown()  # twice is harmless
    with pytest.raises(RuntimeError, match="shut down"):
        service.render(Archive.document_count)
    service.deleteLater()


def test_each_worker_keeps_one_archive_across_its_tasks(qtbot: QtBot, tmp_path: Path) -> None:
    # An Archive per task would reopen the index (and its caches) for every search, and
    # keep every one of them open until the window closes.
    service = ArchiveService(tmp_path / "data")
    searches, renders, writes = Receiver(), Receiver(), Receiver()
    for _ in range(3):
        service.search(id, searches.on_result, searches.on_error)
        service.render(id, renders.on_result, renders.on_error)
        service.write(id, writes.on_result, writes.on_error)
        qtbot.waitUntil(lambda: not service.busy, timeout=30_000)
    archives = [set(receiver.results) for receiver in (searches, renders, writes)]
    assert [len(seen) for seen in archives] == [1, 1, 1]
    assert len(set.union(*archives)) == 3  # one each: none shares another's
    service.shutdown()
    service.deleteLater()
