"""A small archive whose yearly shares of "pipeline" are known exactly, for trends and KWIC.

- 2019: 1 document, no pipeline;
- 2020: 4 documents, 2 with a pipeline (3 occurrences in one, 1 in the other): half;
- 2021: 2 documents, 1 with a pipeline: half;
- undated: 2 documents, 1 with a pipeline.

So "pipeline" matches 4 documents (2 + 1 + 1 undated) in 6 occurrences. "agreement" matches
one document in 2020 and one in 2021.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive.api import Archive


@dataclass(frozen=True)
class Release:
    name: str
    date: str | None
    body: str


RELEASES = (
    Release(
        "one",
        "2020-03-01",
        "The pipeline opened in spring. Talks on the Trans-Caspian pipeline resumed,\n\n"
        "and both   pipelines were inspected.",
    ),
    Release("two", "2020-06-15", "Energy ministers met. The pipeline carries gas westward."),
    Release("three", "2020-09-01", "The fisheries agreement was signed."),
    Release("four", "2020-11-20", "Harbour works continue."),
    Release("five", "2021-02-02", "A new pipeline agreement was signed with the neighbours."),
    Release("six", "2021-05-05", "Water rights were discussed."),
    Release("seven", None, "An undated note: the pipeline is safe."),
    Release("eight", None, "An undated note on cultural exchange."),
    Release("nine", "2019-01-10", "The budget hearing was held."),
)

#: Documents matching "pipeline" per year, and the year's documents.
PIPELINE_YEARS = {2019: 0, 2020: 2, 2021: 1}
DOCUMENTS_PER_YEAR = {2019: 1, 2020: 4, 2021: 2}
PIPELINE_UNDATED = 1
UNDATED_DOCUMENTS = 2
PIPELINE_OCCURRENCES = 6


def write_releases(folder: Path) -> Path:
    """Write the releases as text files (dated ones with front matter) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for release in RELEASES:
        title = f"Release {release.name}"
        if release.date is None:
            text = f"{title}\n\n{release.body}\n"
        else:
            text = f'---\ntitle: "{title}"\ndate: "{release.date}"\n---\n\n{release.body}\n'
        (folder / f"{release.name}.txt").write_text(text, encoding="utf-8")
    return folder


def build_trend_archive(data_dir: Path, folder: Path) -> None:
    """Import the releases into ``data_dir``."""
    with Archive(data_dir) as archive:
        archive.import_paths([write_releases(folder)])
