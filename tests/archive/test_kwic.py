"""Keyword in context: every occurrence, phrases whole, orders, the year filter, CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from archive.kwic import KwicCancelledError, kwic_csv, left_context, right_context
from archive.search import QueryError
from tests.trend_archive import PIPELINE_OCCURRENCES, build_trend_archive


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    build_trend_archive(data, tmp_path / "files")
    return data


@pytest.fixture
def archive(data_dir: Path) -> Iterator[Archive]:
    with Archive(data_dir) as opened:
        yield opened


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_every_occurrence_newest_first_in_text_order(archive: Archive) -> None:
    lines = archive.kwic("pipeline")
    assert len(lines) == PIPELINE_OCCURRENCES
    assert [line.date for line in lines] == [
        "2021-02-02",
        "2020-06-15",
        "2020-03-01",
        "2020-03-01",
        "2020-03-01",
        None,
    ]
    assert [line.hit for line in lines] == ["pipeline"] * 4 + ["pipelines", "pipeline"]
    first, *_ = lines
    assert (first.left, first.hit, first.right) == (
        "A new ",
        "pipeline",
        " agreement was signed with the neighbours.",
    )
    text = archive.document(first.id).text
    assert text[first.start : first.end] == "pipeline"


def test_context_is_one_line_cut_at_words(archive: Archive) -> None:
    # "pipelines" follows a paragraph break and a run of spaces in the text.
    line = next(line for line in archive.kwic("pipeline") if line.hit == "pipelines")
    assert line.left == "Talks on the Trans-Caspian pipeline resumed, and both "
    assert line.right == " were inspected."
    assert left_context("one two three four", 14, width=10) == "two three "
    assert right_context("one two three four", 3, width=10) == " two three"
    assert left_context("abcdefghijklmnop x", 17, width=5) == ""


def test_a_phrase_s_hit_is_the_whole_phrase(archive: Archive) -> None:
    for query in ('"Trans-Caspian pipeline"', "Trans-Caspian"):
        (line,) = archive.kwic(query)
        assert line.left == "The pipeline opened in spring. Talks on the "
        assert line.hit == ("Trans-Caspian pipeline" if "pipeline" in query else "Trans-Caspian")
    # A word also found inside the phrase is not a second hit.
    hits = [line.hit for line in archive.kwic('pipeline OR "Trans-Caspian pipeline"')]
    assert hits.count("Trans-Caspian pipeline") == 1
    assert len(hits) == PIPELINE_OCCURRENCES


def test_sorted_by_the_word_left_or_right_of_the_hit(archive: Archive) -> None:
    by_left = archive.kwic("pipeline", sort="left")
    assert [line.left.split()[-1].lower() for line in by_left] == [
        "both",
        "trans-caspian",
        "new",
        "the",
        "the",
        "the",
    ]
    by_right = archive.kwic("pipeline", sort="right")
    assert [line.right.split()[0] for line in by_right] == [
        "agreement",
        "carries",
        "is",
        "opened",
        "resumed,",
        "were",
    ]


def test_only_one_year_or_the_undated(archive: Archive) -> None:
    assert [line.date for line in archive.kwic("pipeline", year=2021)] == ["2021-02-02"]
    assert len(archive.kwic("pipeline", year=2020)) == 4
    assert archive.kwic("pipeline", year=2019) == []
    (undated,) = archive.kwic("pipeline", undated=True)
    assert undated.year is None
    assert undated.right == " is safe."


def test_words_under_not_and_other_fields_are_no_hits(archive: Archive) -> None:
    lines = archive.kwic("pipeline NOT agreement year:2020")
    assert {line.date for line in lines} == {"2020-06-15", "2020-03-01"}
    assert archive.kwic("year:2020") == []  # no words to show in context
    with pytest.raises(QueryError):
        archive.kwic("pipeline AND")


def test_kwic_json_contract(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--json")
    assert status == 0
    lines = json.loads(out)
    assert len(lines) == PIPELINE_OCCURRENCES
    assert {"id", "year", "date", "left", "hit", "right"} <= set(lines[0])
    assert lines[0]["year"] == 2021
    assert lines[-1]["year"] is None and lines[-1]["date"] is None
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--year", "2020", "--json"
    )
    assert [line["date"] for line in json.loads(out)] == ["2020-06-15"] + ["2020-03-01"] * 3
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--sort", "right", "--json"
    )
    assert json.loads(out)[0]["right"].startswith(" agreement")


def test_kwic_text_csv_and_errors(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "kwic", '"Trans-Caspian pipeline"')
    assert status == 0
    assert "the [Trans-Caspian pipeline] resumed" in out
    assert out.splitlines()[-1] == "1 occurrence."

    path = tmp_path / "kwic.csv"
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--csv", str(path)
    )
    assert status == 0
    assert out.strip() == f"Wrote {PIPELINE_OCCURRENCES} occurrences to {path}"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["id", "year", "date", "title", "left", "hit", "right", "start", "end"]
    assert rows[1][1:7] == [
        "2021",
        "2021-02-02",
        "Release five",
        "A new ",
        "pipeline",
        " agreement was signed with the neighbours.",
    ]
    assert rows[-1][1:3] == ["", ""]  # the undated one
    assert len(rows) == PIPELINE_OCCURRENCES + 1

    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), "kwic", "pipeline", "--year", "20"])
    assert exited.value.code == 2
    assert "is not a year like 2024" in capsys.readouterr().err
    status, _, err = run(capsys, "--data-dir", str(data_dir), "kwic", '"pipeline')
    assert status == 2
    assert err.startswith("archive-reader: error: ")


def test_csv_into_a_pipe_or_through_a_link_is_written_not_replaced(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A named pipe (as /dev/stdout may be) is written to: replacing it with a renamed
    # temporary file would leave its reader waiting and put a file in its place.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--csv", str(pipe)
    )
    reader.join(timeout=10)
    assert status == 0
    assert out == ""  # nothing said into the output the lines may be going to
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert received[0].decode("utf-8").startswith("id,year,date,title,left,hit,right")

    target, link = tmp_path / "target.csv", tmp_path / "link.csv"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "trend", "pipeline", "--csv", str(link)
    )
    assert status == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("year,documents")
    assert "Wrote 4 rows" in out


def test_the_newest_lines_are_the_first_of_every_line_and_all_are_counted(
    archive: Archive,
) -> None:
    every = archive.kwic("pipeline")
    for limit in range(PIPELINE_OCCURRENCES + 2):
        sample = archive.kwic_newest("pipeline", limit=limit)
        assert sample.lines == every[:limit]
        assert sample.total == PIPELINE_OCCURRENCES
        assert sample.documents == 4
        assert sample.years == {2021: 1, 2020: 4, None: 1}
        assert sample.complete == (limit >= PIPELINE_OCCURRENCES)
    in_2020 = archive.kwic_newest("pipeline", limit=2, year=2020)
    assert in_2020.lines == archive.kwic("pipeline", year=2020)[:2]
    assert (in_2020.total, in_2020.years) == (4, {2020: 4})
    undated = archive.kwic_newest("pipeline", limit=5, undated=True)
    assert [line.right for line in undated.lines] == [" is safe."]


def test_a_cancelled_search_stops_before_the_next_document(archive: Archive) -> None:
    asked: list[int] = []

    def stop_at_the_second() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(KwicCancelledError):
        archive.kwic("pipeline", cancelled=stop_at_the_second)
    assert len(asked) == 2  # not read to the end
    asked.clear()
    with pytest.raises(KwicCancelledError):
        archive.kwic_newest("pipeline", limit=100, cancelled=stop_at_the_second)
    assert len(asked) == 2
    with pytest.raises(KwicCancelledError):
        archive.kwic_newest("pipeline", limit=100, cancelled=lambda: True)
    assert len(archive.kwic("pipeline", cancelled=lambda: False)) == PIPELINE_OCCURRENCES


def test_csv_dash_is_standard_output(
    data_dir: Path,
    tmp_path: Path,
    archive: Archive,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--csv", "-")
    assert status == 0
    assert out == kwic_csv(archive.kwic("pipeline"))
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "trend", "pipeline", "--csv", "-")
    assert status == 0
    assert out.splitlines()[0] == "year,documents,pipeline (documents),pipeline (share)"
    assert len(out.splitlines()) == 5
    assert not (tmp_path / "-").exists()
    status, out, err = run(
        capsys, "--data-dir", str(data_dir), "kwic", "pipeline", "--csv", "-", "--json"
    )
    assert (status, out) == (2, "")
    assert "choose one" in err
