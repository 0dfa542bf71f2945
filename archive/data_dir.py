"""Opening a data directory: a folder (never a file), the writers' lock shared, a restore
that was killed finished first, and read-only when this process cannot write there.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from archive.paths import display_path
from archive.restore import finish_interrupted_restore, refuse_to_start_empty
from archive.restore_journal import read_journal
from archive.storage.errors import DatabaseError, storage_error
from archive.writer_lock import POLL_S, RestoreRunningError, WritersLock


class DataDirError(DatabaseError):
    """The data directory cannot be a folder: it, or a folder on its way, is a file."""


def ensure_data_dir(data_dir: Path) -> None:
    """Make ``data_dir`` (and the folders above it) if missing.

    Raises:
        DataDirError: ``data_dir``, or a folder on its way, is a file.
        DatabaseError: It cannot be made (a read-only parent folder, a full disk).
    """
    blocker = next((path for path in (data_dir, *data_dir.parents) if path.exists()), None)
    if blocker is not None and not blocker.is_dir():
        where = (
            f"The data directory {display_path(data_dir)} is a file, not a folder."
            if blocker == data_dir
            else f"The data directory {display_path(data_dir)} cannot be made: "
            f"{display_path(blocker)} is a file, not a folder."
        )
        raise DataDirError(f"{where} Choose another data directory (--data-dir).")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(error, data_dir / "archive") from error


@dataclass
class DataDirClaim:
    """An open archive's hold on its data directory; ``release`` it when closing.

    Attributes:
        read_only: This process cannot write there: open the database read-only and
            refuse every change plainly.
    """

    lock: WritersLock
    read_only: bool

    def release(self) -> None:
        self.lock.release()


def claim_data_dir(database: Path, index_dir: Path, *, wait: float) -> DataDirClaim:
    """Share the writers' lock of ``database``'s folder, ready for the database to be opened.

    A restore under way is waited for, up to ``wait`` seconds; one that was killed is
    completed or rolled back first; a missing database is never replaced by an empty one
    while one was moved aside.

    Raises:
        DataDirError: The data directory is a file.
        RestoreRunningError: Another program is still restoring after ``wait`` seconds.
        DatabaseError: The database is missing but kept aside, or the folder cannot be
            made, or a killed restore cannot be finished there.
    """
    folder = database.parent
    ensure_data_dir(folder)
    lock = WritersLock(folder)
    deadline = time.monotonic() + wait
    while True:
        lock.acquire_shared(deadline)
        if read_journal(database) is None:
            break
        # A restore was killed (a running one holds the lock alone): finish it, alone.
        lock.release()
        _finish_restore_alone(lock, database, index_dir, deadline)
    try:
        refuse_to_start_empty(database)
    except DatabaseError:
        lock.release()
        raise
    return DataDirClaim(lock, read_only=not _writable(folder, database))


def _finish_restore_alone(
    lock: WritersLock, database: Path, index_dir: Path, deadline: float
) -> None:
    try:
        alone = lock.acquire_exclusive()
    except OSError as error:
        raise storage_error(error, database) from error
    if not alone:
        if time.monotonic() >= deadline:
            raise RestoreRunningError(database.parent)
        time.sleep(POLL_S)
        return
    try:
        finish_interrupted_restore(database, index_dir)
    finally:
        lock.release()


def _writable(folder: Path, database: Path) -> bool:
    """Whether this process may write the folder and the database (and so its log)."""
    if not os.access(folder, os.W_OK):
        return False
    return not database.exists() or os.access(database, os.W_OK)
