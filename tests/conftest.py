"""Shared test set-up: offscreen Qt, and data directories under tmp_path only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "resources" / "sample_archive"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every place the application could write to inside tmp_path."""
    monkeypatch.setenv("ARCHIVE_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def seed_path(prefix: str) -> Path:
    """The bundled seed whose file name starts with ``prefix`` (for example ``"003"``)."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))
