"""``SavedSearchesPanel``: the saved searches with their new matches, and what to do with them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.facets.saved_model import NAME_COLUMN, NEW_COLUMN, SavedNameRole, SavedSearchModel

EMPTY_TEXT = "No saved searches yet. Search, then press Save Search… to keep the query."


class SavedSearchesPanel(QWidget):
    """The "Saved Searches" dock's contents.

    Signals:
        open_requested(str): run the saved search of this name.
        save_requested(): save the search shown.
        rename_requested(str): rename the saved search of this name.
        delete_requested(str): forget the saved search of this name.
    """

    open_requested = Signal(str)
    save_requested = Signal()
    rename_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearchesPanel")
        self.model = SavedSearchModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("savedSearches")
        self.view.setAccessibleName("Saved searches")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NEW_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(EMPTY_TEXT, self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton("Save Search…", self)
        self.save_button.setToolTip("Keep the query in the search field under a name")
        self.rename_button = QPushButton("Rename…", self)
        self.delete_button = QPushButton("Delete", self)
        for button in (self.save_button, self.rename_button, self.delete_button):
            # A narrow window shortens them rather than widening the side panes.
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(button.sizeHint().width() // 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        for text, slot, key in (
            ("Open", self._on_open_selected, None),
            ("Rename…", self._on_rename, QKeySequence(Qt.Key.Key_F2)),
            ("Delete", self._on_delete, QKeySequence(QKeySequence.StandardKey.Delete)),
        ):
            action = QAction(text, self.view)
            if key is not None:
                action.setShortcut(key)
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_activated)
        self.save_button.clicked.connect(self.save_requested)
        self.rename_button.clicked.connect(self._on_rename)
        self.delete_button.clicked.connect(self._on_delete)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._on_reset)
        self._on_reset()

    def selected_name(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return str(rows[0].data(SavedNameRole)) if rows else None

    def select(self, name: str) -> None:
        row = self.model.row_of(name)
        if row >= 0:
            self.view.selectRow(row)

    @Slot()
    def _on_reset(self) -> None:
        empty = self.model.rowCount() == 0
        self.message.setVisible(empty)
        self._on_selection()

    @Slot()
    def _on_selection(self) -> None:
        chosen = self.selected_name() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.siblingAtColumn(NAME_COLUMN).data(SavedNameRole)))

    @Slot()
    def _on_open_selected(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.open_requested.emit(name)

    @Slot()
    def _on_rename(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.rename_requested.emit(name)

    @Slot()
    def _on_delete(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.delete_requested.emit(name)
