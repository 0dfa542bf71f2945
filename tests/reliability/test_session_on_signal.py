"""A window ended by SIGTERM or SIGHUP (logout, shutdown) closes cleanly and saves its session."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from archive.api import Archive
from reader import settings as keys
from reader.document.reading_place import ReadingPlace
from reader.session import ArchiveSession, SessionStore
from reader.settings import Settings
from tests.reader.conftest import OFFSCREEN_RAISE, OFFSCREEN_SIZE_HINTS

pytestmark = [
    pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE)),
    pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM to send on Windows"),
]

REPO = Path(__file__).resolve().parents[2]
HANG_GUARD_S = 120  # only a window that never starts or never exits trips it


def user_settings() -> Settings:
    """The settings file the window started by the test uses (under XDG_CONFIG_HOME)."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "archive-reader" / "Archive Reader.conf"
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.mark.parametrize("number", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)])
def test_a_signal_closes_the_window_cleanly_and_saves_the_session(
    qtbot: QtBot, data_dir: Path, number: int
) -> None:
    with Archive(data_dir) as archive:
        (document,) = archive.list_documents(2024)
    # A session as an earlier window left it: the 2024 release, scrolled, zoomed in.
    # Written without the path beside it, which only the window's own saving adds.
    place = ReadingPlace(document.id, 12, 0)
    settings = user_settings()
    settings.set(keys.archive_session(data_dir), ArchiveSession(panes=(place,), zoom=2).to_json())
    settings.sync()

    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    window = subprocess.Popen(
        [sys.executable, "-m", "reader.launcher", "--data-dir", str(data_dir)],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The window opened the document of its session, and saved the session since.
        qtbot.waitUntil(
            lambda: user_settings().get(keys.archive_session_path(data_dir)) != "",
            timeout=HANG_GUARD_S * 1000,
        )
        assert user_settings().get(keys.WINDOW_GEOMETRY).isEmpty()  # not closed yet
        window.send_signal(number)
        _out, err = window.communicate(timeout=HANG_GUARD_S)
    finally:
        if window.poll() is None:
            window.kill()
            window.communicate()
    assert window.returncode == 0, err
    assert "Traceback" not in err
    after = user_settings()
    assert not after.get(keys.WINDOW_GEOMETRY).isEmpty()  # closed as by the user
    session = SessionStore(after, data_dir).load()
    assert session.panes == (place,)
    assert session.zoom == 2
