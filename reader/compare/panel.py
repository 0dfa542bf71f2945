"""``ComparePanel``: two sides to choose, Compare, and the terms of each side in a table."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive.comparison import ComparedSide, Comparison
from archive.keyness import KeyTerm
from reader.compare.side_chooser import SideChooser
from reader.compare.terms_model import (
    SCORE,
    TERM,
    KeyTermRole,
    KeyTermsModel,
    SortValueRole,
)

IDLE_TEXT = (
    "Choose two years, or two sets of documents, and press Compare: the words and phrases "
    "more frequent on each side are listed, the most distinctive first."
)
OUT_OF_DATE_TEXT = "The archive has changed since: compare again to include the changes."
ERROR_ON_LIGHT, ERROR_ON_DARK = "#b3261e", "#ff8a80"


class ComparePanel(QWidget):
    """The comparison view: its two sides, and the terms distinctive of each.

    Signals:
        compare_requested(): Compare was pressed (or Enter in a side's query).
        term_activated(int, object): a term (``KeyTerm``) of side 0 (A) or 1 (B) was
            activated: double-click or Enter.
    """

    compare_requested = Signal()
    term_activated = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side_a = SideChooser("A", self)
        self.side_b = SideChooser("B", self)
        self.swap_button = QPushButton("Swap", self)
        self.swap_button.setToolTip("Exchange side A and side B")
        self.compare_button = QPushButton("Compare", self)
        self.compare_button.setDefault(True)
        self.compare_button.setToolTip(
            "List the terms more frequent on each side, by log-likelihood (G2)"
        )
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.models = (KeyTermsModel(self), KeyTermsModel(self))
        self.titles = (QLabel(self), QLabel(self))
        self.tables = (self._table(self.models[0], "A"), self._table(self.models[1], "B"))

        choosers = QGridLayout()
        for row, (text, chooser) in enumerate(
            (("Side &A:", self.side_a), ("Side &B:", self.side_b))
        ):
            label = QLabel(text, self)
            label.setBuddy(chooser.kind)
            choosers.addWidget(label, row, 0)
            choosers.addWidget(chooser, row, 1)
        choosers.addWidget(self.swap_button, 0, 2)
        choosers.addWidget(self.compare_button, 1, 2)
        choosers.setColumnStretch(1, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for title, table in zip(self.titles, self.tables, strict=True):
            column = QWidget(splitter)
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            column_layout.addWidget(title)
            column_layout.addWidget(table, 1)
            splitter.addWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(choosers)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.tables[0].activated.connect(self._on_a_term_activated)
        self.tables[1].activated.connect(self._on_b_term_activated)
        self.compare_button.clicked.connect(self.compare_requested)
        self.swap_button.clicked.connect(self._on_swap)
        for chooser in (self.side_a, self.side_b):
            chooser.changed.connect(self._on_side_changed)
            chooser.submitted.connect(self.compare_requested)
        self.show_idle()

    def _table(self, model: KeyTermsModel, name: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SortValueRole)
        table = QTableView(self)
        table.setModel(proxy)
        table.setAccessibleName(f"Terms more frequent on side {name}")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(TERM, QHeaderView.ResizeMode.Stretch)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- states ----------------------------------------------------------------------------

    def show_idle(self) -> None:
        self._set_terms([], [], ("More on side A", "More on side B"))
        self.summary.setText(html.escape(IDLE_TEXT))
        self._on_side_changed()

    def show_busy(self, a_label: str, b_label: str) -> None:
        """A comparison is running: say which; the last terms stay until it reports."""
        self.summary.setText(html.escape(f"Comparing {a_label} with {b_label}…"))
        for table in self.tables:
            table.setEnabled(False)

    def show_comparison(self, comparison: Comparison) -> None:
        labels = (comparison.a.side.label, comparison.b.side.label)
        self._set_terms(comparison.a_terms, comparison.b_terms, labels)
        self.summary.setText(
            f"{_described(comparison.a)}&nbsp;&nbsp;·&nbsp;&nbsp;{_described(comparison.b)}"
            f"{shared_note(comparison.shared)}"
            "<br/>Ranked by log-likelihood (G2): how sure it is that a term is more "
            "frequent on its side. Double-click a term to search it there."
        )

    def mark_out_of_date(self) -> None:
        """The archive changed after the comparison shown: say so, keep its terms."""
        if self.models[0].rowCount() or self.models[1].rowCount():
            self.summary.setText(
                self.summary.text() + f"<br/><i>{html.escape(OUT_OF_DATE_TEXT)}</i>"
            )

    def show_error(self, message: str) -> None:
        self._set_terms([], [], ("More on side A", "More on side B"))
        colour = ERROR_ON_DARK if _is_dark(self.palette()) else ERROR_ON_LIGHT
        self.summary.setText(f'<span style="color:{colour}">{html.escape(message)}</span>')

    def _set_terms(
        self, a_terms: list[KeyTerm], b_terms: list[KeyTerm], labels: tuple[str, str]
    ) -> None:
        for model, table, title, terms, label in zip(
            self.models, self.tables, self.titles, (a_terms, b_terms), labels, strict=True
        ):
            model.set_terms(terms)
            table.setEnabled(True)
            table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
            title.setText(_title(label, len(terms)))

    # -- slots -----------------------------------------------------------------------------

    @Slot()
    def _on_side_changed(self) -> None:
        ready = self.side_a.side() is not None and self.side_b.side() is not None
        self.compare_button.setEnabled(ready)

    @Slot()
    def _on_swap(self) -> None:
        a_state, b_state = self.side_a.state(), self.side_b.state()
        self.side_a.restore(b_state)
        self.side_b.restore(a_state)

    @Slot(QModelIndex)
    def _on_a_term_activated(self, index: QModelIndex) -> None:
        self._activate(0, index)

    @Slot(QModelIndex)
    def _on_b_term_activated(self, index: QModelIndex) -> None:
        self._activate(1, index)

    def _activate(self, side: int, index: QModelIndex) -> None:
        term = index.data(KeyTermRole)
        if isinstance(term, KeyTerm):
            self.term_activated.emit(side, term)


def shared_note(shared: int) -> str:
    """What is said of the documents both sides held (left out of both), if any."""
    if not shared:
        return ""
    return (
        f"&nbsp;&nbsp;·&nbsp;&nbsp;{shared:,} document{'s' if shared != 1 else ''} on both "
        "sides, left out"
    )


def _described(compared: ComparedSide) -> str:
    documents, words = compared.documents, compared.words
    return (
        f"<b>{html.escape(compared.side.label)}</b>: {documents:,} "
        f"document{'s' if documents != 1 else ''}, {words:,} word{'s' if words != 1 else ''}"
    )


def _title(label: str, count: int) -> str:
    if label.startswith("More on side"):
        return label
    noun = "term" if count == 1 else "terms"
    return f"More in {label}: {count} {noun}" if count else f"More in {label}: none"


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
