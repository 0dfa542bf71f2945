"""Automatic and manual backups: checked copies, the newest five kept, restore by hand."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, INDEX_FOLDER, Archive
from archive.backups import (
    KEEP_BACKUPS,
    BackupError,
    backup_is_due,
    list_backups,
    make_backup,
)
from tests.reliability.conftest import run

REPO = Path(__file__).resolve().parents[2]


def titles(data_dir: Path) -> list[str]:
    with Archive(data_dir) as archive:
        return [summary.title for summary in archive.list_documents()]


def test_a_backup_is_a_checked_self_contained_copy(data_dir: Path) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    assert backup.path.parent == data_dir / "backups"
    assert backup.path.name.startswith("archive-") and backup.path.suffix == ".sqlite3"
    # One file, no write-ahead log: it can be copied or mailed as it is.
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.path.name]
    copy = sqlite3.connect(backup.path)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    copy.close()
    # The search index is never part of a backup.
    assert not (data_dir / "backups" / INDEX_FOLDER).exists()


def test_a_copy_that_fails_its_check_never_counts(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaging_copy(source: sqlite3.Connection, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)

    monkeypatch.setattr("archive.backups._copy", damaging_copy)
    with Archive(data_dir) as archive, pytest.raises(BackupError, match="damaged"):
        archive.backup_now()
    assert list((data_dir / "backups").iterdir()) == []


def test_a_copy_left_half_made_by_a_killed_backup_never_counts(data_dir: Path) -> None:
    folder = data_dir / "backups"
    folder.mkdir()
    partial = folder / ".archive-20260101-090000.sqlite3.partial"
    partial.write_bytes(b"SQLite format 3\x00 half a copy")
    assert list_backups(data_dir) == []
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    assert sorted(folder.iterdir()) == [backup.path]


def test_the_newest_five_backups_are_kept(data_dir: Path) -> None:
    start = datetime(2026, 1, 1, 9, 0, 0)
    with Archive(data_dir) as archive:
        connection = archive._db.connection
        for day in range(KEEP_BACKUPS + 3):
            make_backup(connection, data_dir, now=start + timedelta(days=day))
    kept = list_backups(data_dir)
    assert len(kept) == KEEP_BACKUPS
    assert [b.created.day for b in kept] == [8, 7, 6, 5, 4]


def test_a_backup_is_made_when_the_newest_is_older_than_a_day(data_dir: Path) -> None:
    with Archive(data_dir) as archive:
        first = archive.backup_if_due()
        assert first is not None
        assert archive.backup_if_due() is None  # the day's backup exists
    assert not backup_is_due(data_dir, now=first.created + timedelta(hours=23))
    assert backup_is_due(data_dir, now=first.created + timedelta(days=1, seconds=1))


def test_a_writing_command_makes_the_days_backup_and_a_read_does_not(
    data_dir: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--data-dir", str(data_dir), "list")[0] == 0
    assert list_backups(data_dir) == []
    assert run(capsys, "--data-dir", str(data_dir), "import", str(seeds_dir))[0] == 0
    assert len(list_backups(data_dir)) == 1


def test_backup_command_prints_the_path(data_dir: Path, capsys) -> None:
    status, out, err = run(capsys, "--data-dir", str(data_dir), "backup")
    assert status == 0, err
    (backup,) = list_backups(data_dir)
    assert out == f"Backed up the archive to {backup.path}\n"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "backup", "--json")
    assert status == 0
    shown = json.loads(out)
    assert set(shown) == {"path", "created"}
    assert Path(shown["path"]) == list_backups(data_dir)[0].path


def test_restore_installs_the_backup_keeps_the_old_database_and_rebuilds_the_index(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    extra = tmp_path / "extra.txt"
    extra.write_text("Baku, 3 March 2021. A release after the backup.\n", encoding="utf-8")
    assert run(capsys, "--data-dir", str(data_dir), "import", str(extra))[0] == 0
    assert len(titles(data_dir)) == 6

    status, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))

    assert status == 0, err
    assert err == ""
    (aside,) = data_dir.glob(f"{DATABASE_NAME}.replaced-*")
    assert out.splitlines() == [
        f"Restored the archive from {backup.path}.",
        f"The database it replaced is kept as {aside}.",
        "The search index will be rebuilt the next time the archive is opened.",
    ]
    assert not (data_dir / INDEX_FOLDER).exists()
    assert len(titles(data_dir)) == 5
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "Azerbaijan", "--json")
    assert status == 0 and json.loads(out)["total"] > 0
    # The replaced database is whole on its own (its write-ahead log was folded in).
    kept = sqlite3.connect(aside)
    assert kept.execute("SELECT count(*) FROM documents").fetchone()[0] == 6
    kept.close()


def test_restore_refuses_a_file_that_is_not_an_archive_and_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    before = (data_dir / DATABASE_NAME).read_bytes()
    for bad in (tmp_path / "notes.txt", tmp_path / "other.sqlite3", tmp_path / "missing"):
        if bad.suffix == ".txt":
            bad.write_text("not a database at all " * 100, encoding="utf-8")
        elif bad.suffix == ".sqlite3":
            other = sqlite3.connect(bad)
            other.execute("CREATE TABLE t (x)")
            other.close()
        status, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(bad))
        assert status == 1
        assert out == ""
        assert err.startswith("archive-reader: error: ")
        assert "Traceback" not in err
    assert "not an Archive Reader archive" in err or "not a file" in err
    assert (data_dir / DATABASE_NAME).read_bytes() == before
    assert list(data_dir.glob(f"{DATABASE_NAME}.*-*")) == []


def test_restore_refuses_a_backup_from_a_newer_version(data_dir: Path, capsys) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    newer = sqlite3.connect(backup.path)
    newer.execute("PRAGMA user_version = 999")
    newer.close()
    status, _, err = run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))
    assert status == 1
    assert err == (
        f"archive-reader: error: {backup.path} was written by a newer version of Archive "
        "Reader; update it first.\n"
    )
    assert list(data_dir.glob(f"{DATABASE_NAME}.*-*")) == []


def test_restore_refuses_while_a_window_holds_the_archive(data_dir: Path, capsys) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
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
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        status, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))
    finally:
        holder.communicate("", timeout=60)
    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: A reader window has the archive in {data_dir} open. "
        "Close it, then try again.\n"
    )
    assert list(data_dir.glob(f"{DATABASE_NAME}.*-*")) == []
    # Once the window is gone, the restore goes ahead.
    assert run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))[0] == 0
