"""Automatic and manual backups of the archive database, each checked before it counts.

A backup is a copy made with SQLite's online backup API (a consistent snapshot even while the
archive is in use), written under a temporary name, opened and checked with
``PRAGMA integrity_check``, and only then renamed to ``archive-YYYYMMDD-HHMMSS.sqlite3`` in
the ``backups`` folder of the data directory. The newest ``KEEP_BACKUPS`` are kept.

The search index is never backed up: it holds pickles, and it is rebuilt from SQLite.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from archive.storage.errors import DatabaseError, storage_error
from archive.storage.migrations import MIGRATIONS

log = logging.getLogger("archive.backups")

BACKUP_FOLDER = "backups"
KEEP_BACKUPS = 5
BACKUP_INTERVAL = timedelta(days=1)
_NAME = re.compile(r"^archive-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


class BackupError(DatabaseError):
    """A backup could not be made, or a file is not a usable archive database."""


@dataclass(frozen=True)
class Backup:
    """One checked backup file and when it was made (local time)."""

    path: Path
    created: datetime

    @property
    def description(self) -> str:
        """When it was made, for people: ``22 November 2026, 14:03``."""
        return f"{self.created.day} {self.created:%B %Y, %H:%M}"


def backup_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def list_backups(data_dir: Path) -> list[Backup]:
    """The checked backups in ``data_dir``, newest first (temporary copies are not listed)."""
    folder = backup_folder(data_dir)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if match:
            created = datetime.strptime(match.group(1), _STAMP)
            found.append((created, int(match.group(2) or 1), Backup(folder / name, created)))
    found.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    return [backup for _created, _number, backup in found]


def latest_backup(data_dir: Path) -> Backup | None:
    backups = list_backups(data_dir)
    return backups[0] if backups else None


def backup_is_due(data_dir: Path, now: datetime | None = None) -> bool:
    """Whether the newest backup is older than ``BACKUP_INTERVAL`` (or there is none)."""
    latest = latest_backup(data_dir)
    moment = now or datetime.now()
    return latest is None or moment - latest.created >= BACKUP_INTERVAL


def make_backup(source: sqlite3.Connection, data_dir: Path, now: datetime | None = None) -> Backup:
    """Copy the database behind ``source`` into the backups folder, check it, prune old ones.

    Args:
        source: An open connection to the archive database.
        data_dir: The data directory; backups go to its ``backups`` folder.
        now: The time to name the backup by (default: now).

    Returns:
        The new backup, which passed ``PRAGMA integrity_check``.

    Raises:
        BackupError: The copy failed its check; nothing was kept.
        DatabaseError: The copy could not be written (disk full, read-only folder).
    """
    folder = backup_folder(data_dir)
    created = (now or datetime.now()).replace(microsecond=0)
    final = _free_name(folder, created)
    temporary = folder / f".{final.name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_partial_copies(folder)
        _copy(source, temporary)
        check_archive_file(temporary)
        os.replace(temporary, final)
    except (OSError, sqlite3.Error) as error:
        _remove(temporary)
        raise storage_error(error, folder / "backup") from error
    except BaseException:
        _remove(temporary)
        raise
    prune_backups(data_dir)
    log.info("Backed up the archive to %s", final)
    return Backup(final, created)


def prune_backups(data_dir: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted files."""
    removed = []
    for backup in list_backups(data_dir)[keep:]:
        _remove(backup.path)
        removed.append(backup.path)
    return removed


def check_archive_file(path: Path) -> None:
    """Make sure ``path`` is a sound archive database, before it is restored or counted.

    Sound means: it passes ``PRAGMA integrity_check``, and it has our schema (a schema
    version set by our migrations, with the documents and annotations tables).

    Raises:
        BackupError: It is not; the message says why, for a person.
    """
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened as an archive database.") from error
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as error:
        raise BackupError(f"{path} is damaged or is not an archive database.") from error
    finally:
        connection.close()
    if problems != ["ok"]:
        raise BackupError(f"{path} is damaged: SQLite's integrity check failed.")
    if version < 1 or not {"documents", "annotations"} <= tables:
        raise BackupError(f"{path} is a database, but not an Archive Reader archive.")
    if version > len(MIGRATIONS):
        raise BackupError(
            f"{path} was written by a newer version of Archive Reader; update it first."
        )


def _copy(source: sqlite3.Connection, target: Path) -> None:
    _remove(target)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # A backup is one self-contained file, not a database with a write-ahead log.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def _free_name(folder: Path, created: datetime) -> Path:
    """``archive-<stamp>.sqlite3``, or ``archive-<stamp>-2.sqlite3``… if taken this second."""
    stamp = created.strftime(_STAMP)
    candidate = folder / f"archive-{stamp}.sqlite3"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"archive-{stamp}-{number}.sqlite3"
    return candidate


def _remove_partial_copies(folder: Path) -> None:
    """Copies left half-made by a backup that was interrupted (the program killed)."""
    for partial in folder.glob(".archive-*.partial"):
        _remove(partial)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
