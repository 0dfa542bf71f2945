"""The trend of a query: documents per year and their share, through the API and the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from archive.search import QueryError
from tests.trend_archive import (
    DOCUMENTS_PER_YEAR,
    PIPELINE_UNDATED,
    PIPELINE_YEARS,
    UNDATED_DOCUMENTS,
    build_trend_archive,
)


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


def test_a_term_s_yearly_counts_and_shares_are_exact(archive: Archive) -> None:
    trend = archive.trend(["pipeline", "agreement"])
    assert trend.documents_per_year == DOCUMENTS_PER_YEAR
    assert trend.undated_documents == UNDATED_DOCUMENTS
    pipeline, agreement = trend.queries
    assert pipeline.years == PIPELINE_YEARS
    assert pipeline.undated == PIPELINE_UNDATED
    assert pipeline.total == 4
    assert trend.share(pipeline, 2020) == 0.5  # 2 of 4
    assert trend.share(pipeline, 2021) == 0.5  # 1 of 2
    assert trend.share(pipeline, 2019) == 0.0
    assert trend.share(pipeline, None) == 0.5  # 1 of the 2 undated
    assert agreement.years == {2019: 0, 2020: 1, 2021: 1}
    assert trend.share(agreement, 2020) == 0.25
    assert trend.years == [2021, 2020, 2019]  # the navigator's order


def test_each_query_s_counts_add_up_to_its_search_total(archive: Archive) -> None:
    queries = ["pipeline", '"Trans-Caspian pipeline"', "pipelin*", "pipeline NOT agreement"]
    for query, counted in zip(queries, archive.trend(queries).queries, strict=True):
        results = archive.search(query)
        assert counted.total == results.total
        assert counted.undated == results.undated
        assert {str(y): n for y, n in counted.years.items() if n} == results.years


def test_more_than_five_queries_or_an_empty_one_is_refused(archive: Archive) -> None:
    with pytest.raises(QueryError, match="at most 5 queries; 6 were given"):
        archive.trend(["a", "b", "c", "d", "e", "f"])
    with pytest.raises(QueryError, match="at least one query"):
        archive.trend([])
    with pytest.raises(QueryError, match="empty"):
        archive.trend(["pipeline", "  "])


def test_a_malformed_query_among_several_is_named(archive: Archive) -> None:
    with pytest.raises(QueryError, match="In the query “pipeline AND”"):
        archive.trend(["agreement", "pipeline AND"])


def test_trend_json_contract_and_totals_equal_search_totals(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "trend", "pipeline", "agreement", "--json"
    )
    assert status == 0
    shape = json.loads(out)
    assert shape["documents_per_year"] == {"2019": 1, "2020": 4, "2021": 2}
    assert shape["undated_documents"] == 2
    assert [query["query"] for query in shape["queries"]] == ["pipeline", "agreement"]
    pipeline = shape["queries"][0]
    assert pipeline == {
        "query": "pipeline",
        "total": 4,
        "undated": 1,
        "years": {"2019": 0, "2020": 2, "2021": 1},
    }
    for query in shape["queries"]:
        _, searched, _ = run(
            capsys, "--data-dir", str(data_dir), "search", query["query"], "--json"
        )
        assert query["total"] == json.loads(searched)["total"]
        assert sum(query["years"].values()) + query["undated"] == query["total"]


def test_trend_table_and_csv(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "trend", "pipeline")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Year", "Documents", "pipeline"]
    assert lines[1].split() == ["2021", "2", "1", "50.0%"]
    assert lines[-2].split() == ["Undated", "2", "1", "50.0%"]
    assert lines[-1].split() == ["Total", "9", "4"]

    path = tmp_path / "trend.csv"
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "trend", "pipeline", "agreement", "--csv", str(path)
    )
    assert status == 0
    assert "Wrote 4 rows" in out
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows == [
        [
            "year",
            "documents",
            "pipeline (documents)",
            "pipeline (share)",
            "agreement (documents)",
            "agreement (share)",
        ],
        ["2021", "2", "1", "0.500000", "1", "0.500000"],
        ["2020", "4", "2", "0.500000", "1", "0.250000"],
        ["2019", "1", "0", "0.000000", "0", "0.000000"],
        ["undated", "2", "1", "0.500000", "0", "0.000000"],
    ]


def test_trend_errors_are_messages_not_tracebacks(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--data-dir", str(data_dir), "trend", *"abcdef")
    assert status == 2
    assert err.startswith("archive-reader: error: A trend compares at most 5 queries")
    status, _, err = run(capsys, "--data-dir", str(data_dir), "trend", "pipeline", "(treaty")
    assert status == 2
    assert "error: In the query “(treaty”" in err
    assert "Traceback" not in err
    status, _, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "trend",
        "pipeline",
        "--csv",
        str(tmp_path / "no" / "x.csv"),
    )
    assert status == 1
    assert "error: cannot write" in err
