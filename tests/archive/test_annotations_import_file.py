"""``annotations import FILE`` reads only a regular file, and at most 256 MB of it.

A device named as FILE (``/dev/zero``, or a link to it) was read until memory ran out and
ended in a MemoryError traceback; a named pipe waited for a writer forever; a file of
1 GB took 2 GB of memory to be refused note by note.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from archive import cli_annotations
from archive.api import Archive
from archive.cli import main
from tests.archive.annotation_helpers import STORY, import_file, write

if sys.platform != "win32":
    import resource

REPO = Path(__file__).resolve().parents[2]
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="devices and pipes of POSIX")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Archive(data) as archive:
        import_file(archive, write(tmp_path / "story.txt", STORY))
    return data


def annotations_file(path: Path, note: str = "A note.") -> Path:
    item = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": note},
        "target": {
            "source": "urn:archive-reader:document:1",
            "selector": {"type": "TextQuoteSelector", "exact": "the new railway"},
        },
    }
    path.write_text(json.dumps(item), encoding="utf-8")
    return path


def test_a_file_at_the_limit_is_imported_and_a_larger_one_refused_whole(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fitting = annotations_file(tmp_path / "fitting.json")
    limit = fitting.stat().st_size
    monkeypatch.setattr(cli_annotations, "MAX_ANNOTATIONS_FILE_BYTES", limit)
    larger = annotations_file(tmp_path / "larger.json", note="A longer note.")

    status, out, _ = run(capsys, "--data-dir", str(data_dir), "annotations", "import", str(fitting))
    assert status == 0 and "1 added" in out

    status, out, err = run(
        capsys, "--data-dir", str(data_dir), "annotations", "import", str(larger)
    )
    assert status == 2 and out == ""
    assert f"{larger} is larger than" in err
    assert "nothing was imported" in err
    assert "Traceback" not in err
    with Archive(data_dir) as archive:
        assert [annotation.note for annotation in archive.annotations()] == ["A note."]


def test_a_folder_is_refused_plainly(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "annotations", "import", str(tmp_path)
    )

    assert status == 2
    assert err == f"archive-reader: error: cannot read {tmp_path}: it is a folder, not a file\n"


@POSIX_ONLY
def test_a_link_to_an_endless_device_is_refused_without_reading_it(
    data_dir: Path, tmp_path: Path
) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    # In another process with its memory limited, so that a regression fails quickly
    # (MemoryError) instead of reading /dev/zero until the machine's memory is gone.
    command = [sys.executable, "-m", "archive", "--data-dir", str(data_dir)]
    completed = subprocess.run(  # noqa: PLW1510 -- the exit code is the subject
        [*command, "annotations", "import", str(link)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        preexec_fn=_limit_memory,
    )

    assert completed.returncode == 2, completed.stderr
    assert completed.stderr == (
        f"archive-reader: error: cannot read {link}: it is not a regular file "
        "(a device, a pipe or a socket)\n"
    )


def _limit_memory() -> None:
    two_gigabytes = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gigabytes, two_gigabytes))


@POSIX_ONLY
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    outcome: list[int] = []
    command = threading.Thread(
        target=lambda: outcome.append(
            main(["--data-dir", str(data_dir), "annotations", "import", str(pipe)])
        )
    )
    command.start()
    command.join(timeout=60)
    if command.is_alive():
        # It waits for a writer: be one, so that the thread (and this test) can end.
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        command.join()
    _, err = capsys.readouterr()

    assert outcome == [2]
    assert err == (
        f"archive-reader: error: cannot read {pipe}: it is not a regular file "
        "(a device, a pipe or a socket)\n"
    )
