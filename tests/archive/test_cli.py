"""The command line contract: commands, JSON shapes, exit statuses, messages on stderr."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from archive.ingest import parse_document
from archive.ingest.pool import DocumentParser, SerialParser
from archive.models import ParsedDocument
from tests.archive.annotation_helpers import STORY, write

# The contract's fields, then those added since (compatibly: never changed or removed).
LIST_FIELDS = {"id", "title", "date", "year", "date_inferred", "source", "path", "language"}
SHOW_FIELDS = LIST_FIELDS | {
    "markdown",
    "text",
    "format",
    "url",
    "date_evidence",
    "title_evidence",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data_dir(tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "import", str(seeds_dir))[0] == 0
    return data


def test_import_json_shape(tmp_path: Path, seeds_dir: Path, capsys) -> None:
    status, out, _ = run(
        capsys, "--data-dir", str(tmp_path / "d"), "import", str(seeds_dir), "--json"
    )
    assert status == 0
    results = json.loads(out)
    assert len(results) == 5
    for result in results:
        assert set(result) == {"path", "status", "id", "reason"}
        assert result["status"] == "imported"
        assert isinstance(result["id"], int)
        assert result["reason"] is None


def test_import_with_failures_still_exits_zero_and_lists_them(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Baku, 3 March 2021. The minister met his counterpart.\n", encoding="utf-8")
    status, out, _ = run(
        capsys, "--data-dir", str(tmp_path / "d"), "import", str(empty), str(good), "--json"
    )
    assert status == 0
    statuses = {Path(r["path"]).name: r["status"] for r in json.loads(out)}
    assert statuses == {"empty.txt": "skipped", "good.txt": "imported"}


def test_import_human_output_names_each_file_and_totals(
    tmp_path: Path, seeds_dir: Path, capsys
) -> None:
    status, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(seeds_dir))
    assert status == 0
    assert out.count("imported") >= 5
    assert "5 files: 5 imported, 0 updated, 0 unchanged, 0 skipped, 0 failed" in out


def test_list_json_shape_and_seed_metadata(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert status == 0
    docs = json.loads(out)
    assert all(set(d) == LIST_FIELDS for d in docs)
    assert [(d["date"], d["year"], d["date_inferred"]) for d in docs] == [
        ("2025-07-08", 2025, False),
        ("2024-12-28", 2024, False),
        ("2018-12-22", 2018, True),
        (None, 2017, True),
        (None, 2016, True),
    ]


def test_list_by_year(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--year", "2024", "--json")
    assert status == 0
    assert [d["year"] for d in json.loads(out)] == [2024]


def test_global_option_also_works_after_the_command(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "list", "--data-dir", str(data_dir), "--json")
    assert status == 0
    assert len(json.loads(out)) == 5


def test_data_dir_defaults_to_the_environment_variable(data_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ARCHIVE_READER_DATA_DIR", str(data_dir))
    status, out, _ = run(capsys, "list", "--json")
    assert status == 0
    assert len(json.loads(out)) == 5


def test_search_json_shape(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "COP29", "--json")
    assert status == 0
    result = json.loads(out)
    assert {"query", "total", "years", "suggestion", "hits"} <= set(result)
    assert result["query"] == "COP29"
    assert result["years"] == {"2024": 1}
    (hit,) = result["hits"]
    assert set(hit) == {"id", "title", "year", "date", "score", "snippet"}
    assert hit["year"] == 2024
    assert "<mark>COP29</mark>" in hit["snippet"]


def test_search_limit_and_year(data_dir: Path, capsys) -> None:
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "search", "Azerbaijan", "--limit", "2", "--json"
    )
    result = json.loads(out)
    assert status == 0
    assert result["total"] == 5
    assert len(result["hits"]) == 2
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "search", "Azerbaijan", "--year", "2017", "--json"
    )
    result = json.loads(out)
    assert [h["year"] for h in result["hits"]] == [2017]


def test_search_suggests_when_nothing_matches(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "Azerbaijn", "--json")
    result = json.loads(out)
    assert status == 0
    assert result["total"] == 0
    assert result["suggestion"] is not None
    assert "azerbaijan" in result["suggestion"].lower()


@pytest.mark.parametrize("query", ['"unbalanced', "year:abc", "nosuchfield:x", "*", "(((a"])
def test_malformed_query_exits_2_with_a_message(data_dir: Path, capsys, query: str) -> None:
    status, out, err = run(capsys, "--data-dir", str(data_dir), "search", query)
    assert status == 2
    assert out == ""
    assert err.startswith("archive-reader: error: ")
    assert "Traceback" not in err


def test_show_json_has_list_fields_plus_bodies(data_dir: Path, capsys) -> None:
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--year", "2024", "--json")
    doc_id = json.loads(out)[0]["id"]
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "show", str(doc_id), "--json")
    assert status == 0
    doc = json.loads(out)
    assert set(doc) == SHOW_FIELDS
    assert doc["format"] == "markdown"
    assert "<sup>th</sup>" in doc["markdown"]
    assert "29th Conference" in doc["text"]


def test_show_unknown_id_exits_2(data_dir: Path, capsys) -> None:
    status, _, err = run(capsys, "--data-dir", str(data_dir), "show", "4242")
    assert status == 2
    assert "No document with id 4242" in err


def test_usage_errors_exit_2(data_dir: Path, capsys) -> None:
    for args in (["list", "--year", "20x4"], ["search"], ["show", "abc"], ["frobnicate"]):
        with pytest.raises(SystemExit) as exited:
            main(["--data-dir", str(data_dir), *args])
        assert exited.value.code == 2


def test_reindex(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "reindex")
    assert status == 0
    assert out.strip() == "Reindexed 5 documents."


def test_cli_commands_do_not_import_the_sample_archive(tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(tmp_path / "new"), "list", "--json")
    assert status == 0
    assert json.loads(out) == []


def test_installed_command_reports_errors_without_traceback(tmp_path: Path) -> None:
    env = dict(os.environ, ARCHIVE_READER_DATA_DIR=str(tmp_path / "d"))
    script = Path(sys.executable).with_name("archive-reader")
    done = subprocess.run(
        [str(script), "search", "year:abc"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "year" in done.stderr


def test_unusable_data_directory_is_a_clear_error(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    status, _, err = run(capsys, "--data-dir", str(blocker / "data"), "list")
    assert status == 1
    assert err.startswith("archive-reader: error: ")
    assert "Traceback" not in err


def test_output_into_a_closed_pipe_is_not_an_error(data_dir: Path) -> None:
    env = dict(os.environ, ARCHIVE_READER_DATA_DIR=str(data_dir))
    script = Path(sys.executable).with_name("archive-reader")
    done = subprocess.run(
        f"'{script}' show 1 | head -c 10 >/dev/null",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.stderr == ""


def test_backup_and_restore_are_listed_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "backup" in out and "restore" in out


def test_backup_then_restore_round_trip_in_json(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "backup", "--json")
    assert status == 0
    backup = json.loads(out)
    assert set(backup) == {"path", "created"}
    assert Path(backup["path"]).parent == data_dir / "backups"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", backup["path"], "--json")
    assert status == 0
    restored = json.loads(out)
    assert restored["restored_from"] == backup["path"]
    assert Path(restored["moved_aside"]).name.startswith("archive.sqlite3.replaced-")
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert status == 0 and len(json.loads(out)) == 5


def test_restore_of_a_missing_file_is_a_clear_error(data_dir: Path, capsys) -> None:
    status, out, err = run(
        capsys, "--data-dir", str(data_dir), "restore", str(data_dir / "no-such-backup")
    )
    assert status == 1
    assert out == ""
    assert err == f"archive-reader: error: {data_dir / 'no-such-backup'} is not a file.\n"


def web_page_parse(raw: bytes, filename: str) -> ParsedDocument:
    """The importer as it reads a saved German web page."""
    parsed = parse_document(raw, filename)
    date = parsed.date and dataclasses.replace(parsed.date, evidence="article:published_time")
    return dataclasses.replace(
        parsed,
        language="de",
        url="https://example.org/presse/1",
        title_evidence="HTML og:title",
        date=date,
    )


def test_show_and_list_give_language_address_format_and_evidence(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parser_for(_count: int) -> DocumentParser:
        return SerialParser(web_page_parse)

    monkeypatch.setattr("archive.api.choose_parser", parser_for)
    data = tmp_path / "data"
    story = write(tmp_path / "story.txt", STORY)
    assert run(capsys, "--data-dir", str(data), "import", str(story))[0] == 0

    _, out, _ = run(capsys, "--data-dir", str(data), "show", "1", "--json")
    shown = json.loads(out)
    assert {key: shown[key] for key in ("language", "url", "format")} == {
        "language": "de",
        "url": "https://example.org/presse/1",
        "format": "plain",
    }
    assert shown["date_evidence"] == "article:published_time"
    assert shown["title_evidence"] == "HTML og:title"
    _, out, _ = run(capsys, "--data-dir", str(data), "list", "--json")
    assert json.loads(out)[0]["language"] == "de"

    _, out, _ = run(capsys, "--data-dir", str(data), "show", "1")
    facts = out.splitlines()[1]
    assert facts == f"2021-03-03 · German · https://example.org/presse/1 · {story}"


def test_import_help_lists_every_format(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    for word in ("HTML", "PDF", "Word", "RTF", ".docx", ".pdf", ".html", ".rtf", ".txt", ".md"):
        assert word in out


def test_remove_json_contract_and_exit_status(data_dir: Path, capsys) -> None:
    first, second = (
        d["id"]
        for d in json.loads(run(capsys, "--data-dir", str(data_dir), "list", "--json")[1])[:2]
    )
    with_note = _annotate_first_word(data_dir, first)

    status, out, _err = run(
        capsys, "--data-dir", str(data_dir), "remove", str(first), "999", str(second), "--json"
    )

    assert status == 1
    assert json.loads(out) == [
        {"id": first, "status": "removed", "annotations": with_note},
        {"id": 999, "status": "not found", "annotations": 0},
        {"id": second, "status": "removed", "annotations": 0},
    ]
    listed = json.loads(run(capsys, "--data-dir", str(data_dir), "list", "--json")[1])
    assert {first, second}.isdisjoint(d["id"] for d in listed) and len(listed) == 3
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "remove", str(first), "--json")
    assert (status, json.loads(out)) == (
        1,
        [{"id": first, "status": "not found", "annotations": 0}],
    )


def test_remove_all_found_exits_zero_and_prints_a_line_per_id(data_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "remove", "1", "2")
    assert status == 0
    assert out.splitlines() == ["    1  removed", "    2  removed"]
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "remove", "--restore", "1", "--json")
    assert status == 0
    assert json.loads(out) == [{"id": 1, "status": "restored", "annotations": 0}]


def test_removed_documents_leave_search(data_dir: Path, capsys) -> None:
    found = json.loads(
        run(capsys, "--data-dir", str(data_dir), "search", "Azerbaijan", "--json")[1]
    )
    ids = [hit["id"] for hit in found["hits"]]
    assert ids
    assert run(capsys, "--data-dir", str(data_dir), "remove", *map(str, ids))[0] == 0
    found = json.loads(
        run(capsys, "--data-dir", str(data_dir), "search", "Azerbaijan", "--json")[1]
    )
    assert found["total"] == 0 and found["hits"] == []


def test_remove_with_a_bad_id_says_so_without_a_traceback(data_dir: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "--data-dir", str(data_dir), "remove", "7x")
    _out, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert "'7x' is not a document id" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("bad", ["99999999999999999999", "9223372036854775808", "²", "٢", "0"])
@pytest.mark.parametrize(
    "command", [("remove",), ("remove", "--restore"), ("show",), ("annotations", "list")]
)
def test_an_id_no_document_can_have_is_a_usage_error_not_a_traceback(
    data_dir: Path, capsys, command: tuple[str, ...], bad: str
) -> None:
    # Too large for SQLite (an OverflowError before), or digits that are not ASCII.
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "--data-dir", str(data_dir), *command, bad)
    _out, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert f"{bad!r} is not a document id" in err


def _annotate_first_word(data_dir: Path, document_id: int) -> int:
    """Annotate two passages of a document; returns how many annotations it has."""
    with Archive(data_dir) as archive:
        text = archive.document(document_id).text
        archive.add_annotation(document_id, 0, 5)
        archive.add_annotation(document_id, 10, 20)
        assert len(text) > 20
        return len(archive.annotations(document_id))


def test_trash_lists_removed_documents_and_empty_deletes_them_for_good(
    data_dir: Path, capsys
) -> None:
    assert run(capsys, "--data-dir", str(data_dir), "trash", "--json")[1] == "[]\n"
    assert run(capsys, "--data-dir", str(data_dir), "remove", "2", "3")[0] == 0

    status, out, _ = run(capsys, "--data-dir", str(data_dir), "trash", "--json")
    assert status == 0
    assert [d["id"] for d in json.loads(out)] == [2, 3]
    assert set(json.loads(out)[0]) == LIST_FIELDS
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "trash")
    assert out.splitlines()[-1] == "2 documents (~ marks a date inferred from the text)"

    status, out, _ = run(capsys, "--data-dir", str(data_dir), "trash", "--empty", "--json")
    assert (status, json.loads(out)) == (0, {"documents": 2, "annotations": 0})
    assert run(capsys, "--data-dir", str(data_dir), "trash", "--json")[1] == "[]\n"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "remove", "--restore", "2")
    assert (status, out) == (1, "    2  not found\n")
