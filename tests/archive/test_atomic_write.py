"""``write_text_atomically``: a file whole or not at all; a stream written, never replaced."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from archive.atomic_write import write_text_atomically


def test_a_regular_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_text_atomically(path, "new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["notes.csv"]  # no temporary file left


def test_a_link_to_a_file_stays_a_link_and_its_file_gets_the_text(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_text_atomically(link, "new")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("through_link", [False, True], ids=["pipe", "link to a pipe"])
def test_a_named_pipe_is_written_to_never_replaced(tmp_path: Path, through_link: bool) -> None:
    """Like ``/dev/stdout`` (a link to a pipe or a terminal) or ``/dev/null``."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    path = tmp_path / "stdout" if through_link else pipe
    if through_link:
        path.symlink_to(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_text_atomically(path, "year,count\n2024,3\n")
    reader.join(timeout=10)
    assert received == [b"year,count\n2024,3\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert path.is_symlink() is through_link
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"pipe", path.name})
