"""What can go wrong with the archive database, as errors whose messages a person understands.

SQLite reports a damaged file, a lock held by another program, a full disk and a read-only
folder as ``sqlite3`` errors with codes; :func:`storage_error` turns them into the errors
below, so that the command line and the window can say what happened and what to do.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from archive.paths import display_path

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class DatabaseError(Exception):
    """The database cannot be opened or used; the message is meant for a person."""


class DatabaseCorruptError(DatabaseError):
    """The database file is damaged, or is not an archive database at all.

    Attributes:
        path: The damaged file.
        detail: What SQLite said, for the log.
    """

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(
            f"The archive database {display_path(path)} is damaged and cannot be read."
        )
        self.path = path
        self.detail = detail


class DatabaseBusyError(DatabaseError):
    """Another program held the archive's write lock longer than we were willing to wait."""

    def __init__(self) -> None:
        super().__init__(
            "The archive is busy: another program (perhaps the reader window) is writing to "
            "it. Try again when it has finished."
        )


class DiskFullError(DatabaseError):
    """The disk holding the archive is full; the change was rolled back."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"The disk is full: the change could not be saved in {display_path(folder)}. "
            "Nothing was changed. Free some space on that disk and try again."
        )
        self.folder = folder


class ReadOnlyArchiveError(DatabaseError):
    """The archive's folder or database file cannot be written to."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"The archive folder {display_path(folder)} is read-only: Archive Reader cannot "
            "save anything there. Nothing was changed. Make the folder writable, or use "
            "another data directory (--data-dir)."
        )
        self.folder = folder


def storage_error(error: sqlite3.Error | OSError, database: Path) -> DatabaseError:
    """The archive error that explains ``error``, raised on the database at ``database``."""
    known = known_storage_error(error, database)
    if known is not None:
        return known
    if isinstance(error, OSError):
        return DatabaseError(
            f"Cannot use the archive database {display_path(database)}: {error.strerror or error}."
        )
    if _primary_code(error) == _SQLITE_CANTOPEN:
        if database.parent.is_dir() and not os.access(database.parent, os.W_OK):
            return ReadOnlyArchiveError(database.parent)
        return DatabaseError(
            f"Cannot open the archive database {display_path(database)}: the file or its "
            "folder cannot be opened (does the folder exist, and may you read it?)."
        )
    return DatabaseError(
        f"The archive database {display_path(database)} reported an error: {error}."
    )


def known_storage_error(error: sqlite3.Error | OSError, database: Path) -> DatabaseError | None:
    """The archive error for a busy, full, read-only or damaged database; else ``None``.

    Other errors (a constraint, a programming mistake) are not about the storage and are
    left to their callers.
    """
    folder = database.parent
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return DiskFullError(folder)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyArchiveError(folder)
        return None
    code = _primary_code(error)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusyError()
    if code == _SQLITE_FULL:
        return DiskFullError(folder)
    if code == _SQLITE_READONLY:
        return ReadOnlyArchiveError(folder)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseCorruptError(database, str(error))
    return None


def _primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code, from the error's code or, failing that, its message."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    message = str(error).lower()
    for fragment, fallback in (
        ("locked", _SQLITE_LOCKED),
        ("busy", _SQLITE_BUSY),
        ("readonly", _SQLITE_READONLY),
        ("read-only", _SQLITE_READONLY),
        ("disk is full", _SQLITE_FULL),
        ("malformed", _SQLITE_CORRUPT),
        ("not a database", _SQLITE_NOTADB),
        ("unable to open", _SQLITE_CANTOPEN),
    ):
        if fragment in message:
            return fallback
    return None
