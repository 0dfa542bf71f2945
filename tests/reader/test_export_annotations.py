"""File › Export Annotications… and All Annotations' Export…: the command line's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archive.cli import main
from reader.exporting.annotation_export import FORMATS, ExportDone
from reader.mainwindow import MainWindow
from tests.reader.annotation_helpers import FIRST, SECOND, add
from tests.reader.conftest import TASK_TIMEOUT_MS, activate, document_id_of
from tests.reader.menu_helpers import menu_action

OLDER = "Azerbaijan has continued its successful foreign policy"
MARKDOWN_FILTER = FORMATS[0].file_filter


@pytest.fixture
def command_line_export(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Callable[[str], bytes]:
    """Runs ``annotations export --format FORMAT --out FILE``; the file's bytes."""

    def export(format: str) -> bytes:
        out = tmp_path / f"command-line.{format}"
        arguments = ["--data-dir", str(data_dir), "annotations", "export"]
        status = main([*arguments, "--format", format, "--out", str(out)])
        capsys.readouterr()
        assert status == 0
        return out.read_bytes()

    return export


@pytest.fixture
def annotated(qtbot: QtBot, window: MainWindow) -> MainWindow:
    recent, older = document_id_of(window, 2024), document_id_of(window, 2018)
    add(qtbot, window, recent, FIRST, note="the course", tags=["policy"])
    add(qtbot, window, recent, SECOND, color="green")
    add(qtbot, window, older, OLDER, note="zebrafish note, with a comma")
    return window


@pytest.mark.parametrize("format", ["markdown", "jsonld", "csv"])
def test_the_file_menu_writes_the_command_line_s_file(
    qtbot: QtBot,
    annotated: MainWindow,
    command_line_export: Callable[[str], bytes],
    monkeypatch: pytest.MonkeyPatch,
    format: str,
) -> None:
    window = annotated
    suffix = {"markdown": ".md", "jsonld": ".jsonld", "csv": ".csv"}[format]
    target = window.service.data_dir.parent / f"notes{suffix}"
    # The suffix decides, whatever filter the dialog was left on.
    monkeypatch.setattr(
        window.annotation_exporter, "ask_path", lambda: (str(target), MARKDOWN_FILTER)
    )
    activate(qtbot, window)
    with qtbot.waitSignal(window.annotation_exporter.exported, timeout=TASK_TIMEOUT_MS) as done:
        qtbot.keyClick(
            window.search_field,
            Qt.Key.Key_E,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    result: ExportDone = done.args[0]
    assert (result.path, result.format.name, result.count) == (target, format, 3)
    assert target.read_bytes() == command_line_export(format)
    assert window.statusBar().currentMessage() == (
        f"Exported 3 annotations as {result.format.label} to {target}"
    )
    assert not list(target.parent.glob(".*.tmp"))  # the temporary file was renamed


def test_the_file_type_chosen_gives_a_name_without_a_suffix_its_format(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    jsonld = next(f for f in FORMATS if f.name == "jsonld")
    target = str(tmp_path / "notes")
    monkeypatch.setattr(
        window.annotation_exporter, "ask_path", lambda: (target, jsonld.file_filter)
    )
    with qtbot.waitSignal(window.annotation_exporter.exported, timeout=TASK_TIMEOUT_MS):
        menu_action(window, "File", "Export Annotations…").trigger()
    text = (tmp_path / "notes.jsonld").read_text(encoding="utf-8")
    assert '"type": "AnnotationCollection"' in text and '"total": 3' in text


def test_an_unwritable_place_is_explained(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    target = tmp_path / "no such folder" / "notes.md"
    monkeypatch.setattr(
        window.annotation_exporter, "ask_path", lambda: (str(target), MARKDOWN_FILTER)
    )
    with qtbot.waitSignal(window.annotation_exporter.failed, timeout=TASK_TIMEOUT_MS) as failed:
        menu_action(window, "File", "Export Annotations…").trigger()
    assert failed.args[0] == (
        f"The annotations could not be exported to {target}: No such file or directory."
    )
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == failed.args[0]
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert not target.parent.exists()


def test_all_annotations_exports_what_its_search_shows(
    qtbot: QtBot, annotated: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = annotated
    menu_action(window, "View", "All Annotations…").trigger()
    dialog = window.all_annotations
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    target = tmp_path / "shown.md"
    monkeypatch.setattr(
        window.annotation_exporter, "ask_path", lambda: (str(target), MARKDOWN_FILTER)
    )
    with qtbot.waitSignal(window.annotation_exporter.exported, timeout=TASK_TIMEOUT_MS) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert done.args[0].count == 3

    qtbot.keyClicks(dialog.search_field, "zebrafish")
    with qtbot.waitSignal(window.annotation_exporter.exported, timeout=TASK_TIMEOUT_MS) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert done.args[0].count == 1
    markdown = target.read_text(encoding="utf-8")
    assert OLDER in markdown and "zebrafish note" in markdown
    assert FIRST not in markdown and SECOND not in markdown
    assert "2018-12-22 (inferred)" in markdown  # the 2018 release's date is inferred
