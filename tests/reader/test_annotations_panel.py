"""The Annotations dock: its model, filters, going to a passage, editing, deleting, undo."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from archive.annotations.model import Annotation
from reader.annotations.model import (
    ORPHANED_HEADING,
    AnnotationFilter,
    AnnotationRole,
    AnnotationsModel,
    IsHeadingRole,
)
from reader.document.pane import DocumentPane
from reader.document.reading_view import FLASH_COLOUR
from reader.mainwindow import MainWindow
from tests.reader.annotation_helpers import (
    FIRST,
    SECOND,
    add,
    marked_texts,
    texts,
    wait_annotations,
)
from tests.reader.conftest import OFFSCREEN_RAISE, OFFSCREEN_SIZE_HINTS, activate, open_year


def sample(number: int, quote: str, **fields: object) -> Annotation:
    annotation = Annotation(
        id=number, uuid=f"u{number}", document_id=1, quote=quote, prefix="", suffix="",
        start=number * 10, end=number * 10 + len(quote), orphaned=False, color="yellow",
        note="", tags=(), created="2025-01-01T00:00:00Z", modified="2025-01-01T00:00:00Z",
    )  # fmt: skip
    return dataclasses.replace(annotation, **fields)  # type: ignore[arg-type]


def test_model_lists_placed_then_orphaned_and_filters(qtmodeltester: ModelTester) -> None:
    model = AnnotationsModel()
    model.set_documents(
        [
            ("Left", [sample(1, "one", tags=("a",)), sample(2, "lost", orphaned=True)]),
            ("Right", [sample(3, "three", color="green", note="about three")]),
        ]
    )
    qtmodeltester.check(model)
    assert texts(model) == ["Left", "“one”", "Right", "“three”", ORPHANED_HEADING, "“lost”"]
    assert model.index(0, 0).data(IsHeadingRole) is True
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_criteria("green", "", "")
    assert texts(proxy) == ["Right", "“three”"]
    proxy.set_criteria("", "a", "")
    assert texts(proxy) == ["Left", "“one”"]
    proxy.set_criteria("", "", "LOST")
    assert texts(proxy) == [ORPHANED_HEADING, "“lost”"]
    assert model.tags() == ["a"]


def row_of(window: MainWindow, quote_start: str) -> int:
    proxy = window.annotations_panel.proxy
    for row in range(proxy.rowCount()):
        annotation = proxy.index(row, 0).data(AnnotationRole)
        if isinstance(annotation, Annotation) and annotation.quote.startswith(quote_start):
            return row
    raise AssertionError(f"no row for {quote_start!r}")


def click_row(qtbot: QtBot, window: MainWindow, row: int, double: bool = False) -> None:
    panel = window.annotations_panel
    rect = panel.list.visualRect(panel.proxy.index(row, 0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:
        qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def annotated_pane(qtbot: QtBot, window: MainWindow) -> DocumentPane:
    """The 2024 document, shown, with two annotations listed in the panel."""
    pane = open_year(qtbot, window, 2024)
    assert pane.document is not None
    add(qtbot, window, pane.document.id, SECOND, color="green", tags=["network"])
    add(qtbot, window, pane.document.id, FIRST, note="first note")
    window.annotation_controller.refresh()
    window.annotations_dock.show()
    assert texts(window.annotations_panel.proxy) == [f"“{FIRST}”", f"“{SECOND}”"]
    qtbot.waitUntil(lambda: sorted(marked_texts(pane)) == sorted([FIRST, SECOND]))
    return pane


def test_panel_goes_to_a_passage_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    pane = annotated_pane(qtbot, window)
    panel = window.annotations_panel

    # A click goes to the passage and selects it.
    click_row(qtbot, window, row_of(window, "expanded"))
    selected = pane.view.textCursor().selectedText()
    assert " ".join(selected.split()) == SECOND

    # Filters: colour, tag, text.
    panel.colour_filter.setCurrentIndex(panel.colour_filter.findData("green"))
    assert texts(panel.proxy) == [f"“{SECOND}”"]
    panel.colour_filter.setCurrentIndex(0)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("network"))
    assert texts(panel.proxy) == [f"“{SECOND}”"]
    panel.tag_filter.setCurrentIndex(0)
    qtbot.keyClicks(panel.text_filter, "first NOTE")
    assert texts(panel.proxy) == [f"“{FIRST}”"]
    panel.text_filter.clear()
    assert panel.proxy.rowCount() == 2


def test_panel_edits_deletes_and_undoes(qtbot: QtBot, window: MainWindow) -> None:
    pane = annotated_pane(qtbot, window)
    assert pane.document is not None
    document_id = pane.document.id
    panel = window.annotations_panel

    # Double-click edits the note.
    click_row(qtbot, window, row_of(window, "successfully"), double=True)
    qtbot.waitUntil(lambda: window.annotation_controller.editor is not None)
    editor = window.annotation_controller.editor
    assert editor is not None
    editor.note_edit.setPlainText("a better note")
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(
        lambda: "a better note" in [a.note for a in window.service.reads.annotations(document_id)]
    )

    # Delete key deletes; Ctrl+Z brings it back, Ctrl+Shift+Z deletes it again.
    activate(qtbot, window)
    click_row(qtbot, window, row_of(window, "expanded"))
    (deleted,) = [a for a in window.service.reads.annotations(document_id) if a.color == "green"]
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    wait_annotations(qtbot, window, document_id, 1)
    qtbot.waitUntil(lambda: marked_texts(pane) == [FIRST])
    assert texts(panel.proxy) == [f"“{FIRST}”"]
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, ctrl)
    restored = wait_annotations(qtbot, window, document_id, 2)
    assert deleted.uuid in {a.uuid for a in restored}
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2)
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    wait_annotations(qtbot, window, document_id, 1)
    window.annotation_controller.undo_stack.undo()
    wait_annotations(qtbot, window, document_id, 2)
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2)

    # The Delete button does the same.
    click_row(qtbot, window, row_of(window, "expanded"))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    wait_annotations(qtbot, window, document_id, 1)

    # Undo of the edit puts the old note back.
    window.annotation_controller.undo_stack.undo()  # the delete
    window.annotation_controller.undo_stack.undo()  # the edit
    qtbot.waitUntil(
        lambda: "first note" in [a.note for a in window.service.reads.annotations(document_id)]
    )


def test_going_to_a_passage_flashes_it_briefly(qtbot: QtBot, window: MainWindow) -> None:
    pane = annotated_pane(qtbot, window)
    click_row(qtbot, window, row_of(window, "expanded"))
    flashed = [
        s for s in pane.view.extraSelections() if s.format.background().color() == FLASH_COLOUR
    ]
    assert [" ".join(s.cursor.selectedText().split()) for s in flashed] == [SECOND]
    qtbot.waitUntil(
        lambda: all(
            s.format.background().color() != FLASH_COLOUR for s in pane.view.extraSelections()
        ),
        timeout=3000,
    )


def test_clicking_a_highlight_selects_its_entry(qtbot: QtBot, window: MainWindow) -> None:
    pane = annotated_pane(qtbot, window)
    panel = window.annotations_panel
    panel.list.clearSelection()
    panel.list.setCurrentIndex(panel.proxy.index(-1, -1))
    mark = next(
        m for m in pane.view.marks if "expanded" in pane.view.toPlainText()[m.start : m.end]
    )
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition((mark.start + mark.end) // 2)
    point = pane.view.cursorRect(cursor).center()
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    current = panel.current()
    assert current is not None
    assert current.quote == SECOND


def open_menu(qtbot: QtBot, window: MainWindow) -> QMenu:
    """The list's context menu, once it has popped up."""
    list_view = window.annotations_panel.list
    qtbot.waitUntil(lambda: any(menu.isVisible() for menu in list_view.findChildren(QMenu)))
    (menu,) = [menu for menu in list_view.findChildren(QMenu) if menu.isVisible()]
    return menu


def enabled(menu: QMenu) -> dict[str, bool]:
    return {action.text(): action.isEnabled() for action in menu.actions()}


# The offscreen platform says this whenever a popup menu is shown.
OFFSCREEN_KEYBOARD_GRAB = "This plugin does not support grabbing the keyboard"


@pytest.mark.qt_log_ignore(
    re.escape(OFFSCREEN_KEYBOARD_GRAB), re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE)
)
def test_a_right_click_chooses_the_entry_and_enables_edit_and_delete(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = annotated_pane(qtbot, window)
    assert pane.document is not None
    panel = window.annotations_panel
    window.show()
    qtbot.waitExposed(window)
    assert panel.current() is None
    assert not panel.edit_button.isEnabled()
    assert not panel.delete_button.isEnabled()

    # A right button press on an entry, as the window system delivers it: the press, then
    # the context menu event the window makes of it.
    row = row_of(window, "expanded")
    rect = panel.list.visualRect(panel.proxy.index(row, 0))
    at = panel.list.viewport().mapTo(window, rect.center())
    handle = window.windowHandle()
    no_modifier = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(handle, Qt.MouseButton.RightButton, no_modifier, at)
    menu = open_menu(qtbot, window)
    current = panel.current()
    assert current is not None and current.quote == SECOND
    assert panel.edit_button.isEnabled()
    assert panel.delete_button.isEnabled()
    assert enabled(menu)["&Edit Note…"]
    assert enabled(menu)["&Delete"]
    menu.close()
    QTest.mouseRelease(handle, Qt.MouseButton.RightButton, no_modifier, at)

    # A context menu asked for on the other entry (a menu key, another platform's order of
    # events) chooses that entry, and its Delete deletes it.
    other = panel.proxy.index(row_of(window, "successfully"), 0)
    panel.list.customContextMenuRequested.emit(panel.list.visualRect(other).center())
    menu = open_menu(qtbot, window)
    current = panel.current()
    assert current is not None and current.quote == FIRST
    assert panel.list.selectionModel().isSelected(other)
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    (delete,) = [action for action in menu.actions() if action.text() == "&Delete"]
    assert delete.isEnabled()
    delete.trigger()
    menu.close()
    (left,) = wait_annotations(qtbot, window, pane.document.id, 1)
    assert left.quote == SECOND

    # A right-click on the empty space under the entries chooses nothing new.
    panel.list.setCurrentIndex(QModelIndex())
    below = panel.list.viewport().rect().bottomLeft() + QPoint(5, -5)
    panel.list.customContextMenuRequested.emit(below)
    menu = open_menu(qtbot, window)
    assert panel.current() is None
    assert not enabled(menu)["&Delete"]
    assert not panel.delete_button.isEnabled()
    menu.close()
