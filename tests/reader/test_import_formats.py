"""Importing web pages, PDFs and Word files from the window: the file dialog, and drops."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from archive.ingest import SUPPORTED_SUFFIXES
from archive.models import ImportResult, ImportStatus
from reader.importing.file_types import import_name_filters
from reader.mainwindow import MainWindow
from tests.reader.conftest import IMPORT_TIMEOUT_MS, TASK_TIMEOUT_MS, wait_idle

WEB_PAGE = """<!doctype html>
<html lang="de"><head><title>Der Minister besucht Berlin</title>
<link rel="canonical" href="https://example.org/presse/1"></head>
<body><article><h1>Der Minister besucht Berlin</h1>
<p>Berlin, 4. März 2021. Der Außenminister hat heute in Berlin die Gespräche über die
Zusammenarbeit fortgesetzt. Die beiden Seiten haben vereinbart, die Beziehungen weiter zu
vertiefen und das quorvelische Abkommen zu unterzeichnen.</p></article></body></html>
"""
PDF_LINES = [
    "Baku, 3 March 2021. The minister met the zorblaxian delegation today.",
    "They discussed transport links between Europe and Asia at length.",
]


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of text in Helvetica: the smallest a reader accepts."""
    text = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    pdf += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(pdf)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A PDF, a saved web page, and a folder holding a Word document."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    pdf = folder / "release.pdf"
    pdf.write_bytes(tiny_pdf(PDF_LINES))
    page = folder / "besuch.html"
    page.write_text(WEB_PAGE, encoding="utf-8")
    word_folder = tmp_path / "word"
    word_folder.mkdir()
    word = docx.Document()
    word.add_heading("Statement on the plinthorian railway", level=1)
    word.add_paragraph(
        "Baku, 5 May 2022. The ministry welcomes the opening of the plinthorian railway "
        "between the two capitals, which will carry goods and passengers from next spring."
    )
    word.save(str(word_folder / "statement.docx"))
    return {"pdf": pdf, "html": page, "folder": word_folder}


def statuses(results: list[ImportResult]) -> dict[str, ImportStatus]:
    return {Path(result.path).name: result.status for result in results}


def test_every_supported_type_is_offered_together_and_by_kind() -> None:
    filters = import_name_filters()
    assert filters[0].startswith("Press releases (")
    offered = filters[0][len("Press releases (") : -1].split()
    assert sorted(offered) == sorted(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
    assert filters[-1] == "All files (*)"
    assert "PDF documents (*.pdf)" in filters
    assert "Word documents (*.docx)" in filters
    assert "Rich Text documents (*.rtf)" in filters
    assert any(f.startswith("Web pages (") and "*.html" in f and "*.mht" in f for f in filters)
    assert "Markdown files (*.md *.markdown)" in filters


def test_the_import_dialog_imports_a_pdf_and_a_web_page(
    qtbot: QtBot,
    window: MainWindow,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def choose(parent: QWidget, caption: str, folder: str, filters: str) -> tuple[list[str], str]:
        asked.append(filters)
        return [str(files["pdf"]), str(files["html"])], filters.split(";;", maxsplit=1)[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.choose_files_to_import()
    assert asked == [";;".join(import_name_filters())]
    assert statuses(blocker.args[0]) == {
        "release.pdf": ImportStatus.IMPORTED,
        "besuch.html": ImportStatus.IMPORTED,
    }


def drop_on(window: MainWindow, paths: list[Path]) -> tuple[bool, bool]:
    """Drag ``paths`` over the window and drop them; whether each event was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    centre = window.rect().center()
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    drop.ignore()
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_pdf_a_web_page_and_a_folder_imports_them(
    qtbot: QtBot, window: MainWindow, files: dict[str, Path]
) -> None:
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        accepted = drop_on(window, [files["pdf"], files["html"], files["folder"]])
    assert accepted == (True, True)
    assert statuses(blocker.args[0]) == {
        "release.pdf": ImportStatus.IMPORTED,
        "besuch.html": ImportStatus.IMPORTED,
        "statement.docx": ImportStatus.IMPORTED,
    }
    wait_idle(qtbot, window)
    assert window.navigator_model.year_row(2022).isValid()
    for word, title_word in (("zorblaxian", "zorblaxian"), ("quorvelische", "Minister")):
        with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS) as found:
            window.search_field.setText(word)
        (hit,) = found.args[0].hits
        assert title_word in hit.title


def test_a_drag_of_something_other_than_files_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just some text")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
