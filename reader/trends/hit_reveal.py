"""``OccurrenceRevealer``: open a document at one occurrence (a span of its plain text).

A pane shows the document rendered, not its stored plain text; the annotation controller's
text map (built on a worker thread once the document is shown) places a stored span in
the pane. The occurrence is revealed as soon as the pane showing its document has its map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow


class OccurrenceRevealer(QObject):
    """Opens documents at stored spans in the window's active pane."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pending: tuple[int, int, int] | None = None
        window.annotation_controller.changed.connect(self._on_maps_changed)

    def reveal(self, document_id: int, start: int, end: int) -> None:
        """Open the document and select ``text[start:end]`` of its plain text, in view."""
        self._pending = (document_id, start, end)
        self._window.open_document(document_id)
        self._reveal_if_ready()

    @Slot()
    def _on_maps_changed(self) -> None:
        self._reveal_if_ready()

    def _reveal_if_ready(self) -> None:
        if self._pending is None:
            return
        document_id, start, end = self._pending
        pane = self._window.active_pane
        if pane.document is None or pane.document.id != document_id:
            return  # still loading
        text_map = self._window.annotation_controller.text_map(pane)
        if text_map is None:
            return  # being built: ``changed`` says when
        self._pending = None
        span = text_map.stored_to_qt(start, end)
        if span is not None:
            pane.view.reveal(*span)
            pane.view.flash(*span)
