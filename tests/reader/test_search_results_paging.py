"""A big result set in the window: scrolled to its end a page at a time, opened by arrow keys,
filtered to its undated matches; inferred dates marked; an invalid query clears the hits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from archive.api import Archive
from reader.mainwindow import MainWindow
from reader.search.results_model import DateTextRole
from reader.search.year_chart import UNDATED, ChartKey
from reader.settings import Settings
from tests.many_documents import COMMON_WORD
from tests.reader.big_archive import (
    DATED,
    INFERRED_TITLE,
    UNDATED_COUNT,
    build_big_archive,
    copy_archive,
)
from tests.reader.conftest import (
    TASK_TIMEOUT_MS,
    activate,
    open_window,
    type_search,
    wait_shown,
)

TOTAL = DATED + UNDATED_COUNT


@pytest.fixture(scope="module")
def built_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_big_archive(tmp_path_factory.mktemp("big"))


@pytest.fixture
def big_window(qtbot: QtBot, built_archive: Path, data_dir: Path, settings: Settings) -> MainWindow:
    copy_archive(built_archive, data_dir)
    return open_window(qtbot, data_dir, settings)


def listed_ids(window: MainWindow) -> list[int]:
    model = window.search_panel.model
    return [model.hit(row).id for row in range(model.rowCount())]


def scroll_to_the_end(qtbot: QtBot, window: MainWindow, rows: int | None = None) -> None:
    """Scroll the results to the bottom again and again, as a reader would, until every hit
    (or ``rows`` of them) is listed."""
    view = window.search_panel.list
    model = window.search_panel.model

    def listed() -> bool:
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum())
        if model.fetching:
            return False
        return not model.canFetchMore(QModelIndex()) or (
            rows is not None and model.rowCount() >= rows
        )

    qtbot.waitUntil(listed, timeout=60_000)


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_scrolling_to_the_end_lists_every_match_once_in_order(
    qtbot: QtBot, qtmodeltester: ModelTester, big_window: MainWindow, sort: str
) -> None:
    window = big_window
    panel = window.search_panel
    if sort == "date":
        panel.sort_box.setCurrentIndex(panel.sort_box.findData("date"))
    results = type_search(qtbot, window, COMMON_WORD)
    assert results.total == TOTAL
    assert panel.model.rowCount() == 50
    assert panel.status.text() == f"{TOTAL} matches"  # no "showing the first 50"

    qtmodeltester.check(panel.model)  # which fetches a page too, as a view would
    window.search_dock.raise_()
    scroll_to_the_end(qtbot, window)

    whole = window.service.reads.search(COMMON_WORD, limit=10_000, sort=panel.sort)
    assert listed_ids(window) == [hit.id for hit in whole.hits]
    assert len(set(listed_ids(window))) == TOTAL
    assert panel.model.rowCount() == TOTAL
    assert not panel.model.canFetchMore(QModelIndex())
    assert panel.status.text() == f"{TOTAL} matches"


def row_centre(window: MainWindow, row: int) -> QPoint:
    view = window.search_panel.list
    index = window.search_panel.model.index(row, 0)
    view.scrollTo(index)
    return view.visualRect(index).center()


def test_arrow_keys_open_the_result_they_move_to(qtbot: QtBot, big_window: MainWindow) -> None:
    window = big_window
    panel = window.search_panel
    type_search(qtbot, window, COMMON_WORD)
    window.search_dock.raise_()
    chosen: list[int] = []
    panel.result_chosen.connect(chosen.append)

    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(window, 0))
    first = panel.model.hit(0).id
    wait_shown(qtbot, window, first)
    assert chosen == [first]

    activate(qtbot, window)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    second = panel.model.hit(1).id
    assert chosen == [first, second]  # once, not twice
    assert wait_shown(qtbot, window, second).document_id == second
    assert panel.list.currentIndex().row() == 1
    assert panel.list.hasFocus()  # the next key moves on in the list

    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    third = panel.model.hit(2).id
    assert wait_shown(qtbot, window, third).document_id == third
    assert chosen == [first, second, third]

    # Fetching more rows (the list scrolled to its end) opens nothing.
    scroll_to_the_end(qtbot, window, 100)
    assert chosen == [first, second, third]
    assert panel.list.currentIndex().row() == 2

    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    assert chosen[-1] == second
    assert wait_shown(qtbot, window, second).document_id == second


def chosen_bar(window: MainWindow) -> ChartKey | None:
    return window.search_panel.chart.selected_year


def test_clicking_the_undated_bar_lists_only_the_undated_matches(
    qtbot: QtBot, big_window: MainWindow
) -> None:
    window = big_window
    panel = window.search_panel
    type_search(qtbot, window, COMMON_WORD)
    chart = panel.chart
    assert chart.undated_count() == UNDATED_COUNT
    assert sum(chart.counts().values()) == DATED

    x = chart.bar_centre(UNDATED)
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))
    assert chosen_bar(window) == UNDATED
    assert panel.model.rowCount() == UNDATED_COUNT
    assert all(panel.model.hit(row).year is None for row in range(UNDATED_COUNT))
    assert panel.status.text() == f"{UNDATED_COUNT} matches without a date"
    assert chart.undated_count() == UNDATED_COUNT  # the chart still shows every year
    assert sum(chart.counts().values()) == DATED

    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))
    assert chosen_bar(window) is None
    assert panel.status.text() == f"{TOTAL} matches"


def test_the_chart_runs_in_the_navigators_order(qtbot: QtBot, big_window: MainWindow) -> None:
    window = big_window
    type_search(qtbot, window, COMMON_WORD)
    chart = window.search_panel.chart
    navigator = window.navigator_model
    years = [*sorted(chart.counts(), reverse=True)]
    keys: list[ChartKey] = [*years, UNDATED]
    rows = [navigator.year_row(year).row() for year in years] + [navigator.year_row(None).row()]
    assert rows == sorted(rows)  # the navigator: newest first, undated last
    centres = [chart.bar_centre(key) for key in keys]
    assert centres == sorted(centres)  # the chart: likewise, left to right


def test_an_inferred_date_is_marked_in_the_results(qtbot: QtBot, big_window: MainWindow) -> None:
    window = big_window
    type_search(qtbot, window, f'"{INFERRED_TITLE}"')
    model = window.search_panel.model
    assert model.rowCount() == 1
    index = model.index(0, 0)
    assert index.data(DateTextRole) == "≈ 1999-03-03"
    assert "Date inferred from: dateline" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "(inferred)" in index.data(Qt.ItemDataRole.AccessibleTextRole)

    type_search(qtbot, window, "number 7")
    stated = next(
        row
        for row in range(model.rowCount())
        if model.hit(row).title.startswith("Release number 7 ")
    )
    assert not model.index(stated, 0).data(DateTextRole).startswith("≈")


def test_an_invalid_query_clears_the_open_documents_hits(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.search_panel
    type_search(qtbot, window, "Hajiyev")
    window.search_dock.raise_()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(window, 0))
    pane = wait_shown(qtbot, window, panel.model.hit(0).id)
    qtbot.waitUntil(lambda: bool(pane.hits), timeout=TASK_TIMEOUT_MS)
    assert "hit" in pane.hit_label.text()

    window.search_field.setFocus()
    window.search_field.end(False)
    qtbot.keyClicks(window.search_field, " AND")
    status = panel.status
    qtbot.waitUntil(lambda: "AND needs something" in status.text(), timeout=TASK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not pane.hits, timeout=TASK_TIMEOUT_MS)
    assert pane.hit_label.text() == ""
    assert window.search.query == ""
    assert panel.model.rowCount() == 0
    assert "<" not in status.text().split(">", 1)[-1].removesuffix("</span>")  # plain words


def test_documents_imported_meanwhile_never_list_a_hit_twice(
    qtbot: QtBot, big_window: MainWindow, tmp_path: Path
) -> None:
    window = big_window
    type_search(qtbot, window, COMMON_WORD)
    first_page = listed_ids(window)
    before = {hit.id for hit in window.service.reads.search(COMMON_WORD, limit=10_000).hits}

    # Another program imports documents that rank first: every later page shifts down.
    files = tmp_path / "more"
    files.mkdir()
    for number in range(20):
        (files / f"more-{number}.md").write_text(
            f"# The {COMMON_WORD} {COMMON_WORD} {number}\n\nThe {COMMON_WORD}, the {COMMON_WORD}"
            f" and the {COMMON_WORD} again, item {number} of the {COMMON_WORD} list.\n",
            encoding="utf-8",
        )
    with Archive(window.service.reads.data_dir) as other:
        other.import_paths([files])

    window.search_dock.raise_()
    scroll_to_the_end(qtbot, window)
    ids = listed_ids(window)
    assert ids[:50] == first_page
    assert len(ids) == len(set(ids))  # each once, though the pages overlapped by 20
    # Every match of the search shown, once: the new ones rank before the pages fetched
    # since, and a search typed again lists them.
    assert set(ids) == before
