"""``YearDocuments``: a year's documents grouped by month, newest first, on any thread."""

from __future__ import annotations

from archive.models import DocumentSummary
from reader.navigator.year_documents import YearDocuments, month_of


def listed(document_id: int, date: str | None) -> DocumentSummary:
    return DocumentSummary(document_id, f"No. {document_id}", date, 2024, False, None, "")


def test_documents_are_grouped_by_month_in_their_order_with_year_only_dates_apart() -> None:
    documents = [
        listed(1, "2024-12-30"),
        listed(2, "2024-12"),
        listed(3, "2024-03-01"),
        listed(4, "2024"),
        listed(5, None),
    ]
    grouped = YearDocuments.of(iter(documents))
    assert grouped.documents == documents
    assert {month: [d.id for d in docs] for month, docs in grouped.by_month.items()} == {
        12: [1, 2],
        3: [3],
        None: [4, 5],
    }
    assert list(grouped.by_month) == [12, 3, None]
    assert [month_of(d) for d in documents] == [12, 12, 3, None, None]
