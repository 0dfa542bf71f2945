"""The Facets and Saved Searches docks: counts, filtering the tree and the search, new matches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QInputDialog, QTableView
from pytestqt.qtbot import QtBot

from archive.api import DATABASE_NAME, Archive
from reader.facets.facet_model import CountRole, EntityKeyRole
from reader.facets.saved_model import NewRole, SavedNameRole
from reader.mainwindow import MainWindow
from reader.navigator.model import CountRole as YearCountRole
from reader.settings import Settings
from tests.archive.mention_corpus import write_releases
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    TASK_TIMEOUT_MS,
    open_window,
    type_search,
    wait_idle,
)


def make_archive(tmp_path: Path, names: list[str] | None = None) -> Path:
    data = tmp_path / "data"
    with Archive(data) as archive:
        archive.import_paths([write_releases(tmp_path / "releases", names)])
    return data


def facets_window(qtbot: QtBot, data: Path, settings: Settings) -> MainWindow:
    window = open_window(qtbot, data, settings)
    window.resize(1200, 800)
    window.facets_dock.show()
    window.facets_dock.raise_()
    qtbot.waitUntil(lambda: window.facets.panel.countries.rowCount() > 0, timeout=TASK_TIMEOUT_MS)
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings: Settings) -> MainWindow:
    return facets_window(qtbot, make_archive(tmp_path), settings)


def listed(view: QTableView) -> list[tuple[str, int]]:
    model = view.model()
    return [
        (model.index(row, 0).data(EntityKeyRole), model.index(row, 0).data(CountRole))
        for row in range(model.rowCount())
    ]


def click_entity(qtbot: QtBot, view: QTableView, key: str) -> None:
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(EntityKeyRole) == key)
    centre = view.visualRect(model.index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_dock_counts_documents_per_entity(
    qtbot: QtBot, qtmodeltester, window: MainWindow
) -> None:
    panel = window.facets.panel
    qtmodeltester.check(panel.countries)
    qtmodeltester.check(panel.organisations)
    assert listed(panel.country_view) == [
        ("RU", 4),
        ("AZ", 3),
        ("CN", 1),
        ("FR", 1),
        ("DE", 1),
        ("US", 1),
    ]
    assert listed(panel.organisation_view) == [("OSCE", 2), ("EU", 1), ("NATO", 1), ("UN", 1)]
    assert panel.scope_label.text() == "Documents mentioning each, in the whole archive"


def test_the_year_selected_in_the_navigator_is_counted(qtbot: QtBot, window: MainWindow) -> None:
    window.navigator.setCurrentIndex(window.navigator_model.year_row(2024))
    panel = window.facets.panel
    assert listed(panel.country_view) == [("AZ", 1), ("CN", 1), ("FR", 1), ("DE", 1), ("RU", 1)]
    assert "in 2024 (the year selected in Years)" in panel.scope_label.text()
    window.navigator.setCurrentIndex(QModelIndex())
    assert listed(panel.country_view)[0] == ("RU", 4)


def test_choosing_a_country_filters_the_tree_and_the_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert type_search(qtbot, window, "minister OR garden").total == 3
    panel = window.facets.panel
    with (
        qtbot.waitSignal(window.facets.filter_changed, timeout=TASK_TIMEOUT_MS),
        qtbot.waitSignal(
            window.search_finished,
            timeout=TASK_TIMEOUT_MS,
            check_params_cb=lambda results: results.total == 2,
        ),
    ):
        click_entity(qtbot, panel.country_view, "RU")
    model = window.navigator_model
    assert (model.shown_documents, model.total_documents) == (4, 6)
    assert model.year_row(2016).data(YearCountRole) == 2
    assert model.year_row(2024).data(YearCountRole) == 1
    assert window.navigator_panel.match_label.text() == "4 of 6 documents mentioning Russia"
    assert "2 matches in documents mentioning Russia" in window.search_panel.status.text()
    assert panel.filter_label.text() == "Showing the 4 documents mentioning Russia"
    assert not panel.filter_bar.isHidden()

    with qtbot.waitSignal(
        window.search_finished,
        timeout=TASK_TIMEOUT_MS,
        check_params_cb=lambda results: results.total == 3,
    ):
        qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert (model.shown_documents, window.navigator_panel.match_label.isHidden()) == (6, True)
    assert panel.filter_bar.isHidden()


def test_the_filter_holds_with_a_filter_over_titles(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.facets.filter_changed, timeout=TASK_TIMEOUT_MS):
        click_entity(qtbot, window.facets.panel.organisation_view, "OSCE")
    window.navigator_dock.raise_()
    qtbot.keyClicks(window.navigator_panel.filter_field, "statement")
    qtbot.waitUntil(lambda: window.navigator_model.filter_text == "statement")
    assert window.navigator_model.shown_documents == 1
    assert window.navigator_panel.match_label.text() == ("1 of 6 documents mentioning OSCE")


def saved_rows(window: MainWindow) -> list[tuple[str, int, str]]:
    model = window.facets.saved_panel.model
    return [
        (
            model.index(r, 0).data(SavedNameRole),
            model.index(r, 1).data(NewRole),
            model.index(r, 1).data(),
        )
        for r in range(model.rowCount())
    ]


def test_saved_search_counts_new_matches_after_an_import(
    qtbot: QtBot, qtmodeltester, tmp_path: Path, settings: Settings
) -> None:
    data = make_archive(tmp_path, ["en2016.md", "fr2024.md"])
    window = facets_window(qtbot, data, settings)
    type_search(qtbot, window, "minister OR ministre")
    window.facets.ask_to_save_search()
    dialog = window.findChild(QInputDialog, "savedSearchName")
    assert dialog is not None and dialog.textValue() == "minister OR ministre"
    dialog.setTextValue("Ministers")
    with qtbot.waitSignal(window.facets.saved_searches_shown, timeout=TASK_TIMEOUT_MS):
        dialog.accept()
    qtmodeltester.check(window.facets.saved_panel.model)
    assert saved_rows(window) == [("Ministers", 0, "")]
    assert window.saved_searches_dock.isVisible()  # closed until a search is saved

    more = write_releases(tmp_path / "more", ["pl.md", "ru2024.md"])
    with qtbot.waitSignal(window.facets.saved_searches_shown, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([more])
    qtbot.waitUntil(lambda: saved_rows(window) == [("Ministers", 1, "1 new")])

    with qtbot.waitSignal(
        window.search_finished, timeout=TASK_TIMEOUT_MS, check_params_cb=lambda r: r.total == 3
    ):
        window.facets.open_saved_search("Ministers")
    qtbot.waitUntil(lambda: saved_rows(window) == [("Ministers", 0, "")])
    assert window.search_field.text() == "minister OR ministre"


def test_saved_searches_are_renamed_and_deleted(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "minister")
    with qtbot.waitSignal(window.facets.saved_searches_shown, timeout=TASK_TIMEOUT_MS):
        window.facets.save_search("Ministers")
    with qtbot.waitSignal(window.facets.saved_searches_shown, timeout=TASK_TIMEOUT_MS):
        window.facets.rename_saved_search("Ministers", "Talks")
    assert [row[0] for row in saved_rows(window)] == ["Talks"]
    with qtbot.waitSignal(window.facets.saved_searches_shown, timeout=TASK_TIMEOUT_MS):
        window.facets.delete_saved_search("Talks")
    assert saved_rows(window) == []
    assert window.facets.saved_panel.message.isVisibleTo(window.facets.saved_panel)


def test_an_archive_read_with_older_lists_is_brought_up_to_date(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    data = make_archive(tmp_path)
    with sqlite3.connect(data / DATABASE_NAME) as connection:  # as if made before mentions
        connection.execute("DELETE FROM mentions")
        connection.execute("DELETE FROM mention_scans")
    window = facets_window(qtbot, data, settings)
    wait_idle(qtbot, window)
    assert listed(window.facets.panel.country_view)[:2] == [("RU", 4), ("AZ", 3)]


@pytest.mark.parametrize("dock_name", ["facets_dock", "saved_searches_dock", "passages_dock"])
def test_a_dock_opened_from_the_view_menu_comes_to_the_front_of_its_tabs(
    qtbot: QtBot, window: MainWindow, dock_name: str
) -> None:
    """Tabbed behind the annotations, it would open unseen: nothing would seem to happen."""
    dock = getattr(window, dock_name)
    dock.hide()
    window.annotations_dock.raise_()
    qtbot.waitUntil(lambda: not window.annotations_dock.visibleRegion().isEmpty())
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    assert window.annotations_dock.visibleRegion().isEmpty()
