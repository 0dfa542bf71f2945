"""Fixtures for the window tests: a main window on the sample archive, all under tmp_path."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from archive.models import SearchResults
from reader.app import create_window
from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from reader.navigator.model import DocumentIdRole
from reader.settings import Settings

TESTS = Path(__file__).resolve().parent
IMPORT_TIMEOUT_MS = 30_000
TASK_TIMEOUT_MS = 10_000

# The offscreen platform plugin says this whenever a top-level widget with a layout is shown;
# it is about the plugin, not about the window under test.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints()"
# And this whenever a tool tip is shown.
OFFSCREEN_RAISE = "This plugin does not support raise()"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if TESTS in item.path.parents:
            item.add_marker(
                pytest.mark.qt_log_ignore(
                    re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE)
                )
            )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.in_file(tmp_path / "settings.ini")


def open_window(qtbot: QtBot, data_dir: Path, settings: Settings) -> MainWindow:
    """The main window as the application starts it, once its first import has finished."""
    window = create_window(data_dir, settings)
    qtbot.add_widget(window, before_close_func=partial(close_window, qtbot))
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.show()
    wait_idle(qtbot, window)
    return window


def close_window(qtbot: QtBot, window: MainWindow) -> None:
    """Close the window, let its background work report back, then close the archive."""
    window.close()
    wait_idle(qtbot, window)
    window.service.shutdown()


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, settings: Settings) -> MainWindow:
    return open_window(qtbot, data_dir, settings)


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make the window the active one, so that its shortcuts reach their actions."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def document_id_of(window: MainWindow, year: int) -> int:
    (document,) = window.service.reads.list_documents(year)
    return document.id


def navigator_row(qtbot: QtBot, window: MainWindow, year: int) -> QModelIndex:
    """The navigator's row of the one document of ``year``, its year and month expanded."""
    window.navigator_dock.raise_()
    model = window.navigator_model
    year_index = model.year_row(year)
    window.navigator.expand(year_index)
    qtbot.waitUntil(lambda: model.rowCount(year_index) > 0)
    month_index = model.index(0, 0, year_index)
    window.navigator.expand(month_index)
    index = model.index(0, 0, month_index)
    assert index.data(DocumentIdRole) == document_id_of(window, year)
    window.navigator.scrollTo(index)
    return index


def click_navigator(
    qtbot: QtBot,
    window: MainWindow,
    index: QModelIndex,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    centre: QPoint = window.navigator.visualRect(index).center()
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def open_year(qtbot: QtBot, window: MainWindow, year: int, *, beside: bool = False) -> DocumentPane:
    """Open the document of ``year`` with a click in the navigator (Ctrl+click: beside)."""
    index = navigator_row(qtbot, window, year)
    modifier = Qt.KeyboardModifier.ControlModifier if beside else Qt.KeyboardModifier.NoModifier
    click_navigator(qtbot, window, index, modifier)
    return wait_shown(qtbot, window, document_id_of(window, year))


def wait_shown(qtbot: QtBot, window: MainWindow, document_id: int) -> DocumentPane:
    """The open pane that shows ``document_id``, once it and its annotations are shown.

    The map between its stored and shown text is built in the background after the page
    appears; highlights and selections need it.
    """

    def pane_showing() -> DocumentPane | None:
        for pane in window.panes:
            shown = pane.document
            loaded = shown is not None and shown.id == pane.document_id
            if pane.is_open and loaded and pane.document_id == document_id:
                return pane
        return None

    qtbot.waitUntil(lambda: pane_showing() is not None, timeout=TASK_TIMEOUT_MS)
    pane = pane_showing()
    assert pane is not None
    qtbot.waitUntil(
        lambda: window.annotation_controller.text_map(pane) is not None, timeout=TASK_TIMEOUT_MS
    )
    return pane


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until every background task has reported back (and its callbacks ran)."""
    qtbot.waitUntil(lambda: not window.service.busy, timeout=TASK_TIMEOUT_MS)


def type_search(qtbot: QtBot, window: MainWindow, query: str) -> SearchResults:
    """Type a query into the search field as a user would; the results once shown."""
    window.search_field.clear()
    with qtbot.waitSignal(
        window.search_finished,
        timeout=TASK_TIMEOUT_MS,
        check_params_cb=lambda results: results.query == query,
    ) as blocker:
        qtbot.keyClicks(window.search_field, query)
    results: SearchResults = blocker.args[0]
    return results
