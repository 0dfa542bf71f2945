"""View › Compare: two sides compared off the GUI thread, a term searched within its side."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from archive.compare_sides import year_side
from archive.keyness import KeyTerm
from archive.models import SearchResults
from reader.compare.dock import CompareDock
from reader.compare.panel import ERROR_ON_DARK, OUT_OF_DATE_TEXT, ComparePanel
from reader.compare.side_chooser import SideChooser, SideKindChoice
from reader.compare.terms_model import COUNT, DOCUMENTS, SCORE, TERM, KeyTermsModel
from reader.mainwindow import MainWindow
from reader.search.year_chart import UNDATED
from reader.settings import Settings
from tests.archive.compare_archive import compare_archive_in
from tests.reader.conftest import TASK_TIMEOUT_MS, open_window, type_search
from tests.reader.menu_helpers import menu_action


@pytest.fixture(scope="module")
def built_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compare_archive_in(tmp_path_factory, "compare-view")


@pytest.fixture
def window(qtbot: QtBot, built_archive: Path, tmp_path: Path, settings: Settings) -> MainWindow:
    data = tmp_path / "data"
    shutil.copytree(built_archive, data)
    window = open_window(qtbot, data, settings)
    window.resize(1100, 800)
    return window


def open_compare(qtbot: QtBot, window: MainWindow) -> CompareDock:
    """View › Compare, as a user opens it; its sources read."""
    menu_action(window, "View", "Compare Years or Sets…").trigger()
    dock = window.compare_dock
    qtbot.waitUntil(dock.isVisible)
    qtbot.waitUntil(lambda: dock.panel.side_a.source.count() == 2, timeout=TASK_TIMEOUT_MS)
    return dock


def compare(qtbot: QtBot, dock: CompareDock) -> None:
    with qtbot.waitSignal(dock.compared, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(dock.panel.compare_button, Qt.MouseButton.LeftButton)


def cells(panel: ComparePanel, side: int, row: int) -> list[str]:
    model = panel.tables[side].model()
    return [str(model.index(row, column).data()) for column in (TERM, SCORE, COUNT, DOCUMENTS)]


def activate_term(qtbot: QtBot, window: MainWindow, side: int, term: str) -> SearchResults:
    """Double-click a term in a side's table; the search results it brings."""
    table = window.compare_dock.panel.tables[side]
    model = table.model()
    (row,) = [r for r in range(model.rowCount()) if model.index(r, TERM).data() == term]
    index: QModelIndex = model.index(row, TERM)
    table.scrollTo(index)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS) as blocker:
        # A double-click is a press, a release, then the double-click itself.
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    results: SearchResults = blocker.args[0]
    return results


def write_release_file(window: MainWindow) -> Path:
    path = window.service.data_dir.parent / "late.txt"
    path.write_text('---\ntitle: "Late"\ndate: "2016-12-30"\n---\n\nA late pipeline.\n')
    return path


def choose_year(chooser: SideChooser, year: int) -> None:
    chooser.choose(SideKindChoice.YEAR)
    chooser.year.setCurrentIndex(chooser.year.findData(year))


def test_the_terms_model_is_a_sound_table(qtmodeltester) -> None:
    model = KeyTermsModel()
    model.set_terms(
        [
            KeyTerm("pipeline", 18.6, 16, 0, 4, 4.6, False),
            KeyTerm("Nagorno-Karabakh", 4.7, 4, 0, 4, 2.7, True),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, TERM).data() == "Nagorno-Karabakh"
    assert model.index(0, SCORE).data() == "18.6"
    assert model.headerData(COUNT, Qt.Orientation.Horizontal) == "Here"


def test_two_years_compared_list_each_sides_terms(qtbot: QtBot, window: MainWindow) -> None:
    dock = open_compare(qtbot, window)
    panel = dock.panel
    years = [panel.side_a.year.itemData(row) for row in range(panel.side_a.year.count())]
    assert years == [2024, 2016]
    # At first: the year before the newest against the newest.
    assert (panel.side_a.side(), panel.side_b.side()) == (year_side(2016), year_side(2024))
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert panel.summary.text() == "Comparing 2016 with 2024…"  # while it runs elsewhere
    qtbot.waitUntil(lambda: dock.comparison is not None, timeout=TASK_TIMEOUT_MS)

    assert cells(panel, 0, 0) == ["pipeline", "18.6", "16", "4"]
    assert cells(panel, 1, 0) == ["COP29", "26.2", "16", "4"]
    assert panel.titles[0].text().startswith("More in 2016: ")
    assert panel.titles[1].text().startswith("More in 2024: ")
    summary = panel.summary.text()
    assert "<b>2016</b>: 8 documents, 446 words" in summary
    assert "<b>2024</b>: 8 documents, 352 words" in summary

    # Documents imported meanwhile: the terms stay, marked as out of date.
    with qtbot.waitSignal(window.service.documents_changed, timeout=TASK_TIMEOUT_MS):
        window.import_paths([write_release_file(window)])
    assert OUT_OF_DATE_TEXT in panel.summary.text()
    assert cells(panel, 0, 0)[0] == "pipeline"


def test_a_term_of_a_year_is_searched_with_the_years_filter(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = open_compare(qtbot, window)
    compare(qtbot, dock)
    results = activate_term(qtbot, window, 0, "Nagorno-Karabakh")
    assert window.search_field.text() == '"Nagorno-Karabakh"'
    assert window.search_panel.chart.selected_year == 2016
    assert results.total == 4
    assert window.search_panel.status.text() == "4 matches in 2016"
    assert {hit.year for hit in results.hits} == {2016}
    assert window.search_dock.isVisible()


def test_a_term_of_a_source_is_searched_with_a_query_naming_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = open_compare(qtbot, window)
    panel = dock.panel
    panel.side_a.choose(SideKindChoice.SOURCE)
    panel.side_a.source.setCurrentIndex(panel.side_a.source.findData("AZERTAC"))
    assert panel.side_a.source.currentText() == "AZERTAC (8)"
    choose_year(panel.side_b, 2016)
    compare(qtbot, dock)
    assert panel.titles[0].text().startswith("More in source AZERTAC")
    assert cells(panel, 0, 0)[0] == "COP29"
    results = activate_term(qtbot, window, 0, "climate finance")
    assert window.search_field.text() == '"climate finance" source:"AZERTAC"'
    assert window.search_panel.chart.selected_year is None
    assert results.total == 4


def test_the_current_search_against_the_undated_documents(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "pipeline")
    dock = open_compare(qtbot, window)
    panel = dock.panel
    panel.side_a.choose(SideKindChoice.CURRENT_SEARCH)
    assert panel.side_a.current_search.text() == "“pipeline”"
    panel.side_b.choose(SideKindChoice.UNDATED)
    compare(qtbot, dock)
    comparison = dock.comparison
    assert comparison is not None
    assert (comparison.a.documents, comparison.b.documents) == (4, 1)
    # One short undated note: no term of the four releases is sure to be more frequent.
    assert panel.titles[0].text() == "More in search “pipeline”: none"
    assert cells(panel, 1, 0)[0] == "sturgeon"
    assert cells(panel, 1, 0)[2:] == ["3", "1"]
    results = activate_term(qtbot, window, 1, "sturgeon")
    assert window.search_field.text() == '"sturgeon"'
    assert window.search_panel.chart.selected_year == UNDATED
    assert results.total == 1
    assert window.search_panel.status.text() == "1 match without a date"


def test_a_typed_query_side_and_swapping_the_sides(qtbot: QtBot, window: MainWindow) -> None:
    dock = open_compare(qtbot, window)
    panel = dock.panel
    panel.side_a.choose(SideKindChoice.QUERY)
    assert not panel.compare_button.isEnabled()  # no query yet
    qtbot.keyClicks(panel.side_a.query, "COP29")
    assert panel.compare_button.isEnabled()
    choose_year(panel.side_b, 2016)
    qtbot.mouseClick(panel.swap_button, Qt.MouseButton.LeftButton)
    assert panel.side_a.choice is SideKindChoice.YEAR and panel.side_a.year.currentData() == 2016
    assert panel.side_b.choice is SideKindChoice.QUERY and panel.side_b.query.text() == "COP29"
    with qtbot.waitSignal(dock.compared, timeout=TASK_TIMEOUT_MS):
        qtbot.keyClick(panel.side_b.query, Qt.Key.Key_Return)  # Enter compares
    assert cells(panel, 0, 0)[0] == "pipeline"
    assert cells(panel, 1, 0)[0] == "COP29"
    # A term of a search side: the term AND the search.
    results = activate_term(qtbot, window, 1, "climate finance")
    assert window.search_field.text() == '"climate finance" AND (COP29)'
    assert results.total == 4


def test_the_same_documents_on_both_sides_are_explained(qtbot: QtBot, window: MainWindow) -> None:
    dock = open_compare(qtbot, window)
    panel = dock.panel
    choose_year(panel.side_a, 2024)
    panel.side_b.choose(SideKindChoice.SOURCE)
    panel.side_b.source.setCurrentIndex(panel.side_b.source.findData("AZERTAC"))
    with qtbot.waitSignal(dock.compare_failed, timeout=TASK_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    message = "Both sides are the same 8 documents: choose two different sets."
    assert blocker.args == [message]
    assert message in panel.summary.text()
    assert panel.models[0].rowCount() == panel.models[1].rowCount() == 0


def test_an_error_stays_readable_in_a_dark_palette(qtbot: QtBot) -> None:
    panel = ComparePanel()
    qtbot.add_widget(panel)
    palette = panel.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    panel.setPalette(palette)
    panel.show_error("There are no undated documents: every document has a date.")
    assert ERROR_ON_DARK in panel.summary.text()
