"""Helpers for the annotation tests: select a passage in a pane as a user would."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from archive.annotations.model import Annotation
from archive.api import Archive
from reader.annotations.model import AnnotationFilter, AnnotationsModel
from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from tests.reader.conftest import TASK_TIMEOUT_MS, wait_idle

FIRST = "successfully continued its independent and pragmatic foreign policy course"
SECOND = "expanded its relations and diplomatic representation network"


def select_words(window: MainWindow, pane: DocumentPane, words: str) -> tuple[int, int]:
    """Select the first occurrence of ``words`` of the document in the pane; its offsets."""
    assert pane.document is not None
    start = pane.document.text.index(words)
    text_map = window.annotation_controller.text_map(pane)
    assert text_map is not None
    qt_span = text_map.stored_to_qt(start, start + len(words))
    assert qt_span is not None
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(qt_span[0])
    cursor.setPosition(qt_span[1], QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    pane.view.setFocus()
    return start, start + len(words)


def marked_texts(pane: DocumentPane) -> list[str]:
    """The texts the pane shows highlighted, whitespace collapsed."""
    shown = pane.view.toPlainText()
    return [" ".join(shown[m.start : m.end].split()) for m in pane.view.marks]


def wait_annotations(
    qtbot: QtBot, window: MainWindow, document_id: int, count: int
) -> list[Annotation]:
    """The document's annotations once there are ``count`` and the window has caught up."""
    reads = window.service.reads
    qtbot.waitUntil(
        lambda: len(reads.annotations(document_id)) == count and not window.service.busy,
        timeout=TASK_TIMEOUT_MS,
    )
    return reads.annotations(document_id)


def texts(model: AnnotationFilter | AnnotationsModel) -> list[str]:
    return [str(model.index(row, 0).data()).split("\n")[0] for row in range(model.rowCount())]


def add(qtbot: QtBot, window: MainWindow, document_id: int, words: str, **fields: object) -> None:
    """Annotate the first occurrence of ``words`` through the archive, as a script would."""

    def annotate(archive: Archive) -> Annotation:
        start = archive.document(document_id).text.index(words)
        return archive.add_annotation(document_id, start, start + len(words), **fields)  # type: ignore[arg-type]

    window.service.write(annotate)
    wait_idle(qtbot, window)
