"""``ChangeProbe`` tells changes made through other connections from none, and costs little."""

from __future__ import annotations

from pathlib import Path

from archive.api import DATABASE_NAME, Archive
from archive.change_probe import ChangeProbe


def write_release(folder: Path, name: str, year: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"# A release of {year}\n\nBrussels, 3 March {year}\n\nThe text of {name}.\n", "utf-8"
    )
    return path


def test_a_commit_elsewhere_is_seen_once(tmp_path: Path, seeds_dir: Path) -> None:
    data = tmp_path / "data"
    with Archive(data) as archive:
        archive.import_paths([seeds_dir])
    probe = ChangeProbe(data / DATABASE_NAME)
    try:
        assert probe.changed() is False
        with Archive(data) as other:
            other.import_paths([write_release(tmp_path / "new", "one.md", 2001)])
        assert probe.changed() is True
        assert probe.changed() is False  # told once
    finally:
        probe.close()


def test_an_archive_does_not_see_its_own_commits_in_its_data_version(
    tmp_path: Path, seeds_dir: Path
) -> None:
    data = tmp_path / "data"
    with Archive(data) as mine, Archive(data) as other:
        before = mine.data_version()
        mine.import_paths([seeds_dir])
        assert mine.data_version() == before
        other.import_paths([write_release(tmp_path / "new", "two.md", 2002)])
        assert mine.data_version() != before
