"""File › Re-read All Documents…: asked first, run in the background, then shown and reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from archive.ingest.pool import DocumentParser, SerialParser
from archive.models import ImportProgress, ReextractResult, ReextractStatus
from reader.importing.reextract import CONFIRM_TEXT
from reader.importing.report_dialog import ReextractReportDialog
from reader.mainwindow import MainWindow
from tests.archive.annotation_helpers import RAILWAY, STORY
from tests.archive.test_reextract import CLUTTER, older_parse
from tests.reader.annotation_helpers import add, marked_texts, texts, wait_annotations
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    TASK_TIMEOUT_MS,
    wait_idle,
    wait_shown,
)

SAMPLES = 5


def reread_action(window: MainWindow) -> QAction:
    """The File menu's Re-read All Documents… action."""
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    (action,) = [a for a in file_menu.actions() if a.text() == "R&e-read All Documents…"]
    return action


def import_with_older_importer(
    qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> int:
    """Import ``path`` as an older importer read it (with a news site's clutter, undated)."""

    def parser_for(_count: int) -> DocumentParser:
        return SerialParser(older_parse)

    with monkeypatch.context() as patch:
        patch.setattr("archive.api.choose_parser", parser_for)
        with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
            window.import_paths([path])
    (result,) = blocker.args[0]
    assert result.id is not None
    return int(result.id)


def report_rows(dialog: ReextractReportDialog) -> list[tuple[str, str, str]]:
    rows = []
    for number in range(dialog.table.topLevelItemCount()):
        item = dialog.table.topLevelItem(number)
        assert item is not None
        rows.append((item.text(0), item.text(1), item.text(2)))
    return rows


def check_progress(seen: list[tuple[str, str]], results: list[ReextractResult], story: int) -> None:
    """Progress was shown for each document, then for indexing; only the story changed."""
    total = SAMPLES + 1
    assert seen[0] == (f"Re-reading 1 of {total}", "Re-reading…")
    assert seen[-2] == (f"Re-reading {total} of {total}", "Re-reading…")
    assert seen[-1] == ("Indexing 1 of 1", "Indexing…")
    assert len(results) == total
    assert {r.id: r.status for r in results if r.status is not ReextractStatus.UNCHANGED} == {
        story: ReextractStatus.UPDATED
    }


def test_reread_asks_then_updates_the_open_document_its_annotation_and_the_years(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    story = import_with_older_importer(qtbot, window, path, monkeypatch)
    wait_idle(qtbot, window)
    assert window.navigator_model.year_row(None).isValid()  # undated, as first read
    window.open_document(story)
    pane = wait_shown(qtbot, window, story)
    assert CLUTTER in pane.view.toPlainText()
    add(qtbot, window, story, RAILWAY, note="the railway")
    wait_annotations(qtbot, window, story, 1)
    window.annotation_controller.refresh(story)
    qtbot.waitUntil(lambda: marked_texts(pane) == [RAILWAY], timeout=TASK_TIMEOUT_MS)

    reread_action(window).trigger()
    box = window.reextractor.confirmation
    assert box is not None and box.isVisible()
    assert box.text() == CONFIRM_TEXT
    assert "corrected by hand are kept" in box.informativeText()
    assert not window.reextractor.running

    seen: list[tuple[str, str]] = []

    def on_progress(_progress: ImportProgress) -> None:
        seen.append((window.progress.format(), window.index_label.text()))

    window.reextractor.progressed.connect(on_progress)
    start = window.reextractor.start_button
    assert start is not None and start.text() == "Re-read"
    with qtbot.waitSignal(window.reextractor.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        assert window.progress.isVisible() and window.cancel_button.isVisible()
    results: list[ReextractResult] = blocker.args[0]
    assert blocker.args[1] is False

    check_progress(seen, results, story)
    assert not window.progress.isVisible()
    assert window.statusBar().currentMessage() == f"1 updated, {SAMPLES} unchanged"

    # The report lists what changed.
    dialog = window.importing.reextract_report
    assert dialog is not None and dialog.isVisible()
    ((title, status, changed),) = report_rows(dialog)
    assert status == "updated"
    assert changed.startswith("title, date, text")
    assert title == window.service.reads.document(story).title
    dialog.reject()

    # The open document, its highlight, the annotations pane and the years follow.
    qtbot.waitUntil(lambda: CLUTTER not in pane.view.toPlainText(), timeout=TASK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: marked_texts(pane) == [RAILWAY], timeout=TASK_TIMEOUT_MS)
    wait_idle(qtbot, window)
    assert texts(window.annotations_panel.proxy) == [f"“{RAILWAY}”"]
    assert window.navigator_model.year_row(2021).isValid()
    assert not window.navigator_model.year_row(None).isValid()
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS) as found:
        window.search_field.setText("zorbly")
    assert found.args[0].total == 0


def test_declining_the_question_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    story = import_with_older_importer(qtbot, window, path, monkeypatch)
    window.reread_all_documents()
    box = window.reextractor.confirmation
    assert box is not None
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.reextractor.confirmation is None)
    wait_idle(qtbot, window)
    assert not window.reextractor.running
    assert CLUTTER in window.service.reads.document(story).text
    assert window.importing.reextract_report is None


def test_reread_waits_for_an_import_to_finish(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([path])
        window.reread_all_documents()
        assert window.reextractor.confirmation is None
        assert "already running" in window.statusBar().currentMessage()
