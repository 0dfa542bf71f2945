"""The search panel: filtering by a year of the chart, malformed queries, "did you mean"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from reader.mainwindow import MainWindow
from reader.settings import SEARCH_SORT
from tests.reader.conftest import TASK_TIMEOUT_MS, type_search


def selected_year(window: MainWindow) -> int | str | None:
    return window.search_panel.chart.selected_year


def years_listed(window: MainWindow) -> list[int | None]:
    model = window.search_panel.model
    return [model.hit(row).year for row in range(model.rowCount())]


def click_year(qtbot: QtBot, window: MainWindow, year: int) -> None:
    chart = window.search_panel.chart
    x = chart.bar_centre(year)
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))


def test_clicking_a_year_bar_filters_the_results(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "Hajiyev")
    chart = window.search_panel.chart
    assert chart.counts() == {2018: 1, 2025: 1}
    assert sorted(years_listed(window), key=str) == [2018, 2025]
    assert window.search_panel.status.text() == "2 matches"

    click_year(qtbot, window, 2018)
    assert years_listed(window) == [2018]
    assert selected_year(window) == 2018
    assert chart.counts() == {2018: 1, 2025: 1}  # the chart still shows every year
    assert window.search_panel.status.text() == "1 match in 2018"

    click_year(qtbot, window, 2025)
    assert years_listed(window) == [2025]
    assert selected_year(window) == 2025

    click_year(qtbot, window, 2025)  # the selected year again: no filter
    assert sorted(years_listed(window), key=str) == [2018, 2025]
    assert selected_year(window) is None

    # A new query starts unfiltered.
    click_year(qtbot, window, 2018)
    type_search(qtbot, window, "pragmatic")
    assert selected_year(window) is None
    assert sorted(years_listed(window), key=str) == [2018, 2024]


def wait_for_status(qtbot: QtBot, window: MainWindow, text: str) -> str:
    status = window.search_panel.status
    qtbot.waitUntil(lambda: text in status.text(), timeout=TASK_TIMEOUT_MS)
    return status.text()


def test_malformed_queries_say_what_is_wrong(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "COP29")
    assert window.search_panel.model.rowCount() == 1

    qtbot.keyClicks(window.search_field, " year:abc")
    message = wait_for_status(qtbot, window, "4-digit year")
    assert "year:2024" in message
    assert window.search_panel.model.rowCount() == 0
    assert window.search_panel.chart.counts() == {}

    window.search_field.clear()
    qtbot.keyClicks(window.search_field, '"unbalanced')
    assert "closing" in wait_for_status(qtbot, window, "Unbalanced quotes")
    assert window.search_panel.model.rowCount() == 0


def test_a_misspelling_offers_a_correction(qtbot: QtBot, window: MainWindow) -> None:
    results = type_search(qtbot, window, "diplomcy")
    assert results.total == 0
    status = window.search_panel.status.text()
    assert "No matches for <b>diplomcy</b>" in status
    assert "Did you mean" in status
    assert 'href="suggest:diplomacy"' in status

    # Following the suggestion searches for it.
    with qtbot.waitSignal(
        window.search_finished,
        timeout=TASK_TIMEOUT_MS,
        check_params_cb=lambda found: found.query == "diplomacy",
    ):
        window.search_panel.status.linkActivated.emit("suggest:diplomacy")
    assert window.search_field.text() == "diplomacy"
    assert window.search_panel.model.rowCount() > 0


def test_sort_order_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "Azerbaijan")
    panel = window.search_panel
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS):
        panel.sort_box.setCurrentIndex(panel.sort_box.findData("date"))
    years = years_listed(window)
    assert years == sorted(years, key=lambda year: -(year or 0))
    assert window.settings.get(SEARCH_SORT) == "date"


def test_typing_searches_at_once_and_shows_only_the_latest_query(
    qtbot: QtBot, window: MainWindow
) -> None:
    sent: list[str] = []
    shown: list[str] = []
    window.search.started.connect(lambda: sent.append(window.search_field.text()))
    window.search.finished.connect(lambda results: shown.append(results.query))

    # The first key starts a search at once (no pause to wait for); the keys typed while
    # it runs are gathered into one more search, of what the field then holds.
    type_search(qtbot, window, "Hajiyev")

    assert sent[0] == "H"
    assert sent[-1] == "Hajiyev"
    assert len(sent) < len("Hajiyev")  # typed-over searches were never sent
    assert shown == ["Hajiyev"]  # nor were their results shown
    assert window.search_panel.status.text() == "2 matches"


def test_a_cleared_field_drops_the_search_still_running(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "Hajiyev")
    shown: list[str] = []
    window.search.finished.connect(lambda results: shown.append(results.query))
    with qtbot.waitSignal(window.search.started, timeout=TASK_TIMEOUT_MS):
        qtbot.keyClicks(window.search_field, "x")
    window.search_field.clear()
    qtbot.waitUntil(lambda: not window.service.busy, timeout=TASK_TIMEOUT_MS)
    qtbot.wait(50)
    assert shown == []
    assert window.search_panel.model.rowCount() == 0
