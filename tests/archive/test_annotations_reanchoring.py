"""Annotations survive a re-imported file: moved, edited around, edited, or gone."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.annotations import AnnotationStore
from archive.api import DATABASE_NAME, Archive
from archive.models import ImportStatus
from tests.archive.annotation_helpers import (
    PIPELINE,
    RAILWAY,
    STORY,
    annotate,
    import_file,
    placed_text,
    span_of,
    write,
)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


def reimport(archive: Archive, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # A new modification time, even on file systems with coarse timestamps.
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    (result,) = archive.import_paths([path])
    assert result.status is ImportStatus.UPDATED, result


def test_text_inserted_before_a_passage_moves_its_anchor_exactly(
    archive: Archive, tmp_path: Path
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    added = annotate(archive, story, PIPELINE, note="watch this")
    reimport(archive, path, STORY.replace("Officials said", "Late in the day, officials said"))
    moved = archive.annotation(added.id)
    assert not moved.orphaned
    assert moved.span == span_of(archive, story, PIPELINE)
    assert moved.start != added.start
    assert (moved.quote, moved.note, moved.uuid) == (PIPELINE, "watch this", added.uuid)
    assert moved.modified == added.modified  # the reader changed nothing


def test_edits_in_the_context_keep_the_passage_and_refresh_the_context(
    archive: Archive, tmp_path: Path
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    added = annotate(archive, story, RAILWAY)
    edited = STORY.replace("The two sides agreed that", "Both delegations agreed that").replace(
        "between Europe and Asia", "between Europe, the Caucasus and Asia"
    )
    reimport(archive, path, edited)
    moved = archive.annotation(added.id)
    assert placed_text(archive, moved) == RAILWAY
    assert moved.prefix.endswith("Both delegations agreed that ")
    assert moved.suffix.startswith(" between Europe, the Caucasus")


def test_a_word_changed_inside_the_passage_is_re_anchored_approximately(
    archive: Archive, tmp_path: Path
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    added = annotate(archive, story, RAILWAY, note="kept")
    reimport(archive, path, STORY.replace("new railway", "new high-speed railway"))
    moved = archive.annotation(added.id)
    assert not moved.orphaned
    assert moved.quote == RAILWAY.replace("new railway", "new high-speed railway")
    assert placed_text(archive, moved) == moved.quote
    assert moved.note == "kept"


def test_a_deleted_passage_orphans_its_annotation_which_keeps_quote_and_note(
    archive: Archive, tmp_path: Path
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    kept = annotate(archive, story, RAILWAY)
    doomed = annotate(archive, story, PIPELINE, note="about the pipeline", tags=["energy"])
    paragraph = STORY[STORY.index("Officials said") : STORY.index("The ministers also")]
    reimport(archive, path, STORY.replace(paragraph, ""))

    orphan = archive.annotation(doomed.id)
    assert orphan.orphaned and orphan.span is None
    assert (orphan.quote, orphan.note, orphan.tags) == (PIPELINE, "about the pipeline", ("energy",))
    assert (orphan.start, orphan.end) == (doomed.start, doomed.end)  # its last known place
    assert [a.id for a in archive.annotations(story)] == [kept.id, doomed.id]  # orphans last
    assert [a.id for a in archive.annotations(story, include_orphaned=False)] == [kept.id]


def test_an_orphan_is_reattached_to_a_new_selection(archive: Archive, tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    doomed = annotate(archive, story, PIPELINE, note="n")
    reimport(archive, path, STORY.replace(PIPELINE, "the gas line will be postponed"))
    assert archive.annotation(doomed.id).orphaned

    start, end = span_of(archive, story, "the gas line will be postponed")
    reattached = archive.reattach_annotation(doomed.id, start, end)
    assert not reattached.orphaned
    assert (reattached.quote, reattached.span) == ("the gas line will be postponed", (start, end))
    assert (reattached.note, reattached.uuid) == ("n", doomed.uuid)
    assert archive.annotation(doomed.id) == reattached
    with pytest.raises(ValueError, match="empty"):
        archive.reattach_annotation(doomed.id, 5, 5)


def test_an_orphan_whose_passage_comes_back_is_attached_again(
    archive: Archive, tmp_path: Path
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    added = annotate(archive, story, PIPELINE)
    reimport(archive, path, STORY.replace(PIPELINE, "nothing at all"))
    assert archive.annotation(added.id).orphaned
    reimport(archive, path, "A new first line.\n\n" + STORY)
    back = archive.annotation(added.id)
    assert not back.orphaned
    assert back.span == span_of(archive, story, PIPELINE)


def test_a_moved_file_keeps_its_annotations(archive: Archive, tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    added = annotate(archive, story, RAILWAY)
    moved = tmp_path / "elsewhere" / "story.txt"
    moved.parent.mkdir()
    path.rename(moved)
    (result,) = archive.import_paths([moved])
    assert result.status is ImportStatus.UPDATED and result.id == story
    assert archive.annotations(story) == [added]


def test_re_anchoring_happens_in_the_transaction_of_the_text_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: AnnotationStore, document_id: int, old: str, new: str) -> None:
        raise RuntimeError("re-anchoring failed")

    path = write(tmp_path / "story.txt", STORY)
    monkeypatch.setattr(AnnotationStore, "reanchor_document", fail)
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, path)
        added = annotate(archive, story, PIPELINE)
        path.write_text("Officials. " + STORY, encoding="utf-8")
        os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
        # The file fails alone (issue 11: one file's failure never aborts its batch)...
        (result,) = archive.import_paths([path])
        assert result.status is ImportStatus.FAILED
        # ...and neither the text nor the annotation changed: they go together or not at all.
        assert archive.document(story).text == STORY.strip()
        assert archive.annotations(story) == [added]


def test_a_document_with_annotations_cannot_be_deleted_behind_their_back(
    archive: Archive, tmp_path: Path
) -> None:
    story = import_file(archive, write(tmp_path / "story.txt", STORY))
    annotate(archive, story, RAILWAY)
    other = sqlite3.connect(tmp_path / "data" / DATABASE_NAME)
    other.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError):
        other.execute("DELETE FROM documents WHERE id = ?", (story,))
    other.close()
    assert len(archive.annotations(story)) == 1
