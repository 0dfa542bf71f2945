"""``FacetsPanel``: countries and organisations mentioned, as two lists with counts.

Above the lists: what they count (the whole archive, or the year selected in the
navigator), a field to find a name, and, while one is chosen, which filter is on with a
button to show every document again.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archive.mentions import EntityCount, EntityKind
from reader.facets.facet_model import (
    NAME_COLUMN,
    EntityKeyRole,
    EntityKindRole,
    EntityNameRole,
    FacetListModel,
)

COUNTRIES_TAB, ORGANISATIONS_TAB = 0, 1


class FacetsPanel(QWidget):
    """The "Facets" dock's contents.

    Signals:
        entity_chosen(str, str, str): the kind, key and name of the entity clicked.
        filter_cleared(): *Show All* was pressed.
    """

    entity_chosen = Signal(str, str, str)
    filter_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetsPanel")
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("facetsScope")
        self.scope_label.setWordWrap(True)
        self.filter_label = QLabel(self)
        self.filter_label.setObjectName("facetsFilter")
        self.filter_label.setWordWrap(True)
        self.clear_button = QPushButton("Show All", self)
        self.clear_button.setObjectName("facetsShowAll")
        self.clear_button.setToolTip("Show every document in the years and the search again")
        self.filter_bar = QWidget(self)
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_label, 1)
        bar.addWidget(self.clear_button)
        self.filter_bar.hide()
        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("facetsNameFilter")
        self.name_field.setPlaceholderText("Find a name")
        self.name_field.setClearButtonEnabled(True)
        self.name_field.setAccessibleName("Find a country or organisation")

        self.countries = FacetListModel(self)
        self.organisations = FacetListModel(self)
        self.tabs = QTabWidget(self)
        self.country_view = self._list(self.countries, "Countries")
        self.organisation_view = self._list(self.organisations, "Organisations")
        self.tabs.addTab(self.country_view, "Countries")
        self.tabs.addTab(self.organisation_view, "Organisations")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.name_field)
        layout.addWidget(self.tabs, 1)
        self.clear_button.clicked.connect(self.filter_cleared)
        self.name_field.textChanged.connect(self._on_name_typed)
        self.set_year(None)

    def _list(self, model: FacetListModel, name: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setFilterKeyColumn(NAME_COLUMN)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        view = QTableView(self)
        view.setObjectName(f"facets{name}")
        view.setAccessibleName(name)
        view.setModel(proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        view.clicked.connect(self._on_clicked)
        view.activated.connect(self._on_clicked)
        return view

    # -- what the controller sets ----------------------------------------------------------

    def set_counts(self, counts: list[EntityCount]) -> None:
        """Show the counts of every entity mentioned (both kinds)."""
        self.countries.set_counts([c for c in counts if c.entity.kind is EntityKind.COUNTRY])
        self.organisations.set_counts(
            [c for c in counts if c.entity.kind is EntityKind.ORGANISATION]
        )
        self._show_scope()

    def set_year(self, year: int | None) -> None:
        """Count the documents of ``year`` (the navigator's), or of the whole archive."""
        self.countries.set_year(year)
        self.organisations.set_year(year)
        self._show_scope()

    def show_message(self, text: str) -> None:
        """Say what is under way (reading the documents for mentions) in place of the scope."""
        self.scope_label.setText(text)

    def show_filter(self, name: str, documents: int) -> None:
        plural = "s" if documents != 1 else ""
        self.filter_label.setText(f"Showing the {documents:,} document{plural} mentioning {name}")
        self.filter_bar.show()

    def hide_filter(self) -> None:
        self.filter_bar.hide()
        for view in (self.country_view, self.organisation_view):
            view.clearSelection()

    def view_of(self, kind: EntityKind) -> QTableView:
        return self.country_view if kind is EntityKind.COUNTRY else self.organisation_view

    def _show_scope(self) -> None:
        year = self.countries.year
        where = f"in {year}" if year is not None else "in the whole archive"
        count = self.countries.rowCount() + self.organisations.rowCount()
        if count == 0:
            self.scope_label.setText(f"No country or organisation is mentioned {where}.")
            return
        self.scope_label.setText(
            f"Documents mentioning each, {where}"
            + (" (the year selected in Years)" if year is not None else "")
        )

    @Slot(str)
    def _on_name_typed(self, text: str) -> None:
        for view in (self.country_view, self.organisation_view):
            proxy = view.model()
            assert isinstance(proxy, QSortFilterProxyModel)
            proxy.setFilterFixedString(text.strip())

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entity_chosen.emit(
                str(index.data(EntityKindRole)),
                str(index.data(EntityKeyRole)),
                str(index.data(EntityNameRole)),
            )
