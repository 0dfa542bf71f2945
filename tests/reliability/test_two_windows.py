"""Two windows on one data directory: the second brings the first forward and exits."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot

from archive.window_lock import WindowLock
from reader.settings import Settings
from reader.single_instance import SingleInstance, server_name
from tests.reader.conftest import OFFSCREEN_RAISE, OFFSCREEN_SIZE_HINTS, open_window

pytestmark = pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE))

HANG_GUARD_S = 120  # only a second window that never exits trips it


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def claimed(data_dir: Path) -> SingleInstance:
    instance = SingleInstance(data_dir)
    assert instance.claim()
    return instance


def test_a_second_window_brings_the_first_to_the_front_and_exits(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, data_dir, Settings.in_file(tmp_path / "settings.ini"))
    instance = claimed(data_dir)
    instance.bring_forward_on_request(window)
    window.showMinimized()

    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    second = subprocess.Popen(
        [sys.executable, "-m", "reader.launcher", "--data-dir", str(data_dir)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with qtbot.waitSignal(instance.raise_requested, timeout=HANG_GUARD_S * 1000):
            pass
        _out, err = second.communicate(timeout=HANG_GUARD_S)
    finally:
        if second.poll() is None:
            second.kill()
            second.communicate()
        instance.release()
    assert second.returncode == 0, err
    assert "Traceback" not in err
    assert not window.isMinimized()


def test_a_second_claim_is_refused_and_its_request_reaches_the_first(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = claimed(data_dir)
    second = SingleInstance(data_dir)
    try:
        assert not second.claim()
        with qtbot.waitSignal(first.raise_requested, timeout=HANG_GUARD_S * 1000):
            assert second.ask_running_window_to_raise()
    finally:
        first.release()
    # Once the first window has closed, the next one opens.
    assert second.claim()
    second.release()


def test_a_socket_left_behind_by_a_crashed_window_is_taken_over(
    qtbot: QtBot, data_dir: Path
) -> None:
    if sys.platform == "win32":
        pytest.skip("named pipes leave nothing behind on Windows")
    stale = Path(QDir.tempPath()) / server_name(data_dir)
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(str(stale))
    leftover.close()  # the file stays, as after a crash; nobody listens
    assert stale.exists()

    first = claimed(data_dir)
    try:
        second = SingleInstance(data_dir)
        assert not second.claim()
        with qtbot.waitSignal(first.raise_requested, timeout=HANG_GUARD_S * 1000):
            assert second.ask_running_window_to_raise()
    finally:
        first.release()


def test_the_lock_of_a_killed_window_is_never_stale(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from archive.window_lock import WindowLock;"
            "lock = WindowLock(Path(sys.argv[1])); assert lock.acquire();"
            "print('held', flush=True); sys.stdin.read()",
            str(data_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    assert not WindowLock(data_dir).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=HANG_GUARD_S)
    lock = WindowLock(data_dir)
    assert lock.acquire()
    lock.release()
