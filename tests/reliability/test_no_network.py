"""The application makes no network request at all: nothing even tries.

Sockets are blocked (and every attempt recorded) through a whole session in the window:
importing the sample archive and a document full of remote images and links, reading it,
searching, annotating and exporting. Qt's networking is C++ and would pass by Python's
sockets, so the code is also checked never to use it, local sockets apart.
"""

from __future__ import annotations

import ast
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from archive.api import Archive
from archive.ingest import parse_document
from reader.mainwindow import MainWindow
from reader.settings import Settings
from tests.conftest import REPO
from tests.reader.annotation_helpers import select_words, wait_annotations
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    OFFSCREEN_RAISE,
    OFFSCREEN_SIZE_HINTS,
    activate,
    document_id_of,
    open_window,
    type_search,
    wait_idle,
    wait_shown,
)

pytestmark = pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE))

REMOTE_DOCUMENT = """date 2022-05-06

# Talks on transport corridors

Officials met to discuss <img src="http://tracker.example/pixel.gif"> the corridor.

![A map](https://maps.example/corridor.png) and <iframe src="https://video.example/"></iframe>

Read [the full statement](https://mfa.example/statement) or <a href="http://news.example/">the
news</a>; <link rel="stylesheet" href="http://styles.example/a.css"> nothing loads.
"""
PASSAGE = "Officials met to discuss"

# Qt modules that reach the network; QtNetwork itself only for its local sockets.
LOCAL_SOCKETS = frozenset({"QLocalServer", "QLocalSocket"})
NETWORK_MODULES = ("socket", "urllib", "http", "requests", "ftplib", "smtplib", "ssl")
# Parts of those that only take strings apart and never open a connection.
OFFLINE_MODULES = frozenset({"urllib.parse"})


class NetworkAttemptError(AssertionError):
    """Raised in place of a network connection."""


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Block every Internet socket operation, recording what was tried."""
    attempts: list[str] = []

    def refuse(what: str) -> Callable[..., object]:
        def refused(*args: object, **kwargs: object) -> object:
            attempts.append(f"{what}{args!r}")
            raise NetworkAttemptError(f"network access attempted: {what}")

        return refused

    real_connect = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> None:
        if sock.family == socket.AF_UNIX:
            return real_connect(sock, address)  # local: a file, not the network
        refuse("connect")(address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts


def test_the_blocker_catches_an_attempt(network_attempts: list[str]) -> None:
    with pytest.raises(NetworkAttemptError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkAttemptError), socket.socket() as sock:
        sock.connect(("192.0.2.1", 80))
    assert len(network_attempts) == 2


def test_a_whole_session_makes_no_network_request(
    qtbot: QtBot, tmp_path: Path, network_attempts: list[str]
) -> None:
    window: MainWindow = open_window(
        qtbot, tmp_path / "data", Settings.in_file(tmp_path / "settings.ini")
    )  # the first start imports the sample archive
    remote = tmp_path / "remote.md"
    remote.write_text(REMOTE_DOCUMENT, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([remote])
    wait_idle(qtbot, window)

    document_id = document_id_of(window, 2022)
    window.open_document(document_id)
    pane = wait_shown(qtbot, window, document_id)
    pane.view.grab()  # laid out and painted: every image it names is asked for
    assert "the corridor" in pane.view.toPlainText()

    assert "2022" in type_search(qtbot, window, "corridor").years
    assert type_search(qtbot, window, "COP29").total >= 1

    activate(qtbot, window)
    select_words(window, pane, PASSAGE)
    qtbot.keyClick(
        pane.view,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_annotations(qtbot, window, document_id, 1)
    wait_idle(qtbot, window)
    window.close()
    wait_idle(qtbot, window)
    window.service.shutdown()

    with Archive(tmp_path / "data") as archive:
        for export_format in ("markdown", "jsonld", "csv"):
            assert PASSAGE in archive.export_annotations(export_format)
    assert network_attempts == []


def _imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Each (module, imported names) a source file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names]


def test_no_code_uses_the_network() -> None:
    sources = sorted((REPO / "archive").rglob("*.py")) + sorted((REPO / "reader").rglob("*.py"))
    assert len(sources) > 20
    offences = []
    for path in sources:
        for module, names in _imports(path):
            top = module.split(".")[0]
            if top in NETWORK_MODULES and module not in OFFLINE_MODULES:
                offences.append(f"{path.relative_to(REPO)} imports {module}")
            if module == "PySide6.QtNetwork" and not set(names) <= LOCAL_SOCKETS:
                offences.append(f"{path.relative_to(REPO)} imports {names} from QtNetwork")
            if module == "PySide6" and "QtNetwork" in names:
                offences.append(f"{path.relative_to(REPO)} imports QtNetwork whole")
            if module.startswith(("PySide6.QtWebEngine", "PySide6.QtWebSockets")):
                offences.append(f"{path.relative_to(REPO)} imports {module}")
    assert offences == []


def test_reading_web_pages_and_pdfs_makes_no_network_request(
    network_attempts: list[str],
) -> None:
    # Imported here: the PDF samples need reportlab, a test-only dependency.
    from tests.archive.pdf_samples import typeset  # noqa: PLC0415

    page = (
        b"<!DOCTYPE html><html><head><title>Talks | Office</title>"
        b"<link rel='canonical' href='https://example.org/2022/04/21/talks'>"
        b"<meta property='og:image' content='https://example.org/a.jpg'>"
        b"<script src='https://example.org/tracker.js'></script></head><body>"
        b"<img src='https://example.org/b.png'><h1>Talks</h1>"
        b"<p>The ministry said the talks were constructive and that both delegations "
        b"agreed to meet again in the spring to continue their work.</p></body></html>"
    )
    parse_document(page, "talks.html")
    pdf = typeset([[["The ministry said the talks were constructive."]]])
    parse_document(pdf, "talks.pdf")
    assert network_attempts == []
