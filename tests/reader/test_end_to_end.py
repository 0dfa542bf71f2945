"""End to end on the sample archive: navigate, search, open a result, compare two releases."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.document.pane import SEARCH_HIT_COLOUR, DocumentPane
from reader.mainwindow import MainWindow
from tests.reader.conftest import (
    TASK_TIMEOUT_MS,
    activate,
    click_navigator,
    document_id_of,
    navigator_row,
    open_year,
    type_search,
    wait_shown,
)


def highlighted_texts(pane: DocumentPane) -> set[str]:
    """The texts marked in the pane, in lower case."""
    return {selection.cursor.selectedText().lower() for selection in pane.view.extraSelections()}


def click_result(qtbot: QtBot, window: MainWindow, row: int, modifier: Qt.KeyboardModifier) -> None:
    panel = window.search_panel
    centre = panel.list.visualRect(panel.model.index(row, 0)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def pick_2024_in_the_navigator(qtbot: QtBot, window: MainWindow) -> DocumentPane:
    """A double click opens the year, another its month, a click opens its release."""
    year_index = window.navigator_model.year_row(2024)
    centre = window.navigator.visualRect(year_index).center()
    # QTest's double click is the second click only: the first is sent on its own.
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.navigator.isExpanded(year_index)
    month_index = window.navigator_model.index(0, 0, year_index)
    assert month_index.data() == "December"
    centre = window.navigator.visualRect(month_index).center()
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.navigator.isExpanded(month_index)
    click_navigator(qtbot, window, window.navigator_model.index(0, 0, month_index))
    pane = wait_shown(qtbot, window, document_id_of(window, 2024))
    assert pane is window.panes[0]
    assert pane.title_label.text().startswith("PRESS RELEASE")
    return pane


def search_and_open_the_top_result(qtbot: QtBot, window: MainWindow, pane: DocumentPane) -> None:
    results = type_search(qtbot, window, "COP29")
    panel = window.search_panel
    assert panel.isVisible()
    assert panel.chart.counts() == {2024: 1}
    assert panel.model.rowCount() == results.total == 1
    assert panel.status.text() == "1 match"

    # Its hits are marked, and the first is shown.
    click_result(qtbot, window, 0, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: pane.hit_label.text().startswith("hit 1 of"), timeout=TASK_TIMEOUT_MS)
    hits = pane.hits
    assert pane.hit_label.text() == f"hit 1 of {len(hits)}"
    assert len(hits) > 1
    selections = pane.view.extraSelections()
    assert len(selections) == len(hits)
    assert highlighted_texts(pane) == {"cop29"}
    assert all(s.format.background().color() == SEARCH_HIT_COLOUR for s in selections)
    assert pane.view.textCursor().selectedText().lower() == "cop29"
    assert pane.view.textCursor().selectionStart() == hits[0][0]


def step_through_hits_with_f3(qtbot: QtBot, pane: DocumentPane) -> None:
    total = len(pane.hits)
    qtbot.keyClick(pane.view, Qt.Key.Key_F3)
    assert pane.hit_label.text() == f"hit 2 of {total}"
    assert pane.view.textCursor().selectionStart() == pane.hits[1][0]
    qtbot.keyClick(pane.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.hit_label.text() == f"hit 1 of {total}"


def open_2017_beside(qtbot: QtBot, window: MainWindow, pane: DocumentPane) -> DocumentPane:
    """Ctrl+click in the navigator opens a document in the second pane."""
    index_2017 = navigator_row(qtbot, window, 2017)
    click_navigator(qtbot, window, index_2017, Qt.KeyboardModifier.ControlModifier)
    beside = wait_shown(qtbot, window, document_id_of(window, 2017))
    assert beside is window.panes[1]
    assert beside.isVisible() and pane.isVisible()
    assert pane.document_id == document_id_of(window, 2024)
    assert beside.hits == []  # COP29 is not in the 2017 release
    return beside


def test_read_search_and_compare(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    pane = pick_2024_in_the_navigator(qtbot, window)
    search_and_open_the_top_result(qtbot, window, pane)
    step_through_hits_with_f3(qtbot, pane)
    beside = open_2017_beside(qtbot, window, pane)

    # A query that matches both: both panes mark their hits.
    type_search(qtbot, window, "COP29 OR multidimensional")
    assert window.search_panel.chart.counts() == {2017: 1, 2024: 1}
    qtbot.waitUntil(lambda: bool(pane.hits) and bool(beside.hits), timeout=TASK_TIMEOUT_MS)
    assert highlighted_texts(pane) == {"cop29"}
    assert highlighted_texts(beside) == {"multidimensional"}
    assert beside.hit_label.text() == f"{len(beside.hits)} hits"

    # Clearing the search clears the marks.
    window.search_field.clear()
    qtbot.waitUntil(lambda: not pane.hits and not beside.hits)
    assert pane.view.extraSelections() == []
    assert pane.hit_label.text() == ""


def test_ctrl_click_on_a_result_opens_it_beside(qtbot: QtBot, window: MainWindow) -> None:
    left = open_year(qtbot, window, 2025)
    type_search(qtbot, window, "pragmatic")
    panel = window.search_panel
    assert panel.chart.counts() == {2018: 1, 2024: 1}
    row_2018 = next(row for row in range(2) if panel.model.hit(row).year == 2018)
    click_result(qtbot, window, row_2018, Qt.KeyboardModifier.ControlModifier)
    beside = wait_shown(qtbot, window, document_id_of(window, 2018))
    assert beside is window.panes[1]
    assert left.document_id == document_id_of(window, 2025)
    qtbot.waitUntil(lambda: beside.hit_label.text().startswith("hit 1 of"))
    assert highlighted_texts(beside) == {"pragmatic"}

    # A plain click opens a result in the active pane: now the second one.
    row_2024 = 1 - row_2018
    click_result(qtbot, window, row_2024, Qt.KeyboardModifier.NoModifier)
    wait_shown(qtbot, window, document_id_of(window, 2024))
    assert beside.document_id == document_id_of(window, 2024)
    assert left.document_id == document_id_of(window, 2025)
