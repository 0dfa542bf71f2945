"""Removing documents: they go to the trash, leave lists and search, and come back whole."""

from __future__ import annotations

import json
import os
from pathlib import Path

from archive.api import Archive
from archive.models import DateOrigin, ImportStatus, PublicationDate
from archive.removal import RemovalResult, RemovalStatus
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, annotate, write
from tests.many_documents import write_documents

OTHER = "Ankara, 5 May 2019. The delegation visited the port and signed a shipping accord.\n"


def _two_documents(tmp_path: Path, archive: Archive) -> tuple[int, int, Path]:
    story = write(tmp_path / "story.txt", STORY)
    other = write(tmp_path / "other.txt", OTHER)
    first, second = archive.import_paths([story, other])
    assert first.id is not None and second.id is not None
    return first.id, second.id, story


def test_removed_document_leaves_list_counts_and_search_but_keeps_annotations(
    tmp_path: Path,
) -> None:
    with Archive(tmp_path / "data") as archive:
        story, other, _ = _two_documents(tmp_path, archive)
        annotate(archive, story, RAILWAY, note="trade")
        annotate(archive, story, PIPELINE)
        assert archive.search("railway").total == 1

        results = archive.remove_documents([story, 999])

        assert results == [
            RemovalResult(story, RemovalStatus.REMOVED, 2),
            RemovalResult(999, RemovalStatus.NOT_FOUND, 0),
        ]
        assert [d.id for d in archive.list_documents()] == [other]
        assert archive.document_count() == 1
        assert [(y.year, y.documents) for y in archive.years()] == [(2019, 1)]
        assert archive.search("railway").total == 0
        assert archive.search("minister OR delegation").years == {"2019": 1}
        assert archive.annotations() == []  # the list shows documents present
        assert [d.id for d in archive.removed_documents()] == [story]
        # Kept, and exported: never lost silently.
        exported = json.loads(archive.export_annotations("jsonld"))
        assert exported["total"] == 2
        items = exported["first"]["items"]
        assert [item["archive-reader:documentRemoved"] for item in items] == [True, True]
        markdown = archive.export_annotations("markdown")
        assert "## Removed documents" in markdown
        assert "No annotations." not in markdown  # two are right below
        assert archive.export_annotations("csv").count("\r\n") == 3


def test_removing_again_is_not_found_and_restoring_brings_everything_back(
    tmp_path: Path,
) -> None:
    with Archive(tmp_path / "data") as archive:
        story, _other, _ = _two_documents(tmp_path, archive)
        kept = annotate(archive, story, RAILWAY, note="trade")
        archive.remove_documents([story])
        assert archive.remove_documents([story]) == [
            RemovalResult(story, RemovalStatus.NOT_FOUND, 0)
        ]

        assert archive.restore_documents([story]) == [
            RemovalResult(story, RemovalStatus.RESTORED, 1)
        ]

        assert archive.document(story).text.startswith("Baku")
        assert archive.annotations(story) == [kept]
        assert archive.search("railway").total == 1
        assert archive.document_count() == 2
        assert archive.removed_documents() == []


def test_the_index_stays_exact_when_the_archive_is_opened_again(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, _other, _ = _two_documents(tmp_path, archive)
        archive.remove_documents([story])
    with Archive(tmp_path / "data") as archive:
        assert archive.index_state().value == "ok"
        assert archive.search("railway").total == 0
        assert archive.rebuild_index() == 1


def test_importing_a_removed_file_again_brings_it_back_with_its_annotations(
    tmp_path: Path,
) -> None:
    with Archive(tmp_path / "data") as archive:
        story, _other, path = _two_documents(tmp_path, archive)
        annotate(archive, story, RAILWAY)
        archive.remove_documents([story])

        (result,) = archive.import_paths([path])

        assert (result.status, result.id) == (ImportStatus.IMPORTED, story)
        assert len(archive.annotations(story)) == 1
        assert archive.search("railway").total == 1


def test_importing_a_removed_file_that_changed_updates_and_brings_it_back(
    tmp_path: Path,
) -> None:
    with Archive(tmp_path / "data") as archive:
        story, _other, path = _two_documents(tmp_path, archive)
        annotate(archive, story, RAILWAY)
        archive.remove_documents([story])
        write(path, STORY.replace("cultural exchanges", "a new airport"))
        os.utime(path, ns=(1, 1))

        (result,) = archive.import_paths([path])

        assert (result.status, result.id) == (ImportStatus.IMPORTED, story)
        assert "airport" in archive.document(story).text
        assert archive.search("airport").total == 1
        assert len(archive.annotations(story)) == 1


def test_a_copy_of_a_removed_file_elsewhere_is_a_new_document(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, _other, _ = _two_documents(tmp_path, archive)
        archive.remove_documents([story])
        copy = tmp_path / "copy"
        copy.mkdir()

        (result,) = archive.import_paths([write(copy / "story.txt", STORY)])

        assert result.status is ImportStatus.IMPORTED and result.id != story


def test_emptying_the_trash_deletes_documents_and_their_annotations(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, other, _ = _two_documents(tmp_path, archive)
        annotate(archive, story, RAILWAY)
        archive.remove_documents([story])

        emptied = archive.empty_trash()

        assert (emptied.documents, emptied.annotations) == (1, 1)
        assert archive.restore_documents([story])[0].status is RemovalStatus.NOT_FOUND
        assert archive.export_annotations("jsonld").count('"Annotation"') == 0
        assert [d.id for d in archive.list_documents()] == [other]


def test_annotation_counts_name_every_id(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, other, _ = _two_documents(tmp_path, archive)
        annotate(archive, story, RAILWAY)
        assert archive.annotation_counts([story, other, 42]) == {story: 1, other: 0, 42: 0}


def test_the_same_correction_for_many_documents(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, other, _ = _two_documents(tmp_path, archive)
        date = PublicationDate(2001, 2, origin=DateOrigin.USER)

        corrected = archive.correct_many([story, 77, other], source="AZERTAC", date=date)

        assert [(d.id, d.source, d.date, d.year) for d in corrected] == [
            (story, "AZERTAC", "2001-02", 2001),
            (other, "AZERTAC", "2001-02", 2001),
        ]
        assert [(y.year, y.documents) for y in archive.years()] == [(2001, 2)]
        assert archive.search("source:azertac").total == 2
        reverted = archive.revert_many([story, other])
        assert [d.year for d in reverted] == [2021, 2019]


def test_sample_documents_are_told_apart_from_the_users(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        archive.import_sample_if_empty()
        samples = archive.sample_document_ids()
        assert sorted(samples) == sorted(d.id for d in archive.list_documents())
        assert len(samples) == 5
        archive.import_paths([write(tmp_path / "story.txt", STORY)])
        assert archive.sample_document_ids() == samples
        archive.remove_documents(samples[:2])
        assert archive.sample_document_ids() == samples[2:]


def test_corrections_are_read_and_put_back_exactly(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, other, _ = _two_documents(tmp_path, archive)
        archive.correct_metadata(story, title="My title", source="Reuters")
        archive.correct_metadata(other, clear_date=True)
        before = archive.corrections_of([story, other])
        assert before[story].title == "My title" and before[story].date is None
        assert before[other].clear_date and before[other].source is None

        archive.correct_many([story, other], source="AZERTAC", date=PublicationDate(1990))
        restored = archive.put_back_corrections([story, other], before)

        assert [(d.title, d.source, d.year) for d in restored] == [
            ("My title", "Reuters", 2021),
            (restored[1].title, None, None),
        ]
        assert archive.corrections_of([story, other]) == before
        archive.put_back_corrections([story], {})
        assert archive.corrections_of([story]) == {}


def test_summaries_of_given_ids_leave_out_the_removed_and_unknown(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story, other, _ = _two_documents(tmp_path, archive)
        archive.remove_documents([story])
        assert [d.id for d in archive.summaries_of([other, story, 99, other])] == [other]


def test_a_year_lists_the_documents_corrected_into_it_and_not_those_moved_out(
    tmp_path: Path,
) -> None:
    documents = write_documents(tmp_path / "documents", 12, first_year=2001, years=3)
    with Archive(tmp_path / "data") as archive:
        archive.import_paths([documents])
        of_2001 = [summary.id for summary in archive.list_documents(2001)]
        moved, kept = of_2001[0], of_2001[1:]
        archive.correct_many([moved], date=PublicationDate(1999, 5))
        assert [summary.id for summary in archive.list_documents(2001)] == kept
        assert [summary.id for summary in archive.list_documents(1999)] == [moved]
        archive.remove_documents([kept[0]])
        assert [summary.id for summary in archive.list_documents(2001)] == kept[1:]
