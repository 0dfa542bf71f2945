"""Document and note text is shown as text: no tool tip, title or note reads a file it names.

Qt's tool tips, and labels left to decide for themselves, render anything that looks like
HTML as rich text, and rich text loads the images it names from the disk (a FIFO blocks
the window; ``/dev/zero`` fills the memory until the window dies). Each test points the
hostile markup at a FIFO that records whether anyone opened it (issue 11, finding 2):
a document's ``<abbr title>``, a title read from a first line, an annotation's note, and
the file names an import reports.
"""

from __future__ import annotations

import faulthandler
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import QHelpEvent, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMessageBox,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from archive.models import ImportProgress, ImportResult, ImportStatus, SearchHit
from reader.annotations.model import AnnotationRole
from reader.annotations.note_editor import NoteEditor
from reader.importing.report_dialog import ImportReportDialog
from reader.mainwindow import MainWindow
from reader.search.panel import SearchPanel
from reader.settings import Settings
from tests.reader.annotation_helpers import FIRST, add, wait_annotations
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    OFFSCREEN_RAISE,
    OFFSCREEN_SIZE_HINTS,
    document_id_of,
    navigator_row,
    open_window,
    open_year,
    type_search,
    wait_idle,
    wait_shown,
)
from tests.reliability.test_rendering_safety import HANG_SECONDS, FifoWatch

# What Qt says when it reads a FIFO: only where the marker's assertion fails anyway.
READ_A_FIFO = "QFile::at: Cannot set file position 0"
pytestmark = pytest.mark.qt_log_ignore(
    re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE), re.escape(READ_A_FIFO)
)

HOSTILE_YEAR = 2003  # no sample document is from 2003


class _NoLoadDocument(QTextDocument):
    """Reads rich text back as words without fetching anything it names."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802
        return QImage(1, 1, QImage.Format.Format_ARGB32)


def as_seen(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a widget shows of ``text`` in ``text_format`` (by default it guesses the format)."""
    if text_format == Qt.TextFormat.PlainText:
        return text
    if text_format == Qt.TextFormat.AutoText and not QtGui.Qt.mightBeRichText(text):
        return text
    document = _NoLoadDocument()
    document.setHtml(text)
    return document.toPlainText()


@pytest.fixture
def marker(tmp_path: Path) -> Iterator[FifoWatch]:
    watch = FifoWatch(tmp_path / "marker.png")
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    yield watch
    faulthandler.cancel_dump_traceback_later()
    watch.stop()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, tmp_path / "data", Settings.in_file(tmp_path / "settings.ini"))


def hover(widget: QWidget, point: QPoint) -> str:
    """Rest the mouse on ``point`` of ``widget`` as Qt sees it: the tool tip shown, if any."""
    QToolTip.hideText()
    QApplication.sendEvent(
        widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    )
    return QToolTip.text() if QToolTip.isVisible() else ""


def hover_row(view: QAbstractItemView, index: QModelIndex) -> str:
    view.scrollTo(index)
    return hover(view.viewport(), view.visualRect(index).center())


def import_file(qtbot: QtBot, window: MainWindow, path: Path) -> int:
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([path])
    wait_idle(qtbot, window)
    return document_id_of(window, HOSTILE_YEAR)


def test_the_watcher_sees_a_label_read_the_file_it_names(qtbot: QtBot, marker: FifoWatch) -> None:
    # The control: what every other test here asserts does not happen, happening.
    QToolTip.showText(QPoint(0, 0), f'<img src="{marker.path}"> rich')
    assert marker.opened
    QToolTip.hideText()


def test_an_abbreviation_or_link_title_in_a_document_is_a_plain_tool_tip(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, marker: FifoWatch
) -> None:
    image = f"&lt;img src=&quot;{marker.path}&quot;&gt;"
    release = tmp_path / "abbr.md"
    release.write_text(
        f"date {HOSTILE_YEAR}-05-06\n\n"
        f'The <abbr title="{image}">IMF</abbr> met in Baku. '
        f"See [the fund](https://example.org \"<img src='{marker.path}'>\") now.\n",
        encoding="utf-8",
    )
    document_id = import_file(qtbot, window, release)
    window.open_document(document_id)
    view = wait_shown(qtbot, window, document_id).view
    for word, expected in (("IMF", f'<img src="{marker.path}">'), ("fund", "<img src='")):
        # The last one: the first is in the title the first sentence became.
        backward = QTextDocument.FindFlag.FindBackward
        cursor = view.document().find(word, view.document().characterCount(), backward)
        cursor.setPosition(cursor.selectionStart() + 1)
        tip = hover(view.viewport(), view.cursorRect(cursor).center())
        assert not marker.opened, word
        assert expected in as_seen(tip), word


def test_a_title_with_markup_is_plain_text_in_the_tree_the_pane_and_search(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, marker: FifoWatch
) -> None:
    title = f'<img src="{marker.path}"> Quarterly review'
    release = tmp_path / "quarterly.txt"
    release.write_text(
        f"{title}\n\nThe board met on 3 March {HOSTILE_YEAR} and agreed the plan. "
        f'Quarterly figures: <img src="{marker.path}"> attached.\n',
        encoding="utf-8",
    )
    document_id = import_file(qtbot, window, release)
    assert window.service.reads.document(document_id).title == title

    # The year tree: the row shows the title as text, and so does its tool tip.
    row = navigator_row(qtbot, window, HOSTILE_YEAR)
    assert row.data() == title
    tip = hover_row(window.navigator, row)
    assert not marker.opened
    assert title in as_seen(tip)

    # The pane's title and the window's.
    pane = open_year(qtbot, window, HOSTILE_YEAR)
    assert pane.title_label.textFormat() == Qt.TextFormat.PlainText
    assert pane.title_label.text() == title
    tip = hover(pane.title_label, pane.title_label.rect().center())
    assert not marker.opened
    assert as_seen(tip) == title
    assert window.windowTitle().startswith(title)

    # Search results (drawn from rich text with the hit marked) and their tool tips.
    add(qtbot, window, document_id, "agreed the plan", note="quarterly note")
    results = type_search(qtbot, window, "quarterly")
    assert [hit.id for hit in results.hits] == [document_id]
    results_list = window.search_panel.list
    results_list.grab()  # paints each row's rich text
    tip = hover_row(results_list, window.search_panel.model.index(0, 0))
    assert not marker.opened
    assert title in as_seen(tip)
    note_hits = window.search_panel.note_hits
    qtbot.waitUntil(note_hits.isVisible)
    tip = hover_row(note_hits.list, note_hits.model.index(0, 0))
    assert not marker.opened
    assert title in as_seen(tip)


def test_a_note_with_markup_is_plain_text_in_every_tool_tip(
    qtbot: QtBot, window: MainWindow, marker: FifoWatch
) -> None:
    note = f"See <img src={marker.path}> here"
    document_id = document_id_of(window, 2024)
    add(qtbot, window, document_id, FIRST, note=note)
    (annotation,) = wait_annotations(qtbot, window, document_id, 1)
    assert annotation.note == note
    pane = open_year(qtbot, window, 2024)

    # The highlight in the reading view.
    qtbot.waitUntil(lambda: len(pane.view.marks) == 1)
    mark = pane.view.marks[0]
    pane.view.reveal(mark.start, mark.end)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(mark.start + 2)
    tip = hover(pane.view.viewport(), pane.view.cursorRect(cursor).center())
    assert not marker.opened
    assert as_seen(tip) == note

    # The Annotations pane.
    window.annotations_dock.show()
    panel = window.annotations_panel
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    row = panel.proxy.index(0, 0)
    assert row.data(AnnotationRole).id == annotation.id
    assert note in row.data()
    panel.list.grab()
    tip = hover_row(panel.list, row)
    assert not marker.opened
    assert as_seen(tip) == note

    # All Annotations: year, document, annotation.
    window.annotation_controller.show_all()
    dialog = window.all_annotations
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    year = dialog.proxy.index(0, 0)
    entry = dialog.proxy.index(0, 0, dialog.proxy.index(0, 0, year))
    assert note in entry.data()
    dialog.tree.grab()
    tip = hover_row(dialog.tree, entry)
    assert not marker.opened
    assert as_seen(tip) == note


def test_a_passage_with_markup_is_plain_text_in_the_note_editor(
    qtbot: QtBot, marker: FifoWatch
) -> None:
    passage = f'<img src="{marker.path}"> was in the text'
    editor = NoteEditor(passage)
    qtbot.add_widget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert not marker.opened
    label = editor.quote_label
    assert as_seen(label.text(), label.textFormat()) == f"“{passage}”"


def test_file_names_with_markup_are_plain_text_in_the_import_report(
    qtbot: QtBot, tmp_path: Path, marker: FifoWatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name cannot hold "/": the image is named relative to the working directory.
    monkeypatch.chdir(tmp_path)
    name = str(tmp_path / f"<img src={marker.path.name}>.txt")
    result = ImportResult(name, ImportStatus.FAILED, reason=f"<img src={marker.path.name}>")
    dialog = ImportReportDialog([result], cancelled=False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.table.topLevelItem(0)
    assert item is not None
    for column in (0, 2):
        tip = hover_row(dialog.table, dialog.table.indexFromItem(item, column))
        assert not marker.opened, column
        assert as_seen(tip) == item.text(column)


def test_a_search_row_reads_nothing_its_snippet_names(qtbot: QtBot, marker: FifoWatch) -> None:
    # Snippets come escaped from the core; the row's own document is the second guard.
    panel = SearchPanel()
    qtbot.add_widget(panel)
    snippet = f'<mark>Quarterly</mark> figures <img src="{marker.path}"> attached'
    panel.model.set_hits([SearchHit(1, "Quarterly review", HOSTILE_YEAR, None, 1.0, snippet)])
    panel.resize(500, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.list.grab()
    assert not marker.opened


def test_a_warning_and_the_import_progress_show_their_text_as_text(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    marker: FifoWatch,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = f'Could not save "<img src="{marker.path}"> Quarterly review".'
    window.warn("Archive Reader", message)
    box = window.findChild(QMessageBox)
    assert box is not None
    qtbot.waitExposed(box)
    assert not marker.opened
    assert as_seen(box.text(), box.textFormat()) == message
    box.close()

    monkeypatch.chdir(tmp_path)  # a file's name cannot hold "/": a relative image
    current = str(tmp_path / f"<img src={marker.path.name}>.txt")
    window.importer.progressed.emit(ImportProgress(1, 3, current))
    window.progress.show()
    tip = hover(window.progress, window.progress.rect().center())
    assert not marker.opened
    assert as_seen(tip) == current


def test_a_markdown_note_naming_images_reads_nothing_in_any_tool_tip(
    qtbot: QtBot, window: MainWindow, marker: FifoWatch
) -> None:
    # Markdown's own image syntax, inline, by reference, inside a link, and raw HTML.
    note = (
        f"**See** ![chart]({marker.path}) and [![logo]({marker.path})](https://example.org)\n\n"
        f"![by reference][m] <img src={marker.path}>\n\n[m]: {marker.path}\n"
    )
    document_id = document_id_of(window, 2024)
    add(qtbot, window, document_id, FIRST, note=note)
    (annotation,) = wait_annotations(qtbot, window, document_id, 1)
    pane = open_year(qtbot, window, 2024)

    qtbot.waitUntil(lambda: len(pane.view.marks) == 1)
    mark = pane.view.marks[0]
    pane.view.reveal(mark.start, mark.end)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(mark.start + 2)
    tips = [hover(pane.view.viewport(), pane.view.cursorRect(cursor).center())]
    assert not marker.opened

    window.annotations_dock.show()
    panel = window.annotations_panel
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    row = panel.proxy.index(0, 0)
    assert row.data(AnnotationRole).id == annotation.id
    panel.list.grab()
    tips.append(hover_row(panel.list, row))
    assert not marker.opened

    window.annotation_controller.show_all()
    dialog = window.all_annotations
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    year = dialog.proxy.index(0, 0)
    entry = dialog.proxy.index(0, 0, dialog.proxy.index(0, 0, year))
    dialog.tree.grab()
    tips.append(hover_row(dialog.tree, entry))
    assert not marker.opened

    type_search(qtbot, window, "chart")
    note_hits = window.search_panel.note_hits
    qtbot.waitUntil(note_hits.isVisible)
    note_hits.list.grab()
    tips.append(hover_row(note_hits.list, note_hits.model.index(0, 0)))
    assert not marker.opened

    for tip in tips[:3]:  # the note's own tool tips: formatted, each image its description
        assert "<strong>See</strong>" in tip
        assert "<img" not in tip
        assert tip.count(str(marker.path)) == 1  # only in the raw <img>, escaped to text
        assert f"&lt;img src={marker.path}&gt;" in tip
        assert "[image: chart]" in as_seen(tip)
