"""``NavigatorPanel``: the year tree with a filter over titles and a choice of order above it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from archive.api import YearCount
from reader.navigator.model import SortOrder, TotalRole, YearNavigatorModel
from reader.navigator.state import NavigatorState, RowKey, index_of
from reader.navigator.title_filter import TitleMatches
from reader.navigator.view import YearNavigator
from reader.settings import NAVIGATOR_SORT, Settings

FILTER_DELAY_MS = 150  # typing pauses this long before the tree is filtered
#: A filter with at most this many matches opens every year and month that holds one.
EXPAND_MATCHES_UP_TO = 60
#: ... unless that means reading more documents than this from the archive (years not yet
#: opened are read whole).
EXPAND_LOADING_UP_TO = 5000

SORT_CHOICES = ((SortOrder.DATE, "Newest first"), (SortOrder.TITLE, "Title A–Z"))


class NavigatorPanel(QWidget):
    """The "Years" dock: filter field and order above the tree, a match count below them.

    Args:
        model: The tree's model; the panel filters and orders it.
        settings: Where the chosen order is remembered.
        parent: The owning widget.
    """

    def __init__(
        self, model: YearNavigatorModel, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("navigatorPanel")
        self.model = model
        self._settings = settings
        self.filter_field = QLineEdit(self)
        self.filter_field.setObjectName("navigatorFilter")
        self.filter_field.setPlaceholderText("Filter titles")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName("Filter titles")
        self.filter_field.setToolTip("Show only documents whose titles hold these words")
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("navigatorSort")
        self.sort_box.setAccessibleName("Order of documents")
        self.sort_box.setToolTip("Order of the documents in each month")
        for order, label in SORT_CHOICES:
            self.sort_box.addItem(label, order.value)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("navigatorMatches")
        self.match_label.setContentsMargins(4, 0, 4, 0)
        self.match_label.hide()
        self.tree = YearNavigator(self)
        self.tree.setModel(model)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.match_label)
        layout.addWidget(self.tree, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._on_filter_due)
        self.filter_field.textChanged.connect(self._on_filter_edited)
        self.filter_field.returnPressed.connect(self._on_filter_confirmed)
        clear_filter = QAction("Clear Filter", self.filter_field)
        clear_filter.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_filter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_filter.triggered.connect(self.filter_field.clear)
        self.filter_field.addAction(clear_filter)
        self._unfiltered: NavigatorState | None = None  # the tree as it was before filtering
        self._document_filter_label = ""

        saved = self._settings.get(NAVIGATOR_SORT)
        order = SortOrder.TITLE if saved == SortOrder.TITLE.value else SortOrder.DATE
        self.sort_box.setCurrentIndex(self.sort_box.findData(order.value))
        model.set_sort_order(order)
        self.sort_box.currentIndexChanged.connect(self._on_sort_chosen)

    # -- what the window uses --------------------------------------------------------------

    def set_years(self, years: Sequence[YearCount]) -> None:
        """Show new year counts (after any change), keeping the reader's place in the tree."""
        state = self.tree.saved_state()
        self.model.set_years(years)
        self.tree.restore_state(state)
        self.model.preload({})  # what the restore did not open is read when opened
        self._show_matches()

    def set_document_filter(self, documents: TitleMatches | None, label: str = "") -> None:
        """Show only these documents ("mentioning Russia" says which), or all again."""
        state = self.tree.saved_state()
        self._document_filter_label = label if documents is not None else ""
        self.model.set_document_filter(documents)
        self.tree.restore_state(state)
        if documents is not None:
            self._expand_few_matches()
        self._show_matches()

    def state(self) -> NavigatorState:
        return self.tree.saved_state()

    def restore_state(self, state: NavigatorState) -> None:
        self.tree.restore_state(state)

    def selected_document_ids(self) -> list[int]:
        return self.tree.selected_document_ids()

    # -- filtering and ordering ------------------------------------------------------------

    @Slot(str)
    def _on_filter_edited(self, _text: str) -> None:
        self._filter_timer.start()

    @Slot()
    def _on_filter_due(self) -> None:
        text = self.filter_field.text().strip()
        if text == self.model.filter_text:
            return
        before = self.tree.saved_state()
        if not self.model.filter_text:
            self._unfiltered = before
        self.model.set_filter(text)
        if text:
            self.tree.restore_state(before)
            self._expand_few_matches()
        else:
            # Back to the tree as it was, with what was chosen while filtering.
            unfiltered = self._unfiltered or before
            self._unfiltered = None
            self.tree.restore_state(
                NavigatorState(
                    expanded=unfiltered.expanded,
                    selected=before.selected,
                    current=before.current,
                    top=before.current or unfiltered.top,
                )
            )
            self._reveal(before.selected)
        self._show_matches()

    @Slot()
    def _on_filter_confirmed(self) -> None:
        """Return in the filter field: filter now and go to the tree to choose."""
        self._filter_timer.stop()
        self._on_filter_due()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _expand_few_matches(self) -> None:
        """Open every year and month that holds a match, when there are few matches."""
        model = self.model
        years = [model.index(row, 0) for row in range(model.rowCount())]
        to_load = sum(int(year.data(TotalRole)) for year in years if model.canFetchMore(year))
        if model.shown_documents > EXPAND_MATCHES_UP_TO or to_load > EXPAND_LOADING_UP_TO:
            return
        for year in years:
            if model.canFetchMore(year):
                model.fetchMore(year)
            self.tree.expand(year)
            for month_row in range(model.rowCount(year)):
                self.tree.expand(model.index(month_row, 0, year))

    def _reveal(self, keys: Sequence[RowKey]) -> None:
        """Expand the month and year of each document of ``keys``."""
        for key in keys:
            index = index_of(self.model, key)
            while index.parent().isValid():
                index = index.parent()
                self.tree.expand(index)

    def _show_matches(self) -> None:
        label = self._document_filter_label
        if not self.model.filter_text and not label:
            self.match_label.hide()
            return
        shown, total = self.model.shown_documents, self.model.total_documents
        if shown == 0:
            self.match_label.setText(f"No titles match {label}".strip())
        else:
            self.match_label.setText(f"{shown} of {total} documents {label}".strip())
        self.match_label.show()

    @Slot(int)
    def _on_sort_chosen(self, _row: int) -> None:
        order = SortOrder(self.sort_box.currentData())
        state = self.tree.saved_state()
        self.model.set_sort_order(order)
        self.tree.restore_state(state)
        self._settings.set(NAVIGATOR_SORT, order.value)
