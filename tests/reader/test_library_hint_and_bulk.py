"""The first-run sample hint, and setting the same date or source on several documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader import settings as keys
from reader.library.bulk_metadata import BulkMetadataDialog
from reader.mainwindow import MainWindow
from reader.settings import Settings
from tests.archive.annotation_helpers import STORY
from tests.reader.conftest import (
    IMPORT_TIMEOUT_MS,
    TASK_TIMEOUT_MS,
    activate,
    click_navigator,
    document_id_of,
    navigator_row,
    open_window,
    wait_idle,
    wait_shown,
)


def test_the_hint_says_the_documents_are_a_sample_and_removes_them_with_undo(
    qtbot: QtBot, window: MainWindow
) -> None:
    hint = window.library.sample_hint
    assert hint.isVisible()
    assert hint.label.text().startswith("These 5 documents are a sample")
    assert [b.text() for b in (hint.import_files_button, hint.import_folder_button)] == [
        "Import Files…",
        "Import Folder…",
    ]

    qtbot.mouseClick(hint.remove_button, Qt.MouseButton.LeftButton)

    removal = window.library.removal
    assert removal.confirmation is not None
    assert removal.confirmation.text() == "Remove 5 documents from the archive?"
    button = removal.remove_button
    assert button is not None
    with qtbot.waitSignal(removal.finished, timeout=TASK_TIMEOUT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.service.document_count() == 0
    assert window.status_label.text() == "0 documents in 0 years"
    assert not hint.isVisible()

    activate(qtbot, window)
    with qtbot.waitSignal(removal.finished, timeout=TASK_TIMEOUT_MS):
        qtbot.keyClick(window.navigator, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.service.document_count() == 5
    assert hint.isVisible()


def test_the_hint_goes_once_the_user_imports_their_own_and_dismissal_is_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, data_dir: Path, settings: Settings
) -> None:
    hint = window.library.sample_hint
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([story])
    wait_idle(qtbot, window)
    assert not hint.isVisible()

    window.library.removal.remove_now([document_id_of(window, 2021)])
    qtbot.waitUntil(hint.isVisible, timeout=TASK_TIMEOUT_MS)
    qtbot.mouseClick(hint.dismiss_button, Qt.MouseButton.LeftButton)
    assert not hint.isVisible()
    assert settings.get(keys.SAMPLE_HINT_DISMISSED) is True
    hint.refresh()
    assert not hint.isVisible()


def test_a_dismissed_hint_stays_hidden_on_the_next_start(
    qtbot: QtBot, data_dir: Path, settings: Settings
) -> None:
    settings.set(keys.SAMPLE_HINT_DISMISSED, True)
    window = open_window(qtbot, data_dir, settings)
    assert window.service.document_count() == 5
    assert not window.library.sample_hint.isVisible()


def test_set_date_and_source_on_two_selected_documents(qtbot: QtBot, window: MainWindow) -> None:
    first, second = document_id_of(window, 2017), document_id_of(window, 2016)
    click_navigator(qtbot, window, navigator_row(qtbot, window, 2017))
    wait_shown(qtbot, window, first)
    click_navigator(
        qtbot, window, navigator_row(qtbot, window, 2016), Qt.KeyboardModifier.ShiftModifier
    )
    assert window.navigator.selected_document_ids() == [first, second]
    index = navigator_row(qtbot, window, 2016)
    menu = window.navigator.context_menu(window.navigator.visualRect(index).center())
    assert menu is not None
    (action,) = [a for a in menu.actions() if a.text() == "Set &Date or Source…"]

    action.trigger()

    dialog = window.library.bulk_metadata.dialog
    assert isinstance(dialog, BulkMetadataDialog) and dialog.isVisible()
    assert dialog.titles.count() == 2
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.keyClicks(dialog.date_field, "1999-13")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "There is no month 13."
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "1999-05")
    qtbot.keyClicks(dialog.source_field, "AZERTAC")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.navigator_model.year_row(1999).isValid(), timeout=TASK_TIMEOUT_MS
    )
    wait_idle(qtbot, window)

    reads = window.service.reads
    assert [(d.id, d.date, d.source) for d in reads.list_documents(1999)] == [
        (first, "1999-05", "AZERTAC"),
        (second, "1999-05", "AZERTAC"),
    ]
    assert not window.navigator_model.year_row(2017).isValid()
    assert window.status_label.text() == "5 documents in 4 years"
    assert window.statusBar().currentMessage() == "Saved the details of 2 documents."
    qtbot.waitUntil(
        lambda: (
            window.active_pane.document is not None
            and window.active_pane.document.date == "1999-05"
        ),
        timeout=TASK_TIMEOUT_MS,
    )

    # Edit › Undo puts back what each had; Redo sets it again.
    activate(qtbot, window)
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.navigator_model.year_row(2017).isValid(), timeout=TASK_TIMEOUT_MS
    )
    wait_idle(qtbot, window)
    assert reads.list_documents(1999) == []
    assert window.service.reads.corrections_of([first, second]) == {}
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, ctrl_shift)
    qtbot.waitUntil(lambda: len(reads.list_documents(1999)) == 2, timeout=TASK_TIMEOUT_MS)
    wait_idle(qtbot, window)

    # Revert to Imported forgets the corrections of both.
    window.library.bulk_metadata.edit([first, second])
    dialog = window.library.bulk_metadata.dialog
    assert dialog is not None
    revert = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    qtbot.mouseClick(revert, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.navigator_model.year_row(2017).isValid(), timeout=TASK_TIMEOUT_MS
    )
    assert reads.document(first).source != "AZERTAC"
