"""Importing files into the archive: find them, tell new from changed from unchanged, store.

Parsing a file (decoding, cleaning, metadata) is ``archive.ingest``; this module decides what
happens to each file and records it, so that every file gets exactly one ``ImportResult``.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
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
from archive.paths import display_path
from archive.storage import Database, DocumentStore, StoredFile
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
READ_AHEAD_FILES = 64
READ_AHEAD_BYTES = 64 * 1024 * 1024

ProgressCallback = Callable[[ImportProgress], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class FoundFiles:
    """The files to import, and what was reported about the rest while looking."""

    files: list[Path]
    reported: list[ImportResult]


def find_files(paths: Iterable[Path]) -> FoundFiles:
    """Expand files and folders (recursively) into the files to import.

    Hidden files and folders are passed over silently; other unsupported files are reported as
    skipped; a folder reached twice through symbolic links is walked once.
    """
    files: list[Path] = []
    reported: list[ImportResult] = []
    for path in paths:
        shown = display_path(path)
        if path.is_dir():
            _walk_folder(path, files, reported)
        elif path.is_file():
            if _supported(path):
                files.append(path)
            else:
                reported.append(_unsupported(path))
        elif path.is_symlink():
            reported.append(_failed(shown, "a broken symbolic link: its target does not exist"))
        elif path.exists():
            reported.append(_skipped(shown, "not a regular file or folder"))
        else:
            reported.append(_failed(shown, "no such file or folder"))
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
            if not path.exists():
                reported.append(
                    _failed(display_path(path), "a broken symbolic link: its target does not exist")
                )
            elif _supported(path):
                files.append(path)
            else:
                reported.append(_unsupported(path))


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
        known = self._store.stored_files()
        real_folders: dict[str, str] = {}
        checked = [self._check(path, known, real_folders) for path in files]
        self._to_parse = sum(1 for item in checked if isinstance(item, _Candidate))
        results: list[ImportResult] = []
        total = len(files)
        staged = self._read_ahead(checked)
        try:
            while len(results) < total and not (cancelled and cancelled()):
                with self._db.transaction():
                    for item in itertools.islice(staged, BATCH_SIZE):
                        result = item if isinstance(item, ImportResult) else self._store_file(item)
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
        self, path: Path, known: dict[str, StoredFile], real_folders: dict[str, str]
    ) -> _Candidate | ImportResult:
        """What the file's size and time tell, before reading it."""
        shown = display_path(path)
        try:
            info = path.stat()
            key = display_path(_real_path(path, real_folders))
        except OSError as error:
            return _failed(shown, _describe_os_error(error))
        stored = known.get(key)
        if stored and stored.size == info.st_size and stored.mtime_ns == info.st_mtime_ns:
            return ImportResult(shown, ImportStatus.UNCHANGED, stored.id)
        if info.st_size > MAX_FILE_BYTES:
            size_mb = info.st_size / 1024 / 1024
            shown_size = f"{math.ceil(size_mb * 10) / 10:.1f}"  # up: over the limit shows over
            return _skipped(
                shown,
                f"too large to be a press release ({shown_size} MB; "
                f"the limit is {MAX_FILE_MEGABYTES} MB)",
            )
        return _Candidate(path, shown, key, info.st_mtime_ns, stored)

    def _read_ahead(
        self, checked: list[_Candidate | ImportResult]
    ) -> Iterator[_Staged | ImportResult]:
        """The files in order, each read and handed to the parser a window ahead."""
        window: deque[_Staged | ImportResult] = deque()
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
            raw = candidate.path.read_bytes()
        except OSError as error:
            return _failed(candidate.shown, _describe_os_error(error))
        content_hash = hashlib.sha256(raw).hexdigest()
        facts = FileFacts(candidate.key, content_hash, len(raw), candidate.mtime_ns, raw)
        known = candidate.known
        if known and known.content_hash == content_hash:
            return _Staged(candidate.shown, facts, known, parse=None)
        if self._parser is None:
            self._parser = self._parser_for(self._to_parse)
        parse = self._parser.submit(raw, candidate.path.name)
        return _Staged(candidate.shown, facts, known, parse)

    def _store_file(self, staged: _Staged) -> ImportResult:
        """Record one read file (inside the batch's transaction)."""
        shown, facts, known = staged.shown, staged.facts, staged.known
        if staged.parse is None:
            assert known is not None  # only a known file's content can be unchanged
            self._store.touch(known.id, facts.size, facts.mtime_ns)
            return ImportResult(shown, ImportStatus.UNCHANGED, known.id)
        try:
            parsed = staged.parse.result()
        except IngestError as error:
            status = ImportStatus.SKIPPED if not facts.raw.strip() else ImportStatus.FAILED
            return ImportResult(shown, status, reason=error.reason)
        except Exception:  # a bug in a cleaner must not stop the rest of the import
            log.exception("Unexpected error while reading %s", shown)
            return _failed(shown, "could not be read: an unexpected problem (details in the log)")
        if known:
            self._store.replace(known.id, facts, parsed)
            return ImportResult(shown, ImportStatus.UPDATED, known.id)
        twin = self._store.id_with_content(facts.content_hash)
        if twin is not None:
            twin_id, twin_path = twin
            if os.path.exists(twin_path):
                return _skipped(shown, f"same content as document {twin_id} ({twin_path})")
            # The file moved: follow it, keeping the document's id and annotations.
            self._store.relocate(twin_id, facts, parsed)
            return ImportResult(
                shown, ImportStatus.UPDATED, twin_id, reason=f"moved from {twin_path}"
            )
        document_id = self._store.insert(facts, parsed)
        return ImportResult(shown, ImportStatus.IMPORTED, document_id)


def _real_path(path: Path, real_folders: dict[str, str]) -> str:
    """``path.resolve()``, resolving each folder once: files of one folder share it."""
    if path.is_symlink():
        return os.path.realpath(path)
    folder = os.path.dirname(path)
    real_folder = real_folders.get(folder)
    if real_folder is None:
        real_folder = real_folders[folder] = os.path.realpath(folder)
    return os.path.join(real_folder, os.path.basename(path))


def _size(item: _Staged | ImportResult) -> int:
    return item.facts.size if isinstance(item, _Staged) else 0


def _describe_os_error(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(error, IsADirectoryError):
        return "a folder, not a file"
    if isinstance(error, FileNotFoundError):
        return "the file disappeared before it could be read"
    return f"cannot read the file: {error.strerror or error}"
