"""A data directory that cannot be written is still read; one that is a file is named so.

The read-only cases run the command line in another process without the right to write
(``chmod``; as root, also without the capabilities that override it, through ``capsh``).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, Archive
from archive.cli import main
from archive.storage import DatabaseError

REPO = Path(__file__).resolve().parents[2]
# What lets root write where chmod says no; dropped for the command under test.
OVERRIDES = "cap_dac_override,cap_dac_read_search,cap_fowner"


def without_write_permission(command: list[str]) -> list[str]:
    """``command``, run so that file permissions apply to it even when we are root."""
    if getattr(os, "geteuid", lambda: 1)() != 0:
        return command
    capsh = shutil.which("capsh")
    if capsh is None:
        pytest.skip("running as root without capsh: chmod does not stop writes")
    return [capsh, f"--drop={OVERRIDES}", "--", "-c", 'exec "$0" "$@"', *command]


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "archive", "--data-dir", str(data_dir), *args]
    return subprocess.run(  # noqa: PLW1510 -- the exit code is the subject
        without_write_permission(command),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def archive_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    data = tmp_path / "data"
    with Archive(data) as archive:
        archive.import_paths([seeds_dir])
    return data


@contextmanager
def made_read_only(folder: Path) -> Iterator[Path]:
    """``folder`` and everything in it without write permission, restored afterwards."""
    paths = [folder, *folder.rglob("*")]
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in paths}
    for path in sorted(paths, key=lambda p: len(p.parts), reverse=True):
        path.chmod(modes[path] & ~0o222)
    try:
        yield folder
    finally:
        for path in paths:
            path.chmod(modes[path])


@pytest.fixture
def read_only_archive(archive_dir: Path) -> Iterator[Path]:
    with made_read_only(archive_dir) as folder:
        yield folder


# -- read-only: reading works ------------------------------------------------------------


def test_list_works_in_a_read_only_data_directory(read_only_archive: Path) -> None:
    before = snapshot(read_only_archive)
    listed = cli(read_only_archive, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == ""
    assert len(json.loads(listed.stdout)) == 5
    assert snapshot(read_only_archive) == before


def test_show_works_in_a_read_only_data_directory(read_only_archive: Path) -> None:
    shown = cli(read_only_archive, "show", "1", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == 1


def test_search_works_in_a_read_only_data_directory(read_only_archive: Path) -> None:
    found = cli(read_only_archive, "search", "Azerbaijan", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] > 0


def test_the_latest_commits_in_the_log_are_read_too(archive_dir: Path) -> None:
    # A writer killed before its checkpoint: its commit is only in archive.sqlite3-wal.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "c.execute(\"UPDATE documents SET title = 'Only in the log' WHERE id = 1\");"
            "os._exit(0)",
            str(archive_dir / DATABASE_NAME),
        ],
        check=True,
    )
    with made_read_only(archive_dir) as read_only:
        shown = cli(read_only, "show", "1", "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["title"] == "Only in the log"


def test_a_log_that_cannot_be_read_read_only_is_explained(archive_dir: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "c.execute(\"UPDATE documents SET title = 'Only in the log' WHERE id = 1\");"
            "os._exit(0)",
            str(archive_dir / DATABASE_NAME),
        ],
        check=True,
    )
    # Without its shared-memory index, SQLite must create one to read the log: it cannot.
    (archive_dir / f"{DATABASE_NAME}-shm").unlink()
    with made_read_only(archive_dir) as read_only:
        listed = cli(read_only, "list")
        assert listed.returncode == 1
        assert listed.stdout == ""
        assert listed.stderr == (
            f"archive-reader: error: The archive in {read_only} cannot be read while its "
            f"folder is read-only: its latest changes are still in {DATABASE_NAME}-wal, "
            "and SQLite needs to write beside it to read them. Make the folder writable "
            "and open the archive once; after that it can be read without writing.\n"
        )


# -- read-only: writing is refused plainly -----------------------------------------------


def test_an_import_into_a_read_only_data_directory_is_refused_plainly(
    read_only_archive: Path, seeds_dir: Path
) -> None:
    before = snapshot(read_only_archive)
    imported = cli(read_only_archive, "import", str(seeds_dir))
    assert imported.returncode == 1
    assert imported.stdout == ""
    assert imported.stderr == (
        f"archive-reader: error: The archive folder {read_only_archive} is read-only: "
        "Archive Reader cannot save anything there. Nothing was changed. Make the folder "
        "writable, or use another data directory (--data-dir).\n"
    )
    assert snapshot(read_only_archive) == before


def test_a_restore_into_a_read_only_data_directory_is_refused_plainly(
    archive_dir: Path, tmp_path: Path
) -> None:
    with Archive(archive_dir) as archive:
        backup = archive.backup_now()
    copy = tmp_path / "backup.sqlite3"
    shutil.copyfile(backup.path, copy)
    with made_read_only(archive_dir) as read_only:
        restored = cli(read_only, "restore", str(copy))
        assert restored.returncode == 1
        assert restored.stderr.startswith(
            f"archive-reader: error: The archive folder {read_only} is read-only"
        )
        assert "Traceback" not in restored.stderr


# -- a data directory that is a file -----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["list"], ["import", "{file}"], ["search", "x"], ["restore", "{file}"], ["backup"]],
    ids=lambda command: command[0],
)
def test_a_data_directory_that_is_a_file_is_named_so(
    tmp_path: Path, command: list[str], capsys
) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder", encoding="utf-8")
    args = [part.format(file=data) for part in command]

    status = main(["--data-dir", str(data), *args])

    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: The data directory {data} is a file, not a folder. "
        "Choose another data directory (--data-dir).\n"
    )
    assert data.read_text(encoding="utf-8") == "not a folder"


def test_a_data_directory_inside_a_file_is_named_so(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file", encoding="utf-8")
    data = blocker / "archive"

    status = main(["--data-dir", str(data), "list"])

    _, err = capsys.readouterr()
    assert status == 1
    assert err == (
        f"archive-reader: error: The data directory {data} cannot be made: {blocker} is a "
        "file, not a folder. Choose another data directory (--data-dir).\n"
    )


def test_the_core_says_a_data_directory_is_a_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_bytes(b"")
    with pytest.raises(DatabaseError, match="is a file, not a folder"):
        Archive(data)
    assert data.read_bytes() == b""
