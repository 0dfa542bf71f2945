"""The year tree of a bigger archive: months, dates, order, a filter over titles, a kept place."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from archive.api import Archive
from reader.mainwindow import MainWindow
from reader.navigator.delegate import count_text
from reader.navigator.model import (
    CountRole,
    DocumentIdRole,
    MonthRole,
    SortOrder,
    TotalRole,
    YearNavigatorModel,
)
from reader.navigator.panel import NavigatorPanel
from reader.navigator.state import key_of
from reader.settings import NAVIGATOR_SORT, Settings
from tests.reader.conftest import (
    TASK_TIMEOUT_MS,
    activate,
    open_window,
    wait_idle,
    wait_shown,
)
from tests.reader.navigator_archive import Release, build_archive, releases, write_release

TOTAL = len(releases())


@pytest.fixture(scope="module")
def built_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The releases imported once; each test works on its own copy."""
    root = tmp_path_factory.mktemp("year-tree")
    build_archive(root / "data", root / "files", releases())
    return root / "data"


@pytest.fixture
def tree_window(
    qtbot: QtBot, built_archive: Path, tmp_path: Path, settings: Settings
) -> MainWindow:
    data = tmp_path / "data"
    shutil.copytree(built_archive, data)
    window = open_window(qtbot, data, settings)
    window.resize(900, 700)
    window.navigator_dock.raise_()
    return window


def rows(model: YearNavigatorModel, parent: QModelIndex = QModelIndex()) -> list[QModelIndex]:  # noqa: B008
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def labels(model: YearNavigatorModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [index.data() for index in rows(model, parent)]


def double_click(qtbot: QtBot, window: MainWindow, index: QModelIndex) -> None:
    """Open a year or month as a user does: a click, then a double click."""
    tree = window.navigator
    tree.scrollTo(index)
    centre = tree.visualRect(index).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert tree.isExpanded(index)


def open_month(qtbot: QtBot, window: MainWindow, year: int, month: int | None) -> QModelIndex:
    model = window.navigator_model
    year_index = model.year_row(year)
    if not window.navigator.isExpanded(year_index):
        double_click(qtbot, window, year_index)
    month_index = model.month_row(year, month)
    assert month_index.isValid()
    if not window.navigator.isExpanded(month_index):
        double_click(qtbot, window, month_index)
    return month_index


def click(
    qtbot: QtBot,
    window: MainWindow,
    index: QModelIndex,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    window.navigator.scrollTo(index)
    centre = window.navigator.visualRect(index).center()
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def type_filter(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type into the filter field and wait for the tree to follow."""
    panel = window.navigator_panel
    qtbot.mouseClick(panel.filter_field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_End)
    qtbot.keyClicks(panel.filter_field, text)
    qtbot.waitUntil(lambda: window.navigator_model.filter_text == panel.filter_field.text().strip())


def test_years_hold_months_with_counts_newest_first(qtbot: QtBot, tree_window: MainWindow) -> None:
    model = tree_window.navigator_model
    assert [(y.data(), y.data(CountRole)) for y in rows(model)] == [
        ("2024", 17),
        ("2023", 16),
        ("2021", 6),
        ("Undated", 4),
    ]
    year_2024 = model.year_row(2024)
    double_click(qtbot, tree_window, year_2024)
    months = rows(model, year_2024)
    assert [(m.data(), m.data(MonthRole), m.data(CountRole)) for m in months] == [
        ("March", 3, 9),
        ("January", 1, 6),
        ("No month", None, 2),
    ]
    assert [count_text(m) for m in months] == ["9", "6", "2"]
    assert months[0].data(Qt.ItemDataRole.ToolTipRole) == "March 2024: 9 documents"
    assert months[2].data(Qt.ItemDataRole.ToolTipRole) == "2024, No month: 2 documents"
    # Months span the row; their documents come after a click on the month.
    assert tree_window.navigator.isFirstColumnSpanned(0, year_2024)
    march = open_month(qtbot, tree_window, 2024, 3)
    assert labels(model, march)[:3] == [
        "Café opening in Zürich draws the minister",
        "Trade mission 7 to the northern provinces",
        "Trade mission 6 to the northern provinces",
    ]
    # The undated documents sit directly under "Undated".
    undated = model.year_row(None)
    double_click(qtbot, tree_window, undated)
    assert all(index.data(DocumentIdRole) is not None for index in rows(model, undated))
    assert len(rows(model, undated)) == 4


def test_each_document_shows_its_date_and_an_inferred_one_is_marked(
    qtbot: QtBot, tree_window: MainWindow
) -> None:
    model = tree_window.navigator_model
    march = open_month(qtbot, tree_window, 2024, 3)
    cafe = model.index(0, 0, march)
    assert cafe.siblingAtColumn(1).data() == "20 Mar"
    assert cafe.siblingAtColumn(1).data(Qt.ItemDataRole.FontRole) is None
    tip = cafe.data(Qt.ItemDataRole.ToolTipRole)
    assert "Café opening in Zürich draws the minister" in tip
    assert "20 March 2024" in tip
    assert "inferred" not in tip

    june = open_month(qtbot, tree_window, 2021, 6)
    floods = model.index(0, 0, june)
    assert floods.data() == "Embassy statement on the floods, part 5"
    date = floods.siblingAtColumn(1)
    assert date.data() == "≈ 6 Jun"
    font = date.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    tip = date.data(Qt.ItemDataRole.ToolTipRole)
    assert "6 June 2021 (inferred)" in tip
    assert "Date inferred from: first date in the text" in tip

    no_month = open_month(qtbot, tree_window, 2024, None)
    year_only = model.index(0, 0, no_month).siblingAtColumn(1)
    assert year_only.data() == "≈ 2024"
    assert "Date inferred from: years in the text" in year_only.data(Qt.ItemDataRole.ToolTipRole)


def test_a_narrow_tree_keeps_the_date_in_sight(qtbot: QtBot, tree_window: MainWindow) -> None:
    tree = tree_window.navigator
    dock = tree_window.navigator_dock
    tree_window.resizeDocks([dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() <= 310)
    march = open_month(qtbot, tree_window, 2024, 3)
    title = tree_window.navigator_model.index(1, 0, march)
    date = title.siblingAtColumn(1)
    tree.scrollTo(title)
    viewport = tree.viewport().rect()
    assert viewport.contains(tree.visualRect(date))
    assert tree.visualRect(date).width() >= tree.fontMetrics().horizontalAdvance("≈ 28 Sep")
    assert tree.visualRect(title).right() < tree.visualRect(date).left() + 1
    assert tree.visualRect(title).width() > 100  # room for the title too


def test_sorting_by_title_and_back_by_date_is_remembered(
    qtbot: QtBot, tree_window: MainWindow, settings: Settings
) -> None:
    panel = tree_window.navigator_panel
    model = tree_window.navigator_model
    march = open_month(qtbot, tree_window, 2024, 3)
    by_date = labels(model, march)
    assert by_date[1] == "Trade mission 7 to the northern provinces"
    assert panel.sort_box.currentText() == "Newest first"

    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Down)
    assert panel.sort_box.currentText() == "Title A–Z"
    march = model.month_row(2024, 3)
    assert tree_window.navigator.isExpanded(march)  # the place in the tree is kept
    assert labels(model, march) == ["Café opening in Zürich draws the minister"] + [
        f"Trade mission {n} to the northern provinces" for n in range(8)
    ]
    # Years and months keep their order.
    assert labels(model) == ["2024", "2023", "2021", "Undated"]
    assert labels(model, model.year_row(2024)) == ["March", "January", "No month"]
    assert settings.get(NAVIGATOR_SORT) == "title"
    # A window started later orders by title too.
    later = NavigatorPanel(YearNavigatorModel(tree_window.service.documents_of), settings)
    qtbot.add_widget(later)
    assert later.sort_box.currentText() == "Title A–Z"

    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Up)
    assert labels(model, model.month_row(2024, 3)) == by_date
    assert settings.get(NAVIGATOR_SORT) == "date"


def test_the_filter_keeps_matching_titles_ignoring_case_and_accents(
    qtbot: QtBot, tree_window: MainWindow
) -> None:
    activate(qtbot, tree_window)
    panel = tree_window.navigator_panel
    model = tree_window.navigator_model
    assert panel.filter_field.placeholderText() == "Filter titles"
    assert panel.filter_field.isClearButtonEnabled()
    assert not panel.match_label.isVisible()
    open_month(qtbot, tree_window, 2023, 7)

    # The tree follows once typing pauses, not at each key.
    qtbot.mouseClick(panel.filter_field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.filter_field, "CAFE")
    assert model.filter_text == ""
    assert model.rowCount() == 4
    type_filter(qtbot, tree_window, " zurich")
    assert panel.match_label.isVisible()
    assert panel.match_label.text() == f"1 of {TOTAL} documents"
    assert labels(model) == ["2024"]
    year = model.year_row(2024)
    assert count_text(year) == "1 of 17"
    assert year.data(Qt.ItemDataRole.ToolTipRole) == "2024: 1 of 17 documents match"
    # Few matches: their years and months are opened.
    assert tree_window.navigator.isExpanded(year)
    (march,) = rows(model, year)
    assert count_text(march) == "1 of 9"
    assert tree_window.navigator.isExpanded(march)
    assert labels(model, march) == ["Café opening in Zürich draws the minister"]

    panel.filter_field.clear()
    type_filter(qtbot, tree_window, "notice")
    assert panel.match_label.text() == f"6 of {TOTAL} documents"
    assert labels(model) == ["2023"]
    # Return goes on to the tree, to choose among the matches with the keyboard.
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Return)
    assert tree_window.navigator.hasFocus()
    assert labels(model, model.year_row(2023)) == ["July"]
    assert count_text(model.year_row(2023)) == "6 of 16"

    panel.filter_field.clear()
    type_filter(qtbot, tree_window, "no such title")
    assert panel.match_label.text() == "No titles match"
    assert model.rowCount() == 0

    # Clearing the filter (Escape) shows the whole tree as it was.
    panel.filter_field.setFocus()
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Escape)
    assert panel.filter_field.text() == ""
    qtbot.waitUntil(lambda: model.filter_text == "")
    assert not panel.match_label.isVisible()
    assert labels(model) == ["2024", "2023", "2021", "Undated"]
    assert count_text(model.year_row(2024)) == "17"
    assert tree_window.navigator.isExpanded(model.month_row(2023, 7))
    assert not tree_window.navigator.isExpanded(model.year_row(2024))


def test_a_document_chosen_while_filtering_stays_in_sight_after(
    qtbot: QtBot, tree_window: MainWindow
) -> None:
    panel = tree_window.navigator_panel
    model = tree_window.navigator_model
    type_filter(qtbot, tree_window, "floods part 3")
    (document,) = rows(model, model.month_row(2021, 6))
    document_id = document.data(DocumentIdRole)
    click(qtbot, tree_window, document)
    wait_shown(qtbot, tree_window, document_id)
    panel.filter_field.clear()
    qtbot.waitUntil(lambda: model.filter_text == "")
    current = tree_window.navigator.currentIndex()
    assert current.data(DocumentIdRole) == document_id
    assert tree_window.navigator.isExpanded(current.parent())
    assert (
        tree_window.navigator.viewport()
        .rect()
        .intersects(tree_window.navigator.visualRect(current))
    )


def test_several_documents_are_selected_with_shift(qtbot: QtBot, tree_window: MainWindow) -> None:
    model = tree_window.navigator_model
    march = open_month(qtbot, tree_window, 2024, 3)
    first, _, third = rows(model, march)[:3]
    click(qtbot, tree_window, first)
    wait_shown(qtbot, tree_window, first.data(DocumentIdRole))
    click(qtbot, tree_window, third, Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, tree_window)
    expected = [index.data(DocumentIdRole) for index in rows(model, march)[:3]]
    qtbot.waitUntil(lambda: tree_window.navigator.selected_document_ids() == expected)
    qtbot.keyClick(tree_window.navigator, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, tree_window)
    expected = [index.data(DocumentIdRole) for index in rows(model, march)[:4]]
    qtbot.waitUntil(lambda: tree_window.navigator_panel.selected_document_ids() == expected)


def test_a_refresh_keeps_what_is_open_selected_and_scrolled(
    qtbot: QtBot, tree_window: MainWindow, tmp_path: Path
) -> None:
    tree = tree_window.navigator
    model = tree_window.navigator_model
    tree_window.resize(700, 420)
    open_month(qtbot, tree_window, 2023, 7)
    march = open_month(qtbot, tree_window, 2024, 3)
    first, second = rows(model, march)[2:4]
    click(qtbot, tree_window, first)
    wait_shown(qtbot, tree_window, first.data(DocumentIdRole))
    click(qtbot, tree_window, second, Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, tree_window)
    selected = tree.selected_document_ids()
    assert len(selected) == 2
    tree.verticalScrollBar().setValue(tree.verticalScrollBar().maximum())
    top = key_of(tree.indexAt(QPoint(0, 0)))
    assert top is not None

    # Another program adds a release to March 2024.
    folder = tmp_path / "more"
    folder.mkdir()
    path = write_release(folder, 99, Release("A late addition", "2024-03-30"))
    with Archive(tree_window.service.data_dir) as other:
        other.import_paths([path])
    tree_window.refresh_navigator()

    assert model.year_row(2024).data(CountRole) == 18
    march = model.month_row(2024, 3)
    assert model.index(0, 0, march).data() == "A late addition"
    assert tree.isExpanded(model.year_row(2024))
    assert tree.isExpanded(march)
    assert tree.isExpanded(model.month_row(2023, 7))
    assert not tree.isExpanded(model.year_row(2021))
    assert tree.selected_document_ids() == selected
    assert key_of(tree.indexAt(QPoint(0, 0))) == top
    assert tree.currentIndex().data(DocumentIdRole) in selected


def test_an_open_document_is_found_in_its_month(qtbot: QtBot, tree_window: MainWindow) -> None:
    model = tree_window.navigator_model
    (notice,) = [
        d for d in tree_window.service.documents_of(2023) if d.title == "Aviation safety notice 3"
    ]
    index = model.document_index(notice.id, 2023)
    assert index.isValid()
    assert index.parent().data() == "July"
    assert index.parent().parent().data() == "2023"

    tree_window.open_document(notice.id)
    wait_shown(qtbot, tree_window, notice.id)
    qtbot.waitUntil(
        lambda: tree_window.navigator.currentIndex().data(DocumentIdRole) == notice.id,
        timeout=TASK_TIMEOUT_MS,
    )
    current = tree_window.navigator.currentIndex()
    assert tree_window.navigator.isExpanded(current.parent())
    assert tree_window.navigator.isExpanded(current.parent().parent())


def test_the_model_passes_qt_checks_filtered_and_sorted(
    qtmodeltester, tree_window: MainWindow
) -> None:
    service = tree_window.service
    model = YearNavigatorModel(
        service.documents_of,
        load_titles=service.document_titles,
        load_date_evidence=service.date_evidence,
    )
    model.set_years(service.years())
    qtmodeltester.check(model)
    model.set_filter("mission")
    qtmodeltester.check(model)
    assert model.shown_documents == 8
    assert [i.data(TotalRole) for i in rows(model)] == [17]
    model.set_sort_order(SortOrder.TITLE)
    qtmodeltester.check(model)
    model.set_filter("")
    qtmodeltester.check(model)
    assert model.shown_documents == TOTAL


def test_where_an_inferred_date_was_read_is_asked_for_by_its_tool_tip_only(
    tree_window: MainWindow,
) -> None:
    """Opening a year reads no evidence; a tool tip reads its own document's, once."""
    service = tree_window.service
    asked: list[list[int]] = []

    def evidence(ids: Sequence[int]) -> dict[int, str]:
        asked.append(list(ids))
        return service.date_evidence(ids)

    model = YearNavigatorModel(service.documents_of, load_date_evidence=evidence)
    model.set_years(service.years())
    model.fetchMore(model.year_row(2021))
    june = model.month_row(2021, 6)
    assert asked == []
    floods = model.index(0, 1, june)
    assert "Date inferred from: first date in the text" in floods.data(Qt.ItemDataRole.ToolTipRole)
    assert "Date inferred from: first date in the text" in floods.data(Qt.ItemDataRole.ToolTipRole)
    assert asked == [[floods.data(DocumentIdRole)]]
