"""``SideChooser``: one side of a comparison: a year, years, a source, a search, undated."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from archive.compare_sides import (
    UNDATED_SIDE,
    Side,
    search_side,
    source_side,
    year_side,
    years_side,
)

NO_SEARCH_YET = "no search yet: search first, or type a query"


class SideKindChoice(enum.Enum):
    """The kinds of side offered, in the order of the chooser's list."""

    YEAR = "A year"
    YEARS = "Years"
    SOURCE = "A source"
    CURRENT_SEARCH = "The current search"
    QUERY = "A search for…"
    UNDATED = "Undated documents"


@dataclass(frozen=True)
class ChooserState:
    """What a :class:`SideChooser` has chosen."""

    choice: SideKindChoice
    year: object
    first_year: object
    last_year: object
    source: object
    query: str


class SideChooser(QWidget):
    """Chooses one side: a kind of side, and what it needs (years, a source, a query).

    Signals:
        changed(): the side chosen changed (or became incomplete).
        submitted(): Enter was pressed in the query field.
    """

    changed = Signal()
    submitted = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(f"Side {name}: kind")
        for choice in SideKindChoice:
            self.kind.addItem(choice.value, choice)
        self.year = self._years_box(f"Side {name}: year")
        self.first_year = self._years_box(f"Side {name}: first year")
        self.last_year = self._years_box(f"Side {name}: last year")
        self.source = QComboBox(self)
        self.source.setAccessibleName(f"Side {name}: source")
        self.source.setMinimumContentsLength(16)
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.current_search = QLabel(NO_SEARCH_YET, self)
        self.current_search.setTextFormat(Qt.TextFormat.PlainText)
        self.query = QLineEdit(self)
        self.query.setAccessibleName(f"Side {name}: search")
        self.query.setPlaceholderText('e.g. Karabakh OR "Nagorno-Karabakh"')
        self._current_query = ""

        self.values = QStackedWidget(self)
        undated = QLabel("the documents with no date", self)
        pages: tuple[list[QWidget], ...] = (
            [self.year],
            [self.first_year, QLabel("to", self), self.last_year],
            [self.source],
            [self.current_search],
            [self.query],
            [undated],
        )
        for widgets in pages:
            self.values.addWidget(_row_page(widgets, stretch=widgets[0] is not self.query))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.values, 1)

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        for box in (self.year, self.first_year, self.last_year, self.source):
            box.currentIndexChanged.connect(self.changed)
        self.query.textChanged.connect(self.changed)
        self.query.returnPressed.connect(self.submitted)

    def _years_box(self, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        return box

    @Slot(int)
    def _on_kind_changed(self, row: int) -> None:
        self.values.setCurrentIndex(row)
        self.changed.emit()

    @property
    def choice(self) -> SideKindChoice:
        data = self.kind.currentData()
        return data if isinstance(data, SideKindChoice) else SideKindChoice.YEAR

    def choose(self, choice: SideKindChoice) -> None:
        self.kind.setCurrentIndex(self.kind.findData(choice))

    def set_years(self, years: list[int]) -> None:
        """Offer these years (newest first), keeping those chosen if still there."""
        # At first: the newest year, and all the years for a range.
        defaults = ((self.year, 0), (self.first_year, len(years) - 1), (self.last_year, 0))
        for box, default in defaults:
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            for year in years:
                box.addItem(str(year), year)
            found = box.findData(chosen)
            box.setCurrentIndex(found if found >= 0 else default)
            box.blockSignals(False)
        self.changed.emit()

    def set_sources(self, sources: list[tuple[str, int]]) -> None:
        """Offer these sources, with their numbers of documents, keeping the one chosen."""
        chosen = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        for name, count in sources:
            self.source.addItem(f"{name} ({count:,})", name)
        found = self.source.findData(chosen)
        self.source.setCurrentIndex(found if found >= 0 else 0)
        self.source.blockSignals(False)
        self.changed.emit()

    def set_current_search(self, query: str) -> None:
        """The query of the search shown in the window ("" for none)."""
        self._current_query = query
        self.current_search.setText(f"“{query}”" if query else NO_SEARCH_YET)
        if self.choice is SideKindChoice.CURRENT_SEARCH:
            self.changed.emit()

    def choose_year(self, year: int) -> None:
        self.choose(SideKindChoice.YEAR)
        self.year.setCurrentIndex(self.year.findData(year))

    def choose_years(self, first: int, last: int) -> None:
        self.choose(SideKindChoice.YEARS)
        self.first_year.setCurrentIndex(self.first_year.findData(first))
        self.last_year.setCurrentIndex(self.last_year.findData(last))

    def state(self) -> ChooserState:
        """What is chosen, to put into another chooser (:meth:`restore`)."""
        return ChooserState(
            self.choice,
            self.year.currentData(),
            self.first_year.currentData(),
            self.last_year.currentData(),
            self.source.currentData(),
            self.query.text(),
        )

    def restore(self, state: ChooserState) -> None:
        """Choose what ``state`` says (as far as the years and sources offered allow)."""
        for box, value in (
            (self.year, state.year),
            (self.first_year, state.first_year),
            (self.last_year, state.last_year),
            (self.source, state.source),
        ):
            found = box.findData(value)
            if found >= 0:
                box.setCurrentIndex(found)
        self.query.setText(state.query)
        self.choose(state.choice)
        self.changed.emit()

    def side(self) -> Side | None:
        """The side chosen; ``None`` while it is incomplete (no year, no query)."""
        choice = self.choice
        if choice is SideKindChoice.YEAR:
            year = self.year.currentData()
            return year_side(year) if isinstance(year, int) else None
        if choice is SideKindChoice.YEARS:
            first, last = self.first_year.currentData(), self.last_year.currentData()
            if isinstance(first, int) and isinstance(last, int):
                return years_side(first, last)
            return None
        if choice is SideKindChoice.SOURCE:
            name = self.source.currentData()
            return source_side(name) if isinstance(name, str) else None
        if choice is SideKindChoice.CURRENT_SEARCH:
            return search_side(self._current_query) if self._current_query else None
        if choice is SideKindChoice.QUERY:
            query = self.query.text().strip()
            return search_side(query) if query else None
        return UNDATED_SIDE


def _row_page(widgets: list[QWidget], *, stretch: bool) -> QWidget:
    """A page of the chooser: its widgets in a row, at their own width unless a query's."""
    page = QWidget()
    layout = QHBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return page
