"""A small window: the side panes shrink first, the text keeps a readable measure, titles stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from reader.small_window import (
    COMPARED_CHARACTERS,
    DOCK_MIN_CHARACTERS,
    READABLE_CHARACTERS,
    VIEW_MARGIN,
    characters_width,
)
from tests.reader.conftest import document_id_of, open_year, wait_shown


def characters_a_line(pane: DocumentPane) -> float:
    """How many average characters of body text (at the default zoom) one line holds."""
    view = pane.view
    assert view.zoom == 0
    column = view.viewport().width() - 2 * VIEW_MARGIN
    return column / QFontMetricsF(view.document().defaultFont()).averageCharWidth()


def resize(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    def reached() -> bool:
        # Asked again while waiting, as a user drags on: the minimum size follows the panes
        # shown a moment later (a busy machine), and a resize asked before that stops short.
        window.resize(width, height)
        return window.width() == max(width, window.minimumSize().width())

    qtbot.waitUntil(reached)
    qtbot.waitUntil(lambda: window.pane_pair.geometry().right() < window.width())


def side_docks(window: MainWindow) -> list[QDockWidget]:
    return [window.navigator_dock, window.annotations_dock]


def test_side_panes_shrink_first_and_the_text_stays_readable(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    pane = open_year(qtbot, window, 2024)
    assert pane.document is not None
    title = pane.document.title
    window.annotations_dock.show()
    resize(qtbot, window, 1280, 820)
    wide = {dock.windowTitle(): dock.width() for dock in side_docks(window)}
    at_1280 = pane.title_label.visible_text()
    assert len(at_1280) > 40

    # 800 x 600: the side panes give way, the text keeps its measure, every title shows.
    resize(qtbot, window, 800, 600)
    window.grab().save(str(tmp_path / "small800.png"))
    assert window.width() == 800
    assert characters_a_line(pane) >= READABLE_CHARACTERS
    for dock in side_docks(window):
        assert dock.width() < wide[dock.windowTitle()], dock.windowTitle()
        metrics = dock.fontMetrics()
        assert dock.width() >= metrics.horizontalAdvance(dock.windowTitle()) + 2 * metrics.height()
    shown = pane.title_label.visible_text()
    assert 10 < len(shown) < len(at_1280)
    assert shown.endswith("…") and title.startswith(shown[:-1])
    assert pane.title_label.text() == title  # the whole title (and the tool tip) stays

    # 480 x 360: narrower than side panes at their least and a readable column; the window
    # keeps its minimum size rather than wrap the text a few letters a line.
    resize(qtbot, window, 480, 360)
    window.grab().save(str(tmp_path / "small480.png"))
    assert window.width() < 800
    assert characters_a_line(pane) >= READABLE_CHARACTERS
    for dock in side_docks(window):
        assert dock.width() >= characters_width(dock.widget().font(), DOCK_MIN_CHARACTERS)
    assert len(pane.title_label.visible_text()) > 4

    # Closing a side pane gives its width to the text, and lets the window narrow further.
    least = window.minimumSize().width()
    window.annotations_dock.close()
    qtbot.waitUntil(lambda: window.minimumSize().width() < least)
    resize(qtbot, window, 480, 360)
    assert window.width() < least
    assert characters_a_line(pane) >= READABLE_CHARACTERS

    # Wide again: the side panes come back to a comfortable width (within their maximum).
    window.annotations_dock.show()
    resize(qtbot, window, 1280, 820)
    for dock in side_docks(window):
        assert dock.width() <= dock.maximumWidth()
        assert dock.width() > characters_width(dock.widget().font(), DOCK_MIN_CHARACTERS)


def test_two_documents_compared_in_a_small_window_both_stay_readable(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    left = open_year(qtbot, window, 2024)
    window.annotations_dock.show()
    resize(qtbot, window, 800, 600)
    assert window.annotations_dock.isVisible()
    window.open_beside(document_id_of(window, 2017))
    right = wait_shown(qtbot, window, document_id_of(window, 2017))
    assert right is not left
    resize(qtbot, window, 800, 600)
    window.grab().save(str(tmp_path / "compared800.png"))
    for pane in (left, right):
        assert characters_a_line(pane) >= COMPARED_CHARACTERS
        assert len(pane.title_label.visible_text()) > 4
    # One closed: the other is held to the single pane's measure again.
    window.close_pane(1)
    qtbot.waitUntil(lambda: not window.panes[1].isVisible())
    resize(qtbot, window, 480, 360)
    assert characters_a_line(window.panes[0]) >= READABLE_CHARACTERS


def test_on_a_small_screen_the_annotations_pane_gives_way_to_a_second_document(
    qtbot: QtBot, window: MainWindow
) -> None:
    room = window.screen().availableGeometry().width()
    if room > 1000:
        pytest.skip("a screen this wide has room for two documents and both side panes")
    open_year(qtbot, window, 2024)
    window.annotations_dock.show()
    resize(qtbot, window, room, 600)
    assert window.annotations_dock.isVisible()

    # Both documents and both side panes would be wider than the screen.
    open_year(qtbot, window, 2017, beside=True)
    qtbot.waitUntil(lambda: not window.annotations_dock.isVisible())
    assert "Annotations pane is closed" in window.statusBar().currentMessage()
    assert window.navigator_dock.isVisible()
    assert window.minimumSize().width() <= room
    resize(qtbot, window, room, 600)
    assert window.width() <= room
    for pane in window.panes:
        assert characters_a_line(pane) >= COMPARED_CHARACTERS

    # Back to one document: there is room again, and the pane comes back.
    window.close_pane(1)
    qtbot.waitUntil(window.annotations_dock.isVisible)
    assert window.minimumSize().width() <= room
