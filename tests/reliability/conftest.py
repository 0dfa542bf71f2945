"""Shared set-up of the reliability tests: an archive of the seeds, the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main


@pytest.fixture
def data_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    """A data directory holding an archive of the five seeds."""
    data = tmp_path / "data"
    with Archive(data) as archive:
        archive.import_paths([seeds_dir])
    return data


@pytest.fixture
def sixty_documents(tmp_path: Path, seeds_dir: Path) -> Path:
    """A data directory of twelve copies of each seed: big enough to have a middle."""
    data = tmp_path / "data"
    copies = tmp_path / "more"
    copies.mkdir()
    for number in range(12):
        for seed in seeds_dir.iterdir():
            text = seed.read_text(encoding="utf-8")
            (copies / f"{number}-{seed.name}").write_text(f"{text}\nCopy {number}.\n", "utf-8")
    with Archive(data) as archive:
        archive.import_paths([copies])
    return data


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``archive-reader ARGS``; its exit status, standard output and standard error."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err
