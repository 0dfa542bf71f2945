"""Updates merge segments ten of a size at a time, and never rewrite the large ones."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from whoosh.writing import SegmentWriter

from archive.search import IndexedDocument, SearchIndex, merging
from archive.search.merging import MERGE_FACTOR, tier_of


def _document(number: int) -> IndexedDocument:
    return IndexedDocument(
        id=number,
        title=f"Release {number}",
        text=f"Statement number {number} on foreign policy and cooperation.",
        year=2000 + number % 20,
        date=None,
        source=None,
    )


def _no_texts(ids: list[int]) -> dict[int, str]:
    return {}


def _segments(index: SearchIndex) -> list[tuple[str, int]]:
    assert index._index is not None
    return [(segment.segment_id(), segment.doc_count_all()) for segment in index._index._segments()]


@pytest.mark.parametrize(
    ("documents", "tier"), [(0, 0), (1, 0), (9, 0), (10, 1), (99, 1), (100, 2), (12_345, 4)]
)
def test_tier_is_the_order_of_magnitude(documents: int, tier: int) -> None:
    assert tier_of(documents) == tier


def test_a_bulk_import_in_batches_rewrites_each_document_at_most_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rewritten = 0
    add_reader = SegmentWriter.add_reader

    def counting_add_reader(writer: SegmentWriter, reader: Any) -> None:
        nonlocal rewritten
        rewritten += reader.doc_count_all()
        add_reader(writer, reader)

    monkeypatch.setattr(SegmentWriter, "add_reader", counting_add_reader)
    index = SearchIndex(tmp_path / "index")
    for start in range(1, 201, 5):
        index.update([_document(number) for number in range(start, start + 5)])

    assert index.doc_count() == 200
    assert 0 < rewritten <= 200
    index.close()


def test_a_tier_is_merged_once_it_holds_ten_segments(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.replace_all(_document(number) for number in range(1, 151))

    for number in range(151, 151 + MERGE_FACTOR - 1):
        index.update([_document(number)])
    assert len(_segments(index)) == MERGE_FACTOR  # the large one and nine of one document

    index.update([_document(200)])
    sizes = sorted(size for _, size in _segments(index))
    assert sizes == [MERGE_FACTOR, 150]
    assert index.doc_count() == 150 + MERGE_FACTOR
    index.close()


def test_merged_segments_keep_updates_and_deletions(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.replace_all(_document(number) for number in range(1, 21))
    for number in range(21, 41):
        index.update([_document(number)])
    index.update([_document(5)])  # replaced, not added twice
    index.delete([7, 30, 999])

    assert index.doc_count() == 38
    found = index.search("statement", limit=100, text_of=lambda ids: {})
    assert sorted(hit.id for hit in found.hits) == [n for n in range(1, 41) if n not in (7, 30)]
    index.close()


def test_year_counts_with_a_segment_of_undated_documents_only(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.replace_all(_document(number) for number in range(1, 21))
    undated = [
        IndexedDocument(
            id=number, title="Note", text="A statement.", year=None, date=None, source=None
        )
        for number in range(21, 26)
    ]
    index.update(undated)
    index.update([_document(26), _document(27)])
    assert len(_segments(index)) == 3

    results = index.search("statement", limit=100, text_of=lambda ids: {})

    assert results.undated == 5
    expected = Counter(str(2000 + number % 20) for number in [*range(1, 21), 26, 27])
    assert results.years == dict(sorted(expected.items()))
    index.close()


def test_segments_of_the_largest_tier_are_never_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10,000-document segments in the archive; ten-document ones here, to stay small.
    monkeypatch.setattr(merging, "LARGEST_MERGED_TIER", tier_of(10))
    index = SearchIndex(tmp_path / "index")
    for start in range(1, 1 + 10 * MERGE_FACTOR, 10):
        index.update([_document(number) for number in range(start, start + 10)])

    assert [size for _, size in _segments(index)] == [10] * MERGE_FACTOR
    assert index.doc_count() == 10 * MERGE_FACTOR
    assert index.search("statement", text_of=_no_texts).total == 10 * MERGE_FACTOR
    index.close()


def test_a_merge_never_rewrites_more_than_its_bound() -> None:
    # A parallel write's segments: ten of 5,000 documents, then a small import commits.
    assert merging.tiers_to_merge([5_000] * 10, 300) == set()
    # Ten of 900: 9,000 documents, within the bound, merged as ever.
    assert merging.tiers_to_merge([900] * 10, 0) == {2}
    assert merging.tiers_to_merge([900] * 9, 500) == {2}
