"""Indexing in a child process gives the archive the same index as indexing in-process."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archive import index_keeper
from archive.api import Archive
from archive.index_process import IndexJob, run_in_child_process
from archive.models import ImportProgress, PublicationDate
from archive.search.errors import IndexRebuildingError
from archive.search.merging import MERGE_FACTOR
from tests.many_documents import write_documents

QUERIES = ["harbour", '"council met"', "objections", "item 17", "source:corrected"]
DOCUMENTS = 300  # more than CHILD_PROCESS_MIN_DOCUMENTS: synced in the child


class ChildRuns:
    """Counts the jobs the keeper hands to a child process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tasks: list[str] = []
        monkeypatch.setattr(index_keeper, "run_in_child_process", self._run)

    def _run(self, job: IndexJob, progress: Callable[..., None] | None = None) -> int:
        self.tasks.append(job.task)
        return run_in_child_process(job, progress)


def _texts(ids: list[int]) -> dict[int, str]:
    return {doc_id: "" for doc_id in ids}


def _what_searches_find(archive: Archive) -> dict[str, Any]:
    answers: dict[str, Any] = {"documents": archive.document_count()}
    for query in QUERIES:
        results = archive.search(query, limit=1000)
        answers[query] = (
            results.total,
            results.years,
            results.undated,
            sorted((hit.id, hit.title, hit.year, hit.date) for hit in results.hits),
        )
    return answers


def _import_correct_remove(data_dir: Path, documents: Path, *, in_child: bool) -> dict[str, Any]:
    """Import, correct most documents (replacing them in the index), remove some."""
    with Archive(data_dir, index_in_child_process=in_child) as archive:
        progress: list[ImportProgress] = []
        archive.import_paths([documents], progress.append)
        indexing = [p for p in progress if p.phase == "indexing"]
        assert indexing[-1].done == indexing[-1].total == DOCUMENTS + 10
        ids = sorted(summary.id for summary in archive.list_documents())
        archive.correct_many(ids[:250], source="Corrected", date=PublicationDate(2001, 5))
        archive.remove_documents(ids[250:280])  # a few: removed in-process
        return _what_searches_find(archive)


def test_a_child_process_indexes_what_this_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = write_documents(tmp_path / "releases", DOCUMENTS, undated=10)
    in_process = _import_correct_remove(tmp_path / "here", documents, in_child=False)
    runs = ChildRuns(monkeypatch)
    in_child = _import_correct_remove(tmp_path / "child", documents, in_child=True)
    assert runs.tasks == ["sync", "sync"]  # the import and the corrections
    assert in_child == in_process
    assert in_child["documents"] == DOCUMENTS + 10 - 30
    assert in_child["source:corrected"][0] == 250


def test_a_rebuild_in_a_child_process_reports_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = write_documents(tmp_path / "releases", DOCUMENTS)
    with Archive(tmp_path / "data", index_in_child_process=True) as archive:
        archive.import_paths([documents])
        before = _what_searches_find(archive)
        runs = ChildRuns(monkeypatch)
        reported: list[tuple[int, int]] = []
        assert archive.rebuild_index(lambda done, total: reported.append((done, total))) == 300
        assert runs.tasks == ["rebuild"]
        assert reported[0] == (0, DOCUMENTS)
        assert reported[-1] == (DOCUMENTS, DOCUMENTS)
        assert _what_searches_find(archive) == before


def test_a_killed_child_leaves_the_changes_queued(tmp_path: Path) -> None:
    documents = write_documents(tmp_path / "releases", DOCUMENTS)
    data_dir = tmp_path / "data"
    killed: list[int] = []

    def kill_the_child(progress: ImportProgress) -> None:
        if progress.phase == "indexing" and not killed:
            (child,) = multiprocessing.active_children()
            killed.append(child.pid or 0)
            os.kill(child.pid or 0, signal.SIGKILL)

    with Archive(data_dir, index_in_child_process=True) as archive:
        results = archive.import_paths([documents], kill_the_child)
        # The documents are saved, and listed; searching waits for the next sync.
        assert len(results) == DOCUMENTS
        assert killed
        assert archive.document_count() == DOCUMENTS
        assert archive.search("harbour").total == 0
    with Archive(data_dir) as reopened:  # opening syncs what is queued
        assert reopened.search("harbour").total == DOCUMENTS


def test_a_childs_error_is_raised_here_as_it_would_be_in_process(tmp_path: Path) -> None:
    documents = write_documents(tmp_path / "releases", DOCUMENTS)
    data_dir = tmp_path / "data"
    with Archive(data_dir) as archive:
        archive.import_paths([documents])
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("", encoding="utf-8")
    job = IndexJob(data_dir / "archive.sqlite3", not_a_folder / "index", 5.0, "rebuild")
    with pytest.raises(OSError) as in_child:
        run_in_child_process(job)
    with Archive(data_dir) as archive:
        archive._index.generations.root = not_a_folder / "index"
        with pytest.raises(OSError) as in_process:
            archive.rebuild_index()
    assert type(in_child.value) is type(in_process.value)
    assert str(in_child.value) == str(in_process.value)


def test_a_rebuild_running_elsewhere_is_the_same_error_from_the_child(tmp_path: Path) -> None:
    documents = write_documents(tmp_path / "releases", 5)
    data_dir = tmp_path / "data"
    with Archive(data_dir) as archive:
        archive.import_paths([documents])
        generation = archive._index.generations.current()
        assert generation is not None
    job = IndexJob(data_dir / "archive.sqlite3", data_dir / "index", 5.0, "rebuild")
    # A rebuild while another runs: the lock is held here, the child finds it taken.
    with (
        Archive(data_dir) as archive,
        archive._index.generations.rebuilding(),
        pytest.raises(IndexRebuildingError, match="being rebuilt"),
    ):
        run_in_child_process(job)


def test_a_small_change_that_merges_segments_is_indexed_in_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    with Archive(data_dir) as archive:
        for batch in range(MERGE_FACTOR - 1):  # a segment of a few documents each
            folder = tmp_path / f"batch-{batch}"
            write_documents(folder, 3, first_year=1990 + 3 * batch)
            archive.import_paths([folder])
        ids = [summary.id for summary in archive.list_documents()]
    runs = ChildRuns(monkeypatch)
    with Archive(data_dir, index_in_child_process=True) as archive:
        archive.correct_metadata(ids[0], title="One correction")  # its segment makes ten
        assert runs.tasks == ["sync"]
        assert archive.search('"one correction"').total == 1
        archive.correct_metadata(ids[1], title="Another")  # merged: one segment
        assert runs.tasks == ["sync"]
        assert archive.search("harbour").total == 3 * (MERGE_FACTOR - 1)


def test_the_childs_commits_count_as_the_archives_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window watching data versions must not take its own indexing for another program."""
    runs = ChildRuns(monkeypatch)
    documents = tmp_path / "documents"
    write_documents(documents, DOCUMENTS)
    with Archive(tmp_path / "data", index_in_child_process=True) as archive:
        before = archive.data_version()
        archive.import_paths([documents])
        assert runs.tasks == ["sync"]
        assert archive.data_version() == before
        # Another program's commit still shows.
        with Archive(tmp_path / "data") as other:
            other.remove_documents([other.list_documents()[0].id])
        assert archive.data_version() != before
