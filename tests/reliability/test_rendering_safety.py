"""Documents are untrusted: what they hold never runs, never escapes, never reads a file.

Extends ``tests/reader/test_reading_view.py`` (scripts, frames, the basic link rules) with
the rest of the hostile catalogue, the view's own defences past the sanitiser (a FIFO and
``/dev/zero`` named as images), real clicks on links, and pathological Markdown rendered
as plain text on the render thread.
"""

from __future__ import annotations

import faulthandler
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from archive.ingest import markdown_to_text, parse_document, render_markdown
from archive.ingest.markdown_complexity import PLAIN_TEXT_NOTE
from archive.models import Document
from reader.document import page
from reader.document.page import PageColours, render_page, sanitise
from reader.document.reading_view import ReadingView
from reader.mainwindow import MainWindow
from reader.settings import Settings
from tests.conftest import SEEDS
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    OFFSCREEN_RAISE,
    OFFSCREEN_SIZE_HINTS,
    document_id_of,
    open_window,
    wait_idle,
    wait_shown,
)

pytestmark = pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE))

COLOURS = PageColours(text="#000000", base="#ffffff", muted="#777777", link="#0000ee")
# Only a hang trips this: the process is stopped with every thread's stack printed.
HANG_SECONDS = 300

# (Markdown, what must not survive in the page) — raw HTML and Markdown's own syntax.
HOSTILE: dict[str, tuple[str, tuple[str, ...]]] = {
    "script": ("a<script>alert(1)</script>b", ("<script", "alert")),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', ("<iframe", "evil")),
    "img onerror": ('<img src="x" onerror="alert(1)">', ("<img", "onerror", "alert")),
    "onclick": ('<p onclick="steal()">text</p>', ("onclick", "steal")),
    "svg onload": ('<svg onload="alert(1)"><circle/></svg>', ("<svg", "onload")),
    "raw javascript link": ('<a href="javascript:alert(1)">x</a>', ("javascript", "alert")),
    "obfuscated javascript": ('<a href="jav&#x09;ascript:alert(1)">x</a>', ("ascript", "alert")),
    "raw data link": ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ("data:", "base64")),
    "markdown javascript link": ("[x](javascript:alert(1))", ("javascript", "alert")),
    "markdown data link": ("[x](data:text/html,<b>hi</b>)", ("data:",)),
    "markdown file link": ("[x](file:///etc/passwd)", ("file:", "passwd")),
    "markdown relative link": ("[x](/etc/passwd)", ("passwd",)),
    "markdown image of a file": ("![x](file:///etc/passwd)", ("<img", "passwd")),
    "markdown image of the web": ("![x](http://tracker.example/p.gif)", ("<img", "tracker")),
    "img file": ('<img src="file:///etc/passwd">', ("<img", "passwd")),
    "img /dev/zero": ('<img src="/dev/zero">', ("<img", "/dev/zero")),
    "style element": ("<style>body { display: none }</style>text", ("<style", "display")),
    "style attribute": ('<p style="position: fixed; top: 0">x</p>', ("style=", "fixed")),
    "closing the template's style": ("</style><style>p{color:red}</style>", ("color:red",)),
    "link element": ('<link rel="stylesheet" href="http://evil.example/x.css">', ("<link",)),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=http://e.x">', ("<meta",)),
    "base": ('<base href="http://evil.example/">', ("<base", "evil")),
    "object": ('<object data="movie.swf"></object>', ("<object", "swf")),
    "embed": ('<embed src="movie.swf">', ("<embed", "swf")),
    "form": ('<form action="http://e.x"><input name="q"><button>Go</button></form>', ("<form",)),
    "body onload": ('</body><body onload="alert(1)">', ("onload", "alert")),
}
_HREF = re.compile(r"""href\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


def _document(markdown: str, **changes: object) -> Document:
    fields: dict[str, object] = {
        "id": 1,
        "title": "Hostile",
        "date": "2024-01-02",
        "year": 2024,
        "date_inferred": False,
        "source": None,
        "path": "/tmp/hostile.md",
        "markdown": markdown,
    }
    fields.update(changes)
    return Document(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_page_keeps_none_of_a_hostile_construct(name: str) -> None:
    markdown, banned = HOSTILE[name]
    page_html = render_page(_document(f"Before.\n\n{markdown}\n\nAfter."), COLOURS)
    lowered = page_html.lower()
    body = lowered[lowered.index("</head>") :]  # after the template's own style sheet
    for fragment in banned:
        assert fragment.lower() not in body, (name, fragment)
    # The template's own style sheet is the only one, and the body is the template's.
    assert lowered.count("<style") == 1 and lowered.count("</style>") == 1
    assert lowered.count("<body") == 1
    for attribute in ("src=", "style=", "onload", "onerror", "onclick", "<img", "<input"):
        assert attribute not in body, (name, attribute)
    assert "Before." in page_html and "After." in page_html


def test_only_absolute_web_links_survive() -> None:
    links = "\n\n".join(
        f"[link {n}]({url})"
        for n, url in enumerate(
            ["https://example.org/a", "http://example.org/b", "mailto:press@example.org",
             "relative/file.txt", "/etc/passwd", "#anchor", "ftp://example.org/x",
             "qrc:/resources", "//example.org/protocol-relative", "  javascript:x()"]
        )
    )  # fmt: skip
    fragment = sanitise(render_markdown(links).html)
    assert _HREF.findall(fragment) == [
        "https://example.org/a",
        "http://example.org/b",
        "mailto:press@example.org",
    ]
    assert all(f"link {n}" in fragment for n in range(10))  # the words stay


# -- the view itself, past the sanitiser -------------------------------------------------


# Run in a separate process: the GUI thread blocked in Qt's open() may hold Python's lock.
_WATCHER = """
import os, sys, time
fifo, marker = sys.argv[1], sys.argv[2]
while True:
    try:
        writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        time.sleep(0.01)  # no reader: the usual case
        continue
    open(marker, "w").close()
    os.write(writer, b"GIF89a")
    os.close(writer)
"""


class FifoWatch:
    """A FIFO that records whether anyone opened it for reading, and never lets it hang.

    Opening a FIFO for reading blocks until a writer comes; a watcher process keeps trying
    to open the writing end without blocking, which succeeds only while a reader waits,
    leaves a marker file, then writes a little and closes, which unblocks the reader.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._marker = path.with_name(path.name + ".opened")
        os.mkfifo(path)
        self._watcher = subprocess.Popen(
            [sys.executable, "-c", _WATCHER, str(path), str(self._marker)]
        )

    @property
    def opened(self) -> bool:
        return self._marker.exists()

    def stop(self) -> None:
        self._watcher.kill()
        self._watcher.wait()


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[FifoWatch]:
    watch = FifoWatch(tmp_path / "pipe.png")
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    yield watch
    faulthandler.cancel_dump_traceback_later()
    watch.stop()


def _show(qtbot: QtBot, html: str) -> ReadingView:
    """A reading view showing ``html`` (straight in, as if the sanitiser let it through)."""
    view = ReadingView()
    qtbot.add_widget(view)
    view.setHtml(html)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # lay out and paint: every image is asked for
    return view


def test_the_view_reads_no_file_a_page_names(
    qtbot: QtBot, tmp_path: Path, fifo: FifoWatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    load = ReadingView.loadResource

    def spy(view: ReadingView, kind: int, name: QUrl | str) -> object:
        asked.append(name.toString() if isinstance(name, QUrl) else name)
        return load(view, kind, name)

    monkeypatch.setattr(ReadingView, "loadResource", spy)
    sentinel = QUrl.fromLocalFile(str(tmp_path / "sentinel.css")).toString()
    fifo_url = QUrl.fromLocalFile(str(fifo.path)).toString()
    view = _show(
        qtbot,
        f'<html><head><link rel="stylesheet" href="{sentinel}"></head><body>'
        f'<p>start <img src="{fifo_url}"> <img src="{fifo.path}"> end</p></body></html>',
    )
    assert "start" in view.toPlainText() and "end" in view.toPlainText()
    assert not fifo.opened
    assert any("pipe.png" in name for name in asked)
    images = QTextDocument.ResourceType.ImageResource.value
    placeholder = view.document().resource(images, QUrl(fifo_url))
    assert placeholder.width() == 1  # the placeholder, not what the FIFO gave


def test_an_endless_device_named_as_an_image_does_not_hang_the_view(
    qtbot: QtBot, fifo: FifoWatch
) -> None:
    # Without the placeholder, Qt reads /dev/zero for ever: the hang bound stops the run.
    view = _show(qtbot, '<p>start <img src="/dev/zero"> <img src="file:///dev/zero"> end</p>')
    assert "end" in view.toPlainText()
    images = QTextDocument.ResourceType.ImageResource.value
    assert view.document().resource(images, QUrl("/dev/zero")).width() == 1


def test_links_are_not_followed_and_only_web_links_open_on_a_click(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = ReadingView()
    qtbot.add_widget(view)
    assert not view.openLinks() and not view.openExternalLinks()
    view.resize(600, 400)
    view.setHtml(
        '<p><a href="file:///etc/passwd">local</a></p>'
        '<p><a href="javascript:alert(1)">script</a></p>'
        '<p><a href="data:text/html,x">data</a></p>'
        '<p><a href="https://example.org/news">web</a></p>'
    )
    view.show()
    qtbot.waitExposed(view)
    for word in ("local", "script", "data", "web"):
        found = view.document().find(word)
        assert not found.isNull(), word
        cursor = QTextCursor(found)
        cursor.setPosition(found.selectionStart() + 1)
        point = view.cursorRect(cursor).center()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == ["https://example.org/news"]
    assert view.source().isEmpty()
    assert "local" in view.toPlainText()  # still the same page: nothing was followed
    for url in ("HTTPS://example.org/x", "ftp://example.org", "qrc:/x", "/etc/passwd"):
        view.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.org/news", "https://example.org/x"]


# -- pathological Markdown: bounded, as plain text, on the render thread ------------------

PATHOLOGICAL: dict[str, tuple[str, str]] = {
    "8,000 [": ("Opening words. " + "[" * 8000 + " closing words.", "closing words."),
    "8,000 [a": ("[a " * 8000 + "closing words.", "closing words."),
    "8,000 <span>": ("<span>" * 8000 + "closing words.", "closing words."),
    "50,000 nested <div>": ("<div>\n\n" * 50_000 + "closing words.", "closing words."),
    "1,000 nested quotes": ("".join("> " * d + f"q{d}\n" for d in range(1, 1001)), "q1000"),
    "1,000 nested lists": ("".join("    " * d + f"- i{d}\n" for d in range(1000)), "i999"),
    "3,000 list markers": ("- " * 3000 + "closing words.", "closing words."),
    "over a million characters": ("word *em* " * 120_000 + "closing words.", "closing words."),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_shown_as_plain_text(name: str) -> None:
    markdown, last_words = PATHOLOGICAL[name]
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        rendered = render_markdown(markdown)
        page_html = render_page(_document(markdown), COLOURS)
        text = markdown_to_text(markdown)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert rendered.as_plain_text
    assert PLAIN_TEXT_NOTE.replace("'", "&#x27;") in page_html
    assert text.rstrip().endswith(last_words)
    assert last_words in page_html


def test_ordinary_markdown_is_not_simplified() -> None:
    markdown = "# Title\n\n> A quote with a [link](https://example.org).\n\n- one\n  - two\n"
    rendered = render_markdown(markdown * 200)
    assert not rendered.as_plain_text
    assert "<blockquote>" in rendered.html
    for seed in sorted(SEEDS.glob("*.txt")):
        document = parse_document(seed.read_bytes(), seed.name)
        assert not render_markdown(document.markdown).as_plain_text, seed.name


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, tmp_path / "data", Settings.in_file(tmp_path / "settings.ini"))


def test_a_pathological_document_renders_off_the_gui_thread_with_a_note(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_render = page.render_markdown

    def recording_render(markdown: str) -> object:
        threads.append(threading.current_thread())
        return real_render(markdown)

    monkeypatch.setattr(page, "render_markdown", recording_render)
    brackets = tmp_path / "brackets.md"
    brackets.write_text("date 2019-03-04\n\nOpening words. " + "[" * 8000 + " closing words.")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([brackets])
    wait_idle(qtbot, window)
    window.open_document(document_id_of(window, 2019))
    pane = wait_shown(qtbot, window, document_id_of(window, 2019))
    shown = pane.view.toPlainText()
    assert "This document's formatting was too complex to display" in shown
    assert shown.rstrip().endswith("closing words.")
    assert threads and threading.main_thread() not in threads
