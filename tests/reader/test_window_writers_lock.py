"""An open window holds the writers' lock, as the command line's writers do.

So ``archive-reader restore`` cannot move the database aside under a window, even one
whose window lock it does not see (the window lock only tells windows apart): the
restore is refused with a plain message, and goes ahead once the window is closed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from archive.api import DATABASE_NAME, restore_archive
from archive.cli import main
from archive.writer_lock import ArchiveBusyError
from reader.settings import Settings
from tests.reader.conftest import close_window, open_window


def test_restore_is_refused_while_a_window_is_open_and_goes_ahead_once_closed(
    qtbot: QtBot, data_dir: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    window = open_window(qtbot, data_dir, settings)
    backup = window.service.reads.backup_now()
    database = data_dir / DATABASE_NAME
    before = database.stat().st_ino

    status = main(["--data-dir", str(data_dir), "restore", str(backup.path)])
    _, err = capsys.readouterr()
    with pytest.raises(ArchiveBusyError):
        restore_archive(data_dir, backup.path)

    assert status == 1
    assert err.startswith("archive-reader: error: Another program is writing to this archive")
    assert "Nothing was changed" in err
    assert database.stat().st_ino == before
    assert list(data_dir.glob(f"{DATABASE_NAME}.*-*")) == []
    assert window.service.reads.document_count() == 5

    close_window(qtbot, window)
    assert restore_archive(data_dir, backup.path).moved_aside is not None
