"""``archive-reader annotations list|export|import`` and note hits in ``search``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, write

LIST_FIELDS = {"id", "document_id", "quote", "note", "color", "tags", "start", "end", "orphaned"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An archive with one story (imported by the CLI) and two annotations."""
    data = tmp_path / "data"
    story = write(tmp_path / "story.txt", STORY)
    assert run(capsys, "--data-dir", str(data), "import", str(story))[0] == 0
    with Archive(data) as archive:
        text = archive.document(1).text
        start = text.index(RAILWAY)
        archive.add_annotation(1, start, start + len(RAILWAY), note="A note.", tags=["trade"])
        start = text.index(PIPELINE)
        archive.add_annotation(1, start, start + len(PIPELINE), color="pink")
    return data


def test_list_json_shape(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--data-dir", str(data_dir), "annotations", "list", "--json")
    assert (status, err) == (0, "")
    listed = json.loads(out)
    assert all(set(item) == LIST_FIELDS for item in listed)
    first = listed[0]
    assert first["id"] == 1 and first["document_id"] == 1
    assert (first["quote"], first["note"], first["color"], first["tags"]) == (
        RAILWAY,
        "A note.",
        "yellow",
        ["trade"],
    )
    assert STORY[first["start"] : first["end"]] == RAILWAY
    assert first["orphaned"] is False
    assert listed[1]["color"] == "pink"


def test_list_of_one_document_and_data_dir_after_the_action(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "annotations", "list", "1", "--json", "--data-dir", str(data_dir))
    assert status == 0 and len(json.loads(out)) == 2


def test_list_as_text(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "annotations", "list")
    assert status == 0
    assert f"“{RAILWAY}”" in out and "A note.  #trade" in out
    assert out.rstrip().endswith("2 annotations")


def test_an_orphan_is_listed_with_null_offsets(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "story.txt").write_text(STORY.replace(PIPELINE, "gone"), encoding="utf-8")
    assert run(capsys, "--data-dir", str(data_dir), "import", str(tmp_path / "story.txt"))[0] == 0
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "annotations", "list", "--json")
    orphan = json.loads(out)[1]
    assert (orphan["orphaned"], orphan["start"], orphan["end"]) == (True, None, None)
    assert orphan["quote"] == PIPELINE


def test_an_unknown_document_exits_2_with_a_message(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--data-dir", str(data_dir), "annotations", "list", "9")
    assert (status, out) == (2, "")
    assert err == "archive-reader: error: No document with id 9.\n"


@pytest.mark.parametrize("format", ["markdown", "jsonld", "csv"])
def test_export_to_standard_output(
    data_dir: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "annotations", "export", "--format", format
    )
    assert status == 0
    if format == "markdown":
        assert out.startswith("# Annotations") and f"> {RAILWAY}" in out
    elif format == "jsonld":
        assert json.loads(out)["total"] == 2
    else:
        assert len(list(csv.DictReader(io.StringIO(out, newline="")))) == 2


def test_export_to_a_file_replaces_it_whole(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old content that must go", encoding="utf-8")
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "annotations", "export", "--out", str(target)
    )
    assert status == 0 and str(target) in out
    assert target.read_text(encoding="utf-8").startswith("# Annotations")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".notes")] == []


def test_export_of_one_document(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "annotations", "export", "--format", "jsonld",
        "--document", "1",
    )  # fmt: skip
    assert status == 0 and json.loads(out)["total"] == 2
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "annotations", "export", "--document", "5"
    )
    assert status == 2 and "No document with id 5" in err


def test_export_to_a_missing_folder_exits_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = str(tmp_path / "missing" / "notes.md")
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "annotations", "export", "--out", out_file
    )
    assert status == 2 and err.startswith(f"archive-reader: error: cannot write {out_file}")


def test_export_then_import_round_trips(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "notes.jsonld"
    args = ("--data-dir", str(data_dir), "annotations")
    assert run(capsys, *args, "export", "--format", "jsonld", "--out", str(exported))[0] == 0
    status, out, _ = run(capsys, *args, "import", str(exported))
    assert status == 0
    assert out.strip() == "2 annotations: 0 added, 0 updated, 2 unchanged, 0 failed"
    status, out, _ = run(capsys, *args, "import", str(exported), "--json")
    assert json.loads(out) == {
        "added": [],
        "updated": [],
        "unchanged": [1, 2],
        "orphaned": [],
        "failed": [],
    }


def test_import_reports_added_and_failed_annotations(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [
        {
            "type": "Annotation",
            "id": "urn:archive-reader:annotation:4c5a3c36-4c3e-4a5c-8f0e-5a0a6e6f2b10",
            "target": {
                "source": "urn:archive-reader:document:1",
                "selector": {"type": "TextQuoteSelector", "exact": "cultural exchanges"},
            },
        },
        {
            "type": "Annotation",
            "target": {
                "source": "urn:archive-reader:document:77",
                "selector": {"type": "TextQuoteSelector", "exact": "x"},
            },
        },
    ]
    path = write(tmp_path / "in.json", json.dumps(items))
    status, out, err = run(capsys, "--data-dir", str(data_dir), "annotations", "import", str(path))
    assert (status, err) == (0, "")
    assert "added     #3     urn:archive-reader:annotation:4c5a3c36" in out
    assert "failed    -      annotation 2: document 77 is not in this archive" in out
    assert out.strip().endswith("2 annotations: 1 added, 0 updated, 0 unchanged, 1 failed")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        (b"{oops", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b'{"type": "Person"}', "no W3C Web Annotations"),
    ],
)
def test_an_unusable_import_file_exits_2_without_a_traceback(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_bytes(content)
    status, out, err = run(capsys, "--data-dir", str(data_dir), "annotations", "import", str(path))
    assert (status, out) == (2, "")
    assert err.startswith("archive-reader: error: ") and message in err
    assert "Traceback" not in err


def test_annotations_without_an_action_is_a_usage_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(data_dir), "annotations"])
    assert exit_info.value.code == 2
    assert "ACTION" in capsys.readouterr().err


def test_search_json_adds_note_hits(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "note", "--json")
    assert status == 0
    results = json.loads(out)
    assert results["total"] == 0
    assert results["note_hits"] == [
        {
            "annotation_id": 1,
            "document_id": 1,
            "document_title": results["note_hits"][0]["document_title"],
            "year": 2021,
            "date": "2021-03-03",
            "snippet": "A <mark>note</mark>.",
        }
    ]
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "railway", "--json")
    assert json.loads(out)["total"] == 1 and len(json.loads(out)["note_hits"]) == 1


def test_search_text_shows_note_hits_after_the_documents(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "note")
    assert status == 0
    assert out.startswith("No matches for 'note'.")
    assert "In notes (1 annotation):" in out and "A [note]." in out
