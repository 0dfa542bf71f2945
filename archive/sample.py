"""The bundled sample archive: the five press releases the reader was made for."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

SAMPLE_FOLDER = "sample"


def bundled_sample_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every bundled sample release, in name order."""
    folder = resources.files("resources").joinpath("sample_archive")
    return sorted(
        (entry.name, entry.read_bytes())
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(".txt")
    )


def copy_sample_archive(data_dir: Path) -> Path:
    """Copy the sample releases into the data directory, so their origin paths stay valid."""
    target = data_dir / SAMPLE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name, content in bundled_sample_files():
        destination = target / name
        if not destination.exists():
            temporary = destination.with_suffix(".part")
            temporary.write_bytes(content)
            shutil.move(temporary, destination)
    return target
