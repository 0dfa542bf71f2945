"""Where the window's memory goes: the real window, driven as the probe drives it, traced.

``python -X tracemalloc=12 -m benchmarks.window_memory DATA_DIR --query Q ...`` opens the
reader offscreen on a copy of an archive (never the user's: give it a data directory made
for the purpose, such as ``python -m benchmarks.ours import DATA FOLDER`` makes), waits until
it is idle, types the queries and opens their first hits (see
:mod:`benchmarks.window_probe`), then prints, for the window once open and after browsing:

- the resident memory (VmRSS, VmHWM) beside what Python's allocator holds (``tracemalloc``):
  the difference is Qt's, SQLite's and other native memory, which ``tracemalloc`` cannot see;
- the Python memory by module, and the largest allocation sites with their callers.

Not part of ``python -m benchmarks`` (tracing makes everything several times slower): run
by hand when the window's memory grows, before and after a change.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from benchmarks.window_probe import FirstPaint, Probe, memory_mb, wait_until
from reader.app import run
from reader.mainwindow import MainWindow

TOP_SITES = 25
TOP_MODULES = 25
_MB = 1024 * 1024


def report(title: str, snapshot: tracemalloc.Snapshot) -> None:
    """Print the resident memory and the traced Python memory, by module and by site."""
    snapshot = snapshot.filter_traces(
        (tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<unknown>"))
    )
    traced = sum(stat.size for stat in snapshot.statistics("filename"))
    print(f"\n== {title}")
    print(
        f"VmRSS {memory_mb('VmRSS'):.0f} MB, VmHWM {memory_mb('VmHWM'):.0f} MB;"
        f" Python (tracemalloc) {traced / _MB:.0f} MB"
    )
    print(f"-- Python memory by module (top {TOP_MODULES})")
    for stat in snapshot.statistics("filename")[:TOP_MODULES]:
        frame = stat.traceback[0]
        print(f"{stat.size / _MB:9.1f} MB {stat.count:9,} blocks  {_short(frame.filename)}")
    print(f"-- largest allocation sites (top {TOP_SITES}), with the calls that led there")
    for stat in snapshot.statistics("traceback")[:TOP_SITES]:
        print(f"{stat.size / _MB:9.1f} MB {stat.count:9,} blocks")
        ours = [frame for frame in stat.traceback if _is_ours(frame.filename)][-4:]
        for frame in ours or list(stat.traceback)[-2:]:
            print(f"      {_short(frame.filename)}:{frame.lineno}")


def _is_ours(filename: str) -> bool:
    return any(f"/{package}/" in filename for package in ("archive", "reader", "whoosh"))


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/wt-i13-bench/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -X tracemalloc=12 -m benchmarks.window_memory")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--query", action="append", default=[])
    args = parser.parse_args(argv)
    if not tracemalloc.is_tracing():
        tracemalloc.start(12)  # the modules loaded so far go untraced
    done: dict[str, bool] = {}

    def painted(window: MainWindow) -> None:
        try:
            probe = Probe(window, args.query, args.data_dir)
            wait_until(probe.idle, timeout_s=600)
            report("the window once open", tracemalloc.take_snapshot())
            probe.type_queries()
            probe.browse()
            report("after typing the queries and opening their hits", tracemalloc.take_snapshot())
            done["ok"] = True
        except Exception:  # the reader's excepthook would open a dialog nobody closes
            traceback.print_exc()
            sys.stdout.flush()
            os._exit(1)
        sys.stdout.flush()
        window.close()

    app = QApplication(sys.argv[:1])
    watcher = FirstPaint(app, painted)
    app.installEventFilter(watcher)
    status = run(args.data_dir)
    return 0 if done and status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
