"""Putting a backup in place of the archive database, and keeping a damaged file aside.

Nothing here deletes a database: the one replaced is renamed, with its write-ahead log, to
``archive.sqlite3.damaged-<time>`` (when it fails SQLite's quick check) or
``archive.sqlite3.replaced-<time>``, where it can be opened or sent for help later.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from archive.backups import check_archive_file
from archive.storage.errors import storage_error

log = logging.getLogger("archive.restore")

# SQLite keeps a WAL database's latest commits in these files beside it; they belong to it.
_COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file installed, and where the replaced database went."""

    installed_from: Path
    moved_aside: Path | None


def restore_database(
    source: Path, database: Path, index_dir: Path, now: datetime | None = None
) -> RestoreResult:
    """Install a copy of ``source`` as ``database``; the search index is removed to be rebuilt.

    ``source`` is checked first (and its copy again), so a bad file changes nothing. No
    connection to ``database`` may be open.

    Raises:
        BackupError: ``source`` is not a sound archive database; nothing was changed.
        DatabaseError: The data directory cannot be written (disk full, read-only).
    """
    check_archive_file(source)
    temporary = database.with_name(f".{database.name}.restoring")
    try:
        shutil.copyfile(source, temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        check_archive_file(temporary)
        moved = move_aside(database, _label_for(database), now)
        os.replace(temporary, database)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise storage_error(error, database) from error
    # The index was built from the replaced database; the next open rebuilds it from this one.
    shutil.rmtree(index_dir, ignore_errors=True)
    log.info("Restored the archive database from %s (the old one: %s)", source, moved)
    return RestoreResult(installed_from=source, moved_aside=moved)


def move_aside(database: Path, label: str, now: datetime | None = None) -> Path | None:
    """Rename ``database`` (and its ``-wal``/``-shm``) to ``<name>.<label>-<time>``.

    Returns:
        The new name of the database file, or ``None`` when there was none.
    """
    if not database.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}.{label}-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = database.with_name(f"{database.name}.{label}-{stamp}-{number}")
    os.replace(database, aside)
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


def _label_for(database: Path) -> str:
    """``replaced`` for a sound database (after folding its WAL into it), else ``damaged``."""
    if not database.exists():
        return "replaced"
    try:
        connection = sqlite3.connect(database)
    except sqlite3.Error:
        return "damaged"
    try:
        sound = [row[0] for row in connection.execute("PRAGMA quick_check")] == ["ok"]
        if sound:
            # So that the file kept aside holds every commit on its own.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        sound = False
    finally:
        connection.close()
    return "replaced" if sound else "damaged"
