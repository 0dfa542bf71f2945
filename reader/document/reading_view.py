"""``ReadingView``: the text of one document, safe, zoomable, with a comfortable measure."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.untrusted_text import blocked_resource, tool_tip

FLASH_COLOUR = QColor(255, 140, 0)
FLASH_MS = 700
MEASURE_CHARACTERS = 75  # a comfortable line length for reading
MIN_ZOOM, MAX_ZOOM = -6, 12
ZOOM_STEP_POINTS = 1.0
READING_EXTRA_POINTS = 2.0  # body text a little larger than the interface's
FALLBACK_POINT_SIZE = 10.0  # when the interface font is sized in pixels


@dataclass(frozen=True)
class Mark:
    """A highlighted passage (Qt positions) in the reader's colour, with a tool tip.

    The tip is plain text (an annotation's note): the view shows it literally, unless
    ``tip_html`` gives it as rich text that names no resource (the note's Markdown rendered).
    """

    start: int
    end: int
    colour: QColor
    tip: str = ""
    key: int | None = None  # what the mark stands for (an annotation's id)
    tip_html: str = ""


class ReadingView(QTextBrowser):
    """A read-only rich-text view that never loads anything from outside.

    Links are not followed inside the view; ``http(s)`` links open in the system browser
    after a click. Resources (images, style sheets) named by a document are never read.

    Signals:
        zoom_changed(int): the zoom step changed (0 is the default size).
        mark_clicked(int): a highlight with a key was clicked (not dragged over).
    """

    zoom_changed = Signal(int)
    mark_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._zoom = 0
        self._search_selections: list[QTextEdit.ExtraSelection] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._marks: list[Mark] = []
        self._mark_selections: list[QTextEdit.ExtraSelection] = []
        self._flash_selections: list[QTextEdit.ExtraSelection] = []
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._on_flash_over)
        self._context_actions: list[QAction] = []
        self._apply_font()

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802
        """Never read what a document names: an empty image or an empty style sheet."""
        return blocked_resource(kind)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # -- measure and zoom ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Keep the reader's place: the text at the top of the view stays at the top when the
        # lines reflow (a second pane opening halves the width).
        top = self.cursorForPosition(QPoint(0, 0)).position()
        scrolled = self.verticalScrollBar().value() > 0
        super().resizeEvent(event)
        self.apply_measure()
        if scrolled:
            self.scroll_to_top_of(top)

    def scroll_to_top_of(self, position: int) -> None:
        """Scroll so that the line holding ``position`` is the first one shown."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        # QTextEdit hands a new widget font to the document; keep the zoom on top of it.
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()

    def apply_measure(self) -> None:
        """Centre a column about ``MEASURE_CHARACTERS`` wide in the view."""
        average = QFontMetricsF(self.document().defaultFont()).averageCharWidth() or 7.0
        column = round(average * MEASURE_CHARACTERS)
        spare = max(0, self.viewport().width() - column)
        margin = max(12, spare // 2)
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        if frame_format.leftMargin() != margin:
            frame_format.setLeftMargin(margin)
            frame_format.setRightMargin(margin)
            frame_format.setTopMargin(16)
            frame_format.setBottomMargin(24)
            root.setFrameFormat(frame_format)

    @property
    def zoom(self) -> int:
        return self._zoom

    @property
    def reading_point_size(self) -> float:
        """The point size of body text at the current zoom."""
        return self.document().defaultFont().pointSizeF()

    def set_zoom(self, step: int) -> None:
        """Show text ``step`` points larger (or smaller) than the default reading size."""
        step = max(MIN_ZOOM, min(MAX_ZOOM, step))
        if step == self._zoom:
            return
        self._zoom = step
        self._apply_font()
        self.zoom_changed.emit(step)

    def _apply_font(self) -> None:
        base = self.font().pointSizeF()
        if base <= 0:
            base = FALLBACK_POINT_SIZE
        font = QFont(self.font())
        font.setPointSizeF(base + READING_EXTRA_POINTS + self._zoom * ZOOM_STEP_POINTS)
        self.document().setDefaultFont(font)
        self.apply_measure()

    def set_page(self, html: str) -> None:
        """Show a new page (the zoom is the document's default font, which it keeps)."""
        self.setHtml(html)
        self._search_selections = []
        self._find_selections = []
        self._marks, self._mark_selections = [], []
        self._refresh_selections()  # the old marks pointed into the old text
        self.apply_measure()

    # -- highlighted spans -----------------------------------------------------------------

    def set_search_spans(self, spans: list[tuple[int, int]], colour: QColor) -> None:
        """Mark the search hits (positions in the view's plain text)."""
        self._search_selections = self._selections(spans, colour)
        self._refresh_selections()

    def set_marks(self, marks: list[Mark]) -> None:
        """Mark the reader's highlights, drawn under search hits and finds."""
        self._marks = marks
        self._mark_selections = []
        for mark in marks:
            self._mark_selections += self._selections([(mark.start, mark.end)], mark.colour)
        self._refresh_selections()

    @property
    def marks(self) -> list[Mark]:
        return list(self._marks)

    def mark_at(self, position: int) -> Mark | None:
        """The (last drawn) highlight holding the character at ``position``."""
        for mark in reversed(self._marks):
            if mark.start <= position < mark.end:
                return mark
        return None

    def set_find_spans(self, spans: list[tuple[int, int]], colour: QColor) -> None:
        self._find_selections = self._selections(spans, colour)
        self._refresh_selections()

    def _selections(
        self, spans: list[tuple[int, int]], colour: QColor
    ) -> list[QTextEdit.ExtraSelection]:
        selections = []
        char_format = QTextCharFormat()
        char_format.setBackground(colour)
        char_format.setForeground(QColor("black"))
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = char_format
            selections.append(selection)
        return selections

    def _refresh_selections(self) -> None:
        self.setExtraSelections(
            self._mark_selections
            + self._search_selections
            + self._find_selections
            + self._flash_selections
        )

    def flash(self, start: int, end: int) -> None:
        """Briefly draw a strong outline colour over a span, so the eye finds it."""
        self._flash_selections = self._selections([(start, end)], FLASH_COLOUR)
        self._refresh_selections()
        self._flash_timer.start()

    @Slot()
    def _on_flash_over(self) -> None:
        self._flash_selections = []
        self._refresh_selections()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        mark = self.mark_at(self.cursorForPosition(event.position().toPoint()).position())
        if mark is not None and mark.key is not None:
            self.mark_clicked.emit(mark.key)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self.mark_at(self.cursorForPosition(event.pos()).position())
            if mark is not None and mark.tip:
                # A note: as text, or as the rich text made of it that loads nothing.
                shown = mark.tip_html or tool_tip(mark.tip)
            else:
                # A title attribute of the document: text, never rich text.
                shown = tool_tip(self.tool_tip_at(event.pos()))
            if shown:
                QToolTip.showText(event.globalPos(), shown, self.viewport())
                return True
        return super().viewportEvent(event)

    def tool_tip_at(self, point: QPoint) -> str:
        """The tool tip of the text right under ``point`` (viewport coordinates), if any.

        The page's header gives some facts one (where the date was read), and a document's
        ``<abbr title>`` or link title another, as plain text to show literally.
        """
        scrolled = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        position = layout.hitTest(QPointF(point) + scrolled, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        # A cursor's format is that of the character before it: step over the one hit.
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        return cursor.charFormat().toolTip()

    # -- context menu ----------------------------------------------------------------------

    def add_context_actions(self, actions: list[QAction]) -> None:
        """Offer ``actions`` (annotate the selection, ...) in the view's context menu."""
        self._context_actions += actions

    def context_menu(self, position: QPoint) -> QMenu:
        """The context menu at ``position`` (viewport coordinates), owned by the view."""
        menu = self.createStandardContextMenu(position)
        menu.setParent(self, menu.windowFlags())
        if self._context_actions:
            menu.addSeparator()
            menu.addActions(self._context_actions)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def reveal(self, start: int, end: int) -> None:
        """Scroll to a span and select it, so it is where the eye looks."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        # Not ensureCursorVisible(): it scrolls as little as it can, leaving the hit on the
        # bottom edge. A third of the way down is where a reader looks.
        top = self.cursorRect(cursor).top()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - self.viewport().height() // 3)
