"""``annotations import`` while an import changes the same document (issue 11, finding 5).

The annotation import must read the texts it anchors against inside its write
transaction: a document import that lands between that read and the write would
otherwise leave offsets that point at other words. The interleaving is made
deterministic with a hook on the read: it runs a second writer, on its own
connection, at exactly that moment.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from archive.annotations import Annotation
from archive.annotations.store import AnnotationStore
from archive.api import Archive
from archive.storage import DatabaseError, DocumentStore
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, import_file, write

# A paragraph put before the story moves every passage of it further on.
INSERTED = "Editor's note: this release was corrected on 4 March 2021 to add the delegation.\n\n"


def _w3c_at(document_id: int, text: str, passage: str) -> dict[str, object]:
    start = text.index(passage)
    return {
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": f"note on {passage[:12]}"},
        "target": {
            "source": f"urn:archive-reader:document:{document_id}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": passage},
                {"type": "TextPositionSelector", "start": start, "end": start + len(passage)},
            ],
        },
    }


def test_an_import_between_reading_and_writing_never_shifts_the_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    story = write(tmp_path / "story.txt", STORY)
    with Archive(data) as archive:
        document_id = import_file(archive, story)
        annotations_file = json.dumps(
            [_w3c_at(document_id, STORY, passage) for passage in (RAILWAY, PIPELINE)]
        )
        # The second writer: another connection that gives up at once when the
        # annotation import holds the write lock, instead of waiting for it.
        other = Archive(data, maintain_index=False, busy_timeout=0)
        try:
            _run_other_import_on_first_text_read(monkeypatch, other, story)
            report = archive.import_annotations(annotations_file)
            assert len(report.added) == 2 and report.failed == []
            # Refused while the annotation import held the lock, the other import runs
            # again now and re-anchors what the annotation import wrote (had it not been
            # refused, this finds the file unchanged).
            (result,) = other.import_paths([story])
            assert result.id == document_id
        finally:
            other.close()

        text = archive.document(document_id).text
        assert text.startswith("Editor's note")
        annotations = archive.annotations(document_id)
        assert len(annotations) == 2
        for annotation in annotations:
            assert annotation.span is not None
            start, end = annotation.span
            assert text[start:end] == annotation.quote
            assert annotation.quote in (RAILWAY, PIPELINE)


def _run_other_import_on_first_text_read(
    monkeypatch: pytest.MonkeyPatch, other: Archive, story: Path
) -> None:
    """Hook ``DocumentStore.texts``: the first read of texts is followed by ``other``
    importing a changed ``story`` (refused when the reader holds the write lock)."""
    original: Callable[[DocumentStore, Sequence[int]], dict[int, str]] = DocumentStore.texts
    armed = [True]

    def read_then_let_the_other_import_run(
        store: DocumentStore, ids: Sequence[int]
    ) -> dict[int, str]:
        texts = original(store, ids)
        if armed[0]:
            armed[0] = False
            write(story, INSERTED + STORY)
            # Busy while the write lock is held: the test imports it again afterwards.
            with contextlib.suppress(DatabaseError):
                other.import_paths([story])
        return texts

    monkeypatch.setattr(DocumentStore, "texts", read_then_let_the_other_import_run)


@pytest.fixture
def two_writers(tmp_path: Path) -> Iterator[tuple[Archive, Archive, Path, int]]:
    """An archive with the story, a second connection that never waits, the story's file."""
    data = tmp_path / "data"
    story = write(tmp_path / "story.txt", STORY)
    with Archive(data) as archive:
        document_id = import_file(archive, story)
        other = Archive(data, maintain_index=False, busy_timeout=0)
        try:
            yield archive, other, story, document_id
        finally:
            other.close()


def _assert_every_quote_is_at_its_offsets(archive: Archive, document_id: int) -> None:
    text = archive.document(document_id).text
    assert text.startswith("Editor's note")
    annotations = archive.annotations(document_id)
    assert annotations
    for annotation in annotations:
        assert annotation.span is not None
        assert text[annotation.span[0] : annotation.span[1]] == annotation.quote


def test_a_highlight_made_while_an_import_changes_the_document_stays_on_its_words(
    two_writers: tuple[Archive, Archive, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive, other, story, document_id = two_writers
    start = STORY.index(RAILWAY)
    _run_other_import_on_first_text_read(monkeypatch, other, story)
    made = archive.add_annotation(document_id, start, start + len(RAILWAY), note="n")
    assert made.quote == RAILWAY
    other.import_paths([story])
    _assert_every_quote_is_at_its_offsets(archive, document_id)
    assert archive.annotation(made.id).quote == RAILWAY


def test_a_note_changed_while_an_import_re_anchors_it_keeps_the_new_place(
    two_writers: tuple[Archive, Archive, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive, other, story, document_id = two_writers
    start = STORY.index(RAILWAY)
    made = archive.add_annotation(document_id, start, start + len(RAILWAY))
    original_get = AnnotationStore.get
    armed = [True]

    def read_then_let_the_other_import_run(
        store: AnnotationStore, annotation_id: int
    ) -> Annotation | None:
        found = original_get(store, annotation_id)
        if armed[0]:
            armed[0] = False
            write(story, INSERTED + STORY)
            with contextlib.suppress(DatabaseError):
                other.import_paths([story])
        return found

    monkeypatch.setattr(AnnotationStore, "get", read_then_let_the_other_import_run)
    archive.update_annotation(made.id, note="changed meanwhile")
    other.import_paths([story])
    _assert_every_quote_is_at_its_offsets(archive, document_id)
    assert archive.annotation(made.id).note == "changed meanwhile"
