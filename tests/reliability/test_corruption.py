"""A damaged database is detected, explained, kept aside, and replaced from a backup."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, Archive
from archive.cli import main
from archive.storage import DatabaseCorruptError
from tests.reliability.conftest import run

PAGE = 4096


def garble_middle_pages(database: Path) -> None:
    """Overwrite a run of pages in the middle of the file with garbage."""
    size = database.stat().st_size
    assert size >= 16 * PAGE, "the test archive is too small to damage its middle"
    start = (size // PAGE // 2) * PAGE
    with open(database, "r+b") as handle:
        handle.seek(start)
        handle.write(os.urandom(4 * PAGE))


def truncate(database: Path) -> None:
    os.truncate(database, database.stat().st_size // 2)


def replace_with_text(database: Path) -> None:
    database.write_text("This is a shopping list, not a database.\n" * 200, encoding="utf-8")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "garbage pages": garble_middle_pages,
    "truncated": truncate,
    "not sqlite": replace_with_text,
}


@pytest.fixture
def data_dir(sixty_documents: Path) -> Path:
    """An archive big enough to have a middle, closed (no write-ahead log)."""
    assert not (sixty_documents / f"{DATABASE_NAME}-wal").exists()
    return sixty_documents


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_database_is_detected_at_open(
    data_dir: Path, damage: Callable[[Path], None]
) -> None:
    damage(data_dir / DATABASE_NAME)
    with pytest.raises(DatabaseCorruptError) as raised:
        Archive(data_dir, check_integrity=True)
    assert str(raised.value) == (
        f"The archive database {data_dir / DATABASE_NAME} is damaged and cannot be read."
    )


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_the_command_line_names_the_latest_backup_and_the_restore_command(
    data_dir: Path, tmp_path: Path, damage: Callable[[Path], None], capsys
) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    database = data_dir / DATABASE_NAME
    damage(database)
    damaged_bytes = database.read_bytes()
    new = tmp_path / "new.txt"
    new.write_text("Baku, 3 March 2021. A new release.\n", encoding="utf-8")

    status, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(new))

    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: The archive database {database} is damaged and cannot be "
        f"read. The latest good backup is from {backup.description}. To restore it (the "
        f"damaged file is kept aside), run: archive-reader restore {backup.path}\n"
    )
    assert database.read_bytes() == damaged_bytes  # never written to, never deleted

    status, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))
    assert status == 0, err
    (aside,) = data_dir.glob(f"{DATABASE_NAME}.damaged-*")
    assert aside.read_bytes() == damaged_bytes
    assert f"kept as {aside}" in out
    assert run(capsys, "--data-dir", str(data_dir), "import", str(new))[0] == 0
    with Archive(data_dir, check_integrity=True) as archive:
        assert archive.document_count() == 61


def test_without_a_backup_the_message_says_so(data_dir: Path, tmp_path: Path, capsys) -> None:
    truncate(data_dir / DATABASE_NAME)
    status, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(tmp_path))
    assert status == 1
    assert err.endswith(
        f"There is no backup of it in {data_dir / 'backups'}. The file has been left as it is.\n"
    )


@pytest.mark.parametrize("command", [["list"], ["search", "Azerbaijan"], ["show", "3"]])
def test_reading_commands_never_show_a_traceback_on_a_damaged_file(
    data_dir: Path, command: list[str], capsys
) -> None:
    replace_with_text(data_dir / DATABASE_NAME)
    status, out, err = run(capsys, "--data-dir", str(data_dir), *command)
    assert status == 1
    assert out == ""
    assert "is damaged and cannot be read" in err
    assert "Traceback" not in err and "Error" not in err


def test_the_restore_command_names_a_data_directory_given_on_the_command_line(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    elsewhere = tmp_path / "elsewhere"
    data_dir.rename(elsewhere)
    with Archive(elsewhere) as archive:
        backup = archive.backup_now()
    truncate(elsewhere / DATABASE_NAME)
    status, _, err = run(capsys, "--data-dir", str(elsewhere), "import", str(tmp_path / "x"))
    assert status == 1
    advised = err.rsplit("run: ", 1)[1].split()
    assert advised == ["archive-reader", "--data-dir", str(elsewhere), "restore", str(backup.path)]
    assert main(advised[1:]) == 0
