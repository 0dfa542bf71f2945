"""Reports of an import (every file skipped or failed, and why) and of a re-reading of
every document (each one updated, with what changed, or failed, with why)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.models import ImportResult, ImportStatus, ReextractResult, ReextractStatus
from reader.untrusted_text import tool_tip

# The first column's width (a file's path); the last one, the reason, takes the rest of
# the width. Each wraps onto as many lines as it needs.
FIRST_COLUMN_WIDTH = 300
REPORT_SIZE = (900, 440)

Index = QModelIndex | QPersistentModelIndex


def summarise(results: list[ImportResult], cancelled: bool = False) -> str:
    counts = Counter(result.status for result in results)
    parts = [f"{counts[status]} {status.value}" for status in ImportStatus if counts[status]]
    return _sentence(parts, "nothing to import", cancelled)


def summarise_reextract(results: list[ReextractResult], cancelled: bool = False) -> str:
    """For example "2 updated, 3 unchanged, 1 failed"."""
    counts = Counter(result.status for result in results)
    parts = [f"{counts[status]} {status.value}" for status in ReextractStatus if counts[status]]
    return _sentence(parts, "no documents to read", cancelled)


def _reextract_summary(results: list[ReextractResult], cancelled: bool) -> str:
    """The report's first line: the counts, and in words when nothing changed."""
    summary = summarise_reextract(results, cancelled)
    if (
        results
        and not cancelled
        and all(result.status is ReextractStatus.UNCHANGED for result in results)
    ):
        noun = "document reads" if len(results) == 1 else f"{len(results)} documents read"
        summary = f"Nothing changed: {'the' if len(results) == 1 else 'all'} {noun} as before"
    return summary


def _sentence(parts: list[str], empty: str, cancelled: bool) -> str:
    text = ", ".join(parts) if parts else empty
    if cancelled:
        text = "Cancelled: " + text
    return text[0].upper() + text[1:]


class _ReportDialog(QDialog):
    """A summary line, then a table of the results worth a look (hidden when none are)."""

    def __init__(
        self,
        title: str,
        *,
        summary: str,
        heading: str,
        columns: Sequence[str],
        rows: Sequence[tuple[str, str, str, str]],
        parent: QWidget | None,
    ) -> None:
        """Rows are (first column, result, why, tool tip of the first column)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table = _WrappingTable(self)
        self.table.setHeaderLabels(list(columns))
        for first, result, why, tip in rows:
            item = QTreeWidgetItem(self.table, [first, result, why])
            # File names and reasons are the files' own words, as text.
            item.setToolTip(0, tool_tip(tip))
            item.setToolTip(2, tool_tip(why))
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(0, FIRST_COLUMN_WIDTH)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary + ".", self)
        layout.addWidget(self.summary)
        if rows:
            self.resize(*REPORT_SIZE)
            explained = QLabel(heading, self)
            explained.setWordWrap(True)
            layout.addWidget(explained)
            layout.addWidget(self.table, 1)
        else:
            # Only the summary: a small box, not an empty table's worth of space.
            self.table.hide()
        layout.addWidget(buttons)


class _WrappingDelegate(QStyledItemDelegate):
    """Measures a cell at its column's width, so a row is as tall as its wrapped text.

    (A tree view asks for a row's height without saying how wide each cell is, and the
    style then measures the text on one line.)
    """

    def __init__(self, table: QTreeView) -> None:
        super().__init__(table)
        self._header = table.header()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, self._header.sectionSize(index.column()), 1)
        return super().sizeHint(sized, index)


class _WrappingTable(QTreeWidget):
    """A table that wraps its text, the rows as tall as their text needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setItemDelegate(_WrappingDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_section_resized)

    @Slot(int, int, int)
    def _on_section_resized(self, _column: int, _old: int, _new: int) -> None:
        # A narrower or wider column wraps its text onto other lines: measure rows again.
        self.scheduleDelayedItemsLayout()


class ImportReportDialog(_ReportDialog):
    """Lists the problems of one import; shown when any file was skipped or failed."""

    def __init__(
        self, results: list[ImportResult], cancelled: bool, parent: QWidget | None = None
    ) -> None:
        problems = [r for r in results if r.status in (ImportStatus.SKIPPED, ImportStatus.FAILED)]
        super().__init__(
            "Import report",
            summary=summarise(results, cancelled),
            heading="These files were not imported:",
            columns=["File", "Result", "Why"],
            rows=[(r.path, r.status.value, r.reason or "", r.path) for r in problems],
            parent=parent,
        )


class ReextractReportDialog(_ReportDialog):
    """What re-reading every document did: each one updated or failed, and why.

    Args:
        results: The results, one per document read.
        cancelled: Whether it was stopped before the last document.
        titles: Documents' titles by id, shown instead of their file's path.
        parent: The window.
    """

    def __init__(
        self,
        results: list[ReextractResult],
        cancelled: bool,
        titles: Mapping[int, str],
        parent: QWidget | None = None,
    ) -> None:
        rows = [
            (
                titles.get(result.id, result.path),
                result.status.value,
                result.reason or ", ".join(result.changed),
                result.path,
            )
            for result in results
            if result.status is not ReextractStatus.UNCHANGED
        ]
        super().__init__(
            "Re-read report",
            summary=_reextract_summary(results, cancelled),
            heading="These documents changed, or could not be read again and were left as "
            "they were:",
            columns=["Document", "Result", "What changed, or why not"],
            rows=rows,
            parent=parent,
        )
