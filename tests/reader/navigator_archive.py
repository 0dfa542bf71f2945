"""An archive of a few dozen releases across years and months, for the year tree's tests.

Explicit dates come from front matter; inferred ones from a date (or only a year) in the
text; the undated ones mention no date at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive.api import Archive


@dataclass(frozen=True)
class Release:
    title: str
    date: str | None = None  # front matter "YYYY-MM-DD": an explicit date
    text_date: str | None = None  # "3 March 2021" or "2019" in the text: an inferred date


def releases() -> list[Release]:
    """42 releases: 2024 (March, January, no month), 2023, 2021 (inferred) and undated."""
    made = [
        Release(f"Trade mission {n} to the northern provinces", f"2024-03-{n + 1:02d}")
        for n in range(8)
    ]
    made += [
        Release(f"Budget hearing number {n} in parliament", f"2024-01-{n + 10:02d}")
        for n in range(6)
    ]
    made += [
        Release("Café opening in Zürich draws the minister", "2024-03-20"),
        Release("Annual review of the fisheries agreement", text_date="2024"),
        Release("Bilateral talks on water rights", text_date="2024"),
    ]
    made += [
        Release(f"Harbour works, progress report {n}", f"2023-{12 - n:02d}-05") for n in range(10)
    ]
    made += [
        Release(f"Embassy statement on the floods, part {n}", text_date=f"{n + 1} June 2021")
        for n in range(6)
    ]
    made += [Release(f"Zebra crossing campaign {n}") for n in range(4)]
    made += [Release(f"Aviation safety notice {n}", f"2023-07-{n + 1:02d}") for n in range(6)]
    return made


def write_release(folder: Path, number: int, release: Release) -> Path:
    path = folder / f"release-{number:03d}.txt"
    lines = []
    if release.date:
        lines += ["---", f'title: "{release.title}"', f'date: "{release.date}"', "---", ""]
    else:
        lines += [release.title, ""]
    when = f"On {release.text_date}" if release.text_date else "Today"
    lines.append(f"{when} the office published release {number}, which says little else.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_archive(data_dir: Path, folder: Path, made: list[Release]) -> None:
    """Write ``made`` as files under ``folder`` and import them into ``data_dir``."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, release in enumerate(made):
        write_release(folder, number, release)
    with Archive(data_dir) as archive:
        archive.import_paths([folder])
