"""A full disk or a read-only data directory: a plain message, and the archive as it was."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archive.api import DATABASE_NAME, Archive
from archive.search.index import SearchIndex
from archive.storage import DiskFullError, ReadOnlyArchiveError
from reader.settings import Settings
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    OFFSCREEN_RAISE,
    OFFSCREEN_SIZE_HINTS,
    open_window,
)
from tests.reliability.conftest import run

_real_connect = sqlite3.connect


@pytest.fixture
def new_files(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir()
    for number in range(3):
        paragraph = f"Baku, 3 March 2021. Release {number} on the quokka railway. " * 400
        (folder / f"release-{number}.txt").write_text(paragraph, encoding="utf-8")
    return folder


def contents(data_dir: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Integrity check result and every stored document, straight from SQLite."""
    connection = _real_connect(data_dir / DATABASE_NAME)
    try:
        check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        documents = connection.execute("SELECT id, path, content_hash FROM documents").fetchall()
    finally:
        connection.close()
    return check, sorted(documents)


def full_disk_connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
    """A connection on which the database cannot grow by one page: SQLite's own SQLITE_FULL."""
    connection = _real_connect(database, *args, **kwargs)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
    return connection


def read_only_connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
    """A connection that SQLite opens read-only, as it does on a read-only file or folder."""
    kwargs.pop("uri", None)
    return _real_connect(f"{Path(database).resolve().as_uri()}?mode=ro", *args, uri=True, **kwargs)


@pytest.fixture
def read_only_folder(data_dir: Path) -> Iterator[Path]:
    """``data_dir`` and its files made read-only with chmod (restored afterwards)."""
    paths = [data_dir, *data_dir.rglob("*")]
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in paths}
    for path in sorted(paths, key=lambda p: len(p.parts), reverse=True):
        path.chmod(modes[path] & ~0o222)
    try:
        probe = data_dir / "probe"
        try:
            probe.write_text("x", encoding="utf-8")
        except PermissionError:
            yield data_dir
        else:
            probe.unlink()
            pytest.skip("running as root: chmod does not stop writes (see the simulated test)")
    finally:
        for path in paths:
            path.chmod(modes[path])


def test_a_full_disk_is_reported_plainly_and_changes_nothing(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = contents(data_dir)
    monkeypatch.setattr("archive.storage.database.sqlite3.connect", full_disk_connect)

    status, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(new_files))

    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: The disk is full: the change could not be saved in "
        f"{data_dir}. Nothing was changed. Free some space on that disk and try again.\n"
    )
    assert contents(data_dir) == before
    assert before[0] == ["ok"]


def test_a_full_disk_during_indexing_is_reported_plainly(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def no_space(self: SearchIndex, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SearchIndex, "update", no_space)
    status, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(new_files))
    assert status == 1
    assert out == ""
    assert err.startswith("archive-reader: error: The disk is full: ")
    # What SQLite committed stays, queued for indexing: the next import finishes the job.
    assert contents(data_dir)[0] == ["ok"]
    monkeypatch.undo()
    assert run(capsys, "--data-dir", str(data_dir), "import", str(new_files))[0] == 0
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "quokka")
    assert status == 0 and out.startswith("3 matches")


def test_the_core_raises_a_disk_full_error_and_rolls_back(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = contents(data_dir)
    monkeypatch.setattr("archive.storage.database.sqlite3.connect", full_disk_connect)
    with Archive(data_dir) as archive, pytest.raises(DiskFullError):
        archive.import_paths([new_files])
    assert contents(data_dir) == before


def test_a_read_only_archive_is_reported_plainly_and_changes_nothing(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = contents(data_dir)
    monkeypatch.setattr("archive.storage.database.sqlite3.connect", read_only_connect)

    status, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(new_files))

    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: The archive folder {data_dir} is read-only: Archive Reader "
        "cannot save anything there. Nothing was changed. Make the folder writable, or use "
        "another data directory (--data-dir).\n"
    )
    assert contents(data_dir) == before


def test_the_core_raises_a_read_only_error(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("archive.storage.database.sqlite3.connect", read_only_connect)
    with Archive(data_dir) as archive, pytest.raises(ReadOnlyArchiveError):
        archive.import_paths([new_files])


def test_a_data_directory_made_read_only_with_chmod(
    read_only_folder: Path, new_files: Path, capsys
) -> None:
    before = contents(read_only_folder)
    status, out, err = run(capsys, "--data-dir", str(read_only_folder), "import", str(new_files))
    assert status == 1
    assert out == ""
    assert "is read-only" in err
    assert "Traceback" not in err
    os.chmod(read_only_folder, 0o755)
    assert contents(read_only_folder) == before


@pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE))
@pytest.mark.parametrize(
    "fault",
    [
        (full_disk_connect, "The disk is full: the change could not be saved in {data}."),
        (read_only_connect, "The archive folder {data} is read-only: Archive Reader cannot"),
    ],
    ids=["full disk", "read-only"],
)
def test_an_import_in_the_window_that_cannot_write_says_why(
    qtbot: QtBot,
    data_dir: Path,
    new_files: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: tuple[Callable[..., sqlite3.Connection], str],
) -> None:
    connect, expected = fault
    before = contents(data_dir)
    monkeypatch.setattr("archive.storage.database.sqlite3.connect", connect)
    window = open_window(qtbot, data_dir, Settings.in_file(data_dir.parent / "settings.ini"))

    with qtbot.waitSignal(window.importer.failed, timeout=IMPORT_TIMEOUT_MS) as failure:
        window.importer.import_paths([new_files])

    message = failure.args[0]
    assert message.startswith(expected.format(data=data_dir))
    assert "Nothing was changed." in message
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)))
    (box,) = window.findChildren(QMessageBox)
    assert (box.windowTitle(), box.text()) == ("Import failed", message)
    box.close()
    monkeypatch.undo()
    assert contents(data_dir) == before
