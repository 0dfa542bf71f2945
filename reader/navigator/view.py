"""``YearNavigator``: the tree of years and documents on the left of the window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.navigator.model import CountRole, DocumentIdRole, IsYearRole, ShareRole

BAR_WIDTH = 48


class YearRowDelegate(QStyledItemDelegate):
    """Draws a year row as "2024 ....... 12 [bar]": its count and a bar of its share."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not index.data(IsYearRole):
            super().paint(painter, option, index)
            return
        super().paint(painter, option, index)
        rect: QRect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        count = int(index.data(CountRole) or 0)
        share = float(index.data(ShareRole) or 0.0)
        painter.save()
        bar = QRect(rect.right() - BAR_WIDTH - 6, rect.center().y() - 3, BAR_WIDTH, 6)
        painter.fillRect(bar, palette.mid())
        filled = QRect(bar.left(), bar.top(), max(2, round(bar.width() * share)), bar.height())
        painter.fillRect(filled, palette.highlightedText() if selected else palette.highlight())
        count_rect = QRect(rect.left(), rect.top(), bar.left() - rect.left() - 6, rect.height())
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        painter.drawText(
            count_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(count)
        )
        painter.restore()


class YearNavigator(QTreeView):
    """The per-year navigator.

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
        self.setItemDelegate(YearRowDelegate(self))
        # Shift- and Ctrl-selection pick several documents to remove or correct at once.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setToolTip("")
        self.setAccessibleName("Years and documents")
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.activated.connect(self._on_activated)
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

    def selected_document_ids(self) -> list[int]:
        """The documents selected (years are not documents), in tree order."""
        indexes = sorted(
            self.selectionModel().selectedIndexes(),
            key=lambda index: (index.parent().row(), index.row()),
        )
        ids = (index.data(DocumentIdRole) for index in indexes)
        return [int(document_id) for document_id in ids if document_id is not None]

    def select_quietly(self, index: QModelIndex) -> None:
        """Show ``index`` as current without opening it again."""
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
