"""Removing documents: to the trash, back from it, and emptying it.

A removed document is not deleted: it leaves every list, count and search (its index entry
goes through the index queue like any change), while its bytes, the user's corrections and
its annotations stay in SQLite. Restoring it brings all of them back, and importing its file
again brings it back too. Only :meth:`Trash.empty` deletes anything, and says how much.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from archive.models import DocumentSummary
from archive.storage import Database, DocumentStore

_CHUNK = 500  # SQLite limits the number of host parameters in one statement


class RemovalStatus(str, enum.Enum):
    """What became of one document asked to be removed or restored."""

    REMOVED = "removed"
    RESTORED = "restored"
    NOT_FOUND = "not found"


@dataclass(frozen=True)
class RemovalResult:
    """The outcome for one document id.

    Attributes:
        id: The id asked for.
        status: ``removed`` or ``restored``; ``not found`` when there was no such document
            to act on (an id already removed is not found for a removal, and one not
            removed is not found for a restore).
        annotations: How many annotations the document has, kept with it; 0 if not found.
    """

    id: int
    status: RemovalStatus
    annotations: int = 0


@dataclass(frozen=True)
class EmptiedTrash:
    """What emptying the trash deleted for good."""

    documents: int
    annotations: int


class Trash:
    """The removed documents of one archive. Each call runs in one transaction.

    Args:
        database: The archive database.
        documents: Its documents.
    """

    def __init__(self, database: Database, documents: DocumentStore) -> None:
        self._db = database
        self._documents = documents

    def remove(self, ids: Sequence[int]) -> list[RemovalResult]:
        """Move the documents shown in the archive to the trash; one result per id, in order."""
        with self._db.transaction():
            present = self._documents.present_ids(ids)
            counts = self.annotation_counts(sorted(present))
            self._documents.set_removed(sorted(present), True)
        return _results(ids, present, counts, RemovalStatus.REMOVED)

    def restore(self, ids: Sequence[int]) -> list[RemovalResult]:
        """Bring removed documents back, with their annotations; one result per id."""
        with self._db.transaction():
            removed = self._documents.removed_ids(ids)
            counts = self.annotation_counts(sorted(removed))
            self._documents.set_removed(sorted(removed), False)
        return _results(ids, removed, counts, RemovalStatus.RESTORED)

    def contents(self) -> list[DocumentSummary]:
        """The removed documents, in list order."""
        return self._documents.removed_summaries()

    def empty(self) -> EmptiedTrash:
        """Delete the removed documents and their annotations for good."""
        with self._db.transaction():
            annotations = self._db.connection.execute(
                "DELETE FROM annotations WHERE document_id IN (SELECT document_id FROM trash)"
            ).rowcount
            deleted = self._documents.delete_removed()
            self._documents.queue_for_index(deleted)
        return EmptiedTrash(documents=len(deleted), annotations=max(annotations, 0))

    def annotation_counts(self, ids: Sequence[int]) -> dict[int, int]:
        """How many annotations each of ``ids`` has (orphans included); absent ids have 0."""
        counts: dict[int, int] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._db.connection.execute(
                "SELECT document_id, count(*) FROM annotations"
                f" WHERE document_id IN ({marks}) GROUP BY document_id",
                chunk,
            )
            counts.update((int(row[0]), int(row[1])) for row in rows)
        return counts


def _results(
    ids: Sequence[int], acted_on: set[int], counts: dict[int, int], status: RemovalStatus
) -> list[RemovalResult]:
    """One result per id; an id given twice is acted on once, then not found."""
    results = []
    done: set[int] = set()
    for i in ids:
        if i in acted_on and i not in done:
            results.append(RemovalResult(i, status, counts.get(i, 0)))
            done.add(i)
        else:
            results.append(RemovalResult(i, RemovalStatus.NOT_FOUND))
    return results
