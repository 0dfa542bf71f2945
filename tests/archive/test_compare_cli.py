"""``archive-reader compare``: its JSON contract, its readable output and its messages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from archive.cli_compare import print_comparison
from archive.compare_sides import year_side, years_side
from archive.comparison import ComparedSide, Comparison
from archive.keyness import KeyTerm
from tests.archive.compare_archive import compare_archive_in


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compare_archive_in(tmp_path_factory, "compare-cli")


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data), "compare", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_is_exactly_the_contract(archive_dir: Path, capsys) -> None:
    status, out, err = run(capsys, archive_dir, "2016", "2024", "--json")
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert set(result) == {"a", "b"}
    for side in ("a", "b"):
        assert result[side], side
        for term in result[side]:
            assert set(term) == {"term", "score", "count"}
            assert isinstance(term["term"], str) and isinstance(term["count"], int)
            assert isinstance(term["score"], float)
        scores = [term["score"] for term in result[side]]
        assert scores == sorted(scores, reverse=True)  # best first
    assert result["a"][0] == {
        "term": "pipeline",
        "score": pytest.approx(18.617, abs=1e-3),
        "count": 16,
    }
    assert result["b"][0]["term"] == "COP29" and result["b"][0]["count"] == 16


def test_limit_and_min_count(archive_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, archive_dir, "2016", "2024", "--json", "--limit", "1")
    assert status == 0
    result = json.loads(out)
    assert [len(result["a"]), len(result["b"])] == [1, 1]
    status, out, _ = run(capsys, archive_dir, "2016", "2024", "--json", "--min-count", "10")
    assert [term["term"] for term in json.loads(out)["b"]] == ["COP29"]


def test_other_kinds_of_sides(archive_dir: Path, capsys) -> None:
    status, out, _ = run(capsys, archive_dir, "source:azertac", "search:pipeline", "--json")
    assert status == 0
    result = json.loads(out)
    assert result["a"][0]["term"] == "COP29"
    assert result["b"][0]["term"] == "pipeline"


def test_readable_output_names_the_sides_and_lists_them_side_by_side(
    archive_dir: Path, capsys
) -> None:
    status, out, _ = run(capsys, archive_dir, "2016", "2024", "--limit", "3")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "2016: 8 documents, 446 words"
    assert lines[1] == "2024: 8 documents, 352 words"
    heading = lines[4]
    assert heading.startswith("More in 2016") and "More in 2024" in heading
    assert lines[5].split() == ["1", "pipeline", "18.6", "16", "1", "COP29", "26.2", "16"]
    assert len(lines) == 8


def test_long_terms_are_cut_to_their_column() -> None:
    long_term = KeyTerm(
        "Ministry-of-Foreign-Affairs-of-the-Republic-of-Azerbaijan", 12.5, 7, 0, 3, 3.0, False
    )
    comparison = Comparison(
        a=ComparedSide(year_side(2016), 3, 300),
        b=ComparedSide(years_side(2020, 2024), 5, 500),
        a_terms=[long_term],
        b_terms=[],
    )
    out = io.StringIO()
    print_comparison(comparison, out, width=80)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2016: 3 documents, 300 words"
    assert lines[1] == "2020–2024: 5 documents, 500 words"
    row = lines[5]
    assert row.split() == ["1", "Ministry-of-Fore…", "12.5", "7", "(none)"]
    assert max(len(line) for line in lines[4:]) <= 80


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2016", "2016"], "Both sides are the same 8 documents: choose two different sets."),
        (["2030", "2016"], "There are no documents from 2030: the archive's years run from 2016"),
        (["soon", "2016"], "'soon' is not a side to compare: give a year (2016)"),
        (["source:AZERTEC", "2016"], "Did you mean 'AZERTAC'?"),
        (['search:"climate', "2016"], "Unbalanced quotes"),
    ],
)
def test_bad_sides_are_explained_with_status_2(
    archive_dir: Path, capsys, args: list[str], message: str
) -> None:
    status, out, err = run(capsys, archive_dir, *args)
    assert status == 2
    assert out == ""
    assert err.startswith("archive-reader: error: ")
    assert message in err
    assert "Traceback" not in err


def test_a_bad_limit_is_a_usage_error(archive_dir: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, archive_dir, "2016", "2024", "--limit", "0")
    assert exit_info.value.code == 2
    assert "'0' is not a positive whole number" in capsys.readouterr().err


def test_an_empty_result_says_so(archive_dir: Path) -> None:
    with Archive(archive_dir) as archive:
        comparison = archive.compare(year_side(2016), year_side(2024), min_count=1000)
    out = io.StringIO()
    print_comparison(comparison, out)
    assert "No term is distinctive of either side" in out.getvalue()


def test_documents_on_both_sides_are_said_and_counted_in_the_json(
    archive_dir: Path, capsys
) -> None:
    status, out, _ = run(capsys, archive_dir, "search:pipeline OR COP29", "2016", "--json")
    assert status == 0
    assert json.loads(out)["shared_documents"] == 4
    status, out, _ = run(capsys, archive_dir, "search:pipeline OR COP29", "2016")
    assert "4 documents on both sides, left out of both." in out
