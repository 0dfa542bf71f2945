"""Notes in the main search: same query language, folding and stemming; hits marked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive
from archive.search import QueryError
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, annotate, import_file, write


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        recent = import_file(opened, write(tmp_path / "recent.txt", STORY))
        older = import_file(
            opened,
            write(tmp_path / "older.txt", STORY.replace("3 March 2021", "9 May 2016")),
        )
        annotate(opened, recent, RAILWAY, note="Negotiations with Türkiye were decisive.")
        annotate(opened, recent, PIPELINE, note="Compare with İlham Aliyev's speech.")
        annotate(opened, older, PIPELINE, note="A note about zanzibar.", tags=["Gas Supplies"])
        yield opened


def note_ids(archive: Archive, query: str, **options: int) -> list[int]:
    return [hit.annotation_id for hit in archive.search(query, **options).note_hits]  # type: ignore[arg-type]


def test_a_word_only_in_a_note_is_a_note_hit_not_a_document_hit(archive: Archive) -> None:
    results = archive.search("zanzibar")
    assert (results.total, results.hits) == (0, [])
    (hit,) = results.note_hits
    older = archive.annotations()[-1]
    assert (hit.annotation_id, hit.document_id, hit.year) == (older.id, older.document_id, 2016)
    assert hit.document_title == archive.document(older.document_id).title
    assert hit.date == "2016-05-09"
    assert hit.snippet == "A note about <mark>zanzibar</mark>."


def test_notes_are_folded_and_stemmed_like_the_documents(archive: Archive) -> None:
    (hit,) = archive.search("turkiye negotiation").note_hits
    assert hit.snippet == "<mark>Negotiations</mark> with <mark>Türkiye</mark> were decisive."
    assert len(archive.search("ilham").note_hits) == 1
    assert len(archive.search("aliyev").note_hits) == 1


def test_quotes_and_tags_are_searched_too(archive: Archive) -> None:
    assert len(note_ids(archive, '"pipeline project"')) == 2
    (hit,) = archive.search("supplies").note_hits
    assert hit.snippet == "Gas <mark>Supplies</mark>"


def test_the_query_language_applies_to_notes(archive: Archive) -> None:
    assert len(note_ids(archive, "pipeline OR zanzibar")) == 2
    assert len(note_ids(archive, "pipeline NOT zanzibar")) == 1
    assert len(note_ids(archive, "negotiat*")) == 1
    assert len(note_ids(archive, "zanzibr~")) == 1
    assert len(note_ids(archive, "pipeline year:2016")) == 1
    assert len(note_ids(archive, "pipeline year:[2020 TO]")) == 1
    assert note_ids(archive, "title:zanzibar") == []  # notes have no title
    assert note_ids(archive, '"decisive negotiations"') == []  # not a phrase of the note


def test_the_year_filter_and_limit_apply_to_note_hits(archive: Archive) -> None:
    assert len(note_ids(archive, "pipeline", year=2021)) == 1
    assert len(note_ids(archive, "pipeline", limit=1)) == 1


def test_a_filter_alone_finds_documents_but_no_notes(archive: Archive) -> None:
    results = archive.search("year:2016")
    assert results.total == 1 and results.note_hits == []


def test_note_hits_follow_note_changes_and_deletes(archive: Archive) -> None:
    first = archive.annotations()[0]
    archive.update_annotation(first.id, note="Now about kangaroos.")
    assert note_ids(archive, "kangaroo") == [first.id]
    archive.delete_annotation(first.id)
    assert note_ids(archive, "kangaroo") == []


def test_a_malformed_query_still_raises(archive: Archive) -> None:
    with pytest.raises(QueryError):
        archive.search("year:abc")
