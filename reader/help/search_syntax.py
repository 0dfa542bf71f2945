"""Help › Search Syntax: the query language in examples; clicking one runs it.

The rows are ``QUERY_EXAMPLES``, the table the README shows too.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive.search.query_examples import QUERY_EXAMPLES, QueryExample, plain_finds

QueryRole = Qt.ItemDataRole.UserRole + 1


def examples_model(
    examples: tuple[QueryExample, ...] = QUERY_EXAMPLES, parent: QWidget | None = None
) -> QStandardItemModel:
    """One row per query: the query (its ``QueryRole`` too) and what it finds."""
    model = QStandardItemModel(0, 2, parent)
    model.setHorizontalHeaderLabels(["Type", "Finds"])
    mono = QFont("monospace")
    mono.setStyleHint(QFont.StyleHint.TypeWriter)
    for example in examples:
        for query in example.queries:
            item = QStandardItem(query)
            item.setData(query, QueryRole)
            item.setFont(mono)
            item.setToolTip(f"Search for {query}")
            item.setEditable(False)
            finds = QStandardItem(plain_finds(example))
            finds.setEditable(False)
            finds.setData(query, QueryRole)
            model.appendRow([item, finds])
    return model


class SearchSyntaxDialog(QDialog):
    """The query examples, in a table; a click on one searches for it (non-modal).

    Signals:
        query_chosen(str): an example was clicked: search for it.
    """

    query_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search Syntax")
        self.setModal(False)
        self.resize(700, 520)
        intro = QLabel(
            "Search folds case and accents and finds other forms of English words. "
            "Click an example to search for it.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.model = examples_model(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self._span_descriptions()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.clicked.connect(self._on_chosen)
        self.table.activated.connect(self._on_chosen)

    def _span_descriptions(self) -> None:
        """What several examples find is said once, beside all of them."""
        row = 0
        for example in QUERY_EXAMPLES:
            if len(example.queries) > 1:
                self.table.setSpan(row, 1, len(example.queries), 1)
            row += len(example.queries)

    @Slot(QModelIndex)
    def _on_chosen(self, index: QModelIndex) -> None:
        query = index.data(QueryRole)
        if query:
            self.query_chosen.emit(str(query))
