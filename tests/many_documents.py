"""Many small press releases across many years, for tests of big result sets and charts."""

from __future__ import annotations

from pathlib import Path

COMMON_WORD = "harbour"  # in every document written here


def write_documents(
    folder: Path, count: int, *, first_year: int = 1990, years: int = 25, undated: int = 0
) -> Path:
    """Write ``count`` dated Markdown releases over ``years`` years, then ``undated`` more.

    Each mentions :data:`COMMON_WORD` a different number of times (so relevance orders
    them without ties between most), and has a title of its own. Returns ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        year = first_year + number % years
        month = 1 + number % 12
        day = 1 + number % 28
        repeats = " ".join([COMMON_WORD] * (1 + number % 7))
        (folder / f"release-{number:04d}.md").write_text(
            f"---\ntitle: Release number {number} on the {COMMON_WORD}\n"
            f"date: {year}-{month:02d}-{day:02d}\n---\n\n"
            f"The council met about item {number} of the {repeats} plan; "
            f"the minutes list {number * 7 % 113} objections.\n",
            encoding="utf-8",
        )
    for number in range(undated):
        (folder / f"undated-{number:04d}.md").write_text(
            f"# Undated note {number} on the {COMMON_WORD}\n\n"
            f"Nobody wrote down when the {COMMON_WORD} board met about item {number}.\n",
            encoding="utf-8",
        )
    return folder
