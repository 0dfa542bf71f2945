"""Importing files into the archive: find them, tell new from changed from unchanged, store.

Parsing a file (decoding, cleaning, metadata) is ``archive.ingest``; this module decides what
happens to each file and records it, so that every file gets exactly one ``ImportResult``.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from archive.ingest import SUPPORTED_SUFFIXES, IngestError, parse_document
from archive.models import ImportProgress, ImportResult, ImportStatus
from archive.paths import display_path
from archive.storage import Database, DocumentStore, StoredFile
from archive.storage.documents import FileFacts

log = logging.getLogger("archive.import")

MAX_FILE_BYTES = 100 * 1024 * 1024
BATCH_SIZE = 200  # files per transaction: a kill loses at most one uncommitted batch

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
        f"not imported: {kind} not supported (Archive Reader imports .txt, .md and .markdown)",
    )


def _skipped(path: str, reason: str) -> ImportResult:
    return ImportResult(path=path, status=ImportStatus.SKIPPED, reason=reason)


def _failed(path: str, reason: str) -> ImportResult:
    return ImportResult(path=path, status=ImportStatus.FAILED, reason=reason)


class Importer:
    """Imports files into one archive database, a batch of files per transaction."""

    def __init__(self, database: Database, store: DocumentStore) -> None:
        self._db = database
        self._store = store
        self._known: dict[str, StoredFile] = {}

    def run(
        self,
        files: list[Path],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[ImportResult]:
        """Import ``files``; stops between files when ``cancelled()`` turns true."""
        self._known = self._store.stored_files()
        results: list[ImportResult] = []
        total = len(files)
        for start in range(0, total, BATCH_SIZE):
            if cancelled and cancelled():
                break
            batch = files[start : start + BATCH_SIZE]
            with self._db.transaction():
                for offset, path in enumerate(batch):
                    if cancelled and cancelled():
                        break
                    results.append(self._import_file(path))
                    if progress:
                        progress(ImportProgress(start + offset + 1, total, display_path(path)))
        return results

    def _import_file(self, path: Path) -> ImportResult:
        shown = display_path(path)
        key = display_path(path.resolve())
        try:
            info = path.stat()
        except OSError as error:
            return _failed(shown, _describe_os_error(error))
        known = self._known.get(key)
        if known and known.size == info.st_size and known.mtime_ns == info.st_mtime_ns:
            return ImportResult(shown, ImportStatus.UNCHANGED, known.id)
        if info.st_size > MAX_FILE_BYTES:
            size_mb = info.st_size / 1024 / 1024
            return _skipped(
                shown, f"too large to be a press release ({size_mb:.0f} MB; the limit is 100 MB)"
            )
        try:
            raw = path.read_bytes()
        except OSError as error:
            return _failed(shown, _describe_os_error(error))
        facts = FileFacts(key, hashlib.sha256(raw).hexdigest(), len(raw), info.st_mtime_ns, raw)
        if known and known.content_hash == facts.content_hash:
            self._store.touch(known.id, facts.size, facts.mtime_ns)
            return ImportResult(shown, ImportStatus.UNCHANGED, known.id)
        try:
            parsed = parse_document(raw, path.name)
        except IngestError as error:
            status = ImportStatus.SKIPPED if not raw.strip() else ImportStatus.FAILED
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


def _describe_os_error(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(error, IsADirectoryError):
        return "a folder, not a file"
    if isinstance(error, FileNotFoundError):
        return "the file disappeared before it could be read"
    return f"cannot read the file: {error.strerror or error}"
