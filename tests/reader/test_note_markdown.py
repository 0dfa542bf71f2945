"""A note is Markdown: formatted in tool tips, its words without asterisks in lists."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from reader.annotations import note_rendering
from reader.annotations.model import AnnotationRole
from reader.annotations.note_rendering import note_html, note_plain, note_tool_tip
from reader.mainwindow import MainWindow
from reader.untrusted_text import MAX_TOOL_TIP_CHARACTERS
from tests.reader.annotation_helpers import FIRST, add, wait_annotations
from tests.reader.conftest import document_id_of, open_year, type_search

# Rich text is laid out by Qt: every test here has the application.
pytestmark = pytest.mark.usefixtures("qapp")

NOTE = "Their **independence** is *the* point:\n\n- `pragmatic` course\n- see [the text](https://example.org)"


def words_of(rich_text: str) -> str:
    document = QTextDocument()
    document.setHtml(rich_text)
    return document.toPlainText()


def test_basic_formatting_becomes_rich_text() -> None:
    shown = note_html(NOTE)
    assert "<strong>independence</strong>" in shown
    assert "<em>the</em>" in shown
    assert "<code>pragmatic</code>" in shown
    assert "<li>" in shown
    assert '<a href="https://example.org">the text</a>' in shown
    assert "**" not in words_of(shown)


def test_the_plain_text_has_no_markdown() -> None:
    assert note_plain(NOTE) == (
        "Their independence is the point:\n• pragmatic course\n• see the text"
    )
    assert note_plain("1. one\n2. *two*") == "1. one\n2. two"
    assert note_plain(r"a \*literal\* star") == "a *literal* star"
    assert note_plain("# A heading") == "A heading"


@pytest.mark.parametrize(
    "note",
    [
        "See <img src=/dev/zero> here",
        '<p style="background-image: url(/dev/zero)">x</p>',
        "<div>\n<img src='/dev/zero'>\n</div>",
        "<style>p { color: red }</style> styled",
        "<script>alert(1)</script>",
    ],
)
def test_raw_html_in_a_note_is_text(note: str) -> None:
    shown = note_html(note)
    assert not re.search(r"<(img|p style|div|style|script)\b", shown)
    assert "/dev/zero" not in shown or "&lt;" in shown
    # What the reader sees is the markup, as words (a soft line break is a space).
    assert words_of(shown).split() == note_plain(note).split()


@pytest.mark.parametrize(
    "note",
    [
        "![a chart](/dev/zero)",
        "![a chart](file:///dev/zero)",
        "[z]: /dev/zero\n\nA ![a chart][z] here",
        "[![a chart](/dev/zero)](https://example.org)",
        "*![a chart](/dev/zero)*",
    ],
)
def test_an_image_is_its_description_and_names_nothing(note: str) -> None:
    shown = note_html(note)
    assert "<img" not in shown
    assert "/dev/zero" not in shown
    assert "[image: a chart]" in words_of(shown)
    assert "[image: a chart]" in note_plain(note)


def test_a_link_keeps_its_address_only_for_the_web_and_mail() -> None:
    assert 'href="https://a.example"' in note_html("[a](https://a.example)")
    assert 'href="mailto:x@a.example"' in note_html("[a](mailto:x@a.example)")
    for target in ("file:///etc/passwd", "/etc/passwd", "javascript:alert(1)", "data:x"):
        shown = note_html(f"[a]({target})")
        assert "href" not in shown, target
        assert words_of(shown).strip() == "a"


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(list("abcXYZ é,.;:?()'\"/1-+= \n\t\r*_#[]<>&!\x0c\u2028")),
        max_size=40,
    )
)
def test_a_note_read_as_plain_text_without_parsing_reads_as_parsed(note: str) -> None:
    # Most notes hold no Markdown: they skip the parser, and must read just as if parsed.
    if note_rendering._MARKDOWN_SYNTAX.search(note):
        return
    note_rendering._plain_reader.reset()
    note_rendering._plain_text.text = ""
    note_rendering._plain_reader.convert(note)
    assert note_plain(note) == note_rendering._plain_text.text


def test_a_long_note_is_cut_in_its_tool_tip() -> None:
    assert len(words_of(note_tool_tip("word " * 2_000))) <= MAX_TOOL_TIP_CHARACTERS


def hover(widget: QWidget, point: QPoint) -> str:
    QToolTip.hideText()
    QApplication.sendEvent(
        widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    )
    return QToolTip.text() if QToolTip.isVisible() else ""


def hover_row(view: QAbstractItemView, index: object) -> str:
    view.scrollTo(index)  # type: ignore[arg-type]
    return hover(view.viewport(), view.visualRect(index).center())  # type: ignore[arg-type]


def test_a_markdown_note_is_formatted_in_every_place_it_is_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    note = "Their **independence** matters"
    document_id = document_id_of(window, 2024)
    add(qtbot, window, document_id, FIRST, note=note)
    (annotation,) = wait_annotations(qtbot, window, document_id, 1)
    assert annotation.note == note  # stored, and edited, as Markdown
    pane = open_year(qtbot, window, 2024)

    # The highlight's tool tip in the reading view.
    qtbot.waitUntil(lambda: len(pane.view.marks) == 1)
    mark = pane.view.marks[0]
    pane.view.reveal(mark.start, mark.end)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(mark.start + 2)
    tip = hover(pane.view.viewport(), pane.view.cursorRect(cursor).center())
    assert "<strong>independence</strong>" in tip
    assert words_of(tip).strip() == "Their independence matters"

    # The Annotations pane: the row without asterisks, the tool tip in bold.
    window.annotations_dock.show()
    panel = window.annotations_panel
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    row = panel.proxy.index(0, 0)
    assert row.data(AnnotationRole).id == annotation.id
    assert row.data().split("\n")[1] == "Their independence matters"
    tip = hover_row(panel.list, row)
    assert "<strong>independence</strong>" in tip

    # All Annotations.
    window.annotation_controller.show_all()
    dialog = window.all_annotations
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    year = dialog.proxy.index(0, 0)
    entry = dialog.proxy.index(0, 0, dialog.proxy.index(0, 0, year))
    assert entry.data().split("\n")[1] == "Their independence matters"
    tip = hover_row(dialog.tree, entry)
    assert "<strong>independence</strong>" in tip
    dialog.close()

    # "In your notes": the hit in [brackets], no asterisks.
    type_search(qtbot, window, "independence")
    notes = window.search_panel.note_hits
    qtbot.waitUntil(notes.isVisible)
    shown = notes.model.index(0, 0).data()
    assert "**" not in shown
    assert "[independence]" in shown
