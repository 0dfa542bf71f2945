"""Importing from the window: progress, the report of files not imported, Cancel."""

from __future__ import annotations

import base64
from pathlib import Path

from pytestqt.qtbot import QtBot

from archive.models import ImportProgress, ImportResult, ImportStatus
from reader.importing.report_dialog import ImportReportDialog
from reader.mainwindow import MainWindow
from tests.reader.conftest import IMPORT_TIMEOUT_MS, TASK_TIMEOUT_MS, wait_idle

# A 1x1 PNG image.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
GOOD_RELEASE = (
    "date 2019-05-01\n"
    "BAKU, May 1. The ministry held a meeting on reading archives of press releases.\n\n"
    "The participants discussed the zorblaxian archive in detail.\n"
)


def report_rows(dialog: ImportReportDialog) -> dict[str, tuple[str, str]]:
    """File name: (result, why) for each row of the report."""
    rows = {}
    for number in range(dialog.table.topLevelItemCount()):
        item = dialog.table.topLevelItem(number)
        assert item is not None
        rows[Path(item.text(0)).name] = (item.text(1), item.text(2))
    return rows


def test_import_reports_bad_files_and_updates_the_navigator(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_RELEASE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(PNG)

    seen: list[tuple[bool, str]] = []

    def on_progress(progress: ImportProgress) -> None:
        seen.append((window.progress.isVisible(), window.progress.format()))

    window.importer.progressed.connect(on_progress)
    with qtbot.waitSignal(window.importer.started, timeout=TASK_TIMEOUT_MS):
        window.import_paths([folder])
    assert window.progress.isVisible()
    assert window.cancel_button.isVisible()
    assert window.index_label.text() == "Importing…"

    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        pass
    results: list[ImportResult] = blocker.args[0]
    assert blocker.args[1] is False
    assert seen == [
        (True, "Importing 1 of 3"),
        (True, "Importing 2 of 3"),
        (True, "Importing 3 of 3"),
        (True, "Indexing 1 of 1"),
    ]
    assert not window.progress.isVisible()
    assert not window.cancel_button.isVisible()
    assert window.index_label.text() == "Index up to date"
    assert {Path(r.path).name: r.status for r in results} == {
        "good.txt": ImportStatus.IMPORTED,
        "empty.txt": ImportStatus.SKIPPED,
        "picture.txt": ImportStatus.FAILED,
    }

    # The navigator shows the new year.
    wait_idle(qtbot, window)
    model = window.navigator_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "2025",
        "2024",
        "2019",
        "2018",
        "2017",
        "2016",
    ]
    assert window.status_label.text() == "6 documents in 6 years"

    # The report lists what was not imported, and why.
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert report_rows(dialog) == {
        "empty.txt": ("skipped", "empty file"),
        "picture.txt": ("failed", "binary file (looks like a PNG image), not text"),
    }
    dialog.reject()

    # The new document can be searched at once.
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS) as found:
        window.search_field.setText("zorblaxian")
    assert [hit.year for hit in found.args[0].hits] == [2019]


def test_an_import_with_no_problem_shows_no_report(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(GOOD_RELEASE, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([release])
    assert window.findChild(ImportReportDialog) is None
    assert window.statusBar().currentMessage() == "1 imported"


def test_cancel_stops_the_import(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    count = 400
    for number in range(count):
        (folder / f"release-{number:04d}.txt").write_text(
            f"date 2020-01-{number % 28 + 1:02d}\n"
            f"Release number {number} about subject {number * 7919 % 10007}.\n",
            encoding="utf-8",
        )

    def cancel_on_first_progress(_progress: ImportProgress) -> None:
        if window.cancel_button.isVisible():
            window.cancel_button.click()

    window.importer.progressed.connect(cancel_on_first_progress)
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.import_paths([folder])
    results, cancelled = blocker.args
    assert cancelled is True
    assert 0 < len(results) < count
    assert not window.importer.running
    assert not window.progress.isVisible()
    assert window.statusBar().currentMessage().startswith("Cancelled: ")

    # What was imported before Cancel is kept and shown; a new import can start.
    wait_idle(qtbot, window)
    assert window.service.document_count() == 5 + len(results)
    assert window.navigator_model.year_row(2020).isValid()
    window.importer.progressed.disconnect(cancel_on_first_progress)
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.import_paths([folder])
    assert blocker.args[1] is False
    wait_idle(qtbot, window)
    assert window.service.document_count() == 5 + count


def test_a_second_import_waits_for_the_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(GOOD_RELEASE, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.import_paths([release])
        window.import_paths([release])
        assert "already running" in window.statusBar().currentMessage()
    assert len(blocker.args[0]) == 1
