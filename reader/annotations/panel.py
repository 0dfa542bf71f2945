"""``AnnotationsPanel``: the "Annotations" dock's list, with its filters and commands.

Choosing an orphaned annotation looks for the place its passage most likely went; the
"Re-attach here?" offer under the list shows it (and the reading view scrolls to it) for
the reader to confirm.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.annotations.model import Annotation
from reader.annotations.colours import COLORS, swatch
from reader.annotations.controller import AnnotationController
from reader.annotations.model import AnnotationFilter, AnnotationRole, AnnotationsModel
from reader.annotations.reattach_offer import ReattachOffer, ReattachSuggestion

ALL = ""


class AnnotationsPanel(QWidget):
    """Lists the annotations of the shown documents; click to go, double-click to edit."""

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._suggestion_asked_for: int | None = None  # the orphan whose place is looked for
        self._kept_orphaned: int | None = None  # offer declined while it stays chosen
        self.model = AnnotationsModel(self)
        self.proxy = AnnotationFilter(self)
        self.proxy.setSourceModel(self.model)

        self._make_widgets()

        self.colour_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.tag_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.text_filter.textChanged.connect(self._on_filter_changed)
        self.list.clicked.connect(self._on_clicked)
        self.list.activated.connect(self._on_clicked)
        self.list.doubleClicked.connect(self._on_double_clicked)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.reattach_here_action.triggered.connect(self.reattach_here)
        self.offer.accepted.connect(self._on_offer_accepted)
        self.offer.declined.connect(self._on_offer_declined)
        controller.changed.connect(self.refresh)
        controller.highlight_clicked.connect(self.select_annotation)
        controller.suggestion_found.connect(self._on_suggestion_found)
        self.refresh()

    def _make_widgets(self) -> None:
        """Filters on top (colour, tag, text), the list, the re-attach offer, Edit and Delete."""
        self.colour_filter = QComboBox(self)
        self.colour_filter.setAccessibleName("Filter by colour")
        self.colour_filter.addItem("All colours", ALL)
        for name in COLORS:
            self.colour_filter.addItem(swatch(name), name.capitalize(), name)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Filter by tag")
        self.tag_filter.addItem("All tags", ALL)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter notes and passages")
        self.text_filter.setClearButtonEnabled(True)

        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.edit_button = QToolButton(self)
        self.edit_button.setText("Edit…")
        self.edit_button.setToolTip("Edit the note, tags and colour (double-click)")
        self.delete_button = QToolButton(self)
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Delete the annotation (Delete)")
        self.offer = ReattachOffer(self)
        self.reattach_here_action = QAction("Re-attach &Here", self)
        self.reattach_here_action.setToolTip("Attach the orphan to the passage suggested for it")
        self.reattach_here_action.setEnabled(False)
        for combo in (self.colour_filter, self.tag_filter):
            # Narrow docks are fine: the combos shrink rather than widen the window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(3)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.colour_filter)
        layout.addWidget(self.tag_filter)
        layout.addWidget(self.text_filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.offer)
        layout.addLayout(buttons)

    @Slot()
    def refresh(self) -> None:
        """List the annotations of the documents shown now."""
        documents = [
            (pane.document.title if pane.document else "", annotations)
            for pane, annotations in self._controller.shown()
        ]
        self.model.set_documents(documents)
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", ALL)
        for tag in self.model.tags():
            self.tag_filter.addItem(f"#{tag}", tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(chosen)))
        self.tag_filter.blockSignals(False)
        self._on_filter_changed()

    @Slot()
    def _on_filter_changed(self) -> None:
        self.proxy.set_criteria(
            str(self.colour_filter.currentData()),
            str(self.tag_filter.currentData()),
            self.text_filter.text(),
        )
        self._update_buttons()
        self._offer_for_current()  # a reset or a filter may have taken the current entry

    def _update_buttons(self) -> None:
        selected = self.current() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    @Slot(int)
    def select_annotation(self, annotation_id: int) -> None:
        """Make an annotation the current entry (its highlight was clicked)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            annotation = index.data(AnnotationRole)
            if isinstance(annotation, Annotation) and annotation.id == annotation_id:
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                self._update_buttons()
                return

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        current = self.current()
        if current is None or current.id != self._kept_orphaned:
            self._kept_orphaned = None
        self._update_buttons()
        self._offer_for_current()

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_buttons()

    def current(self) -> Annotation | None:
        """The annotation selected in the list."""
        annotation = self.list.currentIndex().data(AnnotationRole)
        return annotation if isinstance(annotation, Annotation) else None

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        self._update_buttons()
        annotation = index.data(AnnotationRole)
        if isinstance(annotation, Annotation):
            self._controller.reveal(annotation)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        annotation = index.data(AnnotationRole)
        if isinstance(annotation, Annotation):
            self._controller.edit(annotation)

    @Slot()
    def edit_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self._controller.edit(annotation)

    @Slot()
    def delete_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self._controller.delete(annotation)

    @Slot()
    def reattach_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self._controller.reattach(annotation)

    # -- "Re-attach here?" ------------------------------------------------------------------

    def _offer_for_current(self) -> None:
        """Ask where the current orphan's passage went; offer nothing for anything else."""
        annotation = self.current()
        if annotation is None or not annotation.orphaned or annotation.id == self._kept_orphaned:
            self._suggestion_asked_for = None
            self._withdraw_offer()
            return
        offered = self.offer.suggestion
        if annotation.id == self._suggestion_asked_for or (
            offered is not None and offered.annotation_id == annotation.id
        ):
            return  # on its way, or shown
        self._withdraw_offer()
        self._suggestion_asked_for = annotation.id
        self._controller.suggest(annotation)

    @Slot(int, object)
    def _on_suggestion_found(
        self, annotation_id: int, suggestion: ReattachSuggestion | None
    ) -> None:
        if annotation_id != self._suggestion_asked_for:
            return  # the reader has moved on
        self._suggestion_asked_for = None
        current = self.current()
        if current is None or current.id != annotation_id:
            return
        if suggestion is None:
            self.offer.show_nothing_found()
            return
        self.offer.show_suggestion(suggestion)
        self.reattach_here_action.setEnabled(True)
        self._controller.preview(suggestion)

    def _withdraw_offer(self) -> None:
        self.offer.clear()
        self.reattach_here_action.setEnabled(False)

    @Slot()
    def reattach_here(self) -> None:
        """Re-attach the current orphan where its passage most likely is (as offered)."""
        suggestion = self.offer.suggestion
        if suggestion is not None:
            self._on_offer_accepted(suggestion)

    @Slot(object)
    def _on_offer_accepted(self, suggestion: ReattachSuggestion) -> None:
        self._withdraw_offer()
        self._controller.reattach_here(suggestion)

    @Slot(object)
    def _on_offer_declined(self, suggestion: ReattachSuggestion) -> None:
        # It stays orphaned, as it is; the offer comes back when it is chosen again.
        self._kept_orphaned = suggestion.annotation_id
        self._withdraw_offer()

    # -- the context menu ------------------------------------------------------------------

    def context_menu(self) -> QMenu:
        """The list's context menu for the current annotation, owned by the list."""
        menu = QMenu(self.list)
        annotation = self.current()
        for text, slot in (
            ("&Edit Note…", self.edit_current),
            ("&Delete", self.delete_current),
            ("&Re-attach to Selection", self.reattach_current),
        ):
            action = QAction(text, menu)
            action.setEnabled(annotation is not None)
            action.triggered.connect(slot)
            menu.addAction(action)
        if self.offer.suggestion is not None:
            menu.addAction(self.reattach_here_action)  # only with a place to offer
        return menu

    @Slot(QPoint)
    def _on_context_menu(self, position: QPoint) -> None:
        # A right-click chooses the entry it is on, as a left-click would, whatever the
        # platform did with the press (or if there was none: a menu key, a script).
        index = self.list.indexAt(position)
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.list.setCurrentIndex(index)
        self._update_buttons()
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
            and self.current() is not None
        ):
            self.delete_current()
            return True
        return super().eventFilter(watched, event)
