"""The import report shows each reason whole: the "Why" column wraps, and its tool tip has it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from archive.models import ImportResult, ImportStatus
from reader.importing.report_dialog import ImportReportDialog
from tests.reliability.test_untrusted_text import as_seen

LONG_REASON = (
    "could not be read as a PDF: the file ends before its cross-reference table, which "
    "usually means the download was cut short or the file was damaged in transit; "
    "download it again, or open it in a PDF viewer and save a copy, then import that copy"
)


def heights(dialog: ImportReportDialog, item: QTreeWidgetItem, column: int) -> tuple[int, int]:
    """The height the row gives the cell, and the height its text needs at the cell's width."""
    table = dialog.table
    cell = table.visualRect(table.indexFromItem(item, column))
    needed = table.fontMetrics().boundingRect(
        QRect(0, 0, cell.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text(column)
    )
    return cell.height(), needed.height()


def fits(dialog: ImportReportDialog, item: QTreeWidgetItem) -> bool:
    shown, needed = heights(dialog, item, 2)
    return shown >= needed


def test_a_long_reason_wraps_whole_in_the_why_column(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = f"{tmp_path}/incoming/2019/a-long-folder-name/release.pdf"
    results = [
        ImportResult(pdf, ImportStatus.FAILED, reason=LONG_REASON),
        ImportResult(f"{tmp_path}/notes.bin", ImportStatus.SKIPPED, reason="not a document"),
    ]
    dialog = ImportReportDialog(results, cancelled=False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert dialog.width() >= 880

    long_item, short_item = table.topLevelItem(0), table.topLevelItem(1)
    assert long_item is not None and short_item is not None
    assert long_item.text(2) == LONG_REASON
    # The column takes the width the others leave, up to the table's edge.
    why = table.visualRect(table.indexFromItem(long_item, 2))
    assert why.right() >= table.viewport().width() - 2
    assert why.width() > 300
    # The row is as tall as the wrapped reason: every line of it shows.
    qtbot.waitUntil(lambda: fits(dialog, long_item))
    height, needed = heights(dialog, long_item, 2)
    assert needed > table.fontMetrics().height()  # it does take several lines
    assert table.visualRect(table.indexFromItem(short_item, 2)).height() < height
    # And the tool tip has it all, as text.
    assert as_seen(long_item.toolTip(2)) == LONG_REASON

    # Narrower: the reason wraps onto more lines, and the row grows to show them.
    dialog.resize(560, dialog.height())
    qtbot.waitUntil(lambda: heights(dialog, long_item, 2)[1] > needed)
    qtbot.waitUntil(lambda: fits(dialog, long_item))
    assert table.horizontalScrollBar().maximum() == 0 or not table.horizontalScrollBar().isVisible()
