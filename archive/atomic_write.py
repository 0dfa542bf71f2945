"""Writing a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` through a temporary file.

    The temporary file is made in the same folder, flushed to disk, and renamed over
    ``path`` with ``os.replace``; on any error it is removed and ``path`` is untouched. The
    new file keeps the permissions of the one it replaces, else the usual ones (umask).

    Raises:
        OSError: The folder cannot be written to.
    """
    mode = _mode_for(path)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        # mkstemp makes the file private (0600); an export should be like any new file.
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
