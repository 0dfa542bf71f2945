"""``ImportReportDialog``: what an import did, listing every file skipped or failed and why."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.models import ImportResult, ImportStatus


def summarise(results: list[ImportResult], cancelled: bool = False) -> str:
    counts = Counter(result.status for result in results)
    parts = [f"{counts[status]} {status.value}" for status in ImportStatus if counts[status]]
    text = ", ".join(parts) if parts else "nothing to import"
    if cancelled:
        text = "Cancelled: " + text
    return text[0].upper() + text[1:]


class ImportReportDialog(QDialog):
    """Lists the problems of one import; shown when any file was skipped or failed."""

    def __init__(
        self, results: list[ImportResult], cancelled: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.resize(720, 400)
        problems = [r for r in results if r.status in (ImportStatus.SKIPPED, ImportStatus.FAILED)]
        summary = QLabel(summarise(results, cancelled) + ".", self)
        self.table = QTreeWidget(self)
        self.table.setHeaderLabels(["File", "Result", "Why"])
        self.table.setRootIsDecorated(False)
        for result in problems:
            QTreeWidgetItem(self.table, [result.path, result.status.value, result.reason or ""])
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(0, 320)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if problems:
            layout.addWidget(QLabel("These files were not imported:", self))
            layout.addWidget(self.table, 1)
        else:
            self.table.hide()
        layout.addWidget(buttons)
