"""Writers and restore serialise: restore never swaps the database under a writer, and an
import that committed is reported as done even when another process holds the search index.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, Archive, restore_archive
from archive.index_keeper import IndexState
from archive.writer_lock import ArchiveBusyError, WritersLock
from tests.reliability.conftest import run

REPO = Path(__file__).resolve().parents[2]

# Holds the Whoosh write lock of the current index generation, as another process's
# indexing does, until its standard input closes.
HOLD_INDEX_LOCK = """
import sys
from pathlib import Path
from archive.search.generations import IndexGenerations
from archive.search.index import SearchIndex
generation = IndexGenerations(Path(sys.argv[1])).current()
index = SearchIndex(generation.directory)
with index._writing():
    print("holding", flush=True)
    sys.stdin.read()
"""

# A command-line import that stops after its first file, still importing, until told to go on.
PAUSED_IMPORT = """
import json, sys
from pathlib import Path
from archive.api import Archive
paused = []
def progress(step):
    if step.phase == "importing" and not paused:
        paused.append(step)
        print("importing", flush=True)
        sys.stdin.readline()
with Archive(Path(sys.argv[1])) as archive:
    results = archive.import_paths([Path(sys.argv[2])], progress=progress)
print(json.dumps([result.status.value for result in results]), flush=True)
"""

# Another restore under way: the writers' lock held exclusively until standard input closes.
HOLD_RESTORE_LOCK = """
import sys
from pathlib import Path
from archive.writer_lock import WritersLock
lock = WritersLock(Path(sys.argv[1]))
assert lock.acquire_exclusive()
print("restoring", flush=True)
sys.stdin.read()
"""


# The command line, with the index's lock waited for a moment only.
COMMAND_LINE = """
import sys
import archive.index_keeper
archive.index_keeper.INDEX_LOCK_WAIT_S = 0.2
from archive.cli import main
sys.exit(main(sys.argv[1:]))
"""


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``archive-reader --data-dir DATA ARGS`` in another process: its real stderr."""
    return subprocess.run(  # noqa: PLW1510 -- the exit code is the subject
        [sys.executable, "-c", COMMAND_LINE, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def start(script: str, *args: str, expect: str) -> subprocess.Popen[str]:
    """Run ``script`` in another Python, once it has printed ``expect``."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == f"{expect}\n"
    return process


@pytest.fixture
def new_files(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir()
    for number in range(3):
        text = f"Baku, 3 March 2021. Release {number} on the quokka railway.\n"
        (folder / f"release-{number}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def index_held(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another process holds the search index's write lock; our writes wait a moment only."""
    monkeypatch.setattr("archive.index_keeper.INDEX_LOCK_WAIT_S", 0.2)
    holder = start(HOLD_INDEX_LOCK, str(data_dir / "index"), expect="holding")
    yield
    holder.communicate("", timeout=60)


def count_documents(data_dir: Path) -> int:
    with Archive(data_dir) as archive:
        return archive.document_count()


# -- finding 8: a committed import is reported as done ------------------------------------


def test_an_import_that_committed_reports_its_files_as_json_while_the_index_is_busy(
    data_dir: Path, new_files: Path, index_held: None
) -> None:
    imported = cli(data_dir, "import", str(new_files), "--json")

    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert [item["status"] for item in report] == ["imported"] * 3
    assert imported.stderr == (
        "archive-reader: The search index is busy in another process; the changes are "
        "saved and will be indexed the next time the archive is opened.\n"
    )
    assert count_documents(data_dir) == 8


def test_an_import_that_committed_prints_its_report_while_the_index_is_busy(
    data_dir: Path, new_files: Path, index_held: None
) -> None:
    imported = cli(data_dir, "import", str(new_files))

    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-1] == (
        "3 files: 3 imported, 0 updated, 0 unchanged, 0 skipped, 0 failed"
    )
    assert imported.stderr.splitlines() == [
        "archive-reader: The search index is busy in another process; the changes are "
        "saved and will be indexed the next time the archive is opened."
    ]


def test_the_index_catches_up_at_the_next_command(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("archive.index_keeper.INDEX_LOCK_WAIT_S", 0.2)
    holder = start(HOLD_INDEX_LOCK, str(data_dir / "index"), expect="holding")
    try:
        assert run(capsys, "--data-dir", str(data_dir), "import", str(new_files))[0] == 0
        # Still held: a read opens the archive, finds the index busy, and still answers.
        status, out, err = run(capsys, "--data-dir", str(data_dir), "list", "--json")
        assert status == 0, err
        assert len(json.loads(out)) == 8
    finally:
        holder.communicate("", timeout=60)

    status, out, err = run(capsys, "--data-dir", str(data_dir), "search", "quokka", "--json")

    assert status == 0, err
    assert json.loads(out)["total"] == 3
    with Archive(data_dir) as archive:
        assert archive.index_state() is IndexState.OK


def test_the_core_keeps_the_changes_queued_when_the_index_is_busy(
    data_dir: Path, new_files: Path, index_held: None
) -> None:
    with Archive(data_dir) as archive:
        results = archive.import_paths([new_files])
        assert [result.status.value for result in results] == ["imported"] * 3
        assert archive.document_count() == 8


# -- finding 9: restore takes the lock every writer takes ----------------------------------


def test_restore_refuses_while_a_command_line_import_runs(
    data_dir: Path, new_files: Path, capsys
) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
    importer = start(PAUSED_IMPORT, str(data_dir), str(new_files), expect="importing")
    try:
        status, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))
    finally:
        finished, _ = importer.communicate("\n", timeout=120)

    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: Another program is writing to this archive: {data_dir} is "
        "open in an archive-reader command or a reader window (an import, a re-read, an "
        "annotations import, a backup…). Nothing was changed: let it finish, then try again.\n"
    )
    assert list(data_dir.glob(f"{DATABASE_NAME}.*-*")) == []
    assert json.loads(finished) == ["imported"] * 3
    # The import's documents are in the archive, not in a database moved aside.
    assert count_documents(data_dir) == 8
    # Once the import is over, the restore goes ahead.
    assert run(capsys, "--data-dir", str(data_dir), "restore", str(backup.path))[0] == 0
    assert count_documents(data_dir) == 5


def test_restore_refuses_while_any_archive_is_open(data_dir: Path) -> None:
    with Archive(data_dir) as archive:
        backup = archive.backup_now()
        before = (data_dir / DATABASE_NAME).stat().st_ino
        with pytest.raises(ArchiveBusyError):
            restore_archive(data_dir, backup.path)
        assert (data_dir / DATABASE_NAME).stat().st_ino == before
        assert archive.document_count() == 5
    assert restore_archive(data_dir, backup.path).moved_aside is not None


def test_a_writer_waits_for_a_restore_then_gives_up_plainly(
    data_dir: Path, new_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("archive.storage.database.BUSY_TIMEOUT_S", 0.3)
    restorer = start(HOLD_RESTORE_LOCK, str(data_dir), expect="restoring")
    try:
        status, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(new_files))
    finally:
        restorer.communicate("", timeout=60)

    assert status == 1
    assert out == ""
    assert err == (
        f"archive-reader: error: The archive in {data_dir} is being restored from a backup "
        "by another program. Try again when it has finished.\n"
    )
    assert count_documents(data_dir) == 5


def test_many_archives_may_be_open_at_once_but_restore_waits_for_all(data_dir: Path) -> None:
    lock = WritersLock(data_dir)
    with Archive(data_dir), Archive(data_dir):
        assert not lock.acquire_exclusive()
    assert lock.acquire_exclusive()
    lock.release()
