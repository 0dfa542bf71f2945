"""The year navigator in the window: years newest first, opening documents here or beside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from archive.api import Archive
from reader.mainwindow import MainWindow
from reader.navigator.model import CountRole, DocumentIdRole
from reader.settings import Settings
from tests.reader.conftest import (
    activate,
    click_navigator,
    document_id_of,
    navigator_row,
    open_window,
    open_year,
    wait_shown,
)


def test_years_newest_first_with_counts(window: MainWindow) -> None:
    model = window.navigator_model
    years = [model.index(row, 0) for row in range(model.rowCount())]
    assert [(y.data(), y.data(CountRole)) for y in years] == [
        ("2025", 1),
        ("2024", 1),
        ("2018", 1),
        ("2017", 1),
        ("2016", 1),
    ]
    assert window.status_label.text() == "5 documents in 5 years"


def test_clicking_a_document_opens_it_with_its_header(qtbot: QtBot, window: MainWindow) -> None:
    assert window.empty_label.isVisible()
    pane = open_year(qtbot, window, 2024)
    assert pane is window.panes[0]
    assert pane.isVisible()
    assert not window.empty_label.isVisible()
    assert not window.panes[1].isVisible()
    title = "PRESS RELEASE of the Ministry of Foreign Affairs of the Republic of Azerbaijan"
    assert pane.title_label.text().startswith(title)
    assert window.windowTitle().startswith(title)
    header = pane.view.toPlainText().split("\n")[:2]
    assert header[0].startswith(title)
    assert "2024-12-28" in header[1]
    assert "inferred" not in header[1]
    assert "Ministry of Foreign Affairs of Azerbaijan" in header[1]
    # The navigator shows which document is open.
    assert window.navigator.currentIndex().data(DocumentIdRole) == document_id_of(window, 2024)


def test_an_inferred_date_says_so(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2017)
    header = pane.view.toPlainText().split("\n")[1]
    assert "2017 (inferred)" in header
    pane = open_year(qtbot, window, 2018)
    header = pane.view.toPlainText().split("\n")[1]
    assert "2018-12-22 (inferred)" in header
    assert "AZERTAC" in header


def test_ctrl_click_opens_beside(qtbot: QtBot, window: MainWindow) -> None:
    first = open_year(qtbot, window, 2025)
    second = open_year(qtbot, window, 2016, beside=True)
    assert first is window.panes[0]
    assert second is window.panes[1]
    assert first.isVisible() and second.isVisible()
    assert first.document is not None and first.document.year == 2025
    assert second.document is not None and second.document.year == 2016
    assert second.swap_button.isVisible()


def test_context_menu_open_beside(qtbot: QtBot, window: MainWindow) -> None:
    open_year(qtbot, window, 2025)
    index = navigator_row(qtbot, window, 2018)
    position = window.navigator.visualRect(index).center()
    menu = window.navigator.context_menu(position)
    assert menu is not None
    actions = {action.text(): action for action in menu.actions()}
    # Then, after a separator (no text), the window's actions on the selection.
    assert set(actions) == {"Open", "Open Beside", "", "&Remove…", "Set &Date or Source…"}
    actions["Open Beside"].trigger()
    pane = wait_shown(qtbot, window, document_id_of(window, 2018))
    assert pane is window.panes[1]
    menu.close()
    # No menu over a year row.
    year_position = window.navigator.visualRect(index.parent()).center()
    assert window.navigator.context_menu(year_position) is None


def test_arrow_keys_open_documents(qtbot: QtBot, window: MainWindow) -> None:
    index = navigator_row(qtbot, window, 2024)
    click_navigator(qtbot, window, index.parent())  # a year row opens nothing
    assert window.navigator.currentIndex() == index.parent()
    assert not window.panes[0].is_open
    qtbot.keyClick(window.navigator, Qt.Key.Key_Down)
    pane = wait_shown(qtbot, window, document_id_of(window, 2024))
    assert pane is window.panes[0]
    assert window.navigator.currentIndex() == index


def test_ctrl_return_opens_the_selected_document_beside(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    open_year(qtbot, window, 2025)
    index = navigator_row(qtbot, window, 2016)
    window.navigator.select_quietly(index)  # selected, not opened
    assert window.panes[0].document_id == document_id_of(window, 2025)
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    pane = wait_shown(qtbot, window, document_id_of(window, 2016))
    assert pane is window.panes[1]
    assert window.panes[0].document_id == document_id_of(window, 2025)


def test_an_empty_archive_says_how_to_import(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "empty"
    Archive(data).close()
    # An archive whose first start is long past (the sample was imported then removed).
    with sqlite3.connect(data / "archive.sqlite3") as connection:
        connection.execute("INSERT INTO meta (key, value) VALUES ('sample_imported', '1')")
    window = open_window(qtbot, data, Settings.in_file(tmp_path / "settings.ini"))
    assert window.service.document_count() == 0
    assert "The archive is empty" in window.pane_pair.empty_label.text()
    assert "Import Files" in window.pane_pair.empty_label.text()


def test_an_archive_with_documents_says_how_to_choose(window: MainWindow) -> None:
    assert window.pane_pair.empty_label.text().startswith("Choose a document")
