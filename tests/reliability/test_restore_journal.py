"""Restore is a journal: a restore killed after any step is completed or rolled back when the
archive is next opened, with a plain message, and the archive is never empty meanwhile.

Each restore runs in another Python that ends itself with ``os._exit`` (no clean-up, no
``finally``, like a kill) right after the step named; then the command line opens the archive.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, INDEX_FOLDER, Archive, restore_archive
from archive.backups import Backup
from tests.reliability.conftest import run

REPO = Path(__file__).resolve().parents[2]

KILLED_RESTORE = """
import os, sys
from pathlib import Path
from archive.api import restore_archive
def kill_at(step):
    if step == sys.argv[3]:
        os._exit(9)
restore_archive(Path(sys.argv[1]), Path(sys.argv[2]), on_step=kill_at)
"""

# Each step of a restore, in order, as ``on_step`` is told them.
BEFORE_ANY_CHANGE = ["journal started", "copied", "checked"]
AFTER_THE_MOVE_BEGAN = [
    "journal moving",
    f"moved {DATABASE_NAME}",
    "installed",
    "journal installed",
    "index removed",
]
STEPS = [*BEFORE_ANY_CHANGE, *AFTER_THE_MOVE_BEGAN, "finished"]


def titles(data_dir: Path) -> list[str]:
    with Archive(data_dir) as archive:
        return sorted(summary.title for summary in archive.list_documents())


def documents_in(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        connection.close()


def leftovers(data_dir: Path) -> list[str]:
    """Files a restore works with that must not outlive it."""
    return sorted(
        path.name
        for path in data_dir.iterdir()
        if path.name.endswith((".restoring", ".restore.json"))
    )


@pytest.fixture
def backup_of_five(data_dir: Path, tmp_path: Path, capsys) -> Backup:
    """A backup of the five seeds; then a sixth document is imported after it."""
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    extra = tmp_path / "extra.txt"
    extra.write_text("Baku, 3 March 2021. A release after the backup.\n", encoding="utf-8")
    assert run(capsys, "--data-dir", str(data_dir), "import", str(extra))[0] == 0
    return backup


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``archive-reader --data-dir DATA ARGS`` in another process: its real stderr."""
    return subprocess.run(  # noqa: PLW1510 -- the exit code is the subject
        [sys.executable, "-m", "archive", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def kill_restore_at(data_dir: Path, backup: Path, step: str) -> None:
    killed = subprocess.run(  # noqa: PLW1510 -- the exit code is the subject
        [sys.executable, "-c", KILLED_RESTORE, str(data_dir), str(backup), step],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == 9, killed.stderr


def test_a_restore_reports_every_step_in_order(data_dir: Path, backup_of_five: Backup) -> None:
    steps: list[str] = []
    restore_archive(data_dir, backup_of_five.path, on_step=steps.append)
    assert steps == STEPS


@pytest.mark.parametrize("step", BEFORE_ANY_CHANGE)
def test_a_restore_killed_before_it_changed_anything_is_rolled_back(
    data_dir: Path, backup_of_five: Backup, step: str
) -> None:
    kill_restore_at(data_dir, backup_of_five.path, step)

    listed = cli(data_dir, "list", "--json")

    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 6  # the archive as it was
    assert listed.stderr == (
        f"archive-reader: A restore from {backup_of_five.path} was interrupted before it "
        "changed anything; the archive is as it was.\n"
    )
    assert leftovers(data_dir) == []
    assert list(data_dir.glob(f"{DATABASE_NAME}.*-*")) == []


@pytest.mark.parametrize("step", AFTER_THE_MOVE_BEGAN)
def test_a_restore_killed_once_it_began_moving_files_is_completed(
    data_dir: Path, backup_of_five: Backup, step: str, capsys
) -> None:
    kill_restore_at(data_dir, backup_of_five.path, step)

    listed = cli(data_dir, "list", "--json")

    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 5  # the backup's archive, never an empty one
    (aside,) = data_dir.glob(f"{DATABASE_NAME}.replaced-*")
    assert listed.stderr.splitlines()[0] == (
        f"archive-reader: A restore from {backup_of_five.path} was interrupted; it has now "
        f"been completed. The database it replaced is kept as {aside}."
    )
    assert documents_in(aside) == 6
    assert leftovers(data_dir) == []
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "Azerbaijan", "--json")
    assert status == 0 and json.loads(out)["total"] > 0
    assert len(titles(data_dir)) == 5


def test_a_restore_killed_after_it_finished_leaves_nothing_to_do(
    data_dir: Path, backup_of_five: Backup, capsys
) -> None:
    kill_restore_at(data_dir, backup_of_five.path, "finished")
    listed = cli(data_dir, "list", "--json")
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 5
    assert "restore" not in listed.stderr


def test_a_killed_restore_is_finished_before_a_new_restore_begins(
    data_dir: Path, backup_of_five: Backup, capsys
) -> None:
    kill_restore_at(data_dir, backup_of_five.path, f"moved {DATABASE_NAME}")
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "restore", str(backup_of_five.path), "--json"
    )
    assert status == 0, err
    assert len(list(data_dir.glob(f"{DATABASE_NAME}.replaced-*"))) == 2
    assert leftovers(data_dir) == []
    assert len(titles(data_dir)) == 5


def test_a_damaged_database_and_its_log_both_go_aside_when_the_move_was_cut_short(
    data_dir: Path, backup_of_five: Backup, capsys
) -> None:
    # A writer killed before its checkpoint leaves its latest commits in the -wal file...
    database = data_dir / DATABASE_NAME
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "c.execute(\"INSERT INTO meta (key, value) VALUES ('left', 'in the log')\");"
            "os._exit(0)",
            str(database),
        ],
        check=True,
    )
    wal = database.with_name(DATABASE_NAME + "-wal")
    assert wal.stat().st_size > 0
    # ...and the database file itself is damaged.
    with open(database, "r+b") as handle:
        handle.write(b"\0" * 100)
    log_bytes = wal.read_bytes()

    kill_restore_at(data_dir, backup_of_five.path, f"moved {DATABASE_NAME}")
    status, out, err = run(capsys, "--data-dir", str(data_dir), "list", "--json")

    assert status == 0, err
    assert len(json.loads(out)) == 5
    (aside,) = data_dir.glob(f"{DATABASE_NAME}.damaged-*[0-9]")
    # The log went with its database, never next to the restored one.
    assert aside.with_name(aside.name + "-wal").read_bytes() == log_bytes
    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_an_archive_moved_aside_without_a_journal_is_never_replaced_by_an_empty_one(
    data_dir: Path, backup_of_five: Backup, capsys
) -> None:
    # What a kill left behind before restores were journalled: the database moved aside,
    # the copy of the backup not yet in its place.
    database = data_dir / DATABASE_NAME
    aside = database.with_name(f"{DATABASE_NAME}.replaced-20261201-120000")
    database.rename(aside)
    (data_dir / f".{DATABASE_NAME}.restoring").write_bytes(backup_of_five.path.read_bytes())

    status, out, err = run(capsys, "--data-dir", str(data_dir), "list", "--json")

    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: The archive database {database} is missing, but {aside} "
        "is beside it (a restore or a repair did not finish). Nothing was created. To go on "
        f"with it, rename it to {DATABASE_NAME}; or restore a backup with "
        "'archive-reader restore FILE'.\n"
    )
    assert not database.exists()
    # A restore is how to go on: it installs the backup and keeps the rest as it is.
    assert run(capsys, "--data-dir", str(data_dir), "restore", str(backup_of_five.path))[0] == 0
    assert len(titles(data_dir)) == 5
    assert aside.exists()


def test_the_index_left_by_the_replaced_database_is_not_searched(
    data_dir: Path, backup_of_five: Backup, capsys
) -> None:
    kill_restore_at(data_dir, backup_of_five.path, "journal installed")
    assert (data_dir / INDEX_FOLDER).exists()
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "backup", "--json")
    assert status == 0
    assert json.loads(out)["total"] == 0  # the sixth document is not in the restored archive
