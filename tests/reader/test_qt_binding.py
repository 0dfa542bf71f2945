"""The Qt binding itself: checks that guard the version pinned in pyproject.toml."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 500  # three calls each: enough to show, too few to crash a faulty binding


def test_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 dropped a reference to None on every call of a method returning void
    # (setText, setInterval, processEvents...). On Python 3.11, where None is counted like
    # any object, a window crashed with "Fatal Python error: none_dealloc" after some
    # thousands of such calls: a few minutes of scrolling. 6.11.3 keeps the count.
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
        timer.setInterval(5)
        QCoreApplication.processEvents()
    # On Python 3.12+ None is immortal and its count never moves; on 3.11 a correct
    # binding leaves it within a few references of where it was.
    assert sys.getrefcount(None) - before > -CALLS // 10
