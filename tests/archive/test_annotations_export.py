"""Exports: Markdown grouped by year and document, W3C JSON-LD, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.annotations.export_csv import COLUMNS
from archive.annotations.export_markdown import escape_markdown
from archive.api import Archive
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, annotate, import_file, write

ANNOTATION_KEYS = {
    "@context",
    "id",
    "type",
    "created",
    "modified",
    "body",
    "target",
    "archive-reader:color",
    "archive-reader:orphaned",
}


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def two_years(archive: Archive, tmp_path: Path) -> tuple[int, int]:
    """A 2021 story and a 2016 one, each with annotations."""
    recent = import_file(archive, write(tmp_path / "recent.txt", STORY))
    older_text = STORY.replace("Baku, 3 March 2021. The", "Ganja, 9 May 2016. The deputy")
    older = import_file(archive, write(tmp_path / "older.txt", older_text))
    annotate(archive, recent, RAILWAY, note="Trade *opens*.", tags=["trade", "Asia"])
    annotate(archive, recent, PIPELINE, color="pink")
    annotate(archive, older, PIPELINE, note="Already in 2016.")
    return recent, older


def test_markdown_groups_by_year_then_document_with_blockquotes(
    archive: Archive, two_years: tuple[int, int]
) -> None:
    markdown = archive.export_annotations("markdown")
    title, older_title = (archive.document(i).title for i in two_years)
    assert markdown.startswith("# Annotations\n")
    assert markdown.index("## 2021") < markdown.index(f"### {title}") < markdown.index("## 2016")
    assert markdown.index("## 2016") < markdown.index(f"### {older_title}")
    assert markdown.count(f"### {title}") == 1
    assert (
        f"> {RAILWAY}\n>\n> — *{title}*, 2021-03-03\n\nTrade *opens*.\n\nTags: #trade #Asia\n"
        in (markdown)
    )
    assert f"> {PIPELINE}\n>\n> — *{older_title}*, 2016-05-09\n\nAlready in 2016.\n" in markdown


def test_markdown_for_one_document(archive: Archive, two_years: tuple[int, int]) -> None:
    markdown = archive.export_annotations("markdown", two_years[1])
    assert "## 2016" in markdown and "## 2021" not in markdown
    assert "Already in 2016." in markdown and "Trade" not in markdown


def test_markdown_marks_orphans_and_escapes_markup_in_quotes(
    archive: Archive, tmp_path: Path
) -> None:
    path = write(tmp_path / "s.txt", STORY)
    story = import_file(archive, path)
    annotate(archive, story, PIPELINE, tags=["energy security"])
    path.write_text(STORY.replace(PIPELINE, "no pipeline"), encoding="utf-8")
    archive.import_paths([path])
    markdown = archive.export_annotations("markdown")
    assert "*Orphaned: this passage is no longer in the document's text.*" in markdown
    assert "Tags: #energy-security" in markdown
    assert escape_markdown("# 1. *not* [a] <b> 2024. `x`") == (
        "\\# 1. \\*not\\* \\[a\\] \\<b> 2024. \\`x\\`"
    )
    assert escape_markdown("1990. A year\n- a dash") == "1990\\. A year\n\\- a dash"


def test_markdown_of_an_empty_archive(archive: Archive) -> None:
    assert archive.export_annotations("markdown") == "# Annotations\n\nNo annotations.\n"


def test_jsonld_is_an_annotation_collection_of_w3c_annotations(
    archive: Archive, two_years: tuple[int, int]
) -> None:
    recent, _ = two_years
    collection = json.loads(archive.export_annotations("jsonld"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 3
    assert collection["first"]["type"] == "AnnotationPage"
    items = collection["first"]["items"]
    first = archive.annotations(recent)[0]
    assert items[0] == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"urn:archive-reader:annotation:{first.uuid}",
        "type": "Annotation",
        "created": first.created,
        "modified": first.modified,
        "body": [
            {"type": "TextualBody", "format": "text/markdown", "value": "Trade *opens*."},
            {"type": "TextualBody", "purpose": "tagging", "value": "trade"},
            {"type": "TextualBody", "purpose": "tagging", "value": "Asia"},
        ],
        "target": {
            "source": f"urn:archive-reader:document:{recent}",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": RAILWAY,
                    "prefix": first.prefix,
                    "suffix": first.suffix,
                },
                {"type": "TextPositionSelector", "start": first.start, "end": first.end},
            ],
        },
        "archive-reader:color": "yellow",
        "archive-reader:orphaned": False,
    }
    assert set(items[0]) == ANNOTATION_KEYS
    # A highlight without note or tags has no body.
    assert "body" not in items[1] and items[1]["archive-reader:color"] == "pink"


def test_jsonld_of_no_annotations_is_an_empty_collection(archive: Archive) -> None:
    assert json.loads(archive.export_annotations("jsonld")) == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "Archive Reader annotations",
        "total": 0,
    }


def test_csv_parses_back_with_the_documented_columns(
    archive: Archive, two_years: tuple[int, int]
) -> None:
    recent, older = two_years
    exported = archive.export_annotations("csv")
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert [(int(r["document_id"]), r["year"]) for r in rows] == [
        (recent, "2021"),
        (recent, "2021"),
        (older, "2016"),
    ]
    first = archive.annotations(recent)[0]
    assert rows[0] == {
        "id": str(first.id),
        "document_id": str(recent),
        "document_title": archive.document(recent).title,
        "year": "2021",
        "date": "2021-03-03",
        "quote": RAILWAY,
        "note": "Trade *opens*.",
        "tags": "trade, Asia",
        "color": "yellow",
        "start": str(first.start),
        "end": str(first.end),
        "orphaned": "false",
        "created": first.created,
        "modified": first.modified,
    }


def test_csv_keeps_notes_with_commas_quotes_and_lines_and_defuses_formulas(
    archive: Archive, tmp_path: Path
) -> None:
    story = import_file(archive, write(tmp_path / "s.txt", STORY))
    note = 'A "quoted" word, a comma,\nand a second line.'
    annotate(archive, story, RAILWAY, note=note)
    annotate(archive, story, PIPELINE, note="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(archive.export_annotations("csv"), newline="")))
    assert rows[0]["note"] == note
    assert rows[1]["note"] == "'=HYPERLINK(1)"


def test_an_unknown_export_format_is_refused(archive: Archive) -> None:
    with pytest.raises(ValueError, match="Unknown export format 'pdf'"):
        archive.export_annotations("pdf")


def test_markdown_marks_a_date_inferred_from_the_text(tmp_path: Path, seeds_dir: Path) -> None:
    with Archive(tmp_path / "seeds") as archive:
        archive.import_paths([seeds_dir])
        (inferred,) = archive.list_documents(2018)
        (stated,) = archive.list_documents(2024)
        assert inferred.date_inferred and not stated.date_inferred
        for document in (inferred, stated):
            words = archive.document(document.id).text.split(". ")[1][:40]
            annotate(archive, document.id, words)
        markdown = archive.export_annotations("markdown")
    assert f"*{escape_markdown(inferred.title)}*, 2018-12-22 (inferred)\n" in markdown
    assert f"*{escape_markdown(stated.title)}*, 2024-12-28\n" in markdown
    assert markdown.count("(inferred)") == 1


@pytest.mark.parametrize("format", ["markdown", "jsonld", "csv"])
def test_only_some_annotations_exported_in_the_whole_export_s_shape(
    archive: Archive, two_years: tuple[int, int], format: str
) -> None:
    annotations = archive.annotations()
    kept = [annotations[0].id, annotations[2].id]
    some = archive.export_annotations(format, only=kept)
    assert archive.export_annotations(format, only=[a.id for a in annotations]) == (
        archive.export_annotations(format)
    )
    assert RAILWAY in some and some.count(PIPELINE) == 1 and "Already in 2016." in some
    if format == "csv":
        assert len(list(csv.reader(io.StringIO(some)))) == 3
    if format == "jsonld":
        assert json.loads(some)["total"] == 2
