"""A highlight survives closing the window and an edit of its file; a lost passage is orphaned."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from archive.api import Archive
from archive.models import ImportStatus
from reader.annotations.model import ORPHANED_HEADING
from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from reader.settings import Settings
from tests.conftest import seed_path
from tests.reader.annotation_helpers import marked_texts, select_words, texts, wait_annotations
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    activate,
    close_window,
    open_window,
    wait_idle,
    wait_shown,
)

PASSAGE = "strengthened its role and position in ensuring its national interests"
ELSEWHERE = "supported by internal stability and sustainable development"


def import_copy(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[Path, int]:
    """Import a copy of seed 003 (a line added, so it is not the sample's twin)."""
    copy = tmp_path / "releases" / "results_2024.txt"
    copy.parent.mkdir()
    copy.write_text(seed_path("003").read_text("utf-8") + "\nA copy for the tests.\n", "utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.import_paths([copy])
    (result,) = blocker.args[0]
    assert result.status == ImportStatus.IMPORTED and result.id is not None
    wait_idle(qtbot, window)
    return copy, result.id


def reimport(data_dir: Path, copy: Path, old: str, new: str) -> None:
    copy.write_text(copy.read_text("utf-8").replace(old, new, 1), "utf-8")
    with Archive(data_dir) as archive:
        (result,) = archive.import_paths([copy])
    assert result.status == ImportStatus.UPDATED


def annotate_in_window(qtbot: QtBot, window: MainWindow, document_id: int) -> DocumentPane:
    window.open_document(document_id)
    pane = wait_shown(qtbot, window, document_id)
    activate(qtbot, window)
    select_words(window, pane, PASSAGE)
    assert window.highlight_action is not None
    window.highlight_action.trigger()
    wait_annotations(qtbot, window, document_id, 1)
    qtbot.waitUntil(lambda: marked_texts(pane) == [PASSAGE])
    return pane


def test_highlight_follows_its_words_after_the_file_changes(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    copy, document_id = import_copy(qtbot, window, tmp_path)
    annotate_in_window(qtbot, window, document_id)
    close_window(qtbot, window)

    reimport(
        data_dir,
        copy,
        "Azerbaijan, successfully realizing",
        "NEW WORDS. " * 40 + "Azerbaijan, successfully realizing",
    )
    again = open_window(qtbot, data_dir, settings)
    pane = wait_shown(qtbot, again, document_id)  # the session reopens it
    assert pane.document is not None and "NEW WORDS" in pane.document.text
    qtbot.waitUntil(lambda: marked_texts(pane) == [PASSAGE])
    (annotation,) = again.service.reads.annotations(document_id)
    assert pane.document.text[annotation.start : annotation.end] == PASSAGE


def test_lost_passage_is_orphaned_and_can_be_reattached(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    copy, document_id = import_copy(qtbot, window, tmp_path)
    annotate_in_window(qtbot, window, document_id)
    close_window(qtbot, window)

    reimport(data_dir, copy, PASSAGE, "did other things")
    again = open_window(qtbot, data_dir, settings)
    pane = wait_shown(qtbot, again, document_id)
    panel = again.annotations_panel
    qtbot.waitUntil(lambda: texts(panel.proxy) == [ORPHANED_HEADING, f"“{PASSAGE}”"])
    assert marked_texts(pane) == []

    # Select new words, then "Re-attach to Selection" in the panel's context menu.
    select_words(again, pane, ELSEWHERE)
    rect = panel.list.visualRect(panel.proxy.index(1, 0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    menu = panel.context_menu()
    (reattach,) = [a for a in menu.actions() if "Re-attach" in a.text()]
    reattach.trigger()
    qtbot.waitUntil(lambda: marked_texts(pane) == [ELSEWHERE])
    (annotation,) = again.service.reads.annotations(document_id)
    assert not annotation.orphaned
    assert texts(panel.proxy) == [f"“{ELSEWHERE}”"]
