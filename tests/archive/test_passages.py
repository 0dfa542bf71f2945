"""Where else a passage appears: paragraphs, shingles, the search, and the ``similar`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from archive.errors import DocumentNotFoundError
from archive.passages import PassageError, paragraphs_of
from archive.passages.shingles import jaccard, shared_spans, shingled
from tests.passages_archive import EDITED, REUSED, build_passages_archive


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("passages")
    ids = build_passages_archive(root / "data", root / "files")
    return root / "data", ids


def _paragraph_number(archive: Archive, document_id: int, text: str) -> int:
    for paragraph in paragraphs_of(archive.document(document_id).text):
        if paragraph.text == text:
            return paragraph.number
    raise AssertionError("paragraph not found")


def test_paragraphs_are_the_blocks_of_the_text_with_their_offsets() -> None:
    text = "Title line\n\nFirst paragraph of several words here.\n\n\nSecond one\nwith a list"
    paragraphs = paragraphs_of(text)
    assert [(p.number, p.text) for p in paragraphs] == [
        (1, "Title line"),
        (2, "First paragraph of several words here."),
        (3, "Second one\nwith a list"),
    ]
    assert all(text[p.start : p.end] == p.text for p in paragraphs)
    assert not paragraphs[0].searchable  # too short to look for


def test_shared_words_are_marked_in_runs() -> None:
    mine = shingled("the agreement was signed in Tbilisi on the shared use of the river")
    theirs = shingled("Today the agreement was signed in Baku on the shared use of the river")
    spans = shared_spans(theirs, mine.shingle_set)
    text = "Today the agreement was signed in Baku on the shared use of the river"
    assert [text[s:e] for s, e in spans] == [
        "the agreement was signed in",
        "on the shared use of the river",
    ]
    assert 0.4 < jaccard(mine.shingles, theirs.shingles) < 1.0


def test_the_reused_paragraph_is_found_first_with_its_year_and_offsets(
    built: tuple[Path, dict[str, int]],
) -> None:
    data_dir, ids = built
    with Archive(data_dir) as archive:
        number = _paragraph_number(archive, ids["2016-kura.md"], REUSED)
        found = archive.similar_passages(ids["2016-kura.md"], paragraph=number)
        best = found.matches[0]
        edited_text = archive.document(ids["2024-kura.md"]).text
    assert found.asked.text == REUSED
    assert (best.id, best.year, best.date, best.title) == (
        ids["2024-kura.md"], 2024, "2024-04-03", "Kura river agreement renewed",
    )  # fmt: skip
    assert best.text == EDITED and edited_text[best.start : best.end] == EDITED
    assert best.paragraph == 2
    assert 0.7 < best.score < 1.0  # lightly edited: not the same wording throughout
    # The changed place and date are not marked as shared; the words around them are.
    marked = [edited_text[s:e] for s, e in best.shared]
    assert not any("Baku" in words or "April" in words for words in marked)
    assert any(words.startswith("The Ministry of Foreign Affairs welcomes") for words in marked)


def test_the_same_topic_in_other_words_ranks_below_or_not_at_all(
    built: tuple[Path, dict[str, int]],
) -> None:
    data_dir, ids = built
    with Archive(data_dir) as archive:
        number = _paragraph_number(archive, ids["2016-kura.md"], REUSED)
        found = archive.similar_passages(ids["2016-kura.md"], paragraph=number)
    assert [m.id for m in found.matches][:1] == [ids["2024-kura.md"]]
    assert ids["2019-water.md"] not in [m.id for m in found.matches]
    assert ids["2016-kura.md"] not in [m.id for m in found.matches]  # never its own


def test_a_selection_and_an_offset_find_the_same(built: tuple[Path, dict[str, int]]) -> None:
    data_dir, ids = built
    with Archive(data_dir) as archive:
        text = archive.document(ids["2016-kura.md"]).text
        start = text.index("The agreement sets out")
        by_selection = archive.similar_passages(
            ids["2016-kura.md"], selection=(start, text.index(" to settle disputes"))
        )
        by_offset = archive.similar_passages(ids["2016-kura.md"], offset=start)
    assert by_selection.asked.paragraph is None  # part of a paragraph: scored by containment
    assert by_selection.matches[0].id == by_offset.matches[0].id == ids["2024-kura.md"]
    assert by_selection.matches[0].score == 1.0  # all of the selection is there


def test_missing_documents_and_paragraphs_are_told_plainly(
    built: tuple[Path, dict[str, int]],
) -> None:
    data_dir, ids = built
    with Archive(data_dir) as archive:
        with pytest.raises(DocumentNotFoundError):
            archive.similar_passages(999)
        with pytest.raises(PassageError, match="has 4 paragraphs: there is no paragraph 40"):
            archive.similar_passages(ids["2016-kura.md"], paragraph=40)
        with pytest.raises(PassageError, match="too short to look for"):
            archive.similar_passages(ids["2016-kura.md"], paragraph=1)  # the dateline


def test_a_removed_document_is_not_found(tmp_path: Path) -> None:
    ids = build_passages_archive(tmp_path / "data", tmp_path / "files")
    with Archive(tmp_path / "data") as archive:
        archive.remove_documents([ids["2024-kura.md"]])
        number = _paragraph_number(archive, ids["2016-kura.md"], REUSED)
        found = archive.similar_passages(ids["2016-kura.md"], paragraph=number)
    assert ids["2024-kura.md"] not in [m.id for m in found.matches]


def test_similar_json_lists_the_reused_paragraph_first(
    built: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, ids = built
    status = main(
        [
            "--data-dir",
            str(data_dir),
            "similar",
            str(ids["2016-kura.md"]),
            "--paragraph",
            "3",
            "--json",
        ]
    )
    printed = json.loads(capsys.readouterr().out)
    assert status == 0
    assert set(printed[0]) == {
        "id",
        "title",
        "year",
        "date",
        "paragraph",
        "start",
        "end",
        "score",
        "text",
    }
    assert (printed[0]["id"], printed[0]["year"], printed[0]["text"]) == (
        ids["2024-kura.md"],
        2024,
        EDITED,
    )


def test_similar_without_a_paragraph_takes_the_first_long_one(
    built: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, ids = built
    assert main(["--data-dir", str(data_dir), "similar", str(ids["2024-kura.md"])]) == 0
    out = capsys.readouterr().out
    # Its first paragraph is long enough to look for, and shares nothing.
    assert out.startswith(f"Document {ids['2024-kura.md']}, paragraph 1: The cabinet met")
    assert out.endswith("No other document has this passage.\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["999"], "No document with id 999."),
        (["{id}", "--paragraph", "40"], "there is no paragraph 40"),
        (["{id}", "--offset", "99999"], "offset 99,999 is not in it"),
    ],
)
def test_similar_explains_bad_input(
    built: tuple[Path, dict[str, int]],
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    data_dir, ids = built
    given = [argument.format(id=ids["2016-kura.md"]) for argument in arguments]
    assert main(["--data-dir", str(data_dir), "similar", *given]) == 2
    error = capsys.readouterr().err
    assert error.startswith("archive-reader: error: ") and message in error
    assert "Traceback" not in error
