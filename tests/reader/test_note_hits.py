"""The main search also finds the reader's notes, listed "In your notes"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.mainwindow import MainWindow
from reader.search.note_hits import NoteHitsModel
from tests.reader.annotation_helpers import SECOND, add
from tests.reader.conftest import document_id_of, type_search, wait_shown


def test_note_hits_are_listed_and_open_their_passage(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    document_id = document_id_of(window, 2024)
    add(qtbot, window, document_id, SECOND, note="Compare with the zebrafish treaty")
    results = type_search(qtbot, window, "zebrafish")
    assert [hit.document_id for hit in results.note_hits] == [document_id]
    notes = window.search_panel.note_hits
    assert notes.isVisibleTo(window.search_panel)
    assert notes.heading.text() == "In your notes (1)"
    index = notes.model.index(0, 0)
    assert "zebrafish" in index.data()
    qtmodeltester.check(notes.model)
    assert isinstance(notes.model, NoteHitsModel)

    rect = notes.list.visualRect(index)
    qtbot.mouseClick(notes.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = wait_shown(qtbot, window, document_id)
    qtbot.waitUntil(lambda: " ".join(pane.view.textCursor().selectedText().split()) == SECOND)

    type_search(qtbot, window, "foreign")
    assert not notes.isVisibleTo(window.search_panel)
