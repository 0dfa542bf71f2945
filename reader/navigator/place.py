"""``NavigatorPlace``: where the reader is in the year tree, kept across a refill of it.

The tree is filled anew when the archive changes (an import here or in another program);
the reader keeps the years they opened, the item they selected and how far they scrolled.
Only the model's public lookups are used (``year_row``, ``document_index`` and the roles),
so the place survives however the tree groups its documents inside a year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex

from reader.navigator.model import DocumentIdRole, IsYearRole, YearNavigatorModel, YearRole
from reader.navigator.view import YearNavigator

#: Where a document is now (its year, ``None`` when undated), or ``LookupError`` if gone.
YearOf = Callable[[int], int | None]


@dataclass(frozen=True)
class NavigatorPlace:
    """The years expanded, the item selected and the scroll position of the year tree."""

    expanded_years: tuple[int | None, ...]
    selected_document: int | None
    selected_document_year: int | None
    selected_year: int | None
    year_selected: bool
    scroll: int

    @classmethod
    def of(cls, navigator: YearNavigator) -> NavigatorPlace:
        """The place the reader is at in ``navigator`` now."""
        model = navigator.model()
        expanded = []
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if navigator.isExpanded(index):
                expanded.append(index.data(YearRole))
        current = navigator.currentIndex()
        document_id = current.data(DocumentIdRole) if current.isValid() else None
        year_selected = current.isValid() and bool(current.data(IsYearRole))
        return cls(
            expanded_years=tuple(expanded),
            selected_document=int(document_id) if document_id is not None else None,
            selected_document_year=current.data(YearRole) if document_id is not None else None,
            selected_year=current.data(YearRole) if year_selected else None,
            year_selected=year_selected,
            scroll=navigator.verticalScrollBar().value(),
        )

    def restore(self, navigator: YearNavigator, year_of: YearOf) -> None:
        """Bring the place back after the tree was refilled, as far as it still exists.

        Args:
            navigator: The year tree, refilled.
            year_of: Where a document is now (its year may have been corrected meanwhile);
                raises ``LookupError`` when it is gone.
        """
        model = navigator.model()
        if not isinstance(model, YearNavigatorModel):
            return
        for year in self.expanded_years:
            index = model.year_row(year)
            if index.isValid():
                navigator.expand(index)
        selected = self._selected_index(model, year_of)
        if selected.isValid():
            parent = selected.parent()
            while parent.isValid():
                navigator.expand(parent)
                parent = parent.parent()
            navigator.select_quietly(selected)
        navigator.verticalScrollBar().setValue(self.scroll)

    def _selected_index(self, model: YearNavigatorModel, year_of: YearOf) -> QModelIndex:
        if self.year_selected:
            return model.year_row(self.selected_year)
        if self.selected_document is None:
            return QModelIndex()
        index = model.document_index(self.selected_document, self.selected_document_year)
        if index.isValid():
            return index
        try:
            year = year_of(self.selected_document)
        except LookupError:
            return QModelIndex()  # removed meanwhile
        return model.document_index(self.selected_document, year)
