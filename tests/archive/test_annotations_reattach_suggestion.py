"""An orphan's likely new place is offered for the reader to confirm (issue 11, "Re-attach here?").

Re-anchoring orphans a note rather than place it on a passage that may not be its own. The
best candidate it turned down is still worth showing: here it is asked for, accepted with
the ordinary re-attach, and never offered for a note that has a place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.annotations import AnnotationNotFoundError
from archive.api import Archive
from archive.models import ImportStatus
from tests.archive.annotation_helpers import annotate, import_file, placed_text, write

# A year-end review: the third paragraph's first sentence is deleted, and written anew at
# the end of the first with one name changed. Re-anchoring must not move the note there
# on its own (it may be another event); the reader may.
PARAGRAPHS = [
    "On 6 June in Shusha, at an informal summit of the Organization of Turkic States, the "
    "Garabagh Declaration was adopted by the heads of state. Support was expressed for mine "
    "action and humanitarian demining.",
    "In July the ministers met in Astana to discuss transport links across the Caspian Sea. "
    "The two sides agreed that the new railway through the region would open trade between "
    "Europe and Asia.",
    "On 3 December in Mashhad, at the meeting of the Council of Foreign Ministers, the "
    "Mashhad Declaration was adopted by the member states. Gratitude was expressed to our "
    "country for hosting the next summit in 2025.",
    "The ministers also discussed cultural exchanges and a joint exhibition in Baku next year. "
    "Officials said the pipeline project would continue as planned.",
]
SENTENCE = (
    "On 3 December in Mashhad, at the meeting of the Council of Foreign Ministers, the "
    "Mashhad Declaration was adopted by the member states."
)
REWRITTEN = SENTENCE.replace("Mashhad Declaration", "Tehran Declaration")
RAILWAY = "the new railway through the region would open trade between Europe and Asia"
PIPELINE = "Officials said the pipeline project would continue as planned."


def edited_review() -> str:
    paragraphs = list(PARAGRAPHS)
    paragraphs[2] = paragraphs[2].replace(SENTENCE + " ", "")
    paragraphs[0] += " " + REWRITTEN
    return "\n\n".join(paragraphs)


def reimport(archive: Archive, path: Path, text: str) -> None:
    write(path, text)
    # A second later, as an editor would save it: the importer sees the file changed.
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
    (result,) = archive.import_paths([path])
    assert result.status is ImportStatus.UPDATED, result


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


def test_an_orphan_is_offered_its_sentence_written_anew_elsewhere(
    archive: Archive, tmp_path: Path
) -> None:
    review = write(tmp_path / "review_2024.txt", "\n\n".join(PARAGRAPHS))
    document_id = import_file(archive, review)
    note = annotate(archive, document_id, SENTENCE, note="ECO summit", color="green")

    reimport(archive, review, edited_review())

    orphan = archive.annotation(note.id)
    assert orphan.orphaned, "re-anchoring moved the note on its own"
    suggested = archive.suggest_reattachment(note.id)
    assert suggested is not None
    start, end = suggested
    assert archive.document(document_id).text[start:end] == REWRITTEN
    assert archive.annotation(note.id) == orphan  # asking changes nothing


def test_accepting_the_suggestion_reattaches_the_note_there(
    archive: Archive, tmp_path: Path
) -> None:
    review = write(tmp_path / "review_2024.txt", "\n\n".join(PARAGRAPHS))
    document_id = import_file(archive, review)
    note = annotate(archive, document_id, SENTENCE, note="ECO summit", color="green")
    reimport(archive, review, edited_review())
    suggested = archive.suggest_reattachment(note.id)
    assert suggested is not None

    reattached = archive.reattach_annotation(note.id, *suggested)

    assert not reattached.orphaned
    assert (reattached.start, reattached.end) == suggested
    assert placed_text(archive, note) == REWRITTEN
    assert reattached.uuid == note.uuid
    assert (reattached.note, reattached.color) == ("ECO summit", "green")
    assert archive.suggest_reattachment(note.id) is None  # placed: nothing to suggest


def test_a_placed_annotation_gets_no_suggestion(archive: Archive, tmp_path: Path) -> None:
    review = write(tmp_path / "review_2024.txt", "\n\n".join(PARAGRAPHS))
    document_id = import_file(archive, review)
    note = annotate(archive, document_id, RAILWAY)
    reimport(archive, review, edited_review())  # an edit elsewhere: it keeps its place

    assert not archive.annotation(note.id).orphaned
    assert archive.suggest_reattachment(note.id) is None


def test_a_passage_gone_without_trace_gets_no_suggestion(archive: Archive, tmp_path: Path) -> None:
    review = write(tmp_path / "review_2024.txt", "\n\n".join(PARAGRAPHS))
    document_id = import_file(archive, review)
    note = annotate(archive, document_id, PIPELINE)
    reimport(archive, review, "\n\n".join(PARAGRAPHS).replace(" " + PIPELINE, ""))

    assert archive.annotation(note.id).orphaned
    assert archive.suggest_reattachment(note.id) is None


def test_an_unknown_annotation_is_named(archive: Archive) -> None:
    with pytest.raises(AnnotationNotFoundError):
        archive.suggest_reattachment(12345)
