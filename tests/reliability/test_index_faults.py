"""The search index deleted, cut short, out of step or interrupted: found out and rebuilt.

SQLite is the source of truth; the index is rebuilt from it aside and switched to at once,
and a search meanwhile says the index is being rebuilt rather than answering wrongly.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive import cli
from archive.api import Archive
from archive.index_keeper import IndexState
from archive.search import SearchIndex
from archive.search.errors import IndexRebuildingError, IndexUnavailableError
from tests.conftest import REPO

QUERIES = ("Azerbaijan", "negotiation", "title:independence", "climate OR river")
HANG_GUARD_S = 60  # only a hang trips it


def write_notes(folder: Path, count: int) -> None:
    """Small made-up releases, each findable by its own word and a shared one."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"note_{number:03}.txt").write_text(
            f" date 20{10 + number % 15}-03-{number % 28 + 1:02}\n"
            f"Note {number} on the river\n\nThe ministry spoke of the river and of "
            f"marker{number} at length.\n",
            encoding="utf-8",
        )


@pytest.fixture
def data_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    data = tmp_path / "data"
    write_notes(tmp_path / "notes", 40)
    with Archive(data) as archive:
        archive.import_paths([seeds_dir, tmp_path / "notes"])
    return data


def answers(archive: Archive) -> list[tuple[int, list[int], dict[str, int]]]:
    """What every query finds: its total, its hits in order, its matches per year."""
    found = []
    for query in QUERIES:
        results = archive.search(query, limit=100)
        found.append((results.total, [hit.id for hit in results.hits], dict(results.years)))
    return found


def answers_in(data: Path) -> list[tuple[int, list[int], dict[str, int]]]:
    with Archive(data) as archive:
        return answers(archive)


def current_generation(data: Path) -> Path:
    (folder,) = [p for p in (data / "index").iterdir() if p.is_dir() and "." not in p.name]
    return folder


def test_a_deleted_index_is_found_missing_and_rebuilt_with_the_same_answers(
    data_dir: Path,
) -> None:
    before = answers_in(data_dir)
    shutil.rmtree(data_dir / "index")

    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.index_state() is IndexState.MISSING
        with pytest.raises(IndexUnavailableError):
            reader.search("Azerbaijan")

    with Archive(data_dir) as archive:
        assert archive.index_state() is IndexState.OK
        assert answers(archive) == before


@pytest.mark.parametrize("suffix", [".seg", ".toc"])
def test_an_index_file_cut_short_is_found_damaged_and_rebuilt(data_dir: Path, suffix: str) -> None:
    before = answers_in(data_dir)
    (victim,) = current_generation(data_dir).glob(f"*{suffix}")
    size = victim.stat().st_size
    with victim.open("r+b") as handle:
        handle.truncate(size // 2)

    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.index_state() is IndexState.DAMAGED
        with pytest.raises(IndexUnavailableError):
            reader.search("Azerbaijan")

    with Archive(data_dir) as archive:
        assert archive.index_state() is IndexState.OK
        assert answers(archive) == before


def test_a_kill_between_the_sqlite_commit_and_the_index_commit_loses_nothing(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = tmp_path / "late"
    late.mkdir()
    (late / "late.txt").write_text(
        " date 2021-03-04\nA late release about the glacier.\n", encoding="utf-8"
    )
    original_update = SearchIndex.update

    def killed(self: SearchIndex, docs: object, **_options: object) -> None:
        raise KeyboardInterrupt  # as if the process died before the index committed

    monkeypatch.setattr(SearchIndex, "update", killed)
    with Archive(data_dir) as archive, pytest.raises(KeyboardInterrupt):
        archive.import_paths([late])
    monkeypatch.setattr(SearchIndex, "update", original_update)

    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.search("glacier").total == 0  # the index has not caught up yet
    with Archive(data_dir) as archive:  # the next start drains the queue
        assert archive.search("glacier").total == 1
        assert archive.index_state() is IndexState.OK


def test_documents_the_index_has_but_sqlite_lost_are_found_out_of_step(data_dir: Path) -> None:
    with Archive(data_dir) as archive:
        (hit,) = archive.search("marker7").hits
    # A change that bypassed the queue (a database put back from elsewhere, say).
    with sqlite3.connect(data_dir / "archive.sqlite3") as connection:
        connection.execute("DELETE FROM documents WHERE id = ?", (hit.id,))
    connection.close()

    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.index_state() is IndexState.STALE
    with Archive(data_dir) as archive:
        assert archive.search("marker7").total == 0
        assert archive.search("river").total == 39


def test_an_index_from_another_state_of_the_database_is_found_out_of_step(
    data_dir: Path,
) -> None:
    # Same number of documents, different ones: only the generation token tells.
    with sqlite3.connect(data_dir / "archive.sqlite3") as connection:
        connection.execute("UPDATE meta SET value = 'elsewhere' WHERE key = 'index_generation'")
        connection.execute("UPDATE documents SET text = 'moraine' WHERE text LIKE '%marker3 %'")
    connection.close()

    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.index_state() is IndexState.STALE
    with Archive(data_dir) as archive:
        assert archive.search("moraine").total == 1


class PausedRebuild:
    """A rebuild on another thread, held still after it has started."""

    def __init__(self, data: Path) -> None:
        self.started = threading.Event()
        self.resume = threading.Event()
        self.error: BaseException | None = None
        self._data = data
        self._thread = threading.Thread(target=self._run)

    def _progress(self, _done: int, _total: int) -> None:
        self.started.set()
        self.resume.wait(HANG_GUARD_S)

    def _run(self) -> None:
        try:
            with Archive(self._data, maintain_index=False) as archive:
                archive.rebuild_index(self._progress)
        except BaseException as error:
            self.error = error
            self.started.set()

    def __enter__(self) -> PausedRebuild:
        self._thread.start()
        assert self.started.wait(HANG_GUARD_S)
        assert self.error is None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.resume.set()
        self._thread.join(HANG_GUARD_S)
        assert self.error is None


@pytest.fixture
def paused_rebuild(data_dir: Path) -> Iterator[PausedRebuild]:
    with PausedRebuild(data_dir) as rebuild:
        yield rebuild


def test_a_search_during_a_rebuild_says_the_index_is_being_rebuilt(data_dir: Path) -> None:
    before = answers_in(data_dir)
    with Archive(data_dir, maintain_index=False) as reader:
        with PausedRebuild(data_dir):
            assert reader.index_state() is IndexState.REBUILDING
            with pytest.raises(IndexRebuildingError, match="being rebuilt"):
                reader.search("Azerbaijan")
            # Marking hits in a shown document may use the old index meanwhile.
            assert reader.hit_spans("river", "the river") == [(4, 9)]
        # The rebuild switched generations under the reader: it follows.
        assert answers(reader) == before
    assert len([p for p in (data_dir / "index").iterdir() if p.is_dir()]) == 1


def test_the_command_line_says_when_another_program_is_rebuilding(
    paused_rebuild: PausedRebuild, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["--data-dir", str(data_dir), "search", "Azerbaijan"])
    _out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR
    assert "being rebuilt by another" in err
    assert "Traceback" not in err and "Error" not in err


def test_changes_made_during_a_rebuild_reach_the_new_index(data_dir: Path, tmp_path: Path) -> None:
    late = tmp_path / "late"
    late.mkdir()
    (late / "late.txt").write_text(
        " date 2021-03-04\nA release about the glacier.\n", encoding="utf-8"
    )
    with PausedRebuild(data_dir), Archive(data_dir, maintain_index=False) as writer:
        writer.import_paths([late])  # the rebuild has read the documents already
    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.index_state() is IndexState.OK
        assert reader.search("glacier").total == 1


KILLED_REBUILD = """
import sys, time
from pathlib import Path
from archive.api import Archive

def progress(done, total):
    print("rebuilding", flush=True)
    time.sleep(120)

with Archive(Path(sys.argv[1]), maintain_index=False) as archive:
    archive.rebuild_index(progress)
"""


def kill_mid_rebuild(data: Path) -> None:
    """Start a rebuild in another process and SIGKILL it half-way."""
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_REBUILD, str(data)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "rebuilding\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(HANG_GUARD_S)
        if child.stdout is not None:
            child.stdout.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_rebuild_killed_half_way_leaves_the_old_index_working(data_dir: Path) -> None:
    before = answers_in(data_dir)
    kill_mid_rebuild(data_dir)
    assert [p for p in (data_dir / "index").iterdir() if p.name.endswith(".building")]

    with Archive(data_dir, maintain_index=False) as reader:
        # The dead rebuild's marker is no rebuild: the old index still answers.
        assert reader.index_state() is IndexState.OK
        assert answers(reader) == before
    with Archive(data_dir) as archive:
        assert answers(archive) == before
    assert not [p for p in (data_dir / "index").iterdir() if p.name.endswith(".building")]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_rebuild_of_a_deleted_index_killed_half_way_is_done_again_at_the_next_start(
    data_dir: Path,
) -> None:
    before = answers_in(data_dir)
    shutil.rmtree(data_dir / "index")
    kill_mid_rebuild(data_dir)

    with Archive(data_dir, maintain_index=False) as reader:
        assert reader.index_state() is IndexState.MISSING
    with Archive(data_dir) as archive:
        assert archive.index_state() is IndexState.OK
        assert answers(archive) == before


def test_the_command_line_rebuilds_a_missing_index_and_says_so_in_one_line(
    data_dir: Path,
) -> None:
    before = answers_in(data_dir)
    shutil.rmtree(data_dir / "index")
    command = [sys.executable, "-m", "archive", "--data-dir", str(data_dir)]
    searched = subprocess.run(
        [*command, "search", "Azerbaijan", "--json"],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        check=False,
    )
    assert searched.returncode == 0
    assert searched.stderr == (
        "archive-reader: The search index is missing. Rebuilding the search index (45 documents)…\n"
    )
    assert answers_in(data_dir) == before
