"""``PanePair``: the centre of the window, one document pane or two side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from reader.document.pane import DocumentPane, DocumentSource

EMPTY_TEXT = "Choose a document in the navigator, or search."
EMPTY_ARCHIVE_TEXT = (
    "The archive is empty.\n"
    "Import press releases with File › Import Files… (Ctrl+O), or drop files or folders here."
)


class PanePair(QSplitter):
    """Two document panes, the second shown only to compare; a hint when none is open.

    The *active* pane is the one commands (back, next hit, find, open) act on: the one last
    focused or opened into.

    Signals:
        document_shown(object): a ``DocumentPane`` finished showing a document.
        pane_closed(object): a ``DocumentPane`` was closed (it shows nothing now).
        emptied(): the last open pane was closed.
        failed(str): a document could not be shown; the message is for the user.
    """

    document_shown = Signal(object)
    pane_closed = Signal(object)
    emptied = Signal()
    failed = Signal(str)

    def __init__(self, source: DocumentSource, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("panesSplitter")
        self.setChildrenCollapsible(False)
        self.panes = [DocumentPane(source, self), DocumentPane(source, self)]
        for pane in self.panes:
            self.addWidget(pane)
            pane.hide()
            pane.activated.connect(self._on_pane_activated)
            pane.close_requested.connect(self._on_pane_close_requested)
            pane.swap_requested.connect(self.swap)
            pane.document_shown.connect(self._on_document_shown)
            pane.failed.connect(self.failed)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)  # a narrow window keeps the whole hint
        self.addWidget(self.empty_label)
        self._active = 0

    def set_archive_empty(self, empty: bool) -> None:
        """Say what to do first when there is nothing to choose from."""
        self.empty_label.setText(EMPTY_ARCHIVE_TEXT if empty else EMPTY_TEXT)

    @property
    def active_pane(self) -> DocumentPane:
        return self.panes[self._active]

    def open_panes(self) -> list[DocumentPane]:
        """The panes shown, left to right."""
        return [pane for pane in self.panes if pane.is_open]

    def open_document(
        self, document_id: int, query: str, *, beside: bool = False, reveal_first_hit: bool = False
    ) -> DocumentPane:
        """Open a document in the active pane, or beside it; its ``query`` hits marked."""
        first, second = self.panes
        if beside:
            # The other pane; the first when it is closed (then there is nothing to compare).
            target = 0 if not first.is_open or (self._active == 1 and second.is_open) else 1
        else:
            target = self._active if self.active_pane.is_open else 0
        pane = self.panes[target]
        self.empty_label.hide()
        if not pane.is_open:
            pane.show()
            if target == 1:
                half = (sum(self.sizes()[:2]) or self.width()) // 2
                self.setSizes([half, half, 0])
        pane.set_query(query)
        pane.open_document(document_id, reveal_first_hit=reveal_first_hit)
        self._active = target
        self._update_swappable()
        return pane

    def close_pane(self, number: int) -> None:
        """Close a pane; it forgets its document and history."""
        self.panes[number].hide()
        self.panes[number].clear()
        other = 1 - number
        self._active = other if self.panes[other].is_open else 0
        self._update_swappable()
        self.pane_closed.emit(self.panes[number])
        if not self.open_panes():
            self.empty_label.show()
            self.emptied.emit()

    @Slot()
    def close_active_pane(self) -> None:
        self.close_pane(self._active)

    @Slot()
    def swap(self) -> None:
        """Exchange the left and right panes (when both are open)."""
        if len(self.open_panes()) < 2:
            return
        sizes = self.sizes()
        self.insertWidget(0, self.panes[1])
        self.panes.reverse()
        self.setSizes(sizes)
        self._active = 1 - self._active

    def set_active(self, number: int) -> None:
        """Make pane ``number`` (0 or 1) the one commands act on."""
        self._active = number

    def _update_swappable(self) -> None:
        both = len(self.open_panes()) == 2
        for pane in self.panes:
            pane.set_swappable(both)

    def _sending_pane(self) -> int | None:
        sender = self.sender()
        if isinstance(sender, DocumentPane) and sender in self.panes:
            return self.panes.index(sender)
        return None

    @Slot()
    def _on_pane_activated(self) -> None:
        number = self._sending_pane()
        if number is not None:
            self._active = number

    @Slot()
    def _on_pane_close_requested(self) -> None:
        number = self._sending_pane()
        if number is not None:
            self.close_pane(number)

    @Slot(int)
    def _on_document_shown(self, _document_id: int) -> None:
        number = self._sending_pane()
        if number is not None:
            self.document_shown.emit(self.panes[number])
