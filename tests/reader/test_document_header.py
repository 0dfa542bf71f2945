"""The document header: language, a web page's address as a link, where the date came from."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from archive.models import Document
from reader.document.page import PageColours, describe_date_evidence, render_page
from reader.document.reading_view import ReadingView

LIGHT = PageColours(text="#000000", base="#ffffff", muted="#777777", link="#0000ee")
URL = "https://example.org/presse/2021/der-minister-besucht-berlin"
SEP = "  ·  "  # between two facts, as the view's plain text has it


def web_page(**changes: object) -> Document:
    fields: dict[str, object] = {
        "id": 1,
        "title": "Der Minister besucht Berlin",
        "date": "2021-03-04",
        "year": 2021,
        "date_inferred": False,
        "source": "Auswärtiges Amt",
        "path": "/archive/besuch.html",
        "markdown": "Der Außenminister hat heute in Berlin Gespräche geführt.",
        "text": "Der Außenminister hat heute in Berlin Gespräche geführt.",
        "language": "de",
        "url": URL,
        "date_evidence": "article:published_time",
        "date_origin": "explicit",
    }
    fields.update(changes)
    return Document(**fields)  # type: ignore[arg-type]


def shown(qtbot: QtBot, document: Document) -> ReadingView:
    view = ReadingView()
    qtbot.add_widget(view)
    view.resize(900, 600)
    view.set_page(render_page(document, LIGHT))
    view.show()
    qtbot.waitExposed(view)
    return view


def facts_line(view: ReadingView) -> str:
    return view.toPlainText().split("\n")[1]


def test_the_header_names_the_language_and_links_the_web_address(qtbot: QtBot) -> None:
    view = shown(qtbot, web_page())
    assert facts_line(view).split(SEP) == [
        "2021-03-04",
        "Auswärtiges Amt",
        "German",
        "example.org/presse/2021/der-minister-besucht-berlin",
        "/archive/besuch.html",
    ]
    # The address is a link to the page itself; clicking it opens the browser (the view's
    # anchorClicked, tested with the other links).
    plain = view.toPlainText()
    cursor = QTextCursor(view.document())
    cursor.setPosition(plain.index("example.org") + 3)
    assert view.anchorAt(view.cursorRect(cursor).center()) == URL


def test_the_dates_tool_tip_says_where_it_was_read(qtbot: QtBot) -> None:
    view = shown(qtbot, web_page())
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index("2021-03-04") + 3)
    point = view.cursorRect(cursor).center()
    assert view.tool_tip_at(point) == "Date from: article:published_time"
    viewport = view.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    qtbot.waitUntil(lambda: QToolTip.text() == "Date from: article:published_time")
    # The body has no tool tip.
    cursor.setPosition(view.toPlainText().index("Berlin Gespräche") + 2)
    assert view.tool_tip_at(view.cursorRect(cursor).center()) == ""


def test_date_evidence_in_words() -> None:
    assert describe_date_evidence(web_page()) == "Date from: article:published_time"
    assert describe_date_evidence(web_page(date_evidence=None)) is None
    assert (
        describe_date_evidence(web_page(date_evidence="corrected by hand", date_origin="user"))
        == "Date corrected by hand"
    )
    inferred = web_page(date_inferred=True, date_origin="inferred", date_evidence=None)
    assert describe_date_evidence(inferred) == "Date inferred from the text"
    assert describe_date_evidence(web_page(year=None, date=None)) is None


def test_an_address_that_is_not_on_the_web_is_shown_but_not_linked(qtbot: QtBot) -> None:
    for address in ("javascript:alert(1)", "file:///etc/passwd", 'https://x.org/"><script>'):
        page = render_page(web_page(url=address), LIGHT)
        assert "<a " not in page
        assert "<script>" not in page


def test_a_long_address_is_cut_short_and_the_header_stays_one_line(qtbot: QtBot) -> None:
    long_url = "https://example.org/" + "abschnitt/" * 20
    view = shown(qtbot, web_page(url=long_url, source=None, language="xx"))
    facts = facts_line(view)
    assert facts.startswith(SEP.join(["2021-03-04", "xx", "example.org/abschnitt/"]))
    assert "…" in facts and long_url[8:] not in facts
    assert view.toPlainText().split("\n")[2].startswith("Der Außenminister")


def test_a_document_without_language_or_address_shows_neither(qtbot: QtBot) -> None:
    view = shown(qtbot, web_page(language=None, url=None, date_evidence=None))
    assert facts_line(view).split(SEP) == ["2021-03-04", "Auswärtiges Amt", "/archive/besuch.html"]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index("2021") + 2)
    assert view.tool_tip_at(view.cursorRect(cursor).center()) == ""
