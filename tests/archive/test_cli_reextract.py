"""The command line's ``reextract``, and the language, address and evidence it shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from archive.ingest.pool import DocumentParser, SerialParser
from tests.archive.annotation_helpers import STORY, write
from tests.archive.test_reextract import PNG, older_parse


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def parse_with(monkeypatch: pytest.MonkeyPatch, parse: object) -> None:
    def parser_for(_count: int) -> DocumentParser:
        return SerialParser(parse)  # type: ignore[arg-type]

    monkeypatch.setattr("archive.api.choose_parser", parser_for)


@pytest.fixture
def data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Three documents an older importer read: a story, its twin, and a PNG it let in."""
    data = tmp_path / "data"
    picture = tmp_path / "picture.txt"
    picture.write_bytes(PNG)
    files = [
        write(tmp_path / "story.txt", STORY),
        write(tmp_path / "other.txt", "Other. " + STORY),
        picture,
    ]
    with monkeypatch.context() as patch:
        parse_with(patch, older_parse)
        assert run(capsys, "--data-dir", str(data), "import", *map(str, files))[0] == 0
    return data


def test_reextract_json_is_exactly_id_status_reason(data_dir: Path, capsys) -> None:
    status, out, err = run(capsys, "--data-dir", str(data_dir), "reextract", "--json")
    assert status == 0
    assert json.loads(out) == [
        {"id": 1, "status": "updated", "reason": None},
        {"id": 2, "status": "updated", "reason": None},
        {
            "id": 3,
            "status": "failed",
            "reason": "binary file (looks like a PNG image), not text",
        },
    ]
    assert "Traceback" not in err
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "reextract", "--json")
    assert [result["status"] for result in json.loads(out)] == ["unchanged", "unchanged", "failed"]


def test_reextract_prints_a_line_per_updated_or_failed_document_and_totals(
    data_dir: Path, capsys
) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "reextract")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("updated       #1  ")
    assert "story.txt (title, date, text" in lines[0]
    assert lines[2].startswith("failed        #3  ")
    assert lines[2].endswith("picture.txt: binary file (looks like a PNG image), not text")
    assert lines[3] == "3 documents: 2 updated, 0 unchanged, 1 failed"
    _, again, _ = run(capsys, "--data-dir", str(data_dir), "reextract")
    assert again.splitlines()[-1] == "3 documents: 0 updated, 2 unchanged, 1 failed"


def test_reextract_makes_the_days_backup_first(data_dir: Path, capsys) -> None:
    assert not (data_dir / "backups").exists()
    assert run(capsys, "--data-dir", str(data_dir), "reextract", "--json")[0] == 0
    assert len(list((data_dir / "backups").glob("archive-*.sqlite3"))) == 1


def test_reextract_of_an_empty_archive(tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(tmp_path / "new"), "reextract")
    assert (status, out) == (0, "0 documents: 0 updated, 0 unchanged, 0 failed\n")


def test_reextract_is_listed_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "reextract" in capsys.readouterr().out
