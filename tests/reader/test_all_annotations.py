"""View > All Annotations: every annotation by year and document, searchable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.annotations.all_annotations import AllAnnotationsModel
from reader.mainwindow import MainWindow
from tests.reader.annotation_helpers import FIRST, add
from tests.reader.conftest import activate, document_id_of, wait_shown

OLDER = "Azerbaijan has continued its successful foreign policy"


def tree(model: AllAnnotationsModel | QSortFilterProxyModel, parent: QModelIndex) -> list[object]:
    rows: list[object] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        text = str(index.data()).split("\n")[0]
        rows.append((text, tree(model, index)) if model.rowCount(index) else text)
    return rows


def test_all_annotations_by_year_and_document(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    recent, older = document_id_of(window, 2024), document_id_of(window, 2018)
    add(qtbot, window, recent, FIRST, note="the course")
    add(qtbot, window, older, OLDER, note="zebrafish note", tags=["old"])
    activate(qtbot, window)
    qtbot.keyClick(
        window.search_field,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.all_annotations
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtmodeltester.check(dialog.model)
    recent_title = window.service.reads.document(recent).title
    older_title = window.service.reads.document(older).title
    assert tree(dialog.model, QModelIndex()) == [
        ("2024", [(recent_title, [f"“{FIRST}”"])]),
        ("2018", [(older_title, [f"“{OLDER}”"])]),
    ]

    qtbot.keyClicks(dialog.search_field, "ZEBRAFISH")
    assert tree(dialog.proxy, QModelIndex()) == [("2018", [(older_title, [f"“{OLDER}”"])])]

    year = dialog.proxy.index(0, 0)
    entry = dialog.proxy.index(0, 0, dialog.proxy.index(0, 0, year))
    rect = dialog.tree.visualRect(entry)
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = wait_shown(qtbot, window, older)
    qtbot.waitUntil(lambda: " ".join(pane.view.textCursor().selectedText().split()) == OLDER)
