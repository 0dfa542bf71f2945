"""The parallel writer (several processes, one segment each) indexes what one writer does."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from whoosh.writing import SegmentWriter

from archive.search import index as index_module
from archive.search import parallel_writing
from archive.search.index import IndexedDocument, SearchIndex
from archive.search.merging import MERGE_FACTOR
from archive.search.parallel_writing import ParallelWriteError

WORDS = [
    *("foreign", "policy", "trade", "minister", "energy", "climate", "budget", "health"),
    *("school", "rail", "port", "harbour", "farm", "export", "tariff", "council"),
    *("election", "vote", "reform", "pension", "tax"),
]
QUERIES = ['"foreign policy"', "trade", "minister OR budget", "rail -port", "tax*", "year:2001"]


def _documents(ids: range, seed: int) -> list[IndexedDocument]:
    chance = random.Random(seed)
    documents = []
    for doc_id in ids:
        words = [chance.choice(WORDS) for _ in range(chance.randint(20, 80))]
        year = chance.choice([None, 1999, 2000, 2001, 2002])
        documents.append(
            IndexedDocument(
                id=doc_id,
                title=" ".join(chance.sample(WORDS, 3)).capitalize(),
                text=" ".join(words),
                year=year,
                date=None if year is None else f"{year}-0{chance.randint(1, 9)}-1{seed % 10}",
                source=chance.choice(["Ministry", "Council", None]),
                language="en",
            )
        )
    return documents


def _parallel_from(monkeypatch: pytest.MonkeyPatch, smallest_batch: int) -> None:
    """Write batches of ``smallest_batch`` documents or more with two processes."""
    monkeypatch.setattr(index_module, "PARALLEL_WRITE_MIN_DOCUMENTS", smallest_batch)
    monkeypatch.setattr(index_module, "writer_processes", lambda: 2)


def _build(directory: Path) -> SearchIndex:
    """A few hundred documents in several commits, with replaced and deleted ones."""
    index = SearchIndex(directory)
    index.replace_all(_documents(range(1, 301), seed=1))
    index.update(_documents(range(250, 451), seed=2))  # 51 replaced, 150 new
    index.update(_documents(range(100, 131), seed=3), replacing=range(100, 141))
    index.delete(range(400, 421))
    index.update(_documents(range(500, 520), seed=4))  # a small batch: one writer
    return index


def _texts(ids: list[int]) -> dict[int, str]:
    return {doc_id: f"text of {doc_id}" for doc_id in ids}


def _everything_in(index: SearchIndex) -> dict[str, object]:
    assert index._index is not None
    with index._index.searcher() as searcher:
        stored = sorted(
            (fields["id"], fields.get("title"), fields.get("date"))
            for fields in searcher.all_stored_fields()
        )
    answers = {}
    for query in QUERIES:
        results = index.search(query, text_of=_texts, limit=1000, sort="date")
        answers[query] = (
            results.total,
            results.years,
            results.undated,
            # Sorted: ties in date, and scores (statistics of deleted documents count
            # until their segment is merged), depend on how the segments fall.
            sorted((hit.id, hit.title, hit.year, hit.snippet) for hit in results.hits),
        )
    return {"count": index.doc_count(), "stored": stored, "answers": answers}


def test_the_parallel_writer_indexes_what_one_writer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _build(tmp_path / "single") as single:
        expected = _everything_in(single)
    _parallel_from(monkeypatch, 100)
    with _build(tmp_path / "parallel") as parallel:
        assert parallel._index is not None
        segments = parallel._index._segments()
        assert len(segments) >= 4  # two per parallel write, not merged into one
        assert _everything_in(parallel) == expected
    assert expected["count"] == 300 + 150 - 10 - 21 + 20


def test_a_failed_parallel_rebuild_leaves_the_old_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _parallel_from(monkeypatch, 100)
    with SearchIndex(tmp_path) as index:
        index.replace_all(_documents(range(1, 51), seed=1))
        before = _everything_in(index)
        broken = _documents(range(100, 400), seed=2)
        # A year Whoosh cannot write fails in a sub-process, not in this one.
        broken[150] = IndexedDocument(250, "Broken", "text", "MMI", None, None)  # type: ignore[arg-type]
        with pytest.raises(ParallelWriteError, match=r"failed: .*MMI"):
            index.replace_all(broken)
        assert _everything_in(index) == before
        # The write lock was released: the index can be written again.
        index.update(_documents(range(60, 61), seed=3))
        assert index.doc_count() == 51


def test_a_failed_parallel_update_leaves_the_replaced_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _parallel_from(monkeypatch, 100)
    with SearchIndex(tmp_path) as index:
        index.replace_all(_documents(range(1, 201), seed=1))
        before = _everything_in(index)
        broken = _documents(range(1, 201), seed=2)
        broken[-1] = IndexedDocument(200, "Broken", "text", "MMI", None, None)  # type: ignore[arg-type]
        with pytest.raises(ParallelWriteError):
            index.update(broken)
        assert _everything_in(index) == before


def _many_commits(directory: Path) -> SearchIndex:
    """Twelve updates of 40 documents, each replacing ten of the one before."""
    index = SearchIndex(directory)
    for commit in range(12):
        first = 1 + commit * 30
        index.update(_documents(range(first, first + 40), seed=commit))
    return index


def test_many_parallel_writes_merged_by_the_policy_index_what_one_writer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _many_commits(tmp_path / "single") as single:
        expected = _everything_in(single)
    _parallel_from(monkeypatch, 40)
    # Jobs of 10 documents: both processes get some of each write's 40.
    monkeypatch.setattr(parallel_writing, "DOCUMENTS_PER_JOB", 10)
    merged = 0
    add_reader = SegmentWriter.add_reader

    def counting_add_reader(writer: SegmentWriter, reader: Any) -> None:
        nonlocal merged
        merged += 1
        add_reader(writer, reader)

    monkeypatch.setattr(SegmentWriter, "add_reader", counting_add_reader)
    with _many_commits(tmp_path / "parallel") as parallel:
        assert _everything_in(parallel) == expected
        assert parallel._index is not None
        # Two segments a write, merged ten at a time by the parent writer of a later one.
        assert merged >= MERGE_FACTOR
        assert len(parallel._index._segments()) < 2 * 12
