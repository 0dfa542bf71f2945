"""``run_task``: the one way slow work leaves the GUI thread.

Work runs on a ``QThreadPool``; its result (or exception) comes back to the GUI thread as a
queued signal and is handed to the callbacks there. Worker code never touches widgets. A pool
with one thread serialises the work given to it, which is how the archive (one SQLite
connection, one index writer) is kept to one thread at a time.

The callbacks are connected to the relay's signals, not called by it: when a callback is a
method of a ``QObject`` (a pane, the window) that is deleted before the task reports, Qt
drops the connection and the outcome goes nowhere, instead of into a deleted widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("reader.tasks")

T = TypeVar("T")


class _Relay(QObject):
    """Lives in the GUI thread, a child of the pool; carries one task's outcome back there.

    Signals:
        succeeded(object): the operation's return value.
        failed(object): the exception the operation raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        pool: QThreadPool,
    ) -> None:
        super().__init__(pool)
        self.reported = False
        if on_success is not None:
            self.succeeded.connect(on_success)
        self.failed.connect(on_failure if on_failure is not None else _log_failure)
        # Connected last, so it runs after the callbacks: the relay counts as pending
        # until they have run (and perhaps started more work).
        self.succeeded.connect(self._on_reported)
        self.failed.connect(self._on_reported)

    @Slot()
    def _on_reported(self) -> None:
        self.reported = True
        self.deleteLater()


class _Runnable(QRunnable):
    def __init__(self, operation: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._operation = operation
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._operation()
        except Exception as error:  # handed to on_failure on the GUI thread, never lost
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


def _log_failure(error: BaseException) -> None:
    log.error("A background task failed", exc_info=error)


def run_task(
    operation: Callable[[], T],
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    pool: QThreadPool,
) -> None:
    """Run ``operation`` on ``pool`` and report back on the GUI thread.

    Must be called from the GUI thread. Without ``on_failure`` an exception is logged.
    """
    relay = _Relay(on_success, on_failure, pool)
    pool.start(_Runnable(operation, relay))


def pending_tasks(pool: QThreadPool) -> int:
    """Tasks given to ``pool`` whose outcome has not yet been handed to their callbacks."""
    return sum(1 for relay in pool.findChildren(_Relay) if not relay.reported)


def serial_pool(parent: QObject, name: str) -> QThreadPool:
    """A pool with one thread: tasks given to it run one after another, in order."""
    pool = QThreadPool(parent)
    pool.setObjectName(name)
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)
    return pool
