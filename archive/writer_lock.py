"""The writers' lock: every open ``Archive`` shares it, and a restore takes it alone.

It is an operating-system lock on ``<data dir>/writers.lock`` (``flock`` on POSIX,
``LockFileEx`` on Windows), so it goes away with the process that held it, even one that
was killed: it is never stale. Every ``Archive`` holds it *shared* while it is open: the
command line's import, re-read, annotations import and backup, the reads that may bring the
search index in step, and each archive of an open window. ``restore`` takes it *exclusively*
and never waits for it, so it can never move the database aside under a writer; a writer
that finds a restore under way waits for it to end (as long as it waits for SQLite's own
write lock), then says why it gives up.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

from archive.paths import display_path
from archive.storage.errors import DatabaseError

LOCK_NAME = "writers.lock"
# How often a writer looks again whether a restore has ended.
POLL_S = 0.05


class ArchiveBusyError(DatabaseError):
    """A restore was refused: another program has the archive open and may be writing."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Another program is writing to this archive: {display_path(data_dir)} is open "
            "in an archive-reader command or a reader window (an import, a re-read, an "
            "annotations import, a backup…). Nothing was changed: let it finish, then try "
            "again."
        )


class RestoreRunningError(DatabaseError):
    """The archive is being restored by another program, longer than a writer waits."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"The archive in {display_path(data_dir)} is being restored from a backup by "
            "another program. Try again when it has finished."
        )


class WritersLock:
    """The data directory's writers' lock, held shared or exclusively by this object.

    Args:
        data_dir: The data directory (it must exist).
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire_shared(self, deadline: float) -> bool:
        """Share the lock with the other writers, waiting out a restore until ``deadline``.

        Args:
            deadline: A ``time.monotonic()`` after which to give up.

        Returns:
            True when held; False when there is no lock file and none can be made (a
            read-only folder, where nobody can write or restore anyway).

        Raises:
            RestoreRunningError: A restore still holds the lock at ``deadline``.
        """
        if self._fd is not None:
            return True
        descriptor = _open_lock_file(self.path)
        if descriptor is None:
            return False
        while not _try_lock(descriptor, exclusive=False):
            if time.monotonic() >= deadline:
                os.close(descriptor)
                raise RestoreRunningError(self.data_dir)
            time.sleep(POLL_S)
        self._fd = descriptor
        return True

    def acquire_exclusive(self) -> bool:
        """Take the lock alone if nobody holds it; never waits.

        Returns:
            True when this object now holds it, False when some writer (or restore) has it.

        Raises:
            OSError: The lock file cannot be made (a read-only folder).
        """
        if self._fd is not None:
            raise RuntimeError("The writers' lock is already held by this object.")
        descriptor = _open_lock_file(self.path)
        if descriptor is None:
            raise PermissionError(errno.EACCES, "cannot make the lock file", str(self.path))
        if not _try_lock(descriptor, exclusive=True):
            os.close(descriptor)
            return False
        self._fd = descriptor
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        descriptor, self._fd = self._fd, None
        try:
            _unlock(descriptor)
        finally:
            os.close(descriptor)


def _open_lock_file(path: Path) -> int | None:
    """A descriptor of the lock file, made if need be; None when it can be neither."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            try:
                # A lock file made earlier can still be locked through a read-only
                # descriptor: flock and LockFileEx do not ask for write access.
                return os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                return None
        raise


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    def _try_lock(descriptor: int, *, exclusive: bool) -> bool:
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        handle = msvcrt.get_osfhandle(descriptor)
        overlapped = _Overlapped()
        locked = ctypes.windll.kernel32.LockFileEx(  # type: ignore[attr-defined]
            handle, flags, 0, 1, 0, ctypes.byref(overlapped)
        )
        return bool(locked)

    def _unlock(descriptor: int) -> None:
        handle = msvcrt.get_osfhandle(descriptor)
        overlapped = _Overlapped()
        ctypes.windll.kernel32.UnlockFileEx(  # type: ignore[attr-defined]
            handle, 0, 1, 0, ctypes.byref(overlapped)
        )

else:
    import fcntl

    def _try_lock(descriptor: int, *, exclusive: bool) -> bool:
        operation = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(descriptor, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        # Unlocked explicitly, not only closed: a child process that inherited the
        # descriptor would otherwise keep the lock for as long as it lives.
        fcntl.flock(descriptor, fcntl.LOCK_UN)
