"""A year's documents as the navigator shows them: newest first, and grouped by month.

Plain Python, no Qt: after an import the write thread groups the years the reader has open
(3,000 releases a year at 100,000 documents), so the tree's refresh on the GUI thread only
builds its rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from archive.models import DocumentSummary


@dataclass(frozen=True)
class YearDocuments:
    """A year's documents, newest first, and the same documents by month, newest first."""

    documents: list[DocumentSummary]
    #: Month (``None``: only the year is known) to its documents, newest month first.
    by_month: dict[int | None, list[DocumentSummary]]

    @classmethod
    def of(cls, documents: Iterable[DocumentSummary]) -> YearDocuments:
        """Group ``documents`` (newest first) by month."""
        listed = list(documents)
        by_month: dict[int | None, list[DocumentSummary]] = {}
        for document in listed:  # newest first, so months come newest first
            by_month.setdefault(month_of(document), []).append(document)
        return cls(listed, by_month)


def month_of(document: DocumentSummary) -> int | None:
    """The month of a document's ``YYYY-MM(-DD)`` date; ``None`` when only the year is known."""
    date = document.date
    if date is None or len(date) < 7:
        return None
    return int(date[5:7])
