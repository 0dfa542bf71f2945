"""``PassagesPanel``: the pane listing where else a passage appears, best first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from archive.passages import SimilarPassage, SimilarPassages
from reader.document.elided_label import ElidedLabel
from reader.passages.delegate import PassageDelegate
from reader.passages.model import SimilarPassagesModel

EMPTY_TEXT = "No other document has this passage."
IDLE_TEXT = (
    "Right-click a paragraph of a document and choose “Where Else Does This Passage "
    "Appear?” (Ctrl+Shift+P), or select a passage first."
)
BUSY_TEXT = "Looking for this passage in other documents…"


class PassagesPanel(QWidget):
    """The passage asked about, a line saying what was found, and the list of matches.

    Signals:
        passage_chosen(object): a found ``SimilarPassage`` was activated (to open it).
        passage_selected(object): the current found ``SimilarPassage`` changed.
    """

    passage_chosen = Signal(object)
    passage_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passagesPanel")
        self.asked_label = ElidedLabel(self)
        self.asked_label.setObjectName("passagesAsked")
        self.status_label = QLabel(IDLE_TEXT, self)
        self.status_label.setObjectName("passagesStatus")
        self.status_label.setWordWrap(True)
        self.model = SimilarPassagesModel(self)
        self.view = QListView(self)
        self.view.setObjectName("passagesList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(PassageDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("Where else this passage appears")
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.asked_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view, 1)
        self.asked_label.hide()

    def show_busy(self, asked_text: str) -> None:
        """Say that the passage is being looked for; the previous matches go."""
        self._show_asked(asked_text)
        self.model.set_matches([])
        self.status_label.setText(BUSY_TEXT)

    def show_found(self, found: SimilarPassages) -> None:
        """List the matches, best first, and select the first."""
        self._show_asked(found.asked.text)
        self.model.set_matches(found.matches)
        count = len(found.matches)
        if count == 0:
            self.status_label.setText(EMPTY_TEXT)
            return
        self.status_label.setText(
            f"{count} paragraph{'s' if count != 1 else ''} of other documents with this wording,"
            " best first. Double-click or press Enter to open one beside."
        )
        self.view.setCurrentIndex(self.model.index(0))

    def show_failure(self, message: str) -> None:
        self.model.set_matches([])
        self.status_label.setText(message)

    def _show_asked(self, text: str) -> None:
        flat = " ".join(text.split())
        self.asked_label.setText(f"“{flat}”")
        self.asked_label.setToolTip(flat[:1000])
        self.asked_label.show()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.passage_chosen.emit(self.model.passage_at(index.row()))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.passage_selected.emit(self.model.passage_at(current.row()))

    def current_passage(self) -> SimilarPassage | None:
        index = self.view.currentIndex()
        return self.model.passage_at(index.row()) if index.isValid() else None
