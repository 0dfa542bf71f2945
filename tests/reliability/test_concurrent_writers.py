"""A window and a command writing at once: the second waits, then gives up with a message."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, Archive
from archive.storage import DatabaseBusyError
from tests.reliability.conftest import run

# Holds a write transaction open until its standard input closes, like a window mid-import.
HOLD_WRITE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("INSERT INTO meta (key, value) VALUES ('writer', 'other program')")
print("holding", flush=True)
sys.stdin.read()
connection.execute("COMMIT")
"""


@pytest.fixture
def other_writer(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the archive's write lock (BEGIN IMMEDIATE) until released."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(data_dir / DATABASE_NAME)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "holding\n"
    yield holder
    assert holder.stdin is not None
    if not holder.stdin.closed:
        holder.stdin.close()
    holder.wait(timeout=60)
    holder.stdout.close()


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("archive.storage.database.BUSY_TIMEOUT_S", 0.3)


def test_a_command_gives_up_with_a_message_when_another_program_writes_too_long(
    data_dir: Path, tmp_path: Path, other_writer: subprocess.Popen[str], short_wait: None, capsys
) -> None:
    new = tmp_path / "new.txt"
    new.write_text("Baku, 3 March 2021. A new release.\n", encoding="utf-8")

    status, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(new))

    assert status == 1
    assert out == ""
    assert err == (
        "archive-reader: error: The archive is busy: another program (perhaps the reader "
        "window) is writing to it. Try again when it has finished.\n"
    )
    other_writer.communicate("", timeout=60)
    assert other_writer.returncode == 0  # the other program's work was not disturbed
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(new), "--json")
    assert status == 0 and '"imported"' in out


def test_the_core_raises_a_busy_error_with_a_configurable_wait(
    data_dir: Path, other_writer: subprocess.Popen[str]
) -> None:
    with Archive(data_dir, busy_timeout=0.2) as archive, pytest.raises(DatabaseBusyError):
        archive.correct_metadata(1, title="A new title")


def test_a_write_waits_for_the_other_program_to_finish(
    data_dir: Path, other_writer: subprocess.Popen[str]
) -> None:
    """Within the wait, the second writer goes ahead once the first commits."""
    with Archive(data_dir, busy_timeout=60) as archive:
        assert other_writer.stdin is not None
        other_writer.stdin.close()  # the other program commits now, while we wait
        archive.correct_metadata(1, title="A new title")
        assert archive.document(1).title == "A new title"
    assert other_writer.wait(timeout=60) == 0
