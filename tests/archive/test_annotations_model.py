"""Annotations through ``Archive``: adding, validating, changing, deleting, undoing, order."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.annotations import COLORS, AnnotationNotFoundError
from archive.annotations.model import clean_tags, parse_timestamp
from archive.api import Archive, DocumentNotFoundError
from archive.storage import Database
from archive.storage.migrations import MIGRATIONS
from tests.archive.annotation_helpers import (
    PIPELINE,
    RAILWAY,
    STORY,
    annotate,
    import_file,
    span_of,
    write,
)

UTC_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def story_id(archive: Archive, tmp_path: Path) -> int:
    return import_file(archive, write(tmp_path / "story.txt", STORY))


def test_migration_2_adds_annotations_to_an_existing_archive(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    old = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.close()
    database = Database(path)
    assert database.schema_version == len(MIGRATIONS)
    columns = {row[1] for row in database.connection.execute("PRAGMA table_info(annotations)")}
    assert {"uuid", "quote", "prefix", "suffix", "start_offset", "end_offset"} <= columns
    assert {"orphaned", "color", "note", "tags", "created", "modified"} <= columns
    database.close()


def test_a_new_annotation_takes_its_quote_and_context_from_the_text(
    archive: Archive, story_id: int
) -> None:
    start, end = span_of(archive, story_id, RAILWAY)
    added = archive.add_annotation(
        story_id, start, end, color="green", note="A *big* step.", tags=["transport", "Asia"]
    )
    text = archive.document(story_id).text
    assert added.quote == RAILWAY
    assert added.prefix == text[start - 32 : start]
    assert added.suffix == text[end : end + 32]
    assert (added.start, added.end, added.span) == (start, end, (start, end))
    assert not added.orphaned
    assert (added.color, added.note, added.tags) == (
        "green",
        "A *big* step.",
        ("transport", "Asia"),
    )
    assert UTC_SECONDS.match(added.created) and added.created == added.modified
    assert added.urn == f"urn:archive-reader:annotation:{added.uuid}"
    assert archive.annotations(story_id) == [added]


def test_context_is_shorter_at_the_edges_of_the_text(archive: Archive, story_id: int) -> None:
    text = archive.document(story_id).text
    first = archive.add_annotation(story_id, 0, 4)
    last = archive.add_annotation(story_id, len(text) - 5, len(text))
    assert (first.quote, first.prefix) == ("Baku", "")
    assert (last.quote, last.suffix) == ("year.", "")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 5, "outside the document's text"),
        (10, 100_000, "outside the document's text"),
        (10, 10, "empty"),
        (12, 10, "empty"),
    ],
)
def test_a_bad_range_is_refused_with_a_clear_message(
    archive: Archive, story_id: int, start: int, end: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        archive.add_annotation(story_id, start, end)
    assert archive.annotations() == []


def test_a_selection_of_only_white_space_is_refused(archive: Archive, story_id: int) -> None:
    text = archive.document(story_id).text
    gap = text.index("\n\n")
    with pytest.raises(ValueError, match="white space"):
        archive.add_annotation(story_id, gap, gap + 2)


def test_an_unknown_colour_or_document_is_refused(archive: Archive, story_id: int) -> None:
    with pytest.raises(ValueError, match="Unknown colour 'red'"):
        archive.add_annotation(story_id, 0, 4, color="red")
    with pytest.raises(DocumentNotFoundError):
        archive.add_annotation(story_id + 1, 0, 4)


def test_the_five_colours() -> None:
    assert COLORS == ("yellow", "green", "blue", "pink", "purple")


def test_tags_are_tidied_and_a_single_string_is_refused() -> None:
    assert clean_tags(["  energy  security ", "", "energy security", "COP29"]) == (
        "energy security",
        "COP29",
    )
    with pytest.raises(ValueError, match="not one string"):
        clean_tags("energy")


def test_timestamps_are_normalized_to_utc() -> None:
    assert parse_timestamp("2025-01-31T10:30:00+01:00") == "2025-01-31T09:30:00Z"
    assert parse_timestamp("2025-01-31T09:30:00Z") == "2025-01-31T09:30:00Z"
    assert parse_timestamp("2025-01-31T09:30:00") == "2025-01-31T09:30:00Z"
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_timestamp("yesterday")


def test_update_changes_only_what_is_given(archive: Archive, story_id: int) -> None:
    added = annotate(archive, story_id, RAILWAY, note="first", tags=["a"])
    updated = archive.update_annotation(added.id, note="second")
    assert (updated.note, updated.color, updated.tags) == ("second", "yellow", ("a",))
    updated = archive.update_annotation(added.id, color="purple", tags=[])
    assert (updated.note, updated.color, updated.tags) == ("second", "purple", ())
    assert archive.annotation(added.id) == updated
    assert updated.created == added.created and updated.uuid == added.uuid


def test_an_update_that_changes_nothing_keeps_the_modified_time(
    archive: Archive, story_id: int
) -> None:
    added = annotate(archive, story_id, RAILWAY, note="same")
    assert archive.update_annotation(added.id, note="same") == added


def test_unknown_annotations_are_reported(archive: Archive) -> None:
    with pytest.raises(AnnotationNotFoundError, match="No annotation with id 7"):
        archive.update_annotation(7, note="x")
    with pytest.raises(AnnotationNotFoundError):
        archive.delete_annotation(7)
    with pytest.raises(AnnotationNotFoundError):
        archive.reattach_annotation(7, 0, 4)


def test_delete_then_restore_brings_back_the_same_annotation(
    archive: Archive, story_id: int
) -> None:
    kept = annotate(archive, story_id, PIPELINE)
    added = annotate(archive, story_id, RAILWAY, note="undo me", tags=["t"])
    deleted = archive.delete_annotation(added.id)
    assert archive.annotations(story_id) == [kept]
    restored = archive.restore_annotation(deleted)
    assert restored == added
    assert archive.annotations(story_id) == [added, kept]
    with pytest.raises(ValueError, match="nothing to restore"):
        archive.restore_annotation(added)


def test_ids_are_never_reused_so_an_undo_after_more_work_gets_its_id_back(
    archive: Archive, story_id: int
) -> None:
    added = annotate(archive, story_id, RAILWAY)
    archive.delete_annotation(added.id)
    other = annotate(archive, story_id, PIPELINE)
    assert other.id != added.id
    assert archive.restore_annotation(added) == added


def test_annotations_are_listed_in_document_order(archive: Archive, story_id: int) -> None:
    later = annotate(archive, story_id, PIPELINE)
    earlier = annotate(archive, story_id, RAILWAY)
    first_word = archive.add_annotation(story_id, 0, 4)
    assert [a.id for a in archive.annotations(story_id)] == [first_word.id, earlier.id, later.id]
    assert [a.id for a in archive.annotations()] == [first_word.id, earlier.id, later.id]


def test_all_annotations_come_by_document_newest_first(archive: Archive, tmp_path: Path) -> None:
    old = import_file(archive, write(tmp_path / "old.txt", STORY.replace("2021", "2016")))
    new = import_file(
        archive,
        write(tmp_path / "new.txt", STORY.replace("2021", "2024").replace("Baku,", "Ganja,")),
    )
    on_old = annotate(archive, old, RAILWAY)
    on_new = annotate(archive, new, PIPELINE)
    assert [a.id for a in archive.annotations()] == [on_new.id, on_old.id]


def test_listing_an_unknown_document_is_an_error(archive: Archive) -> None:
    with pytest.raises(DocumentNotFoundError):
        archive.annotations(42)


def test_annotations_persist_when_the_archive_is_reopened(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        added = annotate(archive, story, RAILWAY, note="kept", tags=["x", "y"])
    with Archive(tmp_path / "data") as reopened:
        assert reopened.annotations(story) == [added]
