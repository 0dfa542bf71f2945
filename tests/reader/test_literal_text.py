"""``reader.untrusted_text``: text from documents and notes is shown word for word.

The window-level checks (a FIFO named by a title, a note, an ``<abbr title>``) are in
``tests/reliability/test_untrusted_text.py``; these check the helpers themselves and the
smaller places that use them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archive.models import Document, SearchHit
from archive.storage import DatabaseCorruptError
from reader import app
from reader.annotations.model import AnnotationsModel
from reader.document.pane import DocumentPane, FoundHits, RenderedDocument
from reader.recovery.damaged_dialog import DamagedArchiveDialog
from reader.search.results_model import SearchResultsModel
from reader.settings import Settings
from reader.untrusted_text import (
    ELLIPSIS,
    MAX_TOOL_TIP_CHARACTERS,
    GuardedTextDocument,
    action_text,
    literal,
    tool_tip,
)
from tests.reader.conftest import open_window
from tests.reader.test_annotations_panel import sample


class _RecordingDocument(QTextDocument):
    """A document that records every resource its text names, and loads none."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802
        self.asked.append(name.toString() if isinstance(name, QUrl) else name)
        return ""


def as_seen(text: str) -> tuple[str, list[str]]:
    """The words a widget guessing the format shows of ``text``, and what it would load."""
    if not Qt.mightBeRichText(text):
        return text, []
    document = _RecordingDocument()
    document.setHtml(text)
    return document.toPlainText(), document.asked


def words(text: str) -> str:
    return " ".join(text.split())


HOSTILE = [
    '<img src="/dev/zero"> Quarterly review',
    "<b>bold</b> claims",
    "&lt;img src=x&gt; is how it is written",
    "<!DOCTYPE html><p>x</p>",
    '<link rel="stylesheet" href="/etc/passwd"> and more',
    "<style>p { color: red }</style>",
    "a <table><tr><td>cell</td></tr></table>",
    "<qt>Qt's own</qt> & more",
    "<b>A long note</b> " + "that goes on " * 40,  # left to wrap
    "<i>lines</i>\n\n\tkept\n  as  they are",
]

FRAGMENTS = st.sampled_from(
    ['<img src="/x.png">', "<img src=y>", "<b>", "</b>", "<p>", "<qt>", "<br>", "<", ">",
     "&", "&lt;", "&amp;", "&#60;", "&nbsp;", "<!DOCTYPE html>", "<style>", "<a href=z>",
     "word", "Übersee", " ", "\n", "\t", '"', "'", "=", "/"]
)  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_is_shown_word_for_word_and_loads_nothing(text: str) -> None:
    shown, asked = as_seen(literal(text))
    assert words(shown) == words(text)
    assert asked == []


@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_any_text_is_shown_word_for_word_and_loads_nothing(text: str) -> None:
    shown, asked = as_seen(literal(text))
    assert words(shown) == words(text)
    assert asked == []


def test_text_qt_shows_as_plain_text_anyway_is_left_as_it_is() -> None:
    for text in ("Date from: dateline", "The *main* line of policy", "prices < 3 euros", ""):
        assert literal(text) == text
        assert tool_tip(text) == text


def test_a_long_tool_tip_is_cut() -> None:
    tip = tool_tip("word " * 200_000)
    assert len(tip) == MAX_TOOL_TIP_CHARACTERS
    assert tip.endswith(ELLIPSIS)
    assert tool_tip("<b>" * 10_000).endswith(ELLIPSIS + "</p>")


def test_a_guarded_document_loads_nothing() -> None:
    document = GuardedTextDocument()
    document.setHtml('<p>x <img src="/dev/zero"> y</p>')
    images = QTextDocument.ResourceType.ImageResource.value
    assert document.resource(images, QUrl("/dev/zero")).width() == 1
    assert words(document.toPlainText()) == "x \ufffc y"


def test_model_tool_tips_show_titles_and_notes_literally() -> None:
    title = '<img src="/dev/zero"> Quarterly review'
    results = SearchResultsModel()
    results.set_hits([SearchHit(1, title, 2003, "2003-03-03", 1.0, "a <mark>b</mark>")])
    shown, asked = as_seen(results.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert shown.startswith(title) and asked == []
    annotations = AnnotationsModel()
    annotations.set_documents([(title, [sample(1, "one", note=title)])])
    assert as_seen(annotations.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == (title, [])


class _OneDocument:
    """A document source that has one document and finds no hits."""

    def __init__(self, document: Document, html: str) -> None:
        self._rendered = RenderedDocument(document, html)

    def load(self, document_id: int, on_loaded: object, on_failed: object) -> None:
        on_loaded(self._rendered)  # type: ignore[operator]

    def find_hits(self, query: str, text: str, on_found: object) -> None:
        on_found(FoundHits(query, text, []))  # type: ignore[operator]


def test_outline_entries_show_headings_literally(qtbot: QtBot) -> None:
    document = Document(
        id=1, title="Report", date=None, year=None, date_inferred=False, source=None,
        path="/tmp/report.md", markdown="",
    )  # fmt: skip
    pane = DocumentPane(
        _OneDocument(
            document,
            "<h1>Research &amp; Development</h1><p>x</p>"
            "<h2>&lt;img src=&quot;/dev/zero&quot;&gt; Findings</h2><p>y</p>",
        )
    )
    qtbot.add_widget(pane)
    pane.open_document(1)
    first, second = pane.outline_menu.actions()
    assert first.iconText() == "Research & Development"  # as the menu shows it
    assert second.text().strip() == '<img src="/dev/zero"> Findings'
    assert as_seen(second.toolTip()) == ('<img src="/dev/zero"> Findings', [])
    assert action_text("R&D") == "R&&D"


def test_the_about_box_shows_the_archive_path_literally(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "<b>press</b> & co"
    window = open_window(qtbot, data_dir, Settings.in_file(tmp_path / "settings.ini"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window.show_about()
    (text,) = shown
    assert str(data_dir) in as_seen(text)[0]


def test_error_boxes_show_messages_literally(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[QMessageBox] = []

    def shown_without_waiting(box: QMessageBox) -> int:
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_without_waiting)
    error = ValueError('no date in "<img src=/dev/zero> Quarterly review"')
    app._show_unexpected_error(ValueError, error, None)
    (box,) = boxes
    qtbot.add_widget(box)
    assert as_seen(box.informativeText()) == (f"ValueError: {error}", [])

    damaged = tmp_path / "<b>archive</b>.sqlite3"
    dialog = DamagedArchiveDialog(DatabaseCorruptError(damaged), None)
    qtbot.add_widget(dialog)
    shown, asked = as_seen(dialog.informativeText())
    assert str(damaged) in shown and asked == []
