"""SIGKILL at random moments during a large import, many times in a row, loses nothing.

Each round revises some files and starts ``archive-reader import`` in another process,
then kills it after a random moment (seeded, so a failure can be replayed). Afterwards the
import runs to completion, and the archive must be whole: every file once, every document
complete and as on disk, the index in step with SQLite, every annotation where it was.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.api import Archive
from archive.index_keeper import IndexState

FILES = 1200
ROUNDS = 9
REVISED_PER_ROUND = 120
SEED = 20261123
HANG_GUARD_S = 120  # only a hang trips it

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def release_text(number: int, revision: int) -> str:
    year, month, day = 2010 + number % 15, 1 + number % 12, 1 + number % 28
    return (
        f" date {year}-{month:02}-{day:02}\n"
        f"Release {number} about the river\n\n"
        f"The ministry spoke of the river and of word{number} in revision{revision}.\n"
    )


def cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "archive", "--data-dir", str(data), *args]


def annotate_seeds(archive: Archive) -> list[object]:
    """One annotation on each seed: its first "Azerbaijan", with a note and tags."""
    for summary in archive.list_documents():
        text = archive.document(summary.id).text
        start = text.index("Azerbaijan")
        archive.add_annotation(
            summary.id,
            start,
            start + len("Azerbaijan"),
            note=f"Kept through the kills ({summary.id}).",
            tags=["kill-test", str(summary.id)],
            color="green",
        )
    return list(archive.annotations())


def test_sigkill_during_a_large_import_many_times_loses_nothing(
    tmp_path: Path, seeds_dir: Path
) -> None:
    data, incoming = tmp_path / "data", tmp_path / "incoming"
    incoming.mkdir()
    revision_of = dict.fromkeys(range(FILES), 0)
    for number in range(FILES):
        (incoming / f"release_{number:04}.txt").write_text(release_text(number, 0), "utf-8")
    with Archive(data) as archive:
        archive.import_paths([seeds_dir])
        annotations_before = annotate_seeds(archive)

    chance = random.Random(SEED)
    killed_while_running = 0
    for round_number in range(1, ROUNDS + 1):
        for number in chance.sample(range(FILES), REVISED_PER_ROUND):
            revision_of[number] = round_number
            path = incoming / f"release_{number:04}.txt"
            path.write_text(release_text(number, round_number), "utf-8")
        child = subprocess.Popen(
            cli(data, "import", str(incoming), str(seeds_dir)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.2, 2.0))
        killed_while_running += child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.wait(HANG_GUARD_S)
    assert killed_while_running > 0, "every import finished before its kill: no test"

    finished = subprocess.run(
        cli(data, "import", str(incoming), str(seeds_dir)),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "Traceback" not in finished.stderr

    # `list` and `search` work; every file is there exactly once.
    listed = json.loads(
        subprocess.run(
            cli(data, "list", "--json"), capture_output=True, timeout=HANG_GUARD_S, check=True
        ).stdout
    )
    paths = [entry["path"] for entry in listed]
    assert len(paths) == len(set(paths)) == FILES + 5
    expected_paths = {str(incoming / f"release_{n:04}.txt") for n in range(FILES)}
    assert expected_paths <= set(paths)
    found = json.loads(
        subprocess.run(
            cli(data, "search", "river", "--json", "--limit", "1"),
            capture_output=True,
            timeout=HANG_GUARD_S,
            check=True,
        ).stdout
    )
    assert found["total"] == FILES

    # No document is half-written: its bytes, text and date are those of the file now.
    connection = sqlite3.connect(f"file:{data / 'archive.sqlite3'}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT path, raw, text, title, year, month, day FROM documents"
        ).fetchall()
    finally:
        connection.close()
    for path, raw, text, title, year, month, day in rows:
        if path not in expected_paths:
            continue
        number = int(Path(path).stem.removeprefix("release_"))
        assert raw == Path(path).read_bytes()
        assert f"word{number} in revision{revision_of[number]}." in text
        assert title == f"Release {number} about the river"
        assert (year, month, day) == (2010 + number % 15, 1 + number % 12, 1 + number % 28)

    with Archive(data, maintain_index=False) as archive:
        # The index counts what SQLite holds, and holds each file's latest text.
        assert archive.index_state() is IndexState.OK
        for revision in range(ROUNDS + 1):
            results = archive.search(f"revision{revision}", limit=FILES)
            found_numbers = {
                int(Path(archive.document(hit.id).path).stem.removeprefix("release_"))
                for hit in results.hits
            }
            assert found_numbers == {n for n, r in revision_of.items() if r == revision}
        # Every annotation is intact, on its passage.
        assert archive.annotations() == annotations_before
        for annotation in archive.annotations():
            text = archive.document(annotation.document_id).text
            assert annotation.start is not None and annotation.end is not None
            assert text[annotation.start : annotation.end] == annotation.quote == "Azerbaijan"
