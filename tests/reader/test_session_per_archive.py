"""Each archive has its own session: open documents, where each is scrolled, zoom, years."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from reader import settings as keys
from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from reader.session import ArchiveSession, SessionStore
from reader.settings import Settings
from tests.reader.conftest import (
    TASK_TIMEOUT_MS,
    activate,
    close_window,
    document_id_of,
    navigator_row,
    open_window,
    open_year,
    wait_shown,
)


def saved(settings: Settings, data_dir: Path) -> ArchiveSession:
    return SessionStore(settings, data_dir).load()


def top_paragraph(pane: DocumentPane) -> str:
    return pane.view.cursorForPosition(QPoint(0, 0)).block().text()


def scroll_to_middle(qtbot: QtBot, pane: DocumentPane) -> None:
    bar = pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)


def test_the_session_of_one_archive_never_opens_in_another(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, settings: Settings
) -> None:
    # Both archives hold the sample, under the same ids: the bug was opening #2 in both.
    pane = open_year(qtbot, window, 2025)
    assert pane.is_open
    close_window(qtbot, window)

    other_dir = tmp_path / "other archive"
    other = open_window(qtbot, other_dir, settings)
    assert not any(pane.is_open for pane in other.panes)
    assert other.empty_label.isVisible()
    assert saved(settings, other_dir).panes == ()
    close_window(qtbot, other)

    again = open_window(qtbot, window.service.data_dir, settings)
    wait_shown(qtbot, again, document_id_of(again, 2025))


def test_places_zoom_active_pane_and_years_are_restored(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    activate(qtbot, window)
    window.resize(900, 520)
    left = open_year(qtbot, window, 2024)
    qtbot.keyClick(left.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(left.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    scroll_to_middle(qtbot, left)
    left_top = top_paragraph(left)
    right = open_year(qtbot, window, 2016, beside=True)
    scroll_to_middle(qtbot, right)
    right_top = top_paragraph(right)
    navigator_row(qtbot, window, 2018)  # opens the year 2018 in the tree
    left.view.setFocus()  # the left pane is the active one again
    qtbot.waitUntil(lambda: window.active_pane is left)
    close_window(qtbot, window)

    again = open_window(qtbot, data_dir, settings)
    new_left = wait_shown(qtbot, again, document_id_of(again, 2024))
    new_right = wait_shown(qtbot, again, document_id_of(again, 2016))
    assert new_left is again.panes[0] and new_right is again.panes[1]
    assert new_left.view.zoom == 2 and new_right.view.zoom == 2
    assert again.active_pane is new_left
    qtbot.waitUntil(lambda: top_paragraph(new_left) == left_top, timeout=TASK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: top_paragraph(new_right) == right_top, timeout=TASK_TIMEOUT_MS)
    assert new_left.view.verticalScrollBar().value() > 0
    model = again.navigator_model
    assert again.navigator.isExpanded(model.year_row(2018))


def test_the_session_is_saved_at_each_change_not_only_on_closing(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    activate(qtbot, window)
    pane = open_year(qtbot, window, 2024)
    document_id = document_id_of(window, 2024)
    qtbot.waitUntil(
        lambda: [p.document_id for p in saved(settings, data_dir).panes] == [document_id],
        timeout=TASK_TIMEOUT_MS,
    )

    qtbot.keyClick(pane.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: saved(settings, data_dir).zoom == 1, timeout=TASK_TIMEOUT_MS)

    scroll_to_middle(qtbot, pane)
    qtbot.waitUntil(lambda: saved(settings, data_dir).panes[0].block > 0, timeout=TASK_TIMEOUT_MS)

    qtbot.keyClick(pane.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: saved(settings, data_dir).panes == (), timeout=TASK_TIMEOUT_MS)


def test_swapped_panes_are_saved_in_their_new_order(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    activate(qtbot, window)
    open_year(qtbot, window, 2025)
    right = open_year(qtbot, window, 2017, beside=True)
    left_id, right_id = document_id_of(window, 2025), document_id_of(window, 2017)
    qtbot.waitUntil(
        lambda: [p.document_id for p in saved(settings, data_dir).panes] == [left_id, right_id],
        timeout=TASK_TIMEOUT_MS,
    )
    qtbot.keyClick(
        right.view,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: [p.document_id for p in saved(settings, data_dir).panes] == [right_id, left_id],
        timeout=TASK_TIMEOUT_MS,
    )


def test_an_unreadable_session_opens_nothing(
    qtbot: QtBot, data_dir: Path, settings: Settings
) -> None:
    window = open_window(qtbot, data_dir, settings)
    close_window(qtbot, window)
    settings.set(keys.archive_session(data_dir), '{"panes": [{"document": "two"}]')
    again = open_window(qtbot, data_dir, settings)
    assert not any(pane.is_open for pane in again.panes)
