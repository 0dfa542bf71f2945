"""Zoom, window geometry and open documents are remembered from one start to the next."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader import settings as keys
from reader.document.pane import DocumentPane
from reader.document.reading_place import ReadingPlace
from reader.mainwindow import MainWindow
from reader.session import ArchiveSession, SessionStore
from reader.settings import Settings
from tests.reader.conftest import (
    activate,
    close_window,
    document_id_of,
    open_window,
    open_year,
    wait_shown,
)


def body_line_height(pane: DocumentPane) -> float:
    """The height of the first line of the document's first body paragraph."""
    block = pane.view.document().begin().next().next()  # after the title and the facts
    assert block.layout().lineCount() > 0
    return block.layout().lineAt(0).height()


def session_documents(settings: Settings, data_dir: Path) -> list[int]:
    """The documents the saved session of ``data_dir`` opens, left to right."""
    return [place.document_id for place in SessionStore(settings, data_dir).load().panes]


def press(qtbot: QtBot, pane: DocumentPane, key: Qt.Key) -> None:
    qtbot.keyClick(pane.view, key, Qt.KeyboardModifier.ControlModifier)


def test_zoom_in_out_and_reset(qtbot: QtBot, window: MainWindow, settings: Settings) -> None:
    activate(qtbot, window)
    pane = open_year(qtbot, window, 2025)
    size, height = pane.view.reading_point_size, body_line_height(pane)

    press(qtbot, pane, Qt.Key.Key_Equal)
    assert pane.view.zoom == 1
    assert pane.view.reading_point_size == size + 1
    assert body_line_height(pane) > height
    assert settings.get(keys.ZOOM_STEPS) == 1

    press(qtbot, pane, Qt.Key.Key_Minus)
    press(qtbot, pane, Qt.Key.Key_Minus)
    assert pane.view.zoom == -1
    assert pane.view.reading_point_size == size - 1
    assert body_line_height(pane) < height

    press(qtbot, pane, Qt.Key.Key_0)
    assert pane.view.zoom == 0
    assert pane.view.reading_point_size == size
    assert body_line_height(pane) == height
    assert settings.get(keys.ZOOM_STEPS) == 0


def test_zoom_applies_to_both_panes_and_to_documents_opened_later(
    qtbot: QtBot, window: MainWindow
) -> None:
    activate(qtbot, window)
    left = open_year(qtbot, window, 2025)
    size = left.view.reading_point_size
    press(qtbot, left, Qt.Key.Key_Equal)
    press(qtbot, left, Qt.Key.Key_Equal)
    right = open_year(qtbot, window, 2018, beside=True)
    open_year(qtbot, window, 2016)  # into the active pane, the right one: the zoom stays
    assert left.view.reading_point_size == size + 2
    assert right.view.reading_point_size == size + 2
    # The zoom is the document's default font: text does not carry a size of its own.
    cursor = QTextCursor(right.view.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    assert cursor.charFormat().font().pointSizeF() == size + 2


def test_zoom_is_restored_in_a_new_window(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    activate(qtbot, window)
    pane = open_year(qtbot, window, 2025)
    size = pane.view.reading_point_size
    for _ in range(3):
        press(qtbot, pane, Qt.Key.Key_Equal)
    close_window(qtbot, window)

    again = open_window(qtbot, data_dir, settings)
    reopened = wait_shown(qtbot, again, document_id_of(again, 2025))
    assert reopened.view.zoom == 3
    assert reopened.view.reading_point_size == size + 3


def test_open_documents_and_geometry_are_restored(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    open_year(qtbot, window, 2025)
    open_year(qtbot, window, 2017, beside=True)
    window.resize(QSize(760, 560))
    qtbot.waitUntil(lambda: window.size() == QSize(760, 560))
    window.save_session()
    assert session_documents(settings, data_dir) == [
        document_id_of(window, 2025),
        document_id_of(window, 2017),
    ]
    close_window(qtbot, window)

    again = open_window(qtbot, data_dir, settings)
    left = wait_shown(qtbot, again, document_id_of(again, 2025))
    right = wait_shown(qtbot, again, document_id_of(again, 2017))
    assert left is again.panes[0]
    assert right is again.panes[1]
    assert left.isVisible() and right.isVisible()
    assert not again.empty_label.isVisible()
    assert again.size() == QSize(760, 560)


def test_a_document_gone_since_is_not_restored(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    open_year(qtbot, window, 2025)
    document_id = document_id_of(window, 2025)
    close_window(qtbot, window)
    SessionStore(settings, data_dir).save(
        ArchiveSession(panes=(ReadingPlace(999, 0, 0), ReadingPlace(document_id, 0, 0)))
    )

    again = open_window(qtbot, data_dir, settings)
    pane = wait_shown(qtbot, again, document_id_of(again, 2025))
    assert pane is again.panes[0]
    assert not again.panes[1].is_open


def test_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "settings.ini")
    assert settings.get(keys.ZOOM_STEPS) == 0
    assert settings.get(keys.WINDOW_GEOMETRY).isEmpty()
    settings.set(keys.ZOOM_STEPS, -2)
    settings.set(keys.SEARCH_SORT, "date")
    settings.sync()
    again = Settings.in_file(tmp_path / "settings.ini")
    assert again.get(keys.ZOOM_STEPS) == -2
    assert again.get(keys.SEARCH_SORT) == "date"
    (tmp_path / "settings.ini").write_text("[reading]\nzoom_steps=lots\n")
    assert Settings.in_file(tmp_path / "settings.ini").get(keys.ZOOM_STEPS) == 0
