"""Correcting a document's details: the navigator follows, and the correction is kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from archive.api import Archive
from archive.models import Document
from reader.mainwindow import MainWindow
from reader.metadata_dialog import MetadataDialog
from reader.navigator.model import DocumentIdRole
from reader.settings import Settings
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    TASK_TIMEOUT_MS,
    activate,
    close_window,
    document_id_of,
    open_window,
    open_year,
    wait_idle,
    wait_shown,
)


def open_dialog(qtbot: QtBot, window: MainWindow) -> MetadataDialog:
    activate(qtbot, window)
    qtbot.keyClick(window.active_pane.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.metadata_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def save(dialog: MetadataDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def year_labels(window: MainWindow) -> list[str]:
    model = window.navigator_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_correcting_title_and_date_moves_the_document(
    qtbot: QtBot, window: MainWindow, data_dir: Path, settings: Settings
) -> None:
    pane = open_year(qtbot, window, 2017)
    document_id = document_id_of(window, 2017)
    dialog = open_dialog(qtbot, window)
    assert dialog.title_field.text().startswith("Ministry: Azerbaijan's foreign policy")
    assert dialog.date_field.text() == "2017"
    assert dialog.source_field.text() == "Ministry of Foreign Affairs of Azerbaijan"

    dialog.title_field.setText("Foreign policy review of 2019")
    dialog.date_field.setText("2019-03-04")
    with qtbot.waitSignal(window.service.documents_changed, timeout=TASK_TIMEOUT_MS):
        save(dialog)
    qtbot.waitUntil(lambda: window.metadata_dialog is None)  # closed and gone
    qtbot.waitUntil(lambda: pane.title_label.text() == "Foreign policy review of 2019")
    wait_idle(qtbot, window)

    # The navigator moved it from 2017 to 2019, and shows it there.
    assert year_labels(window) == ["2025", "2024", "2019", "2018", "2016"]
    current = window.navigator.currentIndex()
    assert current.data(DocumentIdRole) == document_id
    assert current.parent().data() == "March"
    assert current.parent().parent().data() == "2019"
    header = pane.view.toPlainText().split("\n")[1]
    assert "2019-03-04" in header
    assert "inferred" not in header

    # Kept as the user's correction: a new import of the file does not undo it ...
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([data_dir / "sample"])
    wait_idle(qtbot, window)
    assert year_labels(window) == ["2025", "2024", "2019", "2018", "2016"]
    # ... and the next start shows it too.
    close_window(qtbot, window)
    with Archive(data_dir, maintain_index=False) as archive:
        document = archive.document(document_id)
        assert (document.title, document.date, document.date_origin) == (
            "Foreign policy review of 2019",
            "2019-03-04",
            "user",
        )
    again = open_window(qtbot, data_dir, settings)
    assert year_labels(again) == ["2025", "2024", "2019", "2018", "2016"]
    reopened = wait_shown(qtbot, again, document_id)
    assert reopened.title_label.text() == "Foreign policy review of 2019"


def test_an_invalid_date_is_explained_in_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    open_year(qtbot, window, 2024)
    dialog = open_dialog(qtbot, window)
    dialog.date_field.setText("2024-13-01")
    save(dialog)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "There is no month 13."

    dialog.date_field.setText("28 December")
    save(dialog)
    assert dialog.isVisible()
    assert "YYYY-MM-DD" in dialog.error_label.text()

    dialog.date_field.setText("2024-02-30")
    save(dialog)
    assert dialog.error_label.text() == "2024-02-30 is not a real date."

    dialog.title_field.setText("  ")
    dialog.date_field.setText("2024")
    save(dialog)
    assert dialog.error_label.text() == "A document needs a title."
    dialog.reject()
    wait_idle(qtbot, window)
    assert year_labels(window) == ["2025", "2024", "2018", "2017", "2016"]


def test_revert_forgets_the_corrections(qtbot: QtBot, window: MainWindow) -> None:
    pane = open_year(qtbot, window, 2016)
    dialog = open_dialog(qtbot, window)
    dialog.date_field.setText("")  # undated
    with qtbot.waitSignal(window.service.documents_changed, timeout=TASK_TIMEOUT_MS):
        save(dialog)
    wait_idle(qtbot, window)
    assert year_labels(window) == ["2025", "2024", "2018", "2017", "Undated"]
    assert "Undated" in pane.view.toPlainText().split("\n")[1]

    dialog = open_dialog(qtbot, window)
    restore = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    with qtbot.waitSignal(window.service.documents_changed, timeout=TASK_TIMEOUT_MS):
        restore.click()
    wait_idle(qtbot, window)
    assert year_labels(window) == ["2025", "2024", "2018", "2017", "2016"]
    assert document_id_of(window, 2016) == pane.document_id


def test_the_dialog_shows_the_language_read_from_the_file(qtbot: QtBot) -> None:
    def dialog_for(language: str | None) -> MetadataDialog:
        document = Document(1, "Titel", "2021-03-04", 2021, False, None, "/a.html", language)
        dialog = MetadataDialog(document)
        qtbot.add_widget(dialog)
        return dialog

    assert dialog_for("de").language_label.text() == "German"
    assert dialog_for(None).language_label.text() == "Not known"
