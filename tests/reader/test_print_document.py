"""File › Print… and File › Export as PDF…: the open document with its highlights and notes."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archive.annotations import AnnotationImportReport
from archive.api import Archive
from reader.mainwindow import MainWindow
from tests.reader.annotation_helpers import FIRST, SECOND, add, wait_annotations
from tests.reader.conftest import open_year
from tests.reader.menu_helpers import menu_action

# A note is Markdown: printed formatted, and what HTML it holds is never loaded.
NOTE = 'Compare with the **2023** statement <img src="/dev/zero">'
NOTE_SHOWN = "Compare with the 2023 statement"
ORPHAN_NOTE = "zebrafish orphan note"


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return " ".join(text.split())


def pdf_first_page_pixels(path: Path) -> list[tuple[int, int, int]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        raw = pdf[0].render(scale=0.5).to_pil().convert("RGB").tobytes()
    finally:
        pdf.close()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


@pytest.fixture
def annotated(qtbot: QtBot, window: MainWindow) -> MainWindow:
    pane = open_year(qtbot, window, 2024)
    assert pane.document is not None
    add(qtbot, window, pane.document.id, FIRST, note=NOTE, color="green")
    add(qtbot, window, pane.document.id, SECOND)
    wait_annotations(qtbot, window, pane.document.id, 2)
    window.annotation_controller.refresh()
    qtbot.waitUntil(lambda: len(pane.view.marks) == 2)
    return window


def test_export_as_pdf_writes_the_document_with_its_highlights_and_notes(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    document = window.active_pane.document
    assert document is not None
    suggested: list[str] = []
    target = tmp_path / "release"

    def ask(name: str) -> str:
        suggested.append(name)
        return str(target)

    monkeypatch.setattr(window.document_printer, "ask_pdf_path", ask)
    menu_action(window, "File", "Export as PDF…").trigger()
    saved = tmp_path / "release.pdf"
    assert Path(suggested[0]).suffix == ".pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    text = pdf_text(saved)
    assert " ".join(document.title.split()) in text
    assert FIRST in text and SECOND in text
    assert "2024-12-28" in text and str(document.source) in text
    # The note is numbered after its passage and quoted with it under Notes.
    assert f"{FIRST}1" in text.replace(" 1", "1")
    assert f"Notes 1. “{FIRST}” {NOTE_SHOWN}" in text and "**" not in text
    pixels = pdf_first_page_pixels(saved)
    assert pixels[0] == (255, 255, 255)  # paper, not the window's background
    green = QColor("#c5e1a5")
    assert any(
        abs(r - green.red()) + abs(g - green.green()) + abs(b - green.blue()) < 12
        for r, g, b in pixels
    )  # the green highlight
    assert window.statusBar().currentMessage() == f"Saved “{document.title}” as PDF to {saved}"
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_pdf_is_light_in_a_dark_palette_and_lists_an_orphan_s_note(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    document = window.active_pane.document
    assert document is not None
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    window.setPalette(dark)
    orphan = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": ORPHAN_NOTE}],
        "target": {
            "source": f"urn:archive-reader:document:{document.id}",
            "selector": [{"type": "TextQuoteSelector", "exact": "words it never had"}],
        },
    }

    def import_orphan(archive: Archive) -> AnnotationImportReport:
        return archive.import_annotations(json.dumps(orphan))

    window.service.write(import_orphan)
    wait_annotations(qtbot, window, document.id, 3)
    target = str(tmp_path / "d.pdf")
    monkeypatch.setattr(window.document_printer, "ask_pdf_path", lambda _name: target)
    menu_action(window, "File", "Export as PDF…").trigger()
    text = pdf_text(tmp_path / "d.pdf")
    orphan_entry = f"2. “words it never had” (no longer in the text) {ORPHAN_NOTE}"
    assert f"1. “{FIRST}” {NOTE_SHOWN} {orphan_entry}" in text
    assert pdf_first_page_pixels(tmp_path / "d.pdf")[0] == (255, 255, 255)


def test_an_unwritable_pdf_place_is_explained(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    target = tmp_path / "no such folder" / "d.pdf"
    monkeypatch.setattr(window.document_printer, "ask_pdf_path", lambda _name: str(target))
    menu_action(window, "File", "Export as PDF…").trigger()
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == f"The PDF could not be saved to {target}: No such file or directory."
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_print_sends_the_same_pages_to_the_printer_chosen(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def choose_printer(printer: QPrinter) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(window.document_printer, "ask_printer", choose_printer)
    qtbot.keyClick(window.active_pane.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    text = pdf_text(out)
    assert FIRST in text and f"1. “{FIRST}” {NOTE_SHOWN}" in text

    monkeypatch.setattr(window.document_printer, "ask_printer", lambda _printer: False)
    out.unlink()
    menu_action(window, "File", "Print…").trigger()
    assert not out.exists()  # cancelled: nothing printed


def test_print_without_an_open_document_says_so(qtbot: QtBot, window: MainWindow) -> None:
    menu_action(window, "File", "Print…").trigger()
    assert window.statusBar().currentMessage() == "Open a document first."
