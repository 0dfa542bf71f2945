"""Highlighting a selected passage, with or without a note, and seeing it in the pane."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip
from pytestqt.qtbot import QtBot

from reader.annotations.colours import colour_of
from reader.mainwindow import MainWindow
from tests.reader.annotation_helpers import marked_texts, select_words, wait_annotations
from tests.reader.conftest import activate, open_year

PASSAGE = "successfully continued its independent and pragmatic foreign policy course"


def test_ctrl_shift_h_highlights_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2024)
    assert pane.document is not None
    activate(qtbot, window)
    start, end = select_words(window, pane, PASSAGE)
    qtbot.keyClick(
        pane.view,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (annotation,) = wait_annotations(qtbot, window, pane.document.id, 1)
    assert (annotation.start, annotation.end, annotation.color) == (start, end, "yellow")
    qtbot.waitUntil(lambda: marked_texts(pane) == [PASSAGE])
    assert pane.view.marks[0].colour == colour_of("yellow")


def test_context_menu_highlights_in_the_chosen_colour(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2024)
    assert pane.document is not None
    assert window.colour_actions is not None
    (green,) = [a for a in window.colour_actions.actions() if a.data() == "green"]
    green.trigger()
    select_words(window, pane, PASSAGE)
    menu = pane.view.context_menu(QPoint(10, 10))
    (entry,) = [a for a in menu.actions() if a.text() == "&Highlight Selection"]
    entry.trigger()
    (annotation,) = wait_annotations(qtbot, window, pane.document.id, 1)
    assert annotation.color == "green"
    qtbot.waitUntil(lambda: marked_texts(pane) == [PASSAGE])
    assert pane.view.marks[0].colour == colour_of("green")


def test_ctrl_shift_n_adds_a_note_shown_as_a_tooltip(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2024)
    assert pane.document is not None
    activate(qtbot, window)
    select_words(window, pane, PASSAGE)
    qtbot.keyClick(
        pane.view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.annotation_controller.editor is not None)
    editor = window.annotation_controller.editor
    assert editor is not None
    qtbot.keyClicks(editor.note_edit, "The *main* line of policy")
    qtbot.keyClicks(editor.tags_edit, "policy, 2024 ,")
    editor.colour_combo.setCurrentIndex(editor.colour_combo.findData("blue"))
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    (annotation,) = wait_annotations(qtbot, window, pane.document.id, 1)
    assert annotation.note == "The *main* line of policy"
    assert annotation.tags == ("policy", "2024")
    assert annotation.color == "blue"
    qtbot.waitUntil(lambda: marked_texts(pane) == [PASSAGE])
    mark = pane.view.marks[0]
    assert pane.view.mark_at(mark.start + 1) == mark
    assert mark.tip == "The *main* line of policy"
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(mark.start + 2)
    pane.view.reveal(mark.start, mark.end)
    point = pane.view.cursorRect(cursor).center()
    viewport = pane.view.viewport()
    hover = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, hover)
    qtbot.waitUntil(lambda: "The <em>main</em> line of policy" in QToolTip.text())


def test_without_a_selection_the_status_bar_says_so(qtbot: QtBot, window: MainWindow) -> None:
    open_year(qtbot, window, 2024)
    assert window.highlight_action is not None
    window.highlight_action.trigger()
    assert "Select a passage" in window.statusBar().currentMessage()


def test_highlight_in_the_second_pane_then_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    left = open_year(qtbot, window, 2018)
    right = open_year(qtbot, window, 2024, beside=True)
    assert right.document is not None and left.document is not None
    assert window.highlight_action in window.annotate_toolbar.actions()
    activate(qtbot, window)
    select_words(window, right, PASSAGE)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(right.view, Qt.Key.Key_H, ctrl_shift)
    wait_annotations(qtbot, window, right.document.id, 1)
    qtbot.waitUntil(lambda: marked_texts(right) == [PASSAGE])
    assert marked_texts(left) == []
    panel = window.annotations_panel
    assert panel.proxy.rowCount() == 2  # the document's title, then its highlight
    assert panel.proxy.index(0, 0).data() == right.document.title

    qtbot.keyClick(right.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_annotations(qtbot, window, right.document.id, 0)
    qtbot.waitUntil(lambda: marked_texts(right) == [])
    assert panel.proxy.rowCount() == 0
    qtbot.keyClick(right.view, Qt.Key.Key_Z, ctrl_shift)
    wait_annotations(qtbot, window, right.document.id, 1)
    qtbot.waitUntil(lambda: marked_texts(right) == [PASSAGE])
    assert panel.proxy.rowCount() == 2

    window.close_pane(1)  # the panel lists what is shown: nothing annotated now
    assert panel.proxy.rowCount() == 0
