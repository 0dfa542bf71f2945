"""The lock a reader window holds on its data directory while it is open.

It is an operating-system lock (``flock`` / ``LockFileEx`` through ``filelock``), so it goes
away with the process that held it, even one that crashed: a lock is never stale. A second
window uses it to find the first; ``archive-reader restore`` uses it to refuse to swap the
database under an open window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from filelock import FileLock, Timeout

from archive.paths import display_path
from archive.storage.errors import DatabaseError

log = logging.getLogger("archive.window_lock")

LOCK_NAME = "reader.lock"


class ArchiveInUseError(DatabaseError):
    """A reader window has the archive open."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"A reader window has the archive in {display_path(data_dir)} open. "
            "Close it, then try again."
        )


class WindowLock:
    """The data directory's window lock; ``acquire`` it, ``release`` it when done."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = FileLock(data_dir / LOCK_NAME)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def acquire(self) -> bool:
        """Take the lock if no other window (or restore) holds it; never waits.

        Returns:
            True when this object now holds it, False when another holder has it.

        Raises:
            OSError: The lock file cannot be created (a read-only or missing folder).
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> WindowLock:
        """Hold the lock for a block, or raise ``ArchiveInUseError`` when a window has it."""
        if not self.acquire():
            raise ArchiveInUseError(self.data_dir)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
