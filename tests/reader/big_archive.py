"""A 708-document archive over 25 years (8 undated, one dated by inference), for the window."""

from __future__ import annotations

import shutil
from pathlib import Path

from archive.api import Archive
from tests.many_documents import COMMON_WORD, write_documents

DATED = 700
UNDATED_COUNT = 8
YEARS = 25  # 1990 to 2014
INFERRED_TITLE = "Dateline only"


def build_big_archive(folder: Path) -> Path:
    """Import the documents into ``folder / "data"``; returns that data directory."""
    files = write_documents(folder / "files", DATED - 1, years=YEARS, undated=UNDATED_COUNT)
    (files / "inferred.md").write_text(
        f"# {INFERRED_TITLE}\n\nBERLIN, March 3 - The {COMMON_WORD} plan was discussed"
        " in 1999 by the board.\n",
        encoding="utf-8",
    )
    data_dir = folder / "data"
    with Archive(data_dir) as archive:
        archive.import_paths([files])
    return data_dir


def copy_archive(built: Path, data_dir: Path) -> Path:
    shutil.copytree(built, data_dir)
    return data_dir
