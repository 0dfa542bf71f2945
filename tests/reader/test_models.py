"""The item models pass Qt's model checks: the lazy year tree and the search results."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from archive.api import Archive, YearCount
from archive.models import DocumentSummary, SearchHit
from reader.navigator.model import (
    CountRole,
    DocumentIdRole,
    IsMonthRole,
    IsYearRole,
    MonthRole,
    ShareRole,
    YearNavigatorModel,
    YearRole,
)
from reader.search.results_model import (
    DateTextRole,
    SearchResultsModel,
    SnippetHtmlRole,
)
from reader.search.results_model import DocumentIdRole as HitIdRole


def summary(document_id: int, year: int | None, title: str) -> DocumentSummary:
    date = f"{year}-01-0{document_id % 9 + 1}" if year else None
    return DocumentSummary(document_id, title, date, year, False, "Source", f"/a/{document_id}")


class FakeLoader:
    """Documents per year, counting how often each year was loaded."""

    def __init__(self) -> None:
        self.documents: dict[int | None, list[DocumentSummary]] = {
            2024: [summary(1, 2024, "One"), summary(2, 2024, "Two")],
            2017: [summary(3, 2017, "Three")],
            None: [summary(4, None, "Undated one")],
        }
        self.loads: list[int | None] = []

    def years(self) -> list[YearCount]:
        return [YearCount(year, len(docs)) for year, docs in self.documents.items()]

    def __call__(self, year: int | None) -> Sequence[DocumentSummary]:
        self.loads.append(year)
        return self.documents[year]


def fetch_all(model: YearNavigatorModel) -> None:
    for row in range(model.rowCount()):
        year_index = model.index(row, 0)
        if model.canFetchMore(year_index):
            model.fetchMore(year_index)


def test_year_model_with_a_fake_loader_loads_years_only_when_asked(qtmodeltester) -> None:
    loader = FakeLoader()
    model = YearNavigatorModel(loader)
    model.set_years(loader.years())
    assert loader.loads == []
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "2024",
        "2017",
        "Undated",
    ]
    year_2024 = model.index(0, 0)
    assert model.hasChildren(year_2024)
    assert model.rowCount(year_2024) == 0
    assert model.canFetchMore(year_2024)

    qtmodeltester.check(model)  # fetches what it explores, as a view would

    fetch_all(model)
    assert sorted(loader.loads, key=str) == sorted([2024, 2017, None], key=str)
    qtmodeltester.check(model)
    january = model.index(0, 0, year_2024)
    assert model.rowCount(year_2024) == 1
    assert january.data() == "January"
    assert [model.index(r, 0, january).data() for r in range(2)] == ["One", "Two"]
    undated = model.index(2, 0)
    assert undated.data(YearRole) is None
    assert model.index(0, 0, undated).data(DocumentIdRole) == 4


def test_year_model_roles(qtmodeltester) -> None:
    loader = FakeLoader()
    model = YearNavigatorModel(loader)
    model.set_years(loader.years())
    fetch_all(model)
    qtmodeltester.check(model)
    year_2024, year_2017 = model.index(0, 0), model.index(1, 0)
    assert year_2024.data(IsYearRole) is True
    assert year_2024.data(CountRole) == 2
    assert year_2024.data(ShareRole) == 1.0
    assert year_2017.data(ShareRole) == 0.5
    assert year_2024.data(Qt.ItemDataRole.ToolTipRole) == "2024: 2 documents"
    january = model.index(0, 0, year_2024)
    assert january.data(IsYearRole) is False
    assert january.data(IsMonthRole) is True
    assert january.data(MonthRole) == 1
    assert january.data(CountRole) == 2
    assert january.data(Qt.ItemDataRole.ToolTipRole) == "January 2024: 2 documents"
    document = model.index(1, 0, january)
    assert document.data(IsYearRole) is False
    assert document.data(IsMonthRole) is False
    assert document.data(DocumentIdRole) == 2
    assert document.parent() == january
    assert january.parent() == year_2024
    assert document.siblingAtColumn(1).data() == "3 Jan"
    assert "Source" in document.data(Qt.ItemDataRole.ToolTipRole)
    assert not model.hasChildren(document)


def test_year_model_finds_a_document_loading_its_year(qtmodeltester) -> None:
    loader = FakeLoader()
    model = YearNavigatorModel(loader)
    model.set_years(loader.years())
    index = model.document_index(3, 2017)
    assert index.isValid()
    assert index.data() == "Three"
    assert loader.loads == [2017]
    assert not model.document_index(99, 2017).isValid()
    assert not model.document_index(1, 1999).isValid()
    qtmodeltester.check(model)


def test_year_model_reset_forgets_loaded_documents(qtmodeltester) -> None:
    loader = FakeLoader()
    model = YearNavigatorModel(loader)
    model.set_years(loader.years())
    fetch_all(model)
    loader.documents[2025] = [summary(5, 2025, "Five")]
    model.set_years(sorted(loader.years(), key=lambda y: -(y.year or 0)))
    assert model.index(0, 0).data() == "2025"
    assert model.rowCount(model.index(0, 0)) == 0
    qtmodeltester.check(model)


@pytest.fixture
def sample_archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as archive:
        archive.import_sample_if_empty()
        yield archive


def test_year_model_on_the_sample_archive(qtmodeltester, sample_archive: Archive) -> None:
    def load(year: int | None) -> Sequence[DocumentSummary]:
        if year is None:
            return sample_archive.list_documents(undated=True)
        return sample_archive.list_documents(year)

    model = YearNavigatorModel(load)
    model.set_years(sample_archive.years())
    qtmodeltester.check(model)
    assert [
        (model.index(r, 0).data(), model.index(r, 0).data(CountRole))
        for r in range(model.rowCount())
    ] == [("2025", 1), ("2024", 1), ("2018", 1), ("2017", 1), ("2016", 1)]

    fetch_all(model)
    qtmodeltester.check(model)
    year_2024 = model.index(1, 0)
    (document,) = sample_archive.list_documents(2024)
    assert model.rowCount(year_2024) == 1
    december = model.index(0, 0, year_2024)
    assert december.data() == "December"
    assert model.index(0, 0, december).data(DocumentIdRole) == document.id
    assert model.index(0, 0, december).data().startswith("PRESS RELEASE")
    assert model.index(0, 1, december).data() == "28 Dec"


def hit(document_id: int, year: int | None, date: str | None) -> SearchHit:
    return SearchHit(document_id, f"Title {document_id}", year, date, 1.0, "a <mark>hit</mark>")


def test_search_results_model(qtmodeltester) -> None:
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_hits([hit(1, 2024, "2024-12-28"), hit(2, 2017, None), hit(3, None, None)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    first, second, third = (model.index(row, 0) for row in range(3))
    assert first.data() == "Title 1"
    assert first.data(HitIdRole) == 1
    assert first.data(SnippetHtmlRole) == "a <mark>hit</mark>"
    assert first.data(DateTextRole) == "2024-12-28"
    assert second.data(DateTextRole) == "2017"
    assert third.data(DateTextRole) == "Undated"
    assert first.data(Qt.ItemDataRole.ToolTipRole).startswith("Title 1\n2024-12-28\n")
    assert model.rowCount(first) == 0
    assert not model.index(3, 0).isValid()
    assert model.data(QModelIndex()) is None
    model.set_hits([])
    assert model.rowCount() == 0
    qtmodeltester.check(model)
