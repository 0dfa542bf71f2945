"""The Where Else pane: a paragraph of the open document, its reuse found, opened beside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from archive.passages import SimilarPassage
from reader.mainwindow import MainWindow
from reader.passages.delegate import SHARED_COLOUR
from reader.passages.panel import EMPTY_TEXT
from reader.settings import Settings
from tests.passages_archive import EDITED, REUSED, build_passages_archive
from tests.reader.conftest import TASK_TIMEOUT_MS, open_window, wait_idle, wait_shown


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("passages-window")
    ids = build_passages_archive(root / "data", root / "files")
    return root / "data", ids


@pytest.fixture
def window_and_ids(
    qtbot: QtBot, built: tuple[Path, dict[str, int]], tmp_path: Path, settings: Settings
) -> tuple[MainWindow, dict[str, int]]:
    data = tmp_path / "data"
    shutil.copytree(built[0], data)
    return open_window(qtbot, data, settings), built[1]


def _put_cursor_in(qtbot: QtBot, window: MainWindow, document_id: int, words: str) -> None:
    window.open_document(document_id)
    pane = wait_shown(qtbot, window, document_id)
    found = pane.view.document().find(words)
    assert not found.isNull()
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(found.selectionStart())
    pane.view.setTextCursor(cursor)


def test_the_reused_paragraph_is_listed_and_opens_beside_marked(
    qtbot: QtBot, window_and_ids: tuple[MainWindow, dict[str, int]]
) -> None:
    window, ids = window_and_ids
    _put_cursor_in(qtbot, window, ids["2016-kura.md"], "hydrological data")
    panel = window.passages_panel
    with qtbot.waitSignal(window.passages.found, timeout=TASK_TIMEOUT_MS) as found:
        window.passages.action.trigger()
    assert found.args is not None and found.args[0].asked.text == REUSED
    assert window.passages_dock.isVisible()
    assert panel.model.rowCount() == 1
    best = panel.current_passage()
    assert isinstance(best, SimilarPassage)
    assert (best.id, best.year, best.text) == (ids["2024-kura.md"], 2024, EDITED)
    # The asked document marks what it shares with the match selected.
    left = window.panes[0]
    assert left.view.extraSelections()
    panel.view.activated.emit(panel.model.index(0))
    right = wait_shown(qtbot, window, ids["2024-kura.md"])
    assert right is window.panes[1] and left.document is not None
    assert left.document.id == ids["2016-kura.md"]  # still open, beside
    qtbot.waitUntil(lambda: window.passages._pending is None, timeout=TASK_TIMEOUT_MS)
    shown = right.view.toPlainText()
    marked = [
        shown[s.cursor.selectionStart() : s.cursor.selectionEnd()]
        for s in right.view.extraSelections()
        if s.format.background().color() == SHARED_COLOUR  # not the brief flash
    ]
    assert any(text.startswith("The Ministry of Foreign Affairs welcomes") for text in marked)
    assert not any("Baku" in text for text in marked)
    # Scrolled there: the text cursor is at the matched paragraph.
    assert shown[right.view.textCursor().position() :].startswith("The Ministry of Foreign")
    wait_idle(qtbot, window)


def test_a_passage_nobody_reused_says_so(
    qtbot: QtBot, window_and_ids: tuple[MainWindow, dict[str, int]]
) -> None:
    window, ids = window_and_ids
    _put_cursor_in(qtbot, window, ids["2012-embassy.md"], "consular section")
    with qtbot.waitSignal(window.passages.found, timeout=TASK_TIMEOUT_MS):
        window.passages.action.trigger()
    assert window.passages_panel.model.rowCount() == 0
    assert window.passages_panel.status_label.text() == EMPTY_TEXT
    wait_idle(qtbot, window)


def test_the_model_passes_qt_checks(
    qtmodeltester: object, window_and_ids: tuple[MainWindow, dict[str, int]], qtbot: QtBot
) -> None:
    window, ids = window_and_ids
    _put_cursor_in(qtbot, window, ids["2016-kura.md"], "hydrological data")
    with qtbot.waitSignal(window.passages.found, timeout=TASK_TIMEOUT_MS):
        window.passages.action.trigger()
    qtmodeltester.check(window.passages_panel.model)  # type: ignore[attr-defined]
    wait_idle(qtbot, window)
