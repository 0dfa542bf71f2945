"""Importing files into the archive: find them, tell new from changed from unchanged, store.

Parsing a file (decoding, cleaning, metadata) is ``archive.ingest``; this module decides what
happens to each file and records it, so that every file gets exactly one ``ImportResult``.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import itertools
import logging
import math
import operator
import os
import sqlite3
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from archive.ingest import SUPPORTED_SUFFIXES, IngestError
from archive.ingest.pool import (
    DocumentParser,
    PendingParse,
    PoolParser,
    SerialParser,
    usable_cores,
)
from archive.models import ImportProgress, ImportResult, ImportStatus
from archive.paths import display_path, legacy_display_path, path_bytes
from archive.storage import Database, DatabaseError, DocumentStore, StoredFile
from archive.storage.documents import FileFacts

log = logging.getLogger("archive.import")

# Far above any press release (the longest real ones are a few hundred kilobytes, a PDF's
# whole annual report a few megabytes), and low enough that one file cannot stall an
# import for minutes or the window for seconds when it is shown.
MAX_FILE_MEGABYTES = 10
MAX_FILE_BYTES = MAX_FILE_MEGABYTES * 1024 * 1024
BATCH_SIZE = 200  # files per transaction: a kill loses at most one uncommitted batch
# Fewer files to parse than this are parsed in the importing thread: starting worker
# processes costs more than they would save.
POOL_MIN_FILES = 50
# Files read and handed to the parser ahead of the one being stored.
# Up to this many files, an import looks up each file's stored copy by its path.
_PATH_QUERIES_UP_TO = 2000
READ_AHEAD_FILES = 64
READ_AHEAD_BYTES = 64 * 1024 * 1024

_CHUNK = 1024 * 1024  # read at a time where a file's size does not say how much there is
# Never wait (a named pipe), never take a terminal as ours, never hand the file to a child
# process; bytes as they are on Windows. Flags a platform lacks count as 0.
_READ_FLAGS = os.O_RDONLY | functools.reduce(
    operator.or_,
    (getattr(os, name, 0) for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY")),
)


ProgressCallback = Callable[[ImportProgress], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class FoundFiles:
    """The files to import, and what was reported about the rest while looking."""

    files: list[Path]
    reported: list[ImportResult]


def find_files(paths: Iterable[Path]) -> FoundFiles:
    """Expand files and folders (recursively) into the files to import.

    Hidden files and folders are passed over silently; other unsupported files, and named
    pipes, devices and sockets, are reported as skipped; broken links and link loops as
    failed; a folder reached twice through symbolic links is walked once.
    """
    files: list[Path] = []
    reported: list[ImportResult] = []
    for path in paths:
        info = _status(path, given=True)
        if isinstance(info, ImportResult):
            reported.append(info)
        elif stat.S_ISDIR(info.st_mode):
            _walk_folder(path, files, reported)
        elif not stat.S_ISREG(info.st_mode):
            reported.append(_skipped(display_path(path), _not_regular(info.st_mode)))
        elif _supported(path):
            files.append(path)
        else:
            reported.append(_unsupported(path))
    return FoundFiles(files, reported)


def _walk_folder(folder: Path, files: list[Path], reported: list[ImportResult]) -> None:
    seen: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        where = display_path(error.filename or folder)
        reported.append(_failed(where, f"cannot read this folder: {error.strerror or error}"))

    for root, dirs, names in os.walk(folder, onerror=on_error, followlinks=True):
        try:
            info = os.stat(root)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            # A symbolic link back into a folder already walked (a loop): walk it once only.
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            status = _status(path, given=False)
            if isinstance(status, ImportResult):
                reported.append(status)
            elif not _supported(path):
                reported.append(_unsupported(path))
            elif not stat.S_ISREG(status.st_mode):
                # A named pipe would make reading wait forever, a device read forever.
                reported.append(_skipped(display_path(path), _not_regular(status.st_mode)))
            else:
                files.append(path)


def _status(path: Path, *, given: bool) -> os.stat_result | ImportResult:
    """What ``path`` is, following symbolic links; or why it cannot be imported.

    ``given`` says the path was named by the user, not found in a folder: one that is not
    there at all is then "no such file or folder".
    """
    try:
        return os.stat(path)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and given and not os.path.lexists(path):
            return _failed(display_path(path), "no such file or folder")
        return _failed(display_path(path), _describe_os_error(error, path))


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _unsupported(path: Path) -> ImportResult:
    kind = f"{path.suffix} files are" if path.suffix else "files without an extension are"
    return _skipped(
        display_path(path),
        f"not imported: {kind} not supported (Archive Reader imports {SUPPORTED_FORMATS_TEXT})",
    )


#: The formats read, as a person would list them.
SUPPORTED_FORMATS_TEXT = "text, Markdown, HTML, PDF, Word (.docx) and RTF files"


def _skipped(path: str, reason: str) -> ImportResult:
    return ImportResult(path=path, status=ImportStatus.SKIPPED, reason=reason)


def _failed(path: str, reason: str) -> ImportResult:
    return ImportResult(path=path, status=ImportStatus.FAILED, reason=reason)


def _not_regular(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode):
        kind = "a character device"
    elif stat.S_ISBLK(mode):
        kind = "a block device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISDIR(mode):
        kind = "a folder"
    else:
        kind = "a special file"
    return f"not a regular file: {kind}"


def _too_large(size: int | None) -> str:
    """Why a file is not read; ``size`` is ``None`` where reading it found it too large."""
    if size is None:
        return f"too large to be a press release (over the limit of {MAX_FILE_MEGABYTES} MB)"
    size_mb = size / 1024 / 1024
    shown_size = f"{math.ceil(size_mb * 10) / 10:.1f}"  # up: over the limit shows over
    return (
        f"too large to be a press release ({shown_size} MB; the limit is {MAX_FILE_MEGABYTES} MB)"
    )


#: Said of the second and later times one file is listed (or reached) in an import.
LISTED_TWICE = "listed twice: the file is imported once, where it first comes"


@dataclass(frozen=True)
class _Candidate:
    """A file that is new or changed by its size or modification time."""

    path: Path
    shown: str
    key: str
    mtime_ns: int
    known: StoredFile | None


@dataclass(frozen=True)
class _Staged:
    """A file read, and parsing (or, with content unchanged, only to be touched)."""

    shown: str
    facts: FileFacts
    known: StoredFile | None
    parse: PendingParse | None


@dataclass(frozen=True)
class _Rekeyed:
    """An unchanged file whose document an older version stored under another path form."""

    shown: str
    document_id: int
    key: str


class _KnownFiles:
    """The files imported before, by the path they are stored under.

    Paths are compared in their lossless stored form (``display_path``). An archive written
    before that form may hold a path with a backslash in the older, ambiguous form
    (``legacy_display_path``); a file is matched to such a row when no file on disk has that
    text as its own lossless path, so the row cannot be another file's. Each document is
    matched to one file only.
    """

    def __init__(self, lookup: Callable[[str], StoredFile | None]) -> None:
        self._lookup = lookup
        self._claimed: dict[int, str] = {}

    @classmethod
    def of(cls, store: DocumentStore, files: int) -> _KnownFiles:
        """Known files for an import of ``files`` files.

        A large import reads every stored file in one query; a small one asks for its own
        paths, one indexed query each: reading 100,000 stored files to import 300 took
        0.3 s, and the garbage collection their objects set off held every thread (the
        window's too) for 60-80 ms.
        """
        if files > _PATH_QUERIES_UP_TO:
            return cls(store.stored_files().get)
        return cls(store.stored_file)

    def find(self, key: str, real_path: str) -> StoredFile | None:
        found = self._lookup(key)
        if found is None:
            legacy = legacy_display_path(real_path)
            if legacy != key:
                stored = self._lookup(legacy)
                if stored is not None and not os.path.lexists(path_bytes(legacy)):
                    found = stored
        if found is not None and self._claimed.setdefault(found.id, key) != key:
            return None
        return found


class _NotReadError(Exception):
    """A file that is not read: a named pipe, a device, or too large."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, without ever waiting.

    The file is opened without blocking (opening a named pipe would wait for a writer,
    holding the archive's write lock meanwhile), checked to be a regular file once open
    (it may have been replaced since it was listed), and read with a hard limit whatever
    its size says (a device or a growing file is no smaller than its size). A symbolic
    link to a regular file is followed.

    Raises:
        _NotReadError: Not a regular file, or larger than ``limit``; its ``reason`` says which.
        OSError: It cannot be opened or read.
    """
    descriptor = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _NotReadError(_not_regular(info.st_mode))
        if info.st_size > limit:
            raise _NotReadError(_too_large(info.st_size))
        chunks: list[bytes] = []
        total = 0
        expected = info.st_size + 1  # one byte more than the size: the end shows at once
        while total <= limit:
            chunk = os.read(descriptor, min(limit + 1 - total, max(expected - total, _CHUNK)))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(descriptor)
    if total > limit:
        raise _NotReadError(_too_large(None))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def choose_parser(files_to_parse: int) -> DocumentParser:
    """Worker processes for many files on several cores; this thread otherwise.

    Either way, PDF, Word, RTF and HTML files are parsed in a worker process, with a time
    and a memory limit, where a hostile file can fail alone (``archive.ingest.pool``).
    """
    if files_to_parse < POOL_MIN_FILES or usable_cores() < 2:
        return SerialParser()
    return PoolParser()


class Importer:
    """Imports files into one archive database, a batch of files per transaction.

    Files are checked (size and modification time against what was imported) and read in
    order; new and changed ones are parsed ahead, in worker processes when there are many,
    and stored here in order, so every file gets its result in the order given.

    Args:
        database: The archive database.
        store: Its documents.
        parser_for: Makes the parser, told how many files may need parsing.
    """

    def __init__(
        self,
        database: Database,
        store: DocumentStore,
        *,
        parser_for: Callable[[int], DocumentParser] = choose_parser,
    ) -> None:
        self._db = database
        self._store = store
        self._parser_for = parser_for
        self._parser: DocumentParser | None = None
        self._to_parse = 0

    def run(
        self,
        files: list[Path],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[ImportResult]:
        """Import ``files``; stops between files when ``cancelled()`` turns true."""
        known = _KnownFiles.of(self._store, len(files))
        real_folders: dict[str, str] = {}
        to_read: set[str] = set()
        checked = [self._check(path, known, real_folders, to_read) for path in files]
        self._to_parse = sum(1 for item in checked if isinstance(item, _Candidate))
        results: list[ImportResult] = []
        total = len(files)
        staged = self._read_ahead(checked)
        try:
            while len(results) < total and not (cancelled and cancelled()):
                with self._db.transaction():
                    for item in itertools.islice(staged, BATCH_SIZE):
                        result = item if isinstance(item, ImportResult) else self._store_one(item)
                        results.append(result)
                        if progress:
                            progress(ImportProgress(len(results), total, result.path))
                        if cancelled and cancelled():
                            break
        finally:
            if self._parser is not None:
                self._parser.close()
                self._parser = None
        return results

    def _check(
        self,
        path: Path,
        known: _KnownFiles,
        real_folders: dict[str, str],
        to_read: set[str],
    ) -> _Candidate | _Rekeyed | ImportResult:
        """What the file's size and time tell, before reading it.

        ``to_read`` holds the files already to be read in this import: the same file met
        again (listed twice, or reached through a link) is imported once.
        """
        shown = display_path(path)
        try:
            info = path.stat()
            real_path = _real_path(path, real_folders)
        except OSError as error:
            return _failed(shown, _describe_os_error(error, path))
        if not stat.S_ISREG(info.st_mode):
            return _skipped(shown, _not_regular(info.st_mode))
        key = display_path(real_path)
        if key in to_read:
            return _skipped(shown, LISTED_TWICE)
        stored = known.find(key, real_path)
        # A removed file is read again even when unchanged: importing it brings it back.
        same_stat = stored and stored.size == info.st_size and stored.mtime_ns == info.st_mtime_ns
        if stored and same_stat and not stored.removed:
            if stored.path != key:
                return _Rekeyed(shown, stored.id, key)
            return ImportResult(shown, ImportStatus.UNCHANGED, stored.id)
        if info.st_size > MAX_FILE_BYTES:
            return _skipped(shown, _too_large(info.st_size))
        to_read.add(key)
        return _Candidate(path, shown, key, info.st_mtime_ns, stored)

    def _read_ahead(
        self, checked: list[_Candidate | _Rekeyed | ImportResult]
    ) -> Iterator[_Staged | _Rekeyed | ImportResult]:
        """The files in order, each read and handed to the parser a window ahead."""
        window: deque[_Staged | _Rekeyed | ImportResult] = deque()
        window_bytes = 0
        for item in checked:
            staged = self._read(item) if isinstance(item, _Candidate) else item
            window.append(staged)
            window_bytes += _size(staged)
            while len(window) > READ_AHEAD_FILES or window_bytes > READ_AHEAD_BYTES:
                window_bytes -= _size(window[0])
                yield window.popleft()
        yield from window

    def _read(self, candidate: _Candidate) -> _Staged | ImportResult:
        try:
            raw = _read_regular_file(candidate.path)
        except _NotReadError as refused:
            return _skipped(candidate.shown, refused.reason)
        except OSError as error:
            return _failed(candidate.shown, _describe_os_error(error, candidate.path))
        content_hash = hashlib.sha256(raw).hexdigest()
        facts = FileFacts(candidate.key, content_hash, len(raw), candidate.mtime_ns, raw)
        known = candidate.known
        if known and known.content_hash == content_hash:
            return _Staged(candidate.shown, facts, known, parse=None)
        if self._parser is None:
            self._parser = self._parser_for(self._to_parse)
        # The name as stored: it may become the title, which must be text SQLite can store.
        parse = self._parser.submit(raw, display_path(candidate.path.name))
        return _Staged(candidate.shown, facts, known, parse)

    def _store_one(self, item: _Staged | _Rekeyed) -> ImportResult:
        """Store one file in a savepoint: a failure to store it costs this file only."""
        try:
            with self._savepoint():
                if isinstance(item, _Rekeyed):
                    self._store.set_path(item.document_id, item.key)
                    return ImportResult(item.shown, ImportStatus.UNCHANGED, item.document_id)
                return self._store_file(item)
        except _STORAGE_ERRORS_OF_ONE_FILE as error:
            log.warning("Could not store %s: %s", item.shown, error)
            return _failed(item.shown, _describe_storage_error(error))
        except _ERRORS_OF_THE_ARCHIVE:
            raise
        except Exception:  # a bug met storing this file (re-anchoring its notes, say)
            log.exception("Unexpected error while storing %s", item.shown)
            return _failed(item.shown, _UNEXPECTED_STORAGE_PROBLEM)

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """Undo this block's changes alone when it raises; the batch's transaction goes on.

        On an error SQLite has already rolled the whole transaction back (a full disk),
        there is no savepoint left to go back to: the error goes on to end the batch.
        """
        connection = self._db.connection
        connection.execute("SAVEPOINT import_file")
        try:
            yield
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK TO import_file")
                connection.execute("RELEASE import_file")
            raise
        connection.execute("RELEASE import_file")

    def _store_file(self, staged: _Staged) -> ImportResult:
        """Record one read file (inside the batch's transaction)."""
        shown, facts = staged.shown, staged.facts
        # Another import may have stored this path since this one listed the archive's files.
        known = staged.known or self._store.stored_file(facts.path)
        if known and known.content_hash == facts.content_hash:
            self._store.touch(known.id, facts.size, facts.mtime_ns)
            if known.path != facts.path:
                self._store.set_path(known.id, facts.path)
            if known.removed:
                self._store.set_removed([known.id], False)
                return ImportResult(shown, ImportStatus.IMPORTED, known.id, reason=BROUGHT_BACK)
            return ImportResult(shown, ImportStatus.UNCHANGED, known.id)
        assert staged.parse is not None  # parsed unless its content was already known
        try:
            parsed = staged.parse.result()
        except IngestError as error:
            status = ImportStatus.SKIPPED if not facts.raw.strip() else ImportStatus.FAILED
            return ImportResult(shown, status, reason=error.reason)
        except Exception:  # a bug in a cleaner must not stop the rest of the import
            log.exception("Unexpected error while reading %s", shown)
            return _failed(shown, "could not be read: an unexpected problem (details in the log)")
        if known:
            if known.path != facts.path:  # stored by an older version in another form
                self._store.relocate(known.id, facts, parsed)
            else:
                self._store.replace(known.id, facts, parsed)
            if known.removed:
                self._store.set_removed([known.id], False)
                return ImportResult(shown, ImportStatus.IMPORTED, known.id, reason=BROUGHT_BACK)
            return ImportResult(shown, ImportStatus.UPDATED, known.id)
        twin = self._store.id_with_content(facts.content_hash)
        if twin is not None:
            twin_id, twin_path = twin
            if os.path.lexists(path_bytes(twin_path)):
                return _skipped(shown, f"same content as document {twin_id} ({twin_path})")
            # The file moved: follow it, keeping the document's id and annotations.
            self._store.relocate(twin_id, facts, parsed)
            return ImportResult(
                shown, ImportStatus.UPDATED, twin_id, reason=f"moved from {twin_path}"
            )
        document_id = self._store.insert(facts, parsed)
        return ImportResult(shown, ImportStatus.IMPORTED, document_id)


#: Why a file imported again came back with the id (and annotations) it had before removal.
BROUGHT_BACK = "removed before: brought back with its annotations"

# What storing one file can meet that is that file's problem, not the archive's: a
# constraint (a path or content stored meanwhile in an unexpected way), a value SQLite
# cannot take. A full disk, a busy or damaged database end the batch instead.
_STORAGE_ERRORS_OF_ONE_FILE = (
    sqlite3.IntegrityError,
    sqlite3.DataError,
    UnicodeEncodeError,
    OverflowError,
)
# What is the archive's problem, not one file's: the database (full, busy, damaged, read
# only), the disk, the memory. They end the batch, rolled back, and the import with them;
# any other error met while storing a file costs that file only.
_ERRORS_OF_THE_ARCHIVE = (sqlite3.Error, DatabaseError, OSError, MemoryError)
_UNEXPECTED_STORAGE_PROBLEM = "could not be stored: an unexpected problem (details in the log)"


def _describe_storage_error(error: Exception) -> str:
    if isinstance(error, sqlite3.IntegrityError):
        return (
            "could not be stored: it conflicts with a document already in the archive "
            "(details in the log)"
        )
    return _UNEXPECTED_STORAGE_PROBLEM


def _real_path(path: Path, real_folders: dict[str, str]) -> str:
    """``path.resolve()``, resolving each folder once: files of one folder share it."""
    if path.is_symlink():
        return os.path.realpath(path)
    folder = os.path.dirname(path)
    real_folder = real_folders.get(folder)
    if real_folder is None:
        real_folder = real_folders[folder] = os.path.realpath(folder)
    return os.path.join(real_folder, os.path.basename(path))


def _size(item: _Staged | _Rekeyed | ImportResult) -> int:
    return item.facts.size if isinstance(item, _Staged) else 0


def _describe_os_error(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: its links lead back to themselves, never to a file"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(error, IsADirectoryError):
        return "a folder, not a file"
    if isinstance(error, FileNotFoundError):
        if os.path.islink(path):
            return "a broken symbolic link: its target does not exist"
        return "the file disappeared before it could be read"
    return f"cannot read the file: {error.strerror or error}"
