"""Removing documents in the window: asked first, gone from tree and search, undone by Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from archive.annotations.model import Annotation
from archive.api import Archive
from reader.library.removal import DocumentRemoval
from reader.mainwindow import MainWindow
from reader.search.results_model import DocumentIdRole as HitIdRole
from tests.reader.conftest import (
    TASK_TIMEOUT_MS,
    activate,
    click_navigator,
    document_id_of,
    navigator_row,
    open_year,
    type_search,
    wait_idle,
)


def annotate_start(qtbot: QtBot, window: MainWindow, document_id: int, count: int) -> None:
    """Give a document ``count`` annotations (as a script would), on its first words."""

    def annotate(archive: Archive) -> list[Annotation]:
        return [archive.add_annotation(document_id, 10 * n, 10 * n + 8) for n in range(count)]

    window.service.write(annotate)
    wait_idle(qtbot, window)


def hit_ids(window: MainWindow) -> list[int]:
    model = window.search_panel.model
    return [int(model.index(row, 0).data(HitIdRole)) for row in range(model.rowCount())]


def confirm(qtbot: QtBot, removal: DocumentRemoval) -> None:
    """Click the question's Remove button; returns once the removal was done and shown."""
    button = removal.remove_button
    assert button is not None and button.text() == "Remove"
    with qtbot.waitSignal(removal.finished, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_delete_removes_two_selected_documents_and_ctrl_z_brings_them_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    newest, older = document_id_of(window, 2025), document_id_of(window, 2024)
    annotate_start(qtbot, window, newest, 2)
    annotate_start(qtbot, window, older, 1)
    open_year(qtbot, window, 2025)
    assert newest in hit_ids(window) or type_search(qtbot, window, "Azerbaijan").total == 5
    assert {newest, older} <= set(hit_ids(window))
    activate(qtbot, window)
    click_navigator(qtbot, window, navigator_row(qtbot, window, 2025))
    click_navigator(
        qtbot, window, navigator_row(qtbot, window, 2024), Qt.KeyboardModifier.ShiftModifier
    )
    assert window.navigator.selected_document_ids() == [newest, older]

    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Delete)

    removal = window.library.removal
    box = removal.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Remove 2 documents from the archive?"
    assert "Their 3 annotations are kept and come back if you undo." in box.informativeText()
    confirm(qtbot, removal)

    model = window.navigator_model
    assert not model.year_row(2025).isValid() and not model.year_row(2024).isValid()
    assert window.status_label.text() == "3 documents in 3 years"
    assert not any(pane.is_open and pane.document_id == newest for pane in window.panes)
    qtbot.waitUntil(lambda: not {newest, older} & set(hit_ids(window)), timeout=TASK_TIMEOUT_MS)
    assert len(hit_ids(window)) == 3
    assert "Removed 2 documents (3 annotations kept)" in window.statusBar().currentMessage()

    activate(qtbot, window)
    with qtbot.waitSignal(removal.finished, timeout=TASK_TIMEOUT_MS):
        qtbot.keyClick(window.navigator, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert model.year_row(2025).isValid() and model.year_row(2024).isValid()
    assert window.status_label.text() == "5 documents in 5 years"
    assert len(window.service.reads.annotations(newest)) == 2
    assert len(window.service.reads.annotations(older)) == 1
    qtbot.waitUntil(lambda: {newest, older} <= set(hit_ids(window)), timeout=TASK_TIMEOUT_MS)


def test_the_tree_context_menu_offers_remove_and_cancel_keeps_the_document(
    qtbot: QtBot, window: MainWindow
) -> None:
    document = document_id_of(window, 2018)
    index = navigator_row(qtbot, window, 2018)
    click_navigator(qtbot, window, index)
    menu = window.navigator.context_menu(window.navigator.visualRect(index).center())
    assert menu is not None
    (remove,) = [a for a in menu.actions() if a.text() == "&Remove…"]

    remove.trigger()

    box = window.library.removal.confirmation
    assert box is not None
    title = window.service.reads.document(document).title
    assert box.text() == f"Remove “{title}” from the archive?"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "annotation" not in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.library.removal.confirmation is None)
    wait_idle(qtbot, window)
    assert window.service.reads.document(document).id == document


def test_remove_from_the_search_results_context_menu(qtbot: QtBot, window: MainWindow) -> None:
    results = type_search(qtbot, window, "COP29")
    (hit,) = results.hits
    annotate_start(qtbot, window, hit.id, 1)
    listing = window.search_panel.list
    qtbot.mouseClick(
        listing.viewport(),
        Qt.MouseButton.LeftButton,
        pos=listing.visualRect(window.search_panel.model.index(0, 0)).center(),
    )
    assert window.search_panel.selected_document_ids() == [hit.id]
    assert listing.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    (remove,) = [a for a in listing.actions() if a.text() == "&Remove…"]

    remove.trigger()

    removal = window.library.removal
    assert removal.confirmation is not None
    assert "Its 1 annotation is kept and comes back" in removal.confirmation.informativeText()
    confirm(qtbot, removal)
    qtbot.waitUntil(lambda: hit_ids(window) == [], timeout=TASK_TIMEOUT_MS)
    assert window.service.reads.search("COP29").total == 0
    # Its annotation is kept, and exported with it.
    assert "## Removed documents" in window.service.reads.export_annotations("markdown")


def test_the_trash_restores_a_removed_document_and_empties_for_good(
    qtbot: QtBot, window: MainWindow
) -> None:
    removal = window.library.removal
    kept, deleted = document_id_of(window, 2017), document_id_of(window, 2016)
    annotate_start(qtbot, window, deleted, 2)
    with qtbot.waitSignal(removal.finished, timeout=TASK_TIMEOUT_MS):
        removal.remove_now([kept, deleted])
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    (action,) = [a for a in file_menu.actions() if a.text() == "Removed &Documents…"]

    action.trigger()

    trash = removal.trash
    assert trash is not None and trash.isVisible()
    assert trash.model.rowCount() == 2
    assert not trash.restore_button.isEnabled()
    qtbot.mouseClick(
        trash.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=trash.list.visualRect(trash.model.index(0, 0)).center(),
    )
    assert trash.selected_document_ids() == [kept]
    with qtbot.waitSignal(removal.finished, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert window.navigator_model.year_row(2017).isValid()
    assert trash.model.rowCount() == 1

    qtbot.mouseClick(trash.empty_button, Qt.MouseButton.LeftButton)
    box = trash.confirmation
    assert box is not None and box.text() == "Delete 1 removed document for good?"
    delete = trash.delete_button
    assert delete is not None
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0, timeout=TASK_TIMEOUT_MS)
    assert trash.summary.text() == "The trash is empty."
    assert window.service.reads.removed_documents() == []
    assert "Deleted 1 document and 2 annotations for good." in (window.statusBar().currentMessage())


def test_edit_menu_removes_the_selection_of_the_list_with_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    edit_menu = window.menuBar().actions()[1].menu()
    assert isinstance(edit_menu, QMenu)
    (action,) = [a for a in edit_menu.actions() if a.text() == "&Remove Selected Documents…"]
    removal = window.library.removal

    action.trigger()  # nothing selected: nothing asked
    assert window.library.removal.confirmation is None
    assert window.statusBar().currentMessage() == "Select the documents to remove first."

    document = document_id_of(window, 2024)
    click_navigator(qtbot, window, navigator_row(qtbot, window, 2024))
    action.trigger()
    assert removal.confirmation is not None
    title = window.service.reads.document(document).title
    assert removal.confirmation.text() == f"Remove “{title}” from the archive?"
    confirm(qtbot, removal)
    assert window.service.reads.removed_documents()[0].id == document
