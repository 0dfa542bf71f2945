"""The window shows what another program changes in its archive, keeping the reader's place."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from archive.api import DATABASE_NAME, Archive
from archive.models import PublicationDate
from reader.document.pane import DocumentPane
from reader.mainwindow import MainWindow
from reader.navigator.model import DocumentIdRole, YearRole
from tests.reader.annotation_helpers import (
    FIRST,
    SECOND,
    marked_texts,
    select_words,
    wait_annotations,
)
from tests.reader.conftest import (
    TASK_TIMEOUT_MS,
    document_id_of,
    navigator_row,
    open_year,
    type_search,
    wait_idle,
    wait_shown,
)

REPO = Path(__file__).resolve().parents[2]
NOTICED_MS = 3000  # "within a second or two", with room for a loaded machine
CLI_TIMEOUT_S = 120


def write_release(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def dated_release(folder: Path) -> Path:
    return write_release(
        folder,
        "harbour.md",
        "# Harbour works begin in Tallinn\n\nTallinn, 3 March 1999\n\n"
        "The harbour of Tallinn is to be deepened, the ministry announced.\n",
    )


def undated_release(folder: Path) -> Path:
    return write_release(
        folder,
        "undated-note.md",
        "# A note about lighthouses\n\nThe lighthouse keepers met to talk about lamps.\n",
    )


def years_shown(window: MainWindow) -> list[int | None]:
    model = window.navigator_model
    return [model.index(row, 0).data(YearRole) for row in range(model.rowCount())]


def current_document(window: MainWindow) -> int | None:
    index = window.navigator.currentIndex()
    value = index.data(DocumentIdRole) if index.isValid() else None
    return int(value) if value is not None else None


def top_paragraph(pane: DocumentPane) -> str:
    """The paragraph of the line at the top of the pane's view."""
    return pane.view.cursorForPosition(QPoint(0, 0)).block().text()


def test_an_import_elsewhere_shows_its_years_and_counts_keeping_the_selection(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_year(qtbot, window, 2017)
    selected = document_id_of(window, 2017)
    navigator_row(qtbot, window, 2025)  # a second year expanded
    assert current_document(window) == selected
    assert None not in years_shown(window) and 1999 not in years_shown(window)
    counts_before = window.status_label.text()

    with Archive(data_dir) as other:  # another program on the same archive
        other.import_paths([dated_release(tmp_path / "new"), undated_release(tmp_path / "new")])

    qtbot.waitUntil(
        lambda: 1999 in years_shown(window) and None in years_shown(window), timeout=NOTICED_MS
    )
    assert window.status_label.text() != counts_before
    assert window.status_label.text().startswith("7 documents")
    assert years_shown(window)[-1] is None  # the Undated group comes last
    assert current_document(window) == selected
    model = window.navigator_model
    assert window.navigator.isExpanded(model.year_row(2017))
    assert window.navigator.isExpanded(model.year_row(2025))


def test_a_command_line_import_in_another_process_is_shown(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_year(qtbot, window, 2018)
    selected = document_id_of(window, 2018)
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archive",
            "--data-dir",
            str(data_dir),
            "import",
            str(undated_release(tmp_path / "new")),
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: None in years_shown(window), timeout=NOTICED_MS)
    assert window.status_label.text().startswith("6 documents")
    assert current_document(window) == selected
    # And the new document is found by a search in the window.
    results = type_search(qtbot, window, "lighthouse")
    assert results.total == 1


def test_an_open_document_corrected_elsewhere_is_shown_anew_at_the_same_place(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    window.resize(700, 420)
    pane = open_year(qtbot, window, 2025)
    bar = pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    assert bar.value() > 0
    paragraph_at_top = top_paragraph(pane)
    document_id = document_id_of(window, 2025)

    with Archive(data_dir) as other:
        other.correct_metadata(document_id, title="Corrected in another program")

    qtbot.waitUntil(
        lambda: pane.title_label.text() == "Corrected in another program", timeout=NOTICED_MS
    )
    wait_shown(qtbot, window, document_id)
    # The new title is shorter: the same text is at the top, scrolled less far.
    assert top_paragraph(pane) == paragraph_at_top


def test_a_document_redated_elsewhere_stays_selected_in_its_new_year(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    open_year(qtbot, window, 2017)
    document_id = document_id_of(window, 2017)

    with Archive(data_dir) as other:
        other.correct_metadata(document_id, date=PublicationDate(1990, 5, 1))

    qtbot.waitUntil(lambda: 1990 in years_shown(window), timeout=NOTICED_MS)
    assert 2017 not in years_shown(window)
    assert current_document(window) == document_id
    assert window.navigator.currentIndex().parent().data(YearRole) == 1990


def test_a_pane_whose_document_was_removed_elsewhere_is_closed(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    left = open_year(qtbot, window, 2025)
    right = open_year(qtbot, window, 2016, beside=True)
    gone = document_id_of(window, 2016)

    connection = sqlite3.connect(data_dir / DATABASE_NAME)  # another program removes it
    with connection:
        connection.execute("DELETE FROM documents WHERE id = ?", (gone,))
    connection.close()

    qtbot.waitUntil(lambda: not right.is_open, timeout=NOTICED_MS)
    assert left.is_open
    assert "removed from the archive" in window.statusBar().currentMessage()
    assert 2016 not in years_shown(window)


def test_annotations_added_elsewhere_are_shown_keeping_the_one_chosen(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    pane = open_year(qtbot, window, 2024)
    document_id = document_id_of(window, 2024)
    select_words(window, pane, SECOND)
    assert window.highlight_action is not None
    window.highlight_action.trigger()
    panel = window.annotations_panel
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=TASK_TIMEOUT_MS)
    (mine,) = wait_annotations(qtbot, window, document_id, 1)
    row = panel.list.visualRect(panel.proxy.index(0, 0)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row)
    first_chosen = panel.current()
    assert first_chosen is not None and first_chosen.id == mine.id

    with Archive(data_dir) as other:
        start = other.document(document_id).text.index(FIRST)
        other.add_annotation(document_id, start, start + len(FIRST), note="From elsewhere")

    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=NOTICED_MS)
    assert any(FIRST in text for text in marked_texts(pane))
    chosen = panel.current()
    assert chosen is not None and chosen.id == mine.id


def test_the_current_search_is_run_again(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    first = type_search(qtbot, window, "harbour")
    assert first.total == 0

    with (
        qtbot.waitSignal(window.search_finished, timeout=NOTICED_MS) as blocker,
        Archive(data_dir) as other,
    ):
        other.import_paths([dated_release(tmp_path / "new")])
    assert blocker.args[0].total == 1
    assert window.search_field.text() == "harbour"
    assert window.search_panel.model.rowCount() == 1


def test_the_windows_own_changes_are_not_taken_for_changes_made_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = open_year(qtbot, window, 2024)
    document_id = document_id_of(window, 2024)
    select_words(window, pane, FIRST)
    seen: list[None] = []
    window.live_archive.archive_changed_elsewhere.connect(lambda: seen.append(None))

    # The window's own highlight is committed by its write thread: the probe sees a commit,
    # asks, and learns it was the window's own.
    with qtbot.waitSignal(window.live_archive.checked, timeout=TASK_TIMEOUT_MS):
        assert window.highlight_action is not None
        window.highlight_action.trigger()
    wait_annotations(qtbot, window, document_id, 1)
    wait_idle(qtbot, window)
    assert seen == []
    assert window.live_archive.watching
