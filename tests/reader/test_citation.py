"""Edit › Copy with Citation: the selected passage in quotes, with where it came from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from reader.mainwindow import MainWindow
from tests.reader.annotation_helpers import select_words
from tests.reader.conftest import activate, open_year
from tests.reader.menu_helpers import menu_action

PASSAGE = "Azerbaijan has continued its successful foreign policy"


@pytest.fixture(autouse=True)
def clipboard_emptied_after() -> Iterator[None]:
    """The test process's clipboard is emptied after each test.

    With mime data left on it, the offscreen platform's clipboard crashes the process at
    exit (PySide6 6.11.3: a Python-made QMimeData freed twice; xcb does not). The window
    itself is not affected on a desktop, and the crash would fail the whole suite's run.
    """
    yield
    QGuiApplication.clipboard().clear()


def copy_with_citation(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+C in the reading view, as a user would press it."""
    activate(qtbot, window)
    qtbot.keyClick(
        window.active_pane.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_copy_with_citation_marks_an_inferred_date(qtbot: QtBot, window: MainWindow) -> None:
    action = menu_action(window, "Edit", "Copy with Citation")
    assert not action.isEnabled()  # nothing open, nothing selected
    pane = open_year(qtbot, window, 2018)
    document = pane.document
    assert document is not None and document.date_inferred
    assert not action.isEnabled()
    select_words(window, pane, PASSAGE)
    assert action.isEnabled()
    QGuiApplication.clipboard().clear()
    copy_with_citation(qtbot, window)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == (
        f"“{PASSAGE}”\n{document.title}\nAZERTAC, 2018-12-22 (date inferred)\n"
        f"File: {document.path}\n"
    )
    assert f"<blockquote>“{PASSAGE}”</blockquote>" in data.html()
    assert window.statusBar().currentMessage() == "Copied the passage with its citation."

    cursor = pane.view.textCursor()
    cursor.clearSelection()
    pane.view.setTextCursor(cursor)
    assert not action.isEnabled()


def test_a_stated_date_is_not_marked_and_paragraphs_keep_their_breaks(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = open_year(qtbot, window, 2024)
    document = pane.document
    assert document is not None and not document.date_inferred
    # Across two paragraphs of the body, as a drag would select.
    body = pane.view.document().findBlock(pane.view.toPlainText().index(document.title)).next()
    body = body.next()
    cursor = QTextCursor(body)
    cursor.setPosition(body.next().position() + 5, QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    assert "\u2029" in pane.view.textCursor().selectedText()
    copy_with_citation(qtbot, window)
    text = QGuiApplication.clipboard().text()
    assert "\u2029" not in text and text.startswith(f"“{body.text().strip()}\n")
    assert text.endswith(
        f"”\n{document.title}\n{document.source}, 2024-12-28\nFile: {document.path}\n"
    )
    assert "(date inferred)" not in text
