"""Hostile or broken annotation files: a plain message per annotation, never a traceback.

Issue 11, finding 12 and two of 13: times outside the calendar once in UTC, numbers too
large for SQLite, JSON nested too deeply, lone surrogates, digits that are not ASCII, notes
over 1 MB, and an id that belongs to an annotation of another document. A file that can be
read still imports its good annotations (exit 0); one that cannot be read at all is a usage
error (exit 2).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive.annotations import AnnotationFormatError
from archive.annotations import import_jsonld as import_module
from archive.annotations.model import MAX_NOTE_BYTES
from archive.api import Archive
from archive.cli import main
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, annotate, import_file, write

GOOD_ID = "urn:archive-reader:annotation:4c5a3c36-4c3e-4a5c-8f0e-5a0a6e6f2b10"


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def story(archive: Archive, tmp_path: Path) -> int:
    return import_file(archive, write(tmp_path / "story.txt", STORY))


def item(document: int | str, exact: str | None = RAILWAY, **extra: Any) -> dict[str, Any]:
    """One annotation on ``document`` (an id, or the text after ``document:``)."""
    selectors: list[dict[str, Any]] = []
    if exact is not None:
        selectors.append({"type": "TextQuoteSelector", "exact": exact})
    selectors += extra.pop("selectors", [])
    annotation: dict[str, Any] = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "a note"},
        "target": {"source": f"urn:archive-reader:document:{document}", "selector": selectors},
    }
    annotation.update(extra)
    return annotation


def position(start: int, end: int) -> dict[str, Any]:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def import_with_a_good_one(archive: Archive, story: int, bad: dict[str, Any]) -> str:
    """Import ``bad`` then a good annotation; returns why the bad one failed."""
    report = archive.import_annotations(json.dumps([bad, item(story, PIPELINE)]))
    (failure,) = report.failed
    assert failure.position == 1
    (added,) = report.added
    assert added.quote == PIPELINE
    return failure.reason


# -- times, numbers, digits ------------------------------------------------------------------


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_outside_the_calendar_in_utc_is_refused_plainly(
    archive: Archive, story: int, moment: str
) -> None:
    reason = import_with_a_good_one(archive, story, item(story, created=moment))
    assert reason.startswith("its created time is wrong:")
    assert "years 1 to 9999" in reason


@pytest.mark.parametrize("digits", [30, 5000])
def test_a_document_id_too_large_for_any_archive_is_not_in_this_archive(
    archive: Archive, story: int, digits: int
) -> None:
    reason = import_with_a_good_one(archive, story, item("9" * digits))
    assert reason.startswith("document 999999")
    assert reason.endswith("is not in this archive")
    assert len(reason) < 200


@pytest.mark.parametrize("exact", [None, "a passage that is not in the story"])
@pytest.mark.parametrize("start", [10**30, 2**63])
def test_an_offset_too_large_for_any_text_is_not_a_span(
    archive: Archive, story: int, exact: str | None, start: int
) -> None:
    bad = item(story, exact, selectors=[position(start, start + 5)])
    reason = import_with_a_good_one(archive, story, bad)
    assert "TextPositionSelector" in reason and "is not a span of the text" in reason


def test_an_integer_of_thousands_of_digits_fails_its_annotation_only(
    archive: Archive, story: int
) -> None:
    # Python refuses to turn so many digits into an int: only this annotation may fail.
    text = json.dumps(item(story, selectors=[position(1, 2)]))
    text = text.replace('"start": 1,', '"start": ' + "7" * 5000 + ",")
    report = archive.import_annotations(f"[{text}, {json.dumps(item(story, PIPELINE))}]")
    (failure,) = report.failed
    assert "TextPositionSelector 777777" in failure.reason and "5000 digits" in failure.reason
    assert [a.quote for a in report.added] == [PIPELINE]


@pytest.mark.parametrize("number", ["²", "٢", "２", "-2", "+2", " 2", "2 ", "0x2", ""])
def test_a_document_id_is_ascii_digits_only(
    archive: Archive, story: int, tmp_path: Path, number: str
) -> None:
    second = import_file(archive, write(tmp_path / "second.txt", STORY.replace("Baku", "Ganja")))
    assert second == 2
    reason = import_with_a_good_one(archive, story, item(number))
    assert "is not a document of an archive" in reason
    assert archive.annotations(second) == []


# -- JSON that cannot be read ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000, "[" * 200_000 + "]" * 200_000, '{"items": ' + '{"a": ' * 100_000],
)
def test_json_nested_too_deeply_is_a_format_error(archive: Archive, text: str) -> None:
    with pytest.raises(AnnotationFormatError, match="nested too deeply"):
        archive.import_annotations(text)


# -- lone surrogates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("note", lambda d: item(d, body={"type": "TextualBody", "value": "a\ud800b"})),
        ("note", lambda d: item(d, bodyValue="\udfff", body=[])),
        ("quote", lambda d: item(d, "rail\ud800way")),
        (
            "tag",
            lambda d: item(
                d,
                body=[{"type": "TextualBody", "purpose": "tagging", "value": "\ud83d"}],
            ),
        ),
        ("id", lambda d: item(d, id="urn:x:\ud800")),
        (
            "prefix",
            lambda d: item(
                d,
                None,
                selectors=[{"type": "TextQuoteSelector", "exact": RAILWAY, "prefix": "\ud800"}],
            ),
        ),
    ],
)
def test_a_lone_surrogate_is_refused_plainly(
    archive: Archive, story: int, field: str, bad: Any
) -> None:
    reason = import_with_a_good_one(archive, story, bad(story))
    assert reason.startswith(f"its {field} ")
    assert "lone surrogate" in reason
    reason.encode("utf-8")  # the message itself can be printed


# -- sizes -------------------------------------------------------------------------------------


def test_a_note_of_1_mb_is_imported_and_a_larger_one_refused(archive: Archive, story: int) -> None:
    at_limit = "é" * (MAX_NOTE_BYTES // 2)
    over = at_limit + "x"
    report = archive.import_annotations(
        json.dumps(
            [
                item(story, bodyValue=over, body=[]),
                item(story, PIPELINE, bodyValue=at_limit, body=[]),
            ]
        )
    )
    (failure,) = report.failed
    assert failure.position == 1
    assert failure.reason == "its note is larger than 1 MB, the most a note may hold"
    (added,) = report.added
    assert added.note == at_limit


def test_tags_of_more_than_1_mb_together_are_refused(archive: Archive, story: int) -> None:
    tags = [
        {"type": "TextualBody", "purpose": "tagging", "value": f"{n} " + "t" * 1000}
        for n in range(1000)
    ]
    reason = import_with_a_good_one(archive, story, item(story, body=tags))
    assert reason == "its tags are larger than 1 MB together, the most tags may hold"


def test_a_quote_longer_than_any_document_is_refused(
    archive: Archive, story: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_module, "MAX_QUOTE_BYTES", 1000)
    reason = import_with_a_good_one(archive, story, item(story, "q" * 1001))
    assert reason.startswith("its quote is larger than")


def test_a_note_over_1_mb_is_refused_when_added_or_changed(archive: Archive, story: int) -> None:
    over = "x" * (MAX_NOTE_BYTES + 1)
    start, end = 10, 20
    with pytest.raises(ValueError, match="The note is larger than 1 MB"):
        archive.add_annotation(story, start, end, note=over)
    assert archive.annotations(story) == []
    made = annotate(archive, story, RAILWAY, note="short")
    with pytest.raises(ValueError, match="The note is larger than 1 MB"):
        archive.update_annotation(made.id, note=over)
    assert archive.annotation(made.id).note == "short"
    with pytest.raises(ValueError, match="lone surrogate"):
        archive.update_annotation(made.id, note="\ud800")
    with pytest.raises(ValueError, match="lone surrogate"):
        archive.update_annotation(made.id, tags=["\ud800"])
    assert (
        archive.update_annotation(made.id, note="x" * MAX_NOTE_BYTES).note == "x" * MAX_NOTE_BYTES
    )


# -- ids ---------------------------------------------------------------------------------------


def test_an_id_of_an_annotation_on_another_document_does_not_move_it(
    archive: Archive, story: int, tmp_path: Path
) -> None:
    other = import_file(archive, write(tmp_path / "other.txt", STORY.replace("Baku", "Ganja")))
    made = annotate(archive, story, RAILWAY, note="mine")
    reason = import_with_a_good_one(archive, story, item(other, RAILWAY, id=made.urn))
    assert reason == f"its id belongs to an annotation on document {story}, not document {other}"
    assert archive.annotation(made.id) == made
    assert archive.annotations(other) == []


def test_one_id_twice_in_a_file_for_two_documents(
    archive: Archive, story: int, tmp_path: Path
) -> None:
    other = import_file(archive, write(tmp_path / "other.txt", STORY.replace("Baku", "Ganja")))
    report = archive.import_annotations(
        json.dumps([item(story, RAILWAY, id=GOOD_ID), item(other, RAILWAY, id=GOOD_ID)])
    )
    (added,) = report.added
    assert added.document_id == story
    (failure,) = report.failed
    assert failure.position == 2 and f"document {story}, not document {other}" in failure.reason


# -- the command line --------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert (
        run(capsys, "--data-dir", str(data), "import", str(write(tmp_path / "s.txt", STORY)))[0]
        == 0
    )
    return data


def hostile_file(tmp_path: Path) -> Path:
    items = [
        item(1, created="0001-01-01T00:00:00+14:00"),
        item("9" * 30),
        item(1, None, selectors=[position(10**30, 10**30 + 1)]),
        item(1, bodyValue="\ud800", body=[]),
        item(1, id="urn:x:\ud800\x1b[2K\rforged"),
        item("²"),
        item("٢"),
        item(1, bodyValue="n" * (MAX_NOTE_BYTES + 1), body=[]),
        item(1, PIPELINE),
    ]
    return write(tmp_path / "hostile.json", json.dumps(items))


@pytest.mark.parametrize("as_json", [False, True])
def test_the_command_imports_the_good_annotations_and_lists_the_rest(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    path = hostile_file(tmp_path)
    options = ["--json"] if as_json else []
    status, out, err = run(
        capsys, "--data-dir", str(data_dir), "annotations", "import", str(path), *options
    )
    assert (status, err) == (0, "")
    if as_json:
        report = json.loads(out)
        assert len(report["added"]) == 1
        assert [failure["position"] for failure in report["failed"]] == list(range(1, 9))
    else:
        assert out.strip().endswith("9 annotations: 1 added, 0 updated, 0 unchanged, 8 failed")
        assert "\x1b" not in out and "\r" not in out
        assert "\\x1b[2K\\rforged" in out


def test_the_command_says_plainly_that_deeply_nested_json_cannot_be_read(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "deep.json", "[" * 200_000)
    status, out, err = run(capsys, "--data-dir", str(data_dir), "annotations", "import", str(path))
    assert (status, out) == (2, "")
    assert err.startswith("archive-reader: error: ") and "nested too deeply" in err
    assert "Traceback" not in err


def test_the_list_shows_control_characters_of_a_note_escaped(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Archive(data_dir) as archive:
        annotate(archive, 1, RAILWAY, note="fine\x1b[2K\x9bforged line")
    status, out, err = run(capsys, "--data-dir", str(data_dir), "annotations", "list")
    assert (status, err) == (0, "")
    assert "fine\\x1b[2K\\x9bforged line" in out
    assert "\x1b" not in out and "\x9b" not in out
