"""Generations of the search index: every rebuild is built aside, then switched to at once.

The index folder holds::

    index/
        current.json      the generation searched: {"generation": 4, "token": "…"}
        gen-4/            its Whoosh index and vocabulary
        gen-5.building/   a rebuild under way (or what a killed one left behind)
        rebuilding        present while a rebuild runs
        rebuild.lock      locked (an OS file lock) by whoever rebuilds

A rebuild fills ``gen-N.building``, renames it to ``gen-N`` and replaces ``current.json``
with ``os.replace``: a process killed at any moment leaves the old generation current (or
none), and the next start rebuilds again. Other readers notice the switch the next time
they read ``current.json``. The OS releases the lock of a process that dies, so a
``rebuilding`` file whose lock is free is a leftover, not a rebuild.

The index holds pickles: it is never restored from a copy, only rebuilt from SQLite.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from whoosh.util.filelock import FileLock, try_for

from archive.atomic_write import write_text_atomically
from archive.search.errors import IndexRebuildingError
from archive.search.schema import FILE_PREFIXES

log = logging.getLogger("archive.search")

POINTER = "current.json"
LOCK = "rebuild.lock"
MARKER = "rebuilding"
DAMAGED = "damaged"  # written into a generation's folder when reading it failed
BUILDING_SUFFIX = ".building"
_GENERATION_FOLDER = re.compile(r"gen-(\d+)(\.building)?")
# A reader checking whether a rebuild runs holds the lock for an instant: a new rebuild
# waits this long for it before concluding that another rebuild holds it.
LOCK_WAIT_S = 1.0


@dataclass(frozen=True)
class Generation:
    """One built index: its number, the token that ties it to SQLite, and its folder."""

    number: int
    token: str
    directory: Path


class IndexGenerations:
    """The generations in one index folder; safe to use from several processes at once.

    Args:
        root: The index folder (``<data dir>/index``); created when first rebuilt.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        # The pointer last read, by the identity of its file: every search asks for it,
        # and a switch replaces the file (a new inode), so one stat tells it is the same.
        self._pointer_stamp: tuple[int, int, int] | None = None
        self._pointer_read: Generation | None = None

    def current(self) -> Generation | None:
        """The generation to search, or None when there is none (or its folder is gone)."""
        path = self.root / POINTER
        try:
            status = path.stat()
        except FileNotFoundError:
            return None
        stamp = (status.st_ino, status.st_mtime_ns, status.st_size)
        if stamp == self._pointer_stamp and self._pointer_read is not None:
            return self._pointer_read
        try:
            pointer = json.loads(path.read_text(encoding="utf-8"))
            number, token = int(pointer["generation"]), str(pointer["token"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("The search index's pointer %s cannot be read: %s", POINTER, error)
            return None
        directory = self.root / f"gen-{number}"
        if not directory.is_dir():
            return None
        self._pointer_stamp, self._pointer_read = stamp, Generation(number, token, directory)
        return self._pointer_read

    @staticmethod
    def is_marked_damaged(generation: Generation) -> bool:
        return (generation.directory / DAMAGED).exists()

    @staticmethod
    def mark_damaged(generation: Generation) -> None:
        """Remember that reading ``generation`` failed, so every process rebuilds it."""
        with suppress(FileNotFoundError):  # already replaced and removed
            (generation.directory / DAMAGED).touch()

    def rebuild_running(self) -> bool:
        """Whether a rebuild runs now, in this process or another."""
        if not (self.root / MARKER).exists():
            return False
        lock = FileLock(str(self.root / LOCK))
        if lock.acquire(blocking=False):
            lock.release()  # the rebuilder died: the marker is a leftover
            return False
        return True

    def has_leftovers(self) -> bool:
        """Whether the folder holds what an old or interrupted rebuild left behind."""
        current = self.current()
        return any(self._is_leftover(path, current) for path in self._children())

    def remove_leftovers(self) -> None:
        """Remove leftovers, unless a rebuild runs (which removes them itself)."""
        if not self.root.is_dir():
            return
        lock = FileLock(str(self.root / LOCK))
        if not lock.acquire(blocking=False):
            return
        try:
            self._remove_leftovers()
        finally:
            lock.release()

    @contextmanager
    def rebuilding(self) -> Iterator[Rebuild]:
        """Hold the rebuild lock while a new generation is built aside.

        Yields a :class:`Rebuild` whose folder is to be filled, then published; one left
        unpublished (the build failed) is removed, and the current generation stays.

        Raises:
            IndexRebuildingError: Another rebuild is running.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / LOCK))
        if not try_for(lambda: lock.acquire(blocking=False), timeout=LOCK_WAIT_S, delay=0.05):
            raise IndexRebuildingError()
        marker = self.root / MARKER
        try:
            marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
            self._remove_leftovers()
            number = self._next_number()
            building = self.root / f"gen-{number}{BUILDING_SUFFIX}"
            building.mkdir()
            rebuild = Rebuild(self.root, number, uuid.uuid4().hex, building)
            yield rebuild
        finally:
            try:
                marker.unlink(missing_ok=True)
                self._remove_leftovers()
            finally:
                lock.release()

    def _next_number(self) -> int:
        numbers = [0]
        for path in self._children():
            match = _GENERATION_FOLDER.fullmatch(path.name)
            if match:
                numbers.append(int(match.group(1)))
        current = self.current()
        if current is not None:
            numbers.append(current.number)
        return max(numbers) + 1

    def _children(self) -> list[Path]:
        try:
            return list(self.root.iterdir())
        except FileNotFoundError:
            return []

    def _is_leftover(self, path: Path, current: Generation | None) -> bool:
        if _GENERATION_FOLDER.fullmatch(path.name):
            return current is None or path != current.directory
        # The files of the single index older versions kept directly in this folder.
        return path.is_file() and path.name.startswith(FILE_PREFIXES)

    def _remove_leftovers(self) -> None:
        """Remove old generations, interrupted rebuilds and old files; the lock is held."""
        current = self.current()
        for path in self._children():
            if not self._is_leftover(path, current):
                continue
            log.info("Removing the unused search index %s", path)
            if path.is_dir():
                # On Windows a folder another process still reads cannot be removed yet;
                # a later rebuild or start removes it.
                shutil.rmtree(path, ignore_errors=True)
            else:
                with suppress(OSError):
                    path.unlink()


@dataclass(frozen=True)
class Rebuild:
    """A generation being built: fill ``directory``, then :meth:`publish` it."""

    root: Path
    number: int
    token: str
    directory: Path

    def publish(self) -> Generation:
        """Make this generation the one searched, in one atomic step."""
        published = self.root / f"gen-{self.number}"
        os.replace(self.directory, published)
        pointer = json.dumps({"generation": self.number, "token": self.token})
        write_text_atomically(self.root / POINTER, pointer + "\n")
        return Generation(self.number, self.token, published)
