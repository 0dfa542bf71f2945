"""Document panes: history, closing and swapping, find in document, the outline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.document.pane import FIND_COLOUR, DocumentPane
from reader.mainwindow import MainWindow
from reader.navigator.model import DocumentIdRole
from tests.reader.conftest import TASK_TIMEOUT_MS, activate, document_id_of, open_year


def wait_for(qtbot: QtBot, pane: DocumentPane, document_id: int) -> None:
    qtbot.waitUntil(
        lambda: pane.document is not None and pane.document.id == document_id,
        timeout=TASK_TIMEOUT_MS,
    )


def test_back_and_forward(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    pane = open_year(qtbot, window, 2025)
    assert not pane.back_button.isEnabled()
    open_year(qtbot, window, 2024)
    open_year(qtbot, window, 2016)
    assert pane.back_button.isEnabled()
    assert not pane.forward_button.isEnabled()

    qtbot.keyClick(pane.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_for(qtbot, pane, document_id_of(window, 2024))
    qtbot.keyClick(pane.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_for(qtbot, pane, document_id_of(window, 2025))
    assert not pane.back_button.isEnabled()
    assert pane.forward_button.isEnabled()
    # The navigator follows the pane.
    assert window.navigator.currentIndex().data(DocumentIdRole) == pane.document_id

    qtbot.keyClick(pane.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_for(qtbot, pane, document_id_of(window, 2024))

    # Opening another document drops the forward history.
    open_year(qtbot, window, 2017)
    assert not pane.forward_button.isEnabled()
    pane.back_button.click()
    wait_for(qtbot, pane, document_id_of(window, 2024))
    pane.forward_button.click()
    wait_for(qtbot, pane, document_id_of(window, 2017))


def test_opening_the_shown_document_again_adds_no_history(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2025)
    open_year(qtbot, window, 2024)
    window.open_document(document_id_of(window, 2024))
    window.open_document(document_id_of(window, 2024))
    pane.back()
    wait_for(qtbot, pane, document_id_of(window, 2025))


def test_each_pane_has_its_own_history(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    left = open_year(qtbot, window, 2025)
    right = open_year(qtbot, window, 2018, beside=True)
    window.open_document(document_id_of(window, 2016))  # into the active pane: the right one
    wait_for(qtbot, right, document_id_of(window, 2016))
    assert left.document is not None and left.document.year == 2025
    qtbot.keyClick(right.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_for(qtbot, right, document_id_of(window, 2018))
    assert left.document.year == 2025
    assert not left.back_button.isEnabled()


def test_close_pane_with_ctrl_w(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    left = open_year(qtbot, window, 2025)
    right = open_year(qtbot, window, 2018, beside=True)
    right.view.setFocus()
    qtbot.keyClick(right.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not right.isVisible()
    assert left.isVisible()
    assert not left.swap_button.isVisible()
    assert right.document is None  # a closed pane forgets its document

    # Ctrl+W again closes the last pane: the window says what to do.
    qtbot.keyClick(left.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not left.isVisible()
    assert window.empty_label.isVisible()
    assert window.windowTitle() == "Archive Reader"

    # The next document opens in the first pane again.
    pane = open_year(qtbot, window, 2016)
    assert pane is window.panes[0]
    assert not pane.back_button.isEnabled()


def test_the_close_button_closes_its_pane(qtbot: QtBot, window: MainWindow) -> None:
    left = open_year(qtbot, window, 2025)
    right = open_year(qtbot, window, 2018, beside=True)
    left.close_button.click()
    assert not left.isVisible()
    assert right.isVisible()
    assert window.active_pane is right


def test_swap_panes(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    left = open_year(qtbot, window, 2025)
    right = open_year(qtbot, window, 2018, beside=True)
    assert window.pane_pair.indexOf(left) == 0
    assert window.pane_pair.indexOf(right) == 1
    qtbot.keyClick(
        right.view,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.pane_pair.indexOf(right) == 0
    assert window.pane_pair.indexOf(left) == 1
    assert window.panes == [right, left]
    assert left.isVisible() and right.isVisible()
    right.swap_button.click()
    assert window.panes == [left, right]
    assert window.pane_pair.indexOf(left) == 0


def test_find_in_document(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    pane = open_year(qtbot, window, 2024)
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible()
    assert pane.find_bar.field.hasFocus()
    total = pane.view.toPlainText().lower().count("baku")
    assert total > 1

    qtbot.keyClicks(pane.find_bar.field, "Baku")
    assert pane.find_bar.count_label.text() == f"1 of {total}"
    found = [s for s in pane.view.extraSelections() if s.format.background().color() == FIND_COLOUR]
    assert len(found) == total
    assert {s.cursor.selectedText().lower() for s in found} == {"baku"}
    assert pane.view.textCursor().selectedText().lower() == "baku"

    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)
    assert pane.find_bar.count_label.text() == f"2 of {total}"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.find_bar.count_label.text() == f"1 of {total}"

    qtbot.keyClicks(pane.find_bar.field, "zzz")
    assert pane.find_bar.count_label.text() == "No matches"
    assert pane.view.extraSelections() == []

    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()
    assert pane.view.extraSelections() == []


def test_outline_lists_the_sections_and_jumps_to_them(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2024)
    assert pane.outline_button.isEnabled()
    entries = [action.text() for action in pane.outline_menu.actions()]
    stripped = [entry.strip() for entry in entries]
    assert stripped[0].startswith("PRESS RELEASE")
    for heading in (
        "Introduction",
        "Bilateral relations with foreign countries",
        "Cooperation within international organizations",
        "Climate diplomacy",
        "Humanitarian diplomacy",
        "Human Resources at the Ministry of Foreign Affairs",
    ):
        assert heading in stripped

    # Deeper headings are indented more (the release mixes levels 1 to 4).
    def indent(heading: str) -> int:
        entry = entries[stripped.index(heading)]
        return len(entry) - len(entry.lstrip())

    assert indent("Humanitarian diplomacy") == 0
    assert indent("Cooperation within international organizations") == 4
    assert indent("Climate diplomacy") == 8
    assert indent("Introduction") == 12

    scrollbar = pane.view.verticalScrollBar()
    assert scrollbar.value() == 0
    action = pane.outline_menu.actions()[
        stripped.index("Human Resources at the Ministry of Foreign Affairs")
    ]
    action.trigger()
    assert (
        pane.view.textCursor().block().text()
        == "Human Resources at the Ministry of Foreign Affairs"
    )
    assert scrollbar.value() > 0
    heading_top = pane.view.cursorRect().top()
    assert 0 <= heading_top < pane.view.viewport().height() // 2


def test_a_document_with_no_headings_has_no_outline(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2025)
    assert pane.outline_menu.isEmpty()
    assert not pane.outline_button.isEnabled()
