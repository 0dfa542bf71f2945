"""Saved searches: new matches counted exactly across imports and changes, reset on opening."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive
from archive.saved_searches import SavedSearchError
from archive.search import QueryError
from tests.archive.mention_corpus import write_releases


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        opened.import_paths([write_releases(tmp_path / "releases", ["en2016.md", "fr2024.md"])])
        yield opened


def test_new_matches_after_an_import_reset_when_looked_at(archive: Archive, tmp_path: Path) -> None:
    saved = archive.save_search("Ministers", "minister OR ministre")
    assert (saved.matches, saved.new) == (2, 0)
    archive.import_paths([write_releases(tmp_path / "more", ["pl.md", "plain2016.md"])])
    (listed,) = archive.saved_searches()
    polish = next(d.id for d in archive.list_documents() if d.language == "pl")
    assert (listed.name, listed.matches, listed.new, listed.new_ids) == (
        "Ministers",
        3,
        1,
        (polish,),
    )
    seen = archive.mark_saved_search_seen("ministers")  # names: case aside
    assert (seen.matches, seen.new) == (3, 0)
    assert archive.saved_search("Ministers").new == 0


def test_a_document_changed_to_match_is_new(archive: Archive, tmp_path: Path) -> None:
    archive.save_search("Gardens", "garden")
    assert archive.saved_search("Gardens").matches == 0
    path = tmp_path / "releases" / "en2016.md"
    path.write_text(path.read_text("utf-8") + "\nThey walked in the garden.\n", "utf-8")
    archive.import_paths([path])
    changed = archive.saved_search("Gardens")
    assert (changed.matches, changed.new) == (1, 1)


def test_a_removed_document_brought_back_is_not_new(archive: Archive) -> None:
    archive.save_search("Ministers", "minister OR ministre")
    document = archive.list_documents()[0].id
    archive.remove_documents([document])
    assert (archive.saved_search("Ministers").matches, archive.saved_search("Ministers").new) == (
        1,
        0,
    )
    archive.restore_documents([document])
    assert archive.saved_search("Ministers").new == 0


def test_rename_remove_and_refusals(archive: Archive) -> None:
    archive.save_search("One", "minister")
    archive.save_search("Two", "accord")
    with pytest.raises(SavedSearchError, match="already a saved search named “one”"):
        archive.save_search("one", "climat")
    with pytest.raises(SavedSearchError, match="already"):
        archive.rename_saved_search("Two", "ONE")
    with pytest.raises(SavedSearchError, match="name is empty"):
        archive.save_search("  ", "climat")
    with pytest.raises(QueryError):
        archive.save_search("Bad", "title:(")
    assert archive.rename_saved_search("Two", "Accords").name == "Accords"
    archive.remove_saved_search("One")
    assert [s.name for s in archive.saved_searches()] == ["Accords"]
    with pytest.raises(SavedSearchError, match="no saved search named “One”"):
        archive.mark_saved_search_seen("One")
