"""Search results a page at a time, undated matches on their own, inferred dates marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.api import Archive
from tests.many_documents import COMMON_WORD, write_documents


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    files = write_documents(tmp_path / "files", 230, years=9, undated=6)
    opened = Archive(tmp_path / "data")
    opened.import_paths([files])
    return opened


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_list_every_match_once_in_the_order_of_one_search(
    archive: Archive, sort: str
) -> None:
    with archive:
        whole = archive.search(COMMON_WORD, limit=10_000, sort=sort)  # type: ignore[arg-type]
        pages: list[int] = []
        offset = 0
        while True:
            page = archive.search(COMMON_WORD, limit=50, offset=offset, sort=sort)  # type: ignore[arg-type]
            assert page.total == whole.total == 236
            assert page.years == whole.years and page.undated == whole.undated == 6
            if not page.hits:
                break
            pages.extend(hit.id for hit in page.hits)
            offset += len(page.hits)
    assert pages == [hit.id for hit in whole.hits]
    assert len(set(pages)) == 236


def test_undated_lists_only_the_undated_matches(archive: Archive) -> None:
    with archive:
        results = archive.search(COMMON_WORD, undated=True, limit=50)
        assert results.total == 6
        assert len(results.hits) == 6
        assert all(hit.year is None for hit in results.hits)
        assert sum(results.years.values()) == 230  # the counts still cover every year
        assert archive.search(COMMON_WORD, undated=True, limit=4, offset=4).total == 6
        assert len(archive.search(COMMON_WORD, undated=True, limit=4, offset=4).hits) == 2


def test_a_negative_offset_is_refused(archive: Archive) -> None:
    with archive, pytest.raises(ValueError, match="offset"):
        archive.search(COMMON_WORD, offset=-1)


def test_hits_say_when_their_date_was_inferred(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    (files / "stated.md").write_text(
        "---\ntitle: Stated\ndate: 2019-03-02\n---\n\nThe harbour plan.\n", encoding="utf-8"
    )
    (files / "inferred.md").write_text(
        "# Inferred\n\nBERLIN, March 3 - The harbour plan was discussed in 1988.\n",
        encoding="utf-8",
    )
    with Archive(tmp_path / "data") as archive:
        archive.import_paths([files])
        hits = {hit.title: hit for hit in archive.search("harbour").hits}
    assert not hits["Stated"].date_inferred
    assert hits["Stated"].date_evidence is None
    assert hits["Inferred"].date_inferred
    assert hits["Inferred"].date_evidence == "dateline"
    assert hits["Inferred"].date == "1988-03-03"
