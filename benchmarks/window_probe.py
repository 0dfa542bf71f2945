"""Run in the window's own process by the benchmark: how the window feels, in numbers.

``python -m benchmarks.window_probe SPAWNED DATA_DIR IMPORT_FOLDER --query Q ...`` starts the
reader exactly as ``archive-reader`` does (``reader.app.run``) with a watcher installed
first, and once the main window has painted, drives it as a person would:

1. cold start: from ``SPAWNED`` (the parent's clock just before it started this process)
   to the end of the main window's first paint;
2. search-as-you-type: each query typed into the search field a key at a time, 120 ms
   apart; from the last key to the results shown (``MainWindow.search_finished``);
3. browsing: the first hits of each typed query opened, one after another, and the next
   page of its results fetched, as a person reads down the list;
4. an import of a folder of new files through the window's own import (File › Import),
   until it has finished and the window is idle;
5. all along, a 5 ms heartbeat timer on the GUI thread; a stall is the longest gap
   between two beats; and the process's peak memory (VmHWM) at the end.

Prints its figures as one JSON line (see :mod:`benchmarks.measure`) and closes the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from archive.models import ImportResult, SearchResults
from benchmarks.measure import Figures, emit, profiled
from benchmarks.queries import KEY_INTERVAL_MS
from reader.app import run
from reader.mainwindow import MainWindow

HEARTBEAT_MS = 5
SETTLE_MS = 300  # after each step, for late work (a navigator refresh) to count too
BROWSED_HITS = 5  # opened of each typed query's results
STEP_TIMEOUT_S = 120.0


class Heartbeat(QObject):
    """A precise timer on the GUI thread; the longest gap between its beats is the stall."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._on_beat)
        self._last = 0.0
        self.longest_ms = 0.0

    def start(self) -> None:
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stop beating; the longest gap (ms) since :meth:`start`."""
        self._on_beat()
        self._timer.stop()
        return self.longest_ms

    @Slot()
    def _on_beat(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now


class FirstPaint(QObject):
    """Watches every event until the main window's first paint, then calls ``painted``.

    Installed on the application before the window exists; it removes itself at once, so
    only the start pays for it.
    """

    def __init__(self, app: QApplication, painted: Callable[[MainWindow], None]) -> None:
        super().__init__()
        self._app = app
        self._painted = painted
        self._window: MainWindow | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            self._window is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, MainWindow)
        ):
            self._window = watched
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._on_painted)  # after the whole window has painted
        return False

    @Slot()
    def _on_painted(self) -> None:
        assert self._window is not None
        self._painted(self._window)


class Probe(QObject):
    """Drives the painted window through the typing and import steps."""

    def __init__(self, window: MainWindow, queries: Sequence[str], import_folder: Path) -> None:
        super().__init__(window)
        self._window = window
        self._queries = queries
        self._import_folder = import_folder
        self._heartbeat = Heartbeat(self)
        self._shown: list[tuple[float, str]] = []
        self._started: list[float] = []
        self._imported: list[ImportResult] | None = None
        self._results: dict[str, SearchResults] = {}
        self._documents_shown = 0
        window.search_finished.connect(self._on_search_finished)
        window.pane_pair.document_shown.connect(self._on_document_shown)
        window.search.started.connect(self._on_search_started)
        window.importer.finished.connect(self._on_import_finished)

    @Slot(object)
    def _on_search_finished(self, results: SearchResults) -> None:
        self._shown.append((time.perf_counter(), results.query))
        self._results[results.query] = results

    @Slot(object)
    def _on_document_shown(self, _pane: object) -> None:
        self._documents_shown += 1

    @Slot()
    def _on_search_started(self) -> None:
        self._started.append(time.perf_counter())

    @Slot(object, bool)
    def _on_import_finished(self, results: list[ImportResult], _cancelled: bool) -> None:
        self._imported = results

    def _shown_at(self, query: str) -> float | None:
        """When the results of ``query`` were shown, if they were."""
        return next((at for at, shown in self._shown if shown == query.strip()), None)

    def _has_shown(self, query: str) -> bool:
        return self._shown_at(query) is not None

    def idle(self) -> bool:
        return not self._window.service.busy and not self._window.importer.running

    def type_queries(self) -> Figures:
        """Search-as-you-type: per query, last key to results shown; the longest stall."""
        field = self._window.search_field
        to_results: list[float] = []
        searching: list[float] = []
        pausing: list[float] = []
        stalls: list[float] = []
        for query in self._queries:
            field.clear()
            field.setFocus()
            wait_until(self.idle)
            pause(SETTLE_MS)
            self._heartbeat.start()
            last_key = 0.0
            for position, character in enumerate(query):
                if position:
                    pause(KEY_INTERVAL_MS)
                last_key = time.perf_counter()
                QTest.keyClicks(field, character)
            wait_until(partial(self._has_shown, query))
            shown_at = self._shown_at(query) or 0.0
            search_started = max(at for at in self._started if at <= shown_at)
            wait_until(self.idle)
            pause(SETTLE_MS)
            stalls.append(self._heartbeat.stop())
            to_results.append((shown_at - last_key) * 1000)
            searching.append((shown_at - search_started) * 1000)
            pausing.append((search_started - last_key) * 1000)
            self._shown.clear()
            self._started.clear()
        field.clear()
        return {
            "keystroke_to_results_ms": to_results,
            "search_started_to_shown_ms": searching,
            "keystroke_to_search_started_ms": pausing,
            "typing_stall_ms": max(stalls),
        }

    def browse(self) -> Figures:
        """Open the first hits of each typed query, and fetch the next page of its results."""
        started = time.perf_counter()
        opened = 0
        field = self._window.search_field
        for query in self._queries:
            field.setText(query)
            wait_until(lambda: self._has_shown(query) and self.idle())  # noqa: B023
            results = self._results[query.strip()]
            for hit in results.hits[:BROWSED_HITS]:
                shown = self._documents_shown
                self._window.open_document(hit.id)
                wait_until(lambda: self._documents_shown > shown)  # noqa: B023
                opened += 1
            model = self._window.search_panel.model
            if model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            wait_until(self.idle)
            self._shown.clear()
        field.clear()
        wait_until(self.idle)
        return {"browse_s": time.perf_counter() - started, "browsed_documents": opened}

    def import_folder(self) -> Figures:
        """Import a folder through the window, as File › Import Folder does."""
        wait_until(self.idle)
        self._imported = None
        self._heartbeat.start()
        started = time.perf_counter()
        self._window.import_paths([self._import_folder])
        wait_until(lambda: self._imported is not None)
        finished = time.perf_counter()
        wait_until(self.idle)
        pause(SETTLE_MS)
        stall = self._heartbeat.stop()
        results: list[ImportResult] = self._imported or []
        imported = sum(1 for result in results if result.status.value == "imported")
        return {
            "import_stall_ms": stall,
            "import_s": finished - started,
            "import_files": len(results),
            "import_imported": imported,
        }


def wait_until(condition: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> None:
    """Run the event loop until ``condition`` holds."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up waiting after {timeout_s:.0f} s")
        pause(10)


def pause(milliseconds: int) -> None:
    """Run the event loop for ``milliseconds``, as time passing between a person's actions."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def memory_mb(field: str) -> float:
    """A ``/proc/self/status`` memory figure (``VmHWM``: peak resident; ``VmRSS``: now)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.window_probe")
    parser.add_argument("spawned", type=float, help="time.time() just before the spawn")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("import_folder", type=Path)
    parser.add_argument("--query", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    imported_modules = time.time()
    _watchdog(args.timeout)
    figures: Figures = {"modules_loaded_s": imported_modules - args.spawned}

    def painted(window: MainWindow) -> None:
        figures["cold_start_s"] = time.time() - args.spawned
        try:
            probe = Probe(window, args.query, args.import_folder)
            started = time.perf_counter()
            wait_until(probe.idle)
            figures["idle_after_paint_s"] = time.perf_counter() - started
            figures["open_rss_mb"] = memory_mb("VmRSS")
            with profiled("window-typing"):
                figures.update(probe.type_queries())
            figures["typing_peak_rss_mb"] = memory_mb("VmHWM")
            figures.update(probe.browse())
            figures["peak_rss_before_import_mb"] = memory_mb("VmHWM")
            with profiled("window-import"):
                figures.update(probe.import_folder())
            figures["peak_rss_mb"] = memory_mb("VmHWM")
        except Exception:  # the reader's excepthook would open a dialog nobody closes
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        emit(figures)
        window.close()  # the last window: the application quits and run() shuts down

    app = QApplication(sys.argv[:1])
    watcher = FirstPaint(app, painted)
    app.installEventFilter(watcher)
    status = run(args.data_dir)
    return 0 if "cold_start_s" in figures and status == 0 else 1


def _watchdog(seconds: float) -> None:
    """End the process if it hangs (a dialog waiting for a click no one gives)."""

    def expire() -> None:
        print(f"window probe: still running after {seconds:.0f} s; giving up", file=sys.stderr)
        os._exit(3)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


if __name__ == "__main__":
    sys.exit(main())
