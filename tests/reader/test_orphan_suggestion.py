"""Choosing an orphaned annotation offers "Re-attach here?" where its passage most likely went.

A sentence of a release is deleted and written anew far from where it was, with one name
changed: re-anchoring orphans its note (it may be another event), and the window offers the
rewritten sentence for the reader to confirm or turn down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from archive.annotations import service
from archive.api import Archive
from archive.models import ImportStatus
from reader.annotations.model import ORPHANED_HEADING
from reader.annotations.reattach_offer import NOTHING_FOUND
from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from reader.settings import Settings
from tests.conftest import seed_path
from tests.reader.annotation_helpers import add, marked_texts, select_words, texts
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    close_window,
    open_window,
    wait_idle,
    wait_shown,
)

SENTENCE = (
    "COP29 was considered one of the most successful conferences in terms of the tangible "
    "results achieved and the importance of the decisions adopted."
)
REWRITTEN = SENTENCE.replace("COP29", "Forum")  # one name changed, same length
# The last paragraph of the release, 45,000 characters after the sentence.
FAR_AWAY = "A copy for the tests."
ELSEWHERE = "supported by internal stability and sustainable development"


@dataclass(frozen=True)
class Orphaned:
    """A window showing a document, and its one annotation (orphaned)."""

    window: MainWindow
    pane: DocumentPane
    document_id: int


@pytest.fixture
def orphaned(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings, tmp_path: Path
) -> Orphaned:
    """A window showing a copy of seed 003 whose note on ``SENTENCE`` was orphaned."""
    copy = tmp_path / "releases" / "results_2024.txt"
    copy.parent.mkdir()
    text = seed_path("003").read_text("utf-8")
    assert text.count(SENTENCE) == 1
    copy.write_text(text + f"\n{FAR_AWAY}\n", "utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.import_paths([copy])
    (result,) = blocker.args[0]
    assert result.status == ImportStatus.IMPORTED and result.id is not None
    document_id = result.id
    wait_idle(qtbot, window)
    add(qtbot, window, document_id, SENTENCE, note="COP29 results")
    window.open_document(document_id)
    wait_shown(qtbot, window, document_id)
    close_window(qtbot, window)

    edited = copy.read_text("utf-8").replace(" " + SENTENCE, "")
    copy.write_text(edited.replace(FAR_AWAY, f"{FAR_AWAY} {REWRITTEN}"), "utf-8")
    with Archive(data_dir) as archive:
        (updated,) = archive.import_paths([copy])
    assert updated.status == ImportStatus.UPDATED

    again = open_window(qtbot, data_dir, settings)
    pane = wait_shown(qtbot, again, document_id)  # the session reopens it
    again.annotations_dock.show()
    panel = again.annotations_panel
    qtbot.waitUntil(lambda: texts(panel.proxy) == [ORPHANED_HEADING, f"“{SENTENCE}”"])
    return Orphaned(again, pane, document_id)


def choose_orphan(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.annotations_panel
    rect = panel.list.visualRect(panel.proxy.index(1, 0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = panel.current()
    assert current is not None and current.orphaned


def selected_text(pane: DocumentPane) -> str:
    return " ".join(pane.view.textCursor().selectedText().split())


def test_re_attach_here_moves_the_orphan_to_the_suggested_passage(
    qtbot: QtBot, orphaned: Orphaned
) -> None:
    again, pane, document_id = orphaned.window, orphaned.pane, orphaned.document_id
    panel = again.annotations_panel
    assert not panel.reattach_here_action.isEnabled()

    choose_orphan(qtbot, again)
    qtbot.waitUntil(panel.reattach_here_action.isEnabled)
    assert panel.offer.isVisible()
    assert panel.offer.passage.text() == f"“{REWRITTEN}”"
    assert panel.reattach_here_action in panel.context_menu().actions()
    # The reading view shows the suggested passage, selected.
    assert selected_text(pane) == REWRITTEN

    panel.reattach_here_action.trigger()

    qtbot.waitUntil(lambda: marked_texts(pane) == [REWRITTEN])
    (annotation,) = again.service.reads.annotations(document_id)
    assert not annotation.orphaned
    assert annotation.note == "COP29 results"
    assert pane.document is not None
    assert pane.document.text[annotation.start : annotation.end] == REWRITTEN
    assert texts(panel.proxy) == [f"“{REWRITTEN}”"]
    assert not panel.offer.isVisible()


def test_the_offer_buttons_re_attach_or_keep_it_orphaned(qtbot: QtBot, orphaned: Orphaned) -> None:
    again, pane, document_id = orphaned.window, orphaned.pane, orphaned.document_id
    panel = again.annotations_panel

    # Words the reader selected first stay selected: the preview only scrolls to its own.
    select_words(again, pane, ELSEWHERE)
    choose_orphan(qtbot, again)
    qtbot.waitUntil(panel.offer.accept_button.isVisible)
    assert selected_text(pane) == ELSEWHERE

    qtbot.mouseClick(panel.offer.decline_button, Qt.MouseButton.LeftButton)
    assert not panel.offer.isVisible()
    assert not panel.reattach_here_action.isEnabled()
    assert panel.reattach_here_action not in panel.context_menu().actions()
    wait_idle(qtbot, again)
    (annotation,) = again.service.reads.annotations(document_id)
    assert annotation.orphaned

    # Chosen again, it is offered again; the button accepts.
    panel.list.clearSelection()
    panel.list.setCurrentIndex(panel.proxy.index(-1, -1))
    choose_orphan(qtbot, again)
    qtbot.waitUntil(panel.offer.accept_button.isVisible)
    qtbot.mouseClick(panel.offer.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: marked_texts(pane) == [REWRITTEN])
    (annotation,) = again.service.reads.annotations(document_id)
    assert not annotation.orphaned


def test_no_likely_place_is_said_and_not_offered(
    qtbot: QtBot, orphaned: Orphaned, monkeypatch: pytest.MonkeyPatch
) -> None:
    again, document_id = orphaned.window, orphaned.document_id
    panel = again.annotations_panel
    monkeypatch.setattr(service, "suggest", lambda *_args: None)

    choose_orphan(qtbot, again)
    qtbot.waitUntil(panel.offer.isVisible)
    assert panel.offer.explanation.text() == NOTHING_FOUND
    assert not panel.offer.accept_button.isVisible()
    assert not panel.reattach_here_action.isEnabled()
    assert panel.reattach_here_action not in panel.context_menu().actions()
    assert again.service.reads.annotations(document_id)[0].orphaned
