"""One typed registry of the window's settings over ``QSettings``.

Every key and its default is declared once, here. Tests pass a ``QSettings`` on an INI file
under ``tmp_path``, so nothing touches the user's real settings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


WINDOW_GEOMETRY = Option("window/geometry", QByteArray())
WINDOW_STATE = Option("window/state", QByteArray())
MAIN_SPLITTER = Option("window/main_splitter", QByteArray())
ZOOM_STEPS = Option("reading/zoom_steps", 0)
SEARCH_SORT = Option("search/sort", "relevance")
NAVIGATOR_SORT = Option("navigator/sort", "date")  # "date" (newest first) or "title"
SAMPLE_HINT_DISMISSED = Option("hints/sample_dismissed", False)


def _archive_key(data_dir: Path) -> str:
    """One plain word per data directory: a hash of its resolved path (see reader.session)."""
    return hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:20]


def archive_session(data_dir: Path) -> Option[str]:
    """The reading session of one archive, as JSON (``reader.session.ArchiveSession``)."""
    return Option(f"archives/{_archive_key(data_dir)}/session", "")


def archive_session_path(data_dir: Path) -> Option[str]:
    """The data directory an ``archives/<key>`` group belongs to, for a person reading it."""
    return Option(f"archives/{_archive_key(data_dir)}/path", "")


class Settings:
    """Typed access to the application's settings."""

    def __init__(self, backend: QSettings) -> None:
        self._backend = backend

    @classmethod
    def default(cls) -> Settings:
        """The user's settings, where the platform keeps them."""
        return cls(QSettings("archive-reader", "Archive Reader"))

    @classmethod
    def in_file(cls, path: Path) -> Settings:
        """Settings kept in an INI file (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def get(self, option: Option[T]) -> T:
        """The stored value, or the option's default when it is missing or unreadable."""
        value: object = self._backend.value(option.key, option.default)
        return _coerce(value, option.default)

    def set(self, option: Option[T], value: T) -> None:
        self._backend.setValue(option.key, value)

    def sync(self) -> None:
        self._backend.sync()


def _coerce(value: object, default: T) -> T:
    """An INI file gives strings back: turn ``value`` into the type of ``default``."""
    if value is None:
        return default
    try:
        if isinstance(default, bool):
            return cast(T, value is True or str(value).lower() in ("true", "1"))
        if isinstance(default, int):
            return cast(T, int(str(value)))
        if isinstance(default, list):
            items = value if isinstance(value, list) else [value]
            return cast(T, [int(str(item)) for item in items if str(item).strip()])
    except ValueError:
        return default
    if isinstance(default, QByteArray):
        return cast(T, value) if isinstance(value, QByteArray) else default
    return value if isinstance(value, type(default)) else default
