"""The reading view is safe with untrusted documents, and its page follows the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPalette, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from archive.models import Document
from reader.document.page import PageColours, render_page, sanitise
from reader.document.pane import DocumentPane
from reader.document.reading_view import ReadingView
from reader.mainwindow import MainWindow
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    document_id_of,
    open_year,
    wait_idle,
    wait_shown,
)

HOSTILE_MARKDOWN = """# A hostile release

Before the script.<script>document.title = "owned"; alert(1)</script> After it.

<img src="file:///etc/passwd" onerror="alert(2)">

A [harmless-looking link](javascript:alert(1)) and a [real one](https://example.org/news).

<iframe src="file:///etc/passwd">frame text</iframe>

<p style="color: red" onclick="alert(3)">Styled paragraph.</p>

<a href="file:///etc/passwd">local file</a>
"""

LIGHT = PageColours(text="#000000", base="#ffffff", muted="#777777", link="#0000ee")


def document(markdown: str, **changes: object) -> Document:
    fields: dict[str, object] = {
        "id": 1,
        "title": "A hostile release",
        "date": "2024-01-02",
        "year": 2024,
        "date_inferred": False,
        "source": "<b>Source</b>",
        "path": "/tmp/hostile.md",
        "markdown": markdown,
    }
    fields.update(changes)
    return Document(**fields)  # type: ignore[arg-type]


def test_sanitising_drops_scripts_images_frames_and_bad_links() -> None:
    page = render_page(document(HOSTILE_MARKDOWN), LIGHT)
    lowered = page.lower()
    for banned in ("<script", "alert(", "<img", "<iframe", "javascript:", "file:", "onerror",
                   "onclick", 'style="'):  # fmt: skip
        assert banned not in lowered, banned
    assert 'href="https://example.org/news"' in page
    assert "Styled paragraph." in page
    assert "&lt;b&gt;Source&lt;/b&gt;" in page  # metadata is escaped, not markup
    assert sanitise('<a href="mailto:press@example.org">mail</a>') == (
        '<a href="mailto:press@example.org" rel="noopener noreferrer">mail</a>'
    )


def test_a_hostile_document_renders_without_its_dangers(qtbot: QtBot) -> None:
    view = ReadingView()
    qtbot.add_widget(view)
    view.set_page(render_page(document(HOSTILE_MARKDOWN), LIGHT))
    text = view.toPlainText()
    assert "Before the script. After it." in text
    assert "alert" not in text
    assert "owned" not in text
    assert "harmless-looking link" in text
    html = view.toHtml()
    assert "javascript" not in html
    assert "passwd" not in html
    assert 'href="https://example.org/news"' in html
    assert not any(fmt.isImageFormat() for fmt in view.document().allFormats())


def test_links_open_outside_only_for_the_web(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = ReadingView()
    qtbot.add_widget(view)
    view.set_page(render_page(document(HOSTILE_MARKDOWN), LIGHT))
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.org/news"):
        view.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.org/news"]
    assert view.source().isEmpty()  # the view itself never navigates


def test_load_resource_never_reads_a_file(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    style = tmp_path / "style.css"
    style.write_text("p { color: red }", encoding="utf-8")
    url = QUrl.fromLocalFile(str(picture))

    view = ReadingView()
    qtbot.add_widget(view)
    # Straight into the view, past the sanitiser: the view itself must not read the file.
    view.setHtml(f'<p>before <img src="{url.toString()}"> after</p>')
    loaded = view.document().resource(QTextDocument.ResourceType.ImageResource.value, url)
    assert isinstance(loaded, QImage)
    assert loaded.size().width() == 1 and loaded.size().height() == 1
    assert loaded.pixelColor(0, 0).alpha() == 0
    kinds = QTextDocument.ResourceType
    placeholder = view.loadResource(kinds.ImageResource.value, url)
    assert isinstance(placeholder, QImage)
    assert placeholder.width() == 1
    css_url = QUrl.fromLocalFile(str(style))
    assert view.loadResource(kinds.StyleSheetResource.value, css_url) == ""
    assert view.loadResource(kinds.HtmlResource.value, QUrl("file:///etc/passwd")) == ""


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#1b1b1d",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def body_text_colour(pane: DocumentPane) -> QColor:
    block = pane.view.document().begin().next().next()  # after the title and the facts
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    char_format = cursor.charFormat()
    if char_format.hasProperty(char_format.Property.ForegroundBrush):
        return char_format.foreground().color()
    return pane.view.palette().text().color()


def test_the_page_follows_a_dark_palette(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2025)
    assert body_text_colour(pane).lightness() < 100  # the default, light palette

    window.setPalette(dark_palette())
    qtbot.waitUntil(lambda: body_text_colour(pane).lightness() > 180)
    assert body_text_colour(pane) == QColor("#e8eaed")
    assert pane.view.palette().base().color().lightness() < 60

    # Documents opened later are dark too.
    wait_idle(qtbot, window)
    other = open_year(qtbot, window, 2018, beside=True)
    assert body_text_colour(other) == QColor("#e8eaed")


def test_a_palette_change_while_a_document_loads(qtbot: QtBot, window: MainWindow) -> None:
    window.open_document(document_id_of(window, 2024))  # asked for with the light palette
    window.setPalette(dark_palette())  # changed before it arrives
    pane = wait_shown(qtbot, window, document_id_of(window, 2024))
    qtbot.waitUntil(lambda: body_text_colour(pane) == QColor("#e8eaed"))
    wait_idle(qtbot, window)
    assert body_text_colour(pane) == QColor("#e8eaed")


def test_a_hostile_file_imported_and_opened_in_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.md"
    hostile.write_text("date 2021-06-01\n\n" + HOSTILE_MARKDOWN, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([hostile])
    wait_idle(qtbot, window)
    window.open_document(document_id_of(window, 2021))
    pane = wait_shown(qtbot, window, document_id_of(window, 2021))
    assert "Before the script. After it." in pane.view.toPlainText()
    html = pane.view.toHtml()
    for banned in ("javascript", "passwd", "alert", "<img"):
        assert banned not in html, banned


def _document(title: str, markdown: str) -> Document:
    return Document(
        id=1, title=title, date=None, year=2024, date_inferred=False, source=None, path="/a.md",
        markdown=markdown,
    )  # fmt: skip


def test_a_document_opening_with_its_title_heading_shows_the_title_once() -> None:
    colours = PageColours(text="#000000", base="#ffffff", muted="#777777", link="#0000ff")
    titled = _document("Results of 2024", "### Results of 2024\n\nText.")
    plain = _document("Results of 2024", "Text only.")
    assert render_page(titled, colours).count("Results of 2024") == 1
    assert render_page(plain, colours).count("Results of 2024") == 1
