"""Importing W3C Web Annotation JSON-LD: shapes, anchoring, updates by id, round trips."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive.annotations import AnnotationFormatError
from archive.api import Archive
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, annotate, import_file, write

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def story(archive: Archive, tmp_path: Path) -> int:
    return import_file(archive, write(tmp_path / "story.txt", STORY))


def w3c(
    document_id: int,
    *,
    exact: str | None = None,
    position: tuple[int, int] | None = None,
    annotation_id: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    if exact is not None:
        selectors.append({"type": "TextQuoteSelector", "exact": exact})
    if position is not None:
        selectors.append({"type": "TextPositionSelector", "start": position[0], "end": position[1]})
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "imported note", "format": "text/markdown"},
        "target": {"source": f"urn:archive-reader:document:{document_id}", "selector": selectors},
    }
    if annotation_id is not None:
        item["id"] = annotation_id
    item.update(extra)
    return item


def test_one_annotation_is_imported_and_anchored_by_its_quote(archive: Archive, story: int) -> None:
    report = archive.import_annotations(json.dumps(w3c(story, exact=RAILWAY)))
    (added,) = report.added
    assert (report.updated, report.unchanged, report.orphaned, report.failed) == ([], [], [], [])
    text = archive.document(story).text
    assert added.span == (text.index(RAILWAY), text.index(RAILWAY) + len(RAILWAY))
    assert (added.note, added.color, added.tags) == ("imported note", "yellow", ())
    assert archive.annotations(story) == [added]


def test_an_array_of_annotations(archive: Archive, story: int) -> None:
    items = [w3c(story, exact=RAILWAY), w3c(story, exact=PIPELINE)]
    report = archive.import_annotations(json.dumps(items))
    assert [a.quote for a in report.added] == [RAILWAY, PIPELINE]


@pytest.mark.parametrize("where", ["first", "items"])
def test_an_annotation_collection(archive: Archive, story: int, where: str) -> None:
    items = [w3c(story, exact=RAILWAY), w3c(story, exact=PIPELINE)]
    collection: dict[str, Any] = {"@context": CONTEXT, "type": "AnnotationCollection"}
    if where == "first":
        collection["first"] = {"type": "AnnotationPage", "items": items}
    else:
        collection["items"] = items
    report = archive.import_annotations(json.dumps(collection))
    assert len(report.added) == 2


def test_a_collection_with_only_a_link_to_its_pages_is_refused(archive: Archive) -> None:
    collection = {"type": "AnnotationCollection", "total": 3, "first": "https://example.org/p1"}
    with pytest.raises(AnnotationFormatError, match="only a link"):
        archive.import_annotations(json.dumps(collection))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('"a string"', "no W3C Web Annotations"),
        ('{"type": "Person"}', "no W3C Web Annotations"),
    ],
)
def test_a_file_that_is_not_annotations_is_refused(
    archive: Archive, text: str, message: str
) -> None:
    with pytest.raises(AnnotationFormatError, match=message):
        archive.import_annotations(text)


def test_export_then_import_into_a_fresh_archive_round_trips_exactly(
    archive: Archive, story: int, tmp_path: Path
) -> None:
    annotate(archive, story, RAILWAY, color="green", note="**bold** note", tags=["a", "b c"])
    annotate(archive, story, PIPELINE, color="purple")
    archive.add_annotation(story, 0, 4, note="Baku, the first word")
    exported = archive.export_annotations("jsonld")

    with Archive(tmp_path / "fresh") as fresh:
        fresh_story = import_file(fresh, tmp_path / "story.txt")
        assert fresh_story == story
        report = fresh.import_annotations(exported)
        assert len(report.added) == 3 and not report.failed
        assert fresh.export_annotations("jsonld") == exported
        assert [a.uuid for a in fresh.annotations()] == [a.uuid for a in archive.annotations()]


def test_importing_an_export_again_changes_nothing(archive: Archive, story: int) -> None:
    annotate(archive, story, RAILWAY, note="n")
    before = archive.annotations()
    report = archive.import_annotations(archive.export_annotations("jsonld"))
    assert report.unchanged == before
    assert (report.added, report.updated) == ([], [])
    assert archive.annotations() == before


def test_an_orphan_round_trips_too(archive: Archive, tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_file(archive, path)
    annotate(archive, story, PIPELINE, note="lost")
    path.write_text(STORY.replace(PIPELINE, "something else entirely"), encoding="utf-8")
    archive.import_paths([path])
    exported = archive.export_annotations("jsonld")
    assert json.loads(exported)["first"]["items"][0]["archive-reader:orphaned"] is True

    with Archive(tmp_path / "fresh") as fresh:
        import_file(fresh, path)
        report = fresh.import_annotations(exported)
        assert [a.orphaned for a in report.added] == [True]
        assert report.orphaned == report.added
        assert fresh.export_annotations("jsonld") == exported


def test_an_annotation_with_a_known_id_is_updated_not_duplicated(
    archive: Archive, story: int
) -> None:
    added = annotate(archive, story, RAILWAY, note="old note", tags=["x"])
    item = json.loads(archive.export_annotations("jsonld"))["first"]["items"][0]
    item["body"] = [
        {"type": "TextualBody", "format": "text/markdown", "value": "new note"},
        {"type": "TextualBody", "purpose": "tagging", "value": "y"},
    ]
    item["archive-reader:color"] = "blue"
    item["modified"] = "2030-01-01T00:00:00Z"

    (updated,) = archive.import_annotations(json.dumps(item)).updated

    assert (updated.id, updated.uuid, updated.created) == (added.id, added.uuid, added.created)
    assert (updated.note, updated.tags, updated.color) == ("new note", ("y",), "blue")
    assert updated.modified == "2030-01-01T00:00:00Z"
    assert archive.annotations() == [updated]


def test_the_position_selector_wins_when_the_text_there_is_the_quote(
    archive: Archive, story: int
) -> None:
    text = archive.document(story).text
    second = text.rindex("Baku")
    report = archive.import_annotations(
        json.dumps(w3c(story, exact="Baku", position=(second, second + 4)))
    )
    assert report.added[0].span == (second, second + 4)


def test_a_stale_position_is_corrected_by_the_quote(archive: Archive, story: int) -> None:
    text = archive.document(story).text
    report = archive.import_annotations(json.dumps(w3c(story, exact=PIPELINE, position=(3, 40))))
    start = text.index(PIPELINE)
    assert report.added[0].span == (start, start + len(PIPELINE))


def test_a_bare_quote_without_context_is_placed_when_it_is_unambiguous(
    archive: Archive, story: int
) -> None:
    text = archive.document(story).text
    items = [
        w3c(story, exact="cultural exchanges"),  # once in the text
        w3c(story, exact="Baku"),  # twice, and nothing to choose by
        w3c(story, exact="Baku", position=(len(text) - 20, len(text) - 16)),  # nearest
    ]
    unique, ambiguous, near = archive.import_annotations(json.dumps(items)).added
    assert unique.span is not None and text[unique.span[0] : unique.span[1]] == "cultural exchanges"
    assert ambiguous.orphaned
    assert near.span == (text.rindex("Baku"), text.rindex("Baku") + 4)


def test_a_position_without_a_quote_takes_the_quote_from_the_text(
    archive: Archive, story: int
) -> None:
    (added,) = archive.import_annotations(json.dumps(w3c(story, position=(0, 4)))).added
    assert (added.quote, added.span) == ("Baku", (0, 4))


def test_an_annotation_whose_passage_is_not_in_the_text_is_added_orphaned(
    archive: Archive, story: int
) -> None:
    report = archive.import_annotations(
        json.dumps(w3c(story, exact="a sentence this story never had", position=(10, 41)))
    )
    (orphan,) = report.added
    assert report.orphaned == [orphan]
    assert orphan.orphaned and orphan.quote == "a sentence this story never had"
    assert (orphan.start, orphan.end) == (10, 41)


def test_problems_are_reported_per_annotation_and_the_rest_is_imported(
    archive: Archive, story: int
) -> None:
    items = [
        w3c(999, exact=RAILWAY, annotation_id="urn:x:1"),
        w3c(story, exact=RAILWAY),
        {"type": "Annotation", "target": "https://example.org/page"},
        w3c(story),
        {**w3c(story, exact=RAILWAY), "archive-reader:color": "red"},
        w3c(story, exact=RAILWAY, created="last Tuesday"),
        w3c(story, position=(10, 5)),
        {"type": "Person"},
        w3c(story, position=(0, 100_000)),
    ]
    report = archive.import_annotations(json.dumps(items))
    assert len(report.added) == 1
    reasons = {failure.position: failure.reason for failure in report.failed}
    assert reasons[1] == "document 999 is not in this archive"
    assert report.failed[0].annotation_id == "urn:x:1"
    assert "names no document" in reasons[3]
    assert "no TextQuoteSelector or TextPositionSelector" in reasons[4]
    assert "colour 'red'" in reasons[5]
    assert "created time is wrong" in reasons[6]
    assert "not a span" in reasons[7]
    assert "not a W3C Web Annotation" in reasons[8]
    assert "outside document" in reasons[9]
    assert sorted(reasons) == [1, 3, 4, 5, 6, 7, 8, 9]


def test_another_tools_ids_update_on_a_second_import(archive: Archive, story: int) -> None:
    item = w3c(
        story,
        exact=RAILWAY,
        annotation_id="https://hypothes.is/a/abc123",
        created="2024-05-01T10:00:00+02:00",
        modified="2024-05-01T10:00:00+02:00",
        bodyValue="ignored: there is a TextualBody",
    )
    (added,) = archive.import_annotations(json.dumps(item)).added
    assert added.uuid == str(uuid.uuid5(uuid.NAMESPACE_URL, "https://hypothes.is/a/abc123"))
    assert added.created == "2024-05-01T08:00:00Z"
    assert archive.import_annotations(json.dumps(item)).unchanged == [added]


def test_body_value_and_missing_times_are_accepted(archive: Archive, story: int) -> None:
    item = w3c(story, exact=RAILWAY)
    del item["body"]
    item["bodyValue"] = "a plain note"
    (added,) = archive.import_annotations(json.dumps(item)).added
    assert added.note == "a plain note"
    assert added.created == added.modified
