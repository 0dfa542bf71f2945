"""``YearNavigator``: the tree of years, months and documents on the left of the window."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QTreeView,
    QWidget,
)

from reader.navigator.dates import INFERRED_MARK
from reader.navigator.delegate import GroupRowDelegate
from reader.navigator.model import (
    DATE_COLUMN,
    TITLE_COLUMN,
    DocumentIdRole,
    IsMonthRole,
    YearNavigatorModel,
)
from reader.navigator.state import NavigatorState, index_of, key_of

INDENTATION = 14  # three levels deep, a narrow dock keeps room for titles

_SELECT_ROWS = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class YearNavigator(QTreeView):
    """The per-year navigator: title and date columns, several documents selectable.

    A click (or the keyboard) opens the document it makes current; Shift+click and
    Shift+arrows select several, for commands that act on all of them.

    Signals:
        document_chosen(int): a document was selected (click, keyboard or Enter).
        document_chosen_beside(int): a document is to open in the second pane
            (Ctrl+click or the context menu).
    """

    document_chosen = Signal(int)
    document_chosen_beside = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearNavigator")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Titles of one office often share a long opening: keep both ends in sight.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setIndentation(INDENTATION)
        self.setItemDelegate(GroupRowDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setToolTip("")
        self.setAccessibleName("Years and documents")
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.activated.connect(self._on_activated)
        self._suppress_selection = False

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        if model is None:
            return
        model.modelReset.connect(self._on_model_reset)
        model.rowsInserted.connect(self._on_rows_inserted)
        self._on_model_reset()

    def navigator_model(self) -> YearNavigatorModel:
        model = self.model()
        assert isinstance(model, YearNavigatorModel)
        return model

    # -- layout ----------------------------------------------------------------------------

    @Slot()
    def _on_model_reset(self) -> None:
        """Title column takes the spare width; the date keeps its own; groups span both."""
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATE_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(DATE_COLUMN, self._date_width())
        model = self.model()
        root = QModelIndex()
        for row in range(model.rowCount(root)):
            self.setFirstColumnSpanned(row, root, True)
            self._span_months(model.index(row, 0), 0, model.rowCount(model.index(row, 0)) - 1)

    @Slot(QModelIndex, int, int)
    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self._span_months(parent, first, last)

    def _span_months(self, parent: QModelIndex, first: int, last: int) -> None:
        model = self.model()
        for row in range(first, last + 1):
            if model.index(row, 0, parent).data(IsMonthRole):
                self.setFirstColumnSpanned(row, parent, True)

    def _date_width(self) -> int:
        """Wide enough for the longest date this locale writes, inferred and in italics."""
        font = QFont(self.font())
        font.setItalic(True)
        metrics = QFontMetrics(font)
        locale = QLocale()
        widest = max(
            metrics.horizontalAdvance(
                f"{INFERRED_MARK} 28 {locale.monthName(month, QLocale.FormatType.ShortFormat)}"
            )
            for month in range(1, 13)
        )
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        return widest + 2 * margin + 8

    # -- selection -------------------------------------------------------------------------

    def selected_document_ids(self) -> list[int]:
        """The documents selected (not the years or months), in the tree's order."""
        rows = sorted(self.selectionModel().selectedRows(0), key=_tree_position)
        ids: list[int] = []
        for index in rows:
            document_id = index.data(DocumentIdRole)
            if document_id is not None and int(document_id) not in ids:
                ids.append(int(document_id))
        return ids

    def saved_state(self) -> NavigatorState:
        """What is expanded, selected, current and at the top, to restore after a reset."""
        model = self.model()
        expanded = []
        root = QModelIndex()
        for row in range(model.rowCount(root)):
            year = model.index(row, 0)
            if not self.isExpanded(year):
                continue
            expanded.append(key_of(year))
            for month_row in range(model.rowCount(year)):
                month = model.index(month_row, 0, year)
                if month.data(IsMonthRole) and self.isExpanded(month):
                    expanded.append(key_of(month))
        selected = [key_of(index) for index in self.selectionModel().selectedRows(0)]
        return NavigatorState(
            expanded=tuple(key for key in expanded if key is not None),
            selected=tuple(key for key in selected if key is not None),
            current=key_of(self.currentIndex()),
            top=key_of(self.indexAt(QPoint(0, 0))),
        )

    def restore_state(self, state: NavigatorState) -> None:
        """Expand, select and scroll as ``state`` says, as far as its rows are still shown.

        Nothing is opened: restoring the current row is not choosing it.
        """
        model = self.navigator_model()
        self._suppress_selection = True
        try:
            for key in state.expanded:
                index = index_of(model, key)
                if index.isValid():
                    if model.canFetchMore(index):
                        model.fetchMore(index)
                    self.expand(index)
            selection = QItemSelection()
            for key in state.selected:
                index = index_of(model, key)
                if index.isValid():
                    selection.select(index, index.siblingAtColumn(DATE_COLUMN))
            self.selectionModel().select(selection, _SELECT_ROWS)
            current = index_of(model, state.current)
            if current.isValid():
                self.selectionModel().setCurrentIndex(
                    current, QItemSelectionModel.SelectionFlag.NoUpdate
                )
            top = index_of(model, state.top)
            if top.isValid():
                self.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)
        finally:
            self._suppress_selection = False

    def currentChanged(  # noqa: N802
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        if self._suppress_selection or not current.isValid():
            return
        document_id = current.data(DocumentIdRole)
        if document_id is not None:
            self.document_chosen.emit(int(document_id))

    def select_quietly(self, index: QModelIndex) -> None:
        """Show ``index`` as current without opening it again.

        Already current (the reader chose it here), it keeps any rows selected with it.
        """
        if self.currentIndex().siblingAtColumn(0) == index.siblingAtColumn(0):
            self.scrollTo(index)
            return
        self._suppress_selection = True
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self._suppress_selection = False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            index = self.indexAt(event.position().toPoint())
            document_id = index.data(DocumentIdRole) if index.isValid() else None
            if document_id is not None:
                self.document_chosen_beside.emit(int(document_id))
                event.accept()
                return
        super().mousePressEvent(event)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        document_id = index.data(DocumentIdRole)
        if document_id is not None:
            self.document_chosen.emit(int(document_id))

    # -- context menu ----------------------------------------------------------------------

    def context_menu(self, position: QPoint) -> QMenu | None:
        """The menu for the document at ``position`` (viewport coordinates), if any."""
        index = self.indexAt(position)
        document_id = index.data(DocumentIdRole) if index.isValid() else None
        if document_id is None:
            return None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_here = menu.addAction("Open")
        open_here.setData(int(document_id))
        open_here.triggered.connect(self._on_open_chosen)
        open_beside = menu.addAction("Open Beside")
        open_beside.setData(int(document_id))
        # Shown as a hint only: the window's own action owns the shortcut.
        open_beside.setShortcut(QKeySequence("Ctrl+Return"))
        open_beside.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_beside.triggered.connect(self._on_open_beside_chosen)
        # The window's actions on the selected documents (Remove…), added with addAction.
        if self.actions():
            menu.addSeparator()
            menu.addActions(self.actions())
        return menu

    @Slot(QPoint)
    def _on_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        if menu is not None:
            menu.popup(self.viewport().mapToGlobal(position))

    @Slot()
    def _on_open_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.document_chosen.emit(int(action.data()))

    @Slot()
    def _on_open_beside_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.document_chosen_beside.emit(int(action.data()))


def _tree_position(index: QModelIndex) -> tuple[int, ...]:
    """The rows from the top of the tree down to ``index``: sorts rows in the tree's order."""
    rows: list[int] = []
    while index.isValid():
        rows.append(index.row())
        index = index.parent()
    return tuple(reversed(rows))
