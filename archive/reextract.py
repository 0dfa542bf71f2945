"""Reading every document's original bytes again with the current importer.

The archive keeps each file's bytes as imported, so when the importer learns to clean
better or to read more (a language, a web page's address, where a date was found),
documents imported earlier are brought up to date without their files. Each is updated
in place: the same id, bytes and path; the user's corrections (overrides) still win; and
its annotations are re-anchored in the same transaction as its new text, exactly as when
a changed file is imported again (``DocumentStore.update_extraction``). A document the
importer cannot read any more is left as it was and reported.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from archive.importer import (
    BATCH_SIZE,
    READ_AHEAD_BYTES,
    READ_AHEAD_FILES,
    CancelCheck,
    ProgressCallback,
    choose_parser,
)
from archive.ingest import IngestError
from archive.ingest.pool import DocumentParser, PendingParse
from archive.models import ImportProgress, ReextractResult, ReextractStatus
from archive.storage import Database, DocumentStore
from archive.storage.documents import extraction_of

log = logging.getLogger("archive.reextract")

PHASE = "re-reading"

# Stored columns, and what a person calls a change in them.
_CHANGES = (
    ("title", ("title",)),
    ("date", ("year", "month", "day", "date_origin")),
    ("source", ("source",)),
    ("text", ("markdown", "text")),
    ("format", ("format",)),
    ("encoding", ("encoding",)),
    ("language", ("language",)),
    ("url", ("url",)),
    ("title evidence", ("title_evidence",)),
    ("date evidence", ("date_evidence",)),
)


@dataclass(frozen=True)
class _Reading:
    """A document whose bytes are being parsed again."""

    id: int
    path: str
    size: int
    parse: PendingParse


class Reextractor:
    """Parses every document's stored bytes again and stores what changed.

    Documents go in batches of ``BATCH_SIZE`` per transaction, like an import: a kill
    loses at most the batch under way, and never half a document.

    Args:
        database: The archive database.
        store: Its documents (whose ``on_text_changed`` re-anchors annotations).
        parser_for: Makes the parser, told how many documents there are to parse.
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

    def run(
        self, progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None
    ) -> list[ReextractResult]:
        """Read every document again, oldest first; stops between documents when cancelled.

        Returns:
            One result per document read, in order of their ids.
        """
        ids = sorted(self._store.all_ids())
        total = len(ids)
        results: list[ReextractResult] = []
        if not ids:
            return results
        parser = self._parser_for(total)
        try:
            readings = self._read_ahead(ids, parser)
            finished = False
            while not finished and not (cancelled and cancelled()):
                with self._db.transaction():
                    finished = self._run_batch(readings, results, total, progress, cancelled)
        finally:
            parser.close()
        return results

    def _run_batch(
        self,
        readings: Iterator[_Reading],
        results: list[ReextractResult],
        total: int,
        progress: ProgressCallback | None,
        cancelled: CancelCheck | None,
    ) -> bool:
        """Store up to a batch of documents (in the caller's transaction); True when done."""
        for count, reading in enumerate(readings, start=1):
            result = self._store_one(reading)
            results.append(result)
            if progress:
                progress(ImportProgress(len(results), total, result.path, phase=PHASE))
            if count == BATCH_SIZE or (cancelled and cancelled()):
                return False
        return True

    def _read_ahead(self, ids: list[int], parser: DocumentParser) -> Iterator[_Reading]:
        """The documents in order, each read and handed to the parser a window ahead."""
        window: deque[_Reading] = deque()
        window_bytes = 0
        for document_id in ids:
            original = self._store.original(document_id)
            if original is None:
                continue  # gone since the list was made
            path, raw = original
            reading = _Reading(document_id, path, len(raw), parser.submit(raw, PurePath(path).name))
            window.append(reading)
            window_bytes += reading.size
            while len(window) > READ_AHEAD_FILES or window_bytes > READ_AHEAD_BYTES:
                window_bytes -= window[0].size
                yield window.popleft()
        yield from window

    def _store_one(self, reading: _Reading) -> ReextractResult:
        """Compare the new reading with the stored one and store it if it differs."""
        try:
            parsed = reading.parse.result()
        except IngestError as error:
            return ReextractResult(
                reading.id, reading.path, ReextractStatus.FAILED, reason=error.reason
            )
        except Exception:  # a bug in a cleaner must not stop the rest
            log.exception("Unexpected error while reading %s again", reading.path)
            return ReextractResult(
                reading.id,
                reading.path,
                ReextractStatus.FAILED,
                reason="could not be read: an unexpected problem (details in the log)",
            )
        stored = self._store.stored_extraction(reading.id)
        if stored is None:  # pragma: no cover - documents are never deleted meanwhile
            return ReextractResult(
                reading.id, reading.path, ReextractStatus.FAILED, reason="no longer in the archive"
            )
        new = extraction_of(parsed)
        if new == stored:
            return ReextractResult(reading.id, reading.path, ReextractStatus.UNCHANGED)
        changed = tuple(
            name
            for name, columns in _CHANGES
            if any(stored[column] != new[column] for column in columns)
        )
        self._store.update_extraction(reading.id, parsed)
        return ReextractResult(reading.id, reading.path, ReextractStatus.UPDATED, changed=changed)
