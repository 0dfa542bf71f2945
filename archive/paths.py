"""Where the archive lives on disk."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "archive-reader"
DATA_DIR_VARIABLE = "ARCHIVE_READER_DATA_DIR"


def default_data_dir() -> Path:
    """``$ARCHIVE_READER_DATA_DIR`` if set, else the platform's user data directory."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def display_path(path: Path | str) -> str:
    """A path as text that can always be stored and printed.

    File names that are not valid UTF-8 keep their undecodable bytes as ``\\xNN`` escapes
    instead of lone surrogates, which SQLite and terminals reject.
    """
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")
