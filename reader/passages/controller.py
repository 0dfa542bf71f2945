"""``PassagesController``: asks where else a passage appears, and opens a match beside.

The passage is the selection of the active pane when there is one (of at least a few
words), else the paragraph under the pointer where the context menu was opened, else the
paragraph holding the text cursor. The search runs on the search thread
(``ArchiveService.search``); a match activated is opened in the other pane, scrolled to,
with its shared words marked there and in the asked document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from archive.api import Archive
from archive.passages import PassageError, SimilarPassage, SimilarPassages
from archive.search.errors import IndexRebuildingError, IndexUnavailableError
from reader.annotations.controller import AnnotationController
from reader.annotations.text_map import TextMap
from reader.archive_service import ArchiveService
from reader.document.pane import DocumentPane
from reader.document.pane_pair import PanePair
from reader.passages.delegate import SHARED_COLOUR
from reader.passages.panel import PassagesPanel

log = logging.getLogger("reader.passages")

ACTION_TEXT = "Where Else Does This Passage &Appear?"
SHORTCUT = "Ctrl+Shift+P"
MATCHES = 20
_SHARED = QColor(SHARED_COLOUR)


class PassagesController(QObject):
    """The action, the search off the GUI thread, and opening a match beside.

    Signals:
        failed(str): the passage could not be looked for; why, for the status bar.
        found(object): the ``SimilarPassages`` shown in the panel.
    """

    failed = Signal(str)
    found = Signal(object)

    def __init__(
        self,
        service: ArchiveService,
        *,
        panes: PanePair,
        annotations: AnnotationController,
        panel: PassagesPanel,
        dock: QDockWidget,
        open_beside: Callable[[int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._panes = panes
        self._maps = annotations  # the text maps of the panes, built once per document
        self._panel = panel
        self._dock = dock
        self._open_beside = open_beside
        self._request = 0
        self._asked: tuple[DocumentPane, int] | None = None  # the asked pane and document
        self._pending: SimilarPassage | None = None  # to reveal once its document shows
        self._context_points: dict[DocumentPane, int] = {}
        self.action = QAction(ACTION_TEXT, parent)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip("List the paragraphs of other documents that reuse this wording")
        self.action.triggered.connect(self.look_for_passage)
        for pane in panes.panes:
            pane.view.viewport().installEventFilter(self)
        panel.passage_chosen.connect(self.open_beside)
        panel.passage_selected.connect(self._on_passage_selected)
        annotations.changed.connect(self._on_maps_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Remember where a pane's context menu was opened: the paragraph asked about."""
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            for pane in self._panes.panes:
                if pane.view.viewport() is watched:
                    self._context_points[pane] = pane.view.cursorForPosition(event.pos()).position()
        return False

    # -- asking ----------------------------------------------------------------------------

    @Slot()
    def look_for_passage(self) -> None:
        """Look for the selection or the paragraph at hand of the active pane."""
        pane = self._panes.active_pane
        document = pane.document
        if not pane.is_open or document is None:
            self.failed.emit("Open a document and choose a paragraph of it first.")
            return
        text_map = self._maps.text_map(pane)
        if text_map is None:
            self.failed.emit("The document is still being laid out; try again in a moment.")
            return
        cursor = pane.view.textCursor()
        selection = None
        offset = None
        if cursor.hasSelection():
            selection = text_map.qt_to_stored(cursor.selectionStart(), cursor.selectionEnd())
        if selection is None:
            position = self._context_points.pop(pane, cursor.position())
            offset = self._stored_offset(text_map, position)
        self._request += 1
        request = self._request
        self._asked = (pane, document.id)
        self._dock.show()
        self._dock.raise_()
        asked_text = document.text[selection[0] : selection[1]] if selection else ""
        self._panel.show_busy(asked_text or "…")
        document_id = document.id

        def look(archive: Archive) -> tuple[int, SimilarPassages]:
            found = archive.similar_passages(
                document_id, selection=selection, offset=offset, limit=MATCHES
            )
            return request, found

        self._service.search(look, self._on_found, self._on_failed)

    @staticmethod
    def _stored_offset(text_map: TextMap, position: int) -> int:
        """The stored offset of a Qt position, or of the nearest stored character after it."""
        shown = len(text_map.shown)
        for end in range(position + 1, min(position + 200, shown) + 1):
            span = text_map.qt_to_stored(position, end)
            if span is not None:
                return span[0]
        return 0

    @Slot(object)
    def _on_found(self, outcome: tuple[int, SimilarPassages]) -> None:
        request, found = outcome
        if request != self._request:
            return  # a later question is on its way
        self._panel.show_found(found)
        self.found.emit(found)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, (PassageError, IndexRebuildingError, IndexUnavailableError)):
            message = str(error)
        else:
            log.error("Looking for a passage failed", exc_info=error)
            message = f"The passage could not be looked for: {error}"
        self._panel.show_failure(message)
        self.failed.emit(message)

    # -- showing a match ---------------------------------------------------------------------

    @Slot(object)
    def _on_passage_selected(self, found: SimilarPassage) -> None:
        """Mark in the asked document the words this match shares with it."""
        if self._asked is None:
            return
        pane, document_id = self._asked
        self._mark(pane, document_id, list(found.asked_shared))

    @Slot(object)
    def open_beside(self, found: SimilarPassage) -> None:
        """Open the match's document beside the asked one, scrolled to the paragraph."""
        self._pending = found
        for pane in self._panes.open_panes():
            if self._asked is not None and pane is self._asked[0]:
                continue
            if pane.document is not None and pane.document.id == found.id:
                self._panes.set_active(self._panes.panes.index(pane))
                self._reveal_pending()
                return
        if self._asked is not None and self._asked[0] in self._panes.panes:
            self._panes.set_active(self._panes.panes.index(self._asked[0]))
        self._open_beside(found.id)

    @Slot()
    def _on_maps_changed(self) -> None:
        self._reveal_pending()

    def _reveal_pending(self) -> None:
        found = self._pending
        if found is None:
            return
        for pane in self._panes.open_panes():
            if pane.document is None or pane.document.id != found.id:
                continue
            if self._asked is not None and pane is self._asked[0]:
                continue
            text_map = self._maps.text_map(pane)
            if text_map is None:
                return  # laid out soon: revealed when its map is built
            self._pending = None
            paragraph = text_map.stored_to_qt(found.start, found.end)
            if paragraph is not None:
                pane.view.reveal(paragraph[0], paragraph[0])  # a third of the way down
                pane.view.flash(*paragraph)
            self._mark(pane, found.id, list(found.shared))
            return

    def _mark(self, pane: DocumentPane, document_id: int, spans: list[tuple[int, int]]) -> None:
        if pane.document is None or pane.document.id != document_id:
            return
        text_map = self._maps.text_map(pane)
        if text_map is None:
            return
        shown = [text_map.stored_to_qt(start, end) for start, end in spans]
        pane.view.set_find_spans([span for span in shown if span is not None], _SHARED)
