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

    What is not a regular file is written to in place, never replaced: a device, a named
    pipe, ``/dev/stdout`` (a symbolic link to one). Run as root, renaming over them
    replaced ``/dev/null`` with a regular file. A symbolic link to a regular file stays a
    link: the file it points to is replaced.

    Raises:
        OSError: The folder cannot be written to.
    """
    if _is_stream(path):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    path = Path(os.path.realpath(path))
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


def _is_stream(path: Path) -> bool:
    """Whether ``path`` (followed through links) exists and is neither a file nor a folder."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        # mkstemp makes the file private (0600); an export should be like any new file.
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
