"""``NoteHitsModel`` and ``NoteHitsList``: the annotations a search found, "In your notes"."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from archive.cli_output import snippet_as_text
from archive.models import NoteHit
from reader.annotations.note_rendering import note_plain
from reader.untrusted_text import tool_tip

AnnotationIdRole = Qt.ItemDataRole.UserRole + 1
DocumentIdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class NoteHitsModel(QAbstractListModel):
    """The note hits of the latest search, in the order the search returned them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[NoteHit] = []

    def set_hits(self, hits: list[NoteHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # A note is Markdown: its words without the asterisks, each hit in [brackets].
            return f"{note_plain(snippet_as_text(hit.snippet))}\n— {hit.document_title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            when = hit.date or (str(hit.year) if hit.year is not None else "Undated")
            return tool_tip(f"{hit.document_title} ({when})")
        if role == AnnotationIdRole:
            return hit.annotation_id
        if role == DocumentIdRole:
            return hit.document_id
        return None


class NoteHitsList(QWidget):
    """An "In your notes" heading over the note hits; hidden when there are none.

    Signals:
        note_chosen(int, int): the annotation id and document id of a clicked hit.
    """

    note_chosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NoteHitsModel(self)
        self.heading = QLabel("In your notes", self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Search hits in your notes")
        self.list.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.list.clicked.connect(self._on_chosen)
        self.list.activated.connect(self._on_chosen)
        self.set_hits([])

    def set_hits(self, hits: list[NoteHit]) -> None:
        self.model.set_hits(hits)
        self.heading.setText(f"In your notes ({len(hits)})")
        self.setVisible(bool(hits))

    @Slot(QModelIndex)
    def _on_chosen(self, index: QModelIndex) -> None:
        self.note_chosen.emit(int(index.data(AnnotationIdRole)), int(index.data(DocumentIdRole)))
