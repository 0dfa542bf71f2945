"""The window on a damaged archive: it says so, offers the latest backup, or quits."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QStatusBar
from pytestqt.qtbot import QtBot

from archive.api import DATABASE_NAME, Archive
from archive.backups import Backup, list_backups
from reader.app import open_main_window
from reader.mainwindow import MainWindow
from reader.recovery.daily_backup import DailyBackup
from reader.recovery.damaged_dialog import DamagedArchiveDialog
from reader.settings import Settings
from tests.reader.conftest import (
    OFFSCREEN_RAISE,
    OFFSCREEN_SIZE_HINTS,
    TASK_TIMEOUT_MS,
    close_window,
    wait_idle,
)
from tests.reliability.test_corruption import DAMAGES

pytestmark = pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE))


@pytest.fixture
def data_dir(sixty_documents: Path) -> Path:
    return sixty_documents


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.in_file(tmp_path / "settings.ini")


def answer_dialog(choose: Callable[[DamagedArchiveDialog], object], seen: list[str]) -> None:
    """Once the dialog is up (it runs its own event loop), note its text and click."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, DamagedArchiveDialog)
    seen.extend([dialog.text(), dialog.informativeText(), *(b.text() for b in dialog.buttons())])
    choose(dialog)


def open_with_answer(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    choose: Callable[[DamagedArchiveDialog], object],
) -> tuple[MainWindow | None, list[str]]:
    seen: list[str] = []
    QTimer.singleShot(0, partial(answer_dialog, choose, seen))
    window = open_main_window(data_dir, settings)
    if window is not None:
        qtbot.add_widget(window, before_close_func=partial(close_window, qtbot))
        window.show()
        wait_idle(qtbot, window)
    return window, seen


def click_restore(dialog: DamagedArchiveDialog) -> None:
    assert dialog.restore_button is not None
    dialog.restore_button.click()


def click_quit(dialog: DamagedArchiveDialog) -> None:
    dialog.quit_button.click()


def backed_up(data_dir: Path) -> Backup:
    with Archive(data_dir) as archive:
        return archive.backup_now()


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_the_window_offers_the_latest_backup_and_restores_it(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    damage: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []  # the index rebuild's message soon follows the restore's
    show_message = QStatusBar.showMessage

    def remember(bar: QStatusBar, message: str, timeout: int = 0) -> None:
        shown.append(message)
        show_message(bar, message, timeout)

    monkeypatch.setattr(QStatusBar, "showMessage", remember)
    backup = backed_up(data_dir)
    database = data_dir / DATABASE_NAME
    damage(database)
    damaged_bytes = database.read_bytes()

    window, seen = open_with_answer(qtbot, data_dir, settings, click_restore)

    assert seen == [
        "The archive database is damaged, and Archive Reader cannot open it.",
        f"The latest backup is from {backup.description}; what was added or changed after "
        "that will be missing. The damaged file is kept beside it, renamed, never deleted: "
        f"{database}.damaged-<date>.",
        f"Restore the backup of {backup.description}",
        "Quit",
    ]
    assert window is not None
    assert window.service.document_count() == 60
    (aside,) = data_dir.glob(f"{DATABASE_NAME}.damaged-*")
    assert aside.read_bytes() == damaged_bytes
    assert shown[0] == f"Restored the backup; the damaged file is kept as {aside}."


def test_quit_leaves_the_damaged_file_as_it_is(
    qtbot: QtBot, data_dir: Path, settings: Settings
) -> None:
    backed_up(data_dir)
    database = data_dir / DATABASE_NAME
    DAMAGES["truncated"](database)
    damaged_bytes = database.read_bytes()

    window, seen = open_with_answer(qtbot, data_dir, settings, click_quit)

    assert window is None
    assert seen[-1] == "Quit"
    assert database.read_bytes() == damaged_bytes
    assert list(data_dir.glob(f"{DATABASE_NAME}.*")) == []


def test_without_a_backup_only_quit_is_offered(
    qtbot: QtBot, data_dir: Path, settings: Settings
) -> None:
    database = data_dir / DATABASE_NAME
    DAMAGES["not sqlite"](database)
    window, seen = open_with_answer(qtbot, data_dir, settings, click_quit)
    assert window is None
    assert seen == [
        "The archive database is damaged, and Archive Reader cannot open it.",
        f"There is no backup to restore. The damaged file, {database}, has been left as it is.",
        "Quit",
    ]


def test_the_window_makes_the_days_backup_in_the_background(
    qtbot: QtBot, data_dir: Path, settings: Settings
) -> None:
    assert list_backups(data_dir) == []
    window = open_main_window(data_dir, settings)
    assert window is not None
    qtbot.add_widget(window, before_close_func=partial(close_window, qtbot))
    daily = window.findChild(DailyBackup)
    assert isinstance(daily, DailyBackup)
    with qtbot.waitSignal(daily.backed_up, timeout=TASK_TIMEOUT_MS) as made:
        window.show()
    backup = made.args[0]
    assert list_backups(data_dir) == [backup]
    wait_idle(qtbot, window)
    # Due once a day: asking again makes none.
    daily.back_up_if_due()
    wait_idle(qtbot, window)
    assert list_backups(data_dir) == [backup]
