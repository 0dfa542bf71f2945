"""The public ``Archive`` API over the sample archive: metadata, corrections, the index."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive, DocumentNotFoundError, YearCount
from archive.models import PublicationDate
from archive.search import QueryError
from tests.conftest import seed_path


@pytest.fixture
def archive(tmp_path: Path, seeds_dir: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        opened.import_paths([seeds_dir])
        yield opened


def by_seed(archive: Archive, prefix: str) -> int:
    target = str(seed_path(prefix).resolve())
    return next(d.id for d in archive.list_documents() if d.path == target)


def test_years_newest_first_with_counts(archive: Archive) -> None:
    assert archive.years() == [
        YearCount(2025, 1),
        YearCount(2024, 1),
        YearCount(2018, 1),
        YearCount(2017, 1),
        YearCount(2016, 1),
    ]


def test_listing_one_year(archive: Archive) -> None:
    (doc,) = archive.list_documents(2018)
    assert doc.title.startswith("Hikmat Hajiyev: Azerbaijan has continued")
    assert doc.date == "2018-12-22"
    assert doc.date_inferred is True
    assert doc.source == "AZERTAC"


def test_unknown_document_raises_a_clear_error(archive: Archive) -> None:
    with pytest.raises(DocumentNotFoundError, match="No document with id 999"):
        archive.document(999)


def test_corrections_survive_reimport_and_reach_index_and_navigator(
    archive: Archive, tmp_path: Path
) -> None:
    # Import a copy, so the file can change without touching the bundled seed.
    path = tmp_path / "release.txt"
    shutil.copy(seed_path("004"), path)
    with path.open("a", encoding="utf-8") as handle:  # not a byte-for-byte duplicate of 004
        handle.write("\nA copy kept for this test.\n")
    (result,) = archive.import_paths([path])
    assert result.id is not None
    archive.correct_metadata(
        result.id,
        title="Foreign policy at 25 years of independence",
        date=PublicationDate(2016, 10, 18, origin=PublicationDate(2016).origin),
        source="Ministry of Foreign Affairs",
    )
    path.write_text(path.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    (again,) = archive.import_paths([path])
    assert again.id == result.id
    doc = archive.document(result.id)
    assert doc.title == "Foreign policy at 25 years of independence"
    assert doc.date == "2016-10-18"
    assert doc.date_inferred is False
    assert doc.date_origin == "user"
    assert "A closing line." in doc.text
    hits = archive.search("title:independence").hits
    assert result.id in [h.id for h in hits]
    assert any(d.id == result.id for d in archive.list_documents(2016))


def test_correcting_a_date_moves_the_document_to_another_year(archive: Archive) -> None:
    doc_id = by_seed(archive, "002")
    archive.correct_metadata(doc_id, date=PublicationDate(2017, 12, 30))
    assert archive.document(doc_id).date == "2017-12-30"
    archive.correct_metadata(doc_id, date=PublicationDate(2015))
    assert [d.id for d in archive.list_documents(2015)] == [doc_id]
    assert archive.search("protection", year=2015).total == 1
    archive.revert_metadata(doc_id)
    assert archive.document(doc_id).year == 2017


def test_clearing_a_date_makes_a_document_undated(archive: Archive) -> None:
    doc_id = by_seed(archive, "004")
    archive.correct_metadata(doc_id, clear_date=True)
    assert [d.id for d in archive.list_documents(undated=True)] == [doc_id]
    assert archive.years()[-1] == YearCount(None, 1)


def test_search_finds_the_seeds(archive: Archive) -> None:
    results = archive.search("COP29")
    assert results.years == {"2024": results.total} or "2024" in results.years
    top = archive.document(results.hits[0].id)
    assert top.year == 2024


def test_deleted_index_is_rebuilt_from_sqlite_on_open(tmp_path: Path, seeds_dir: Path) -> None:
    data = tmp_path / "data"
    with Archive(data) as first:
        first.import_paths([seeds_dir])
    shutil.rmtree(data / "index")
    with Archive(data) as second:
        assert second.search("Azerbaijan").total == 5


def test_reindex_rebuilds_everything(archive: Archive) -> None:
    assert archive.reindex() == 5
    assert archive.search("Azerbaijan").total == 5


def test_sample_archive_is_imported_once_on_first_start(tmp_path: Path) -> None:
    with Archive(tmp_path / "fresh") as archive:
        results = archive.import_sample_if_empty()
        assert len(results) == 5
        assert archive.document_count() == 5
        assert archive.import_sample_if_empty() == []
        # The samples live in the data directory, so their origin paths stay valid.
        assert all(d.path.startswith(str(tmp_path / "fresh")) for d in archive.list_documents())


def test_hit_spans_mark_words_under_folding_in_any_text(archive: Archive) -> None:
    text = "İlham Aliyev met envoys; the negotiations in Türkiye went on."
    spans = archive.hit_spans("ilham negotiation turkiye", text)
    assert [text[start:end] for start, end in spans] == ["İlham", "negotiations", "Türkiye"]


def test_hit_spans_of_a_malformed_query_raise_query_error(archive: Archive) -> None:
    with pytest.raises(QueryError):
        archive.hit_spans("year:abc", "text")
