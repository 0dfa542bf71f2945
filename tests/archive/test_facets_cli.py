"""The ``facets`` and ``saved`` commands: JSON shapes, exact numbers, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from tests.archive.mention_corpus import EXPECTED, write_releases


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "import", str(write_releases(tmp_path / "r")))[0] == 0
    return data


def test_facets_json(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--data-dir", data, "facets", "--json")
    assert status == 0
    facets = json.loads(out)
    assert all(
        set(facet) == {"kind", "key", "name", "documents", "years", "undated"} for facet in facets
    )
    assert facets[0] == {
        "kind": "country",
        "key": "RU",
        "name": "Russia",
        "documents": 4,
        "years": {"2016": 2, "2024": 1},
        "undated": 1,
    }
    shown = {(f["kind"], f["key"]): (f["years"], f["undated"]) for f in facets}
    expected = {
        entity: ({str(y): n for y, n in years.items() if y}, years.get(None, 0))
        for entity, years in EXPECTED.items()
    }
    assert shown == expected
    documents = [facet["documents"] for facet in facets]
    assert documents == sorted(documents, reverse=True)


def test_facets_of_a_kind_and_a_year(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "--data-dir", data, "facets", "--kind", "organisations", "--year", "2016", "--json"
    )
    assert status == 0
    assert [(f["key"], f["documents"]) for f in json.loads(out)] == [("OSCE", 2)]
    status, out, _ = run(capsys, "--data-dir", data, "facets", "--kind", "countries")
    assert status == 0
    assert out.splitlines()[0].split() == ["4", "country", "RU", "Russia"]


def test_facets_bad_arguments(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", data, "facets", "--kind", "cities"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'cities'" in capsys.readouterr().err


def test_saved_commands(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--data-dir", data, "saved", "add", "Ministers", "minister")[1] == (
        "Saved “Ministers” (2 documents).\n"
    )
    status, out, _ = run(capsys, "--data-dir", data, "saved", "list", "--json")
    assert status == 0
    (listed,) = json.loads(out)
    assert {k: listed[k] for k in ("name", "query", "matches", "new", "problem")} == {
        "name": "Ministers",
        "query": "minister",
        "matches": 2,
        "new": 0,
        "problem": None,
    }
    status, out, _ = run(capsys, "--data-dir", data, "saved", "show", "Ministers", "--json")
    shown = json.loads(out)
    assert (status, shown["new"], shown["new_ids"], shown["results"]["total"]) == (0, 0, [], 2)
    status, _, err = run(capsys, "--data-dir", data, "saved", "show", "Nothing")
    assert (status, err) == (2, "archive-reader: error: there is no saved search named “Nothing”\n")
    status, _, err = run(capsys, "--data-dir", data, "saved", "add", "ministers", "x")
    assert status == 2 and "already a saved search" in err
    assert run(capsys, "--data-dir", data, "saved", "remove", "Ministers")[0] == 0
    assert "No saved searches" in run(capsys, "--data-dir", data, "saved", "list")[1]
