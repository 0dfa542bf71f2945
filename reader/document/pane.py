"""``DocumentPane``: one document with its own history, outline, find bar and search hits."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction, QColor, QTextBlock, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.models import Document
from reader.document.elided_label import ElidedLabel
from reader.document.find_bar import FindBar
from reader.document.positions import Utf16Positions
from reader.document.reading_view import ReadingView
from reader.untrusted_text import action_text, tool_tip

SEARCH_HIT_COLOUR = QColor(255, 214, 0)
FIND_COLOUR = QColor(120, 200, 255)


@dataclass(frozen=True)
class RenderedDocument:
    """A document and its HTML page, made off the GUI thread."""

    document: Document
    html: str


@dataclass(frozen=True)
class FoundHits:
    """Where a query's hits are in one text, as Python string offsets."""

    query: str
    text: str
    spans: list[tuple[int, int]]


class DocumentSource(Protocol):
    """Where a pane gets documents and search-hit positions from (asynchronously)."""

    def load(
        self,
        document_id: int,
        on_loaded: Callable[[RenderedDocument], None],
        on_failed: Callable[[BaseException], None],
    ) -> None: ...

    def find_hits(self, query: str, text: str, on_found: Callable[[FoundHits], None]) -> None: ...


class DocumentPane(QWidget):
    """A reading pane.

    Signals:
        document_shown(int): a document finished loading and is shown.
        close_requested(): the user asked to close this pane.
        swap_requested(): the user asked to swap the two panes.
        activated(): the pane got the focus (it becomes the one commands act on).
        hit_changed(int, int): the current search hit and the number of hits.
        failed(str): a document could not be shown; the message is for the user.
    """

    document_shown = Signal(int)
    close_requested = Signal()
    swap_requested = Signal()
    activated = Signal()
    hit_changed = Signal(int, int)
    failed = Signal(str)

    def __init__(self, source: DocumentSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._history: list[int] = []
        self._position = -1
        self._document: Document | None = None
        self._text = ""  # the plain text shown, which hit and find positions point into
        self._query = ""
        self._hits: list[tuple[int, int]] = []
        self._hits_pending = False
        self._hit = -1
        self._finds: list[tuple[int, int]] = []
        self._find_index = -1
        self._reveal_first_hit = False
        self._loading: int | None = None
        self._palette_changed_while_loading = False

        self.view = ReadingView(self)
        self.view.setAccessibleName("Document text")
        self.view.installEventFilter(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._make_header())
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)

        self.find_bar.text_changed.connect(self._on_find_text)
        self.find_bar.next_requested.connect(self.next_find)
        self.find_bar.previous_requested.connect(self.previous_find)
        self.find_bar.closed.connect(self._on_find_closed)
        self._update_buttons()

    def _make_header(self) -> QHBoxLayout:
        """Back, forward, the title, the hit count, the outline, swap and close."""
        self.title_label = ElidedLabel(self)  # plain text, cut with "…" in a narrow pane
        self.hit_label = QLabel(self)
        self.back_button = self._tool_button("◀", "Back (Alt+Left)")
        self.back_button.clicked.connect(self.back)
        self.forward_button = self._tool_button("▶", "Forward (Alt+Right)")
        self.forward_button.clicked.connect(self.forward)
        self.outline_button = self._tool_button("Outline", "Jump to a section of this document")
        self.outline_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.outline_menu = QMenu(self.outline_button)
        self.outline_button.setMenu(self.outline_menu)
        self.swap_button = self._tool_button("⇄", "Swap the two panes (Ctrl+Shift+S)")
        self.swap_button.clicked.connect(self.swap_requested)
        self.close_button = self._tool_button("✕", "Close this pane (Ctrl+W)")
        self.close_button.clicked.connect(self.close_requested)
        header = QHBoxLayout()
        header.setContentsMargins(4, 2, 4, 2)
        header.setSpacing(6)
        header.addWidget(self.back_button)
        header.addWidget(self.forward_button)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.hit_label)
        header.addWidget(self.outline_button)
        header.addWidget(self.swap_button)
        header.addWidget(self.close_button)
        return header

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    # -- state -----------------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def document_id(self) -> int | None:
        """The document being loaded, else the one shown."""
        if self._loading is not None:
            return self._loading
        return self._document.id if self._document else None

    @property
    def hits(self) -> list[tuple[int, int]]:
        """Search hits as positions in the view's text (Qt positions)."""
        return list(self._hits)

    @property
    def current_hit(self) -> int:
        return self._hit

    @property
    def is_open(self) -> bool:
        """Shown in the window (also while the window itself is not yet shown)."""
        return not self.isHidden()

    def set_swappable(self, swappable: bool) -> None:
        self.swap_button.setVisible(swappable)

    # -- navigation ------------------------------------------------------------------------

    def open_document(self, document_id: int, *, reveal_first_hit: bool = False) -> None:
        """Show a document and remember it in this pane's history.

        Asking again for the document already shown (a click that is also an activation)
        adds nothing to the history; it only goes to the first hit if asked to.
        """
        if document_id == self.document_id:
            if reveal_first_hit:
                if self._hits and not self._hits_pending and self._loading is None:
                    self._go_to_hit(0)
                else:
                    self._reveal_first_hit = True
            return
        del self._history[self._position + 1 :]
        self._history.append(document_id)
        self._position = len(self._history) - 1
        self._load(document_id, reveal_first_hit)

    def reload(self) -> None:
        """Load the shown document again (after its metadata or the palette changed)."""
        if self._document is not None and self._loading is None:
            self._load(self._document.id, reveal_first_hit=False)

    def clear(self) -> None:
        """Forget the document and the history (the pane was closed)."""
        self._history, self._position = [], -1
        self._document, self._loading, self._text = None, None, ""
        self._hits, self._hit, self._hits_pending = [], -1, False
        self._finds, self._find_index = [], -1
        self.find_bar.hide()
        self.view.clear()
        self.title_label.clear()
        self.hit_label.clear()
        self.outline_menu.clear()
        self._update_buttons()

    @Slot()
    def back(self) -> None:
        if self._position > 0:
            self._position -= 1
            self._load(self._history[self._position], False)

    @Slot()
    def forward(self) -> None:
        if self._position < len(self._history) - 1:
            self._position += 1
            self._load(self._history[self._position], False)

    def can_go_back(self) -> bool:
        return self._position > 0

    def can_go_forward(self) -> bool:
        return self._position < len(self._history) - 1

    def _load(self, document_id: int, reveal_first_hit: bool) -> None:
        self._loading = document_id
        self._reveal_first_hit = reveal_first_hit
        self._update_buttons()
        self._source.load(document_id, self._on_loaded, self._on_load_failed)

    @Slot(object)
    def _on_loaded(self, rendered: RenderedDocument) -> None:
        if rendered.document.id != self._loading:
            return  # a later request replaced this one
        self._loading = None
        self._document = rendered.document
        self.view.set_page(rendered.html)
        self._text = self.view.toPlainText()
        self.title_label.setText(rendered.document.title)
        self.title_label.setToolTip(tool_tip(rendered.document.title))
        self._hits, self._hit = [], -1
        self._fill_outline()
        self._update_buttons()
        self._request_hits()
        if not self.find_bar.isHidden():
            self._on_find_text(self.find_bar.field.text())
        self.document_shown.emit(rendered.document.id)
        if self._palette_changed_while_loading:
            self._palette_changed_while_loading = False
            self.reload()  # this page was made with the colours of before

    @Slot(object)
    def _on_load_failed(self, error: BaseException) -> None:
        self._loading = None
        self._update_buttons()
        self.failed.emit(str(error))

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self.can_go_back())
        self.forward_button.setEnabled(self.can_go_forward())
        self.outline_button.setEnabled(not self.outline_menu.isEmpty())

    # -- outline ---------------------------------------------------------------------------

    def outline(self) -> list[tuple[int, str, int]]:
        """(heading level, heading text, position) for each heading shown."""
        entries = []
        block: QTextBlock = self.view.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level > 0 and block.text().strip():
                entries.append((level, block.text().strip(), block.position()))
            block = block.next()
        return entries

    def _fill_outline(self) -> None:
        self.outline_menu.clear()
        entries = self.outline()
        top = min((level for level, _, _ in entries), default=1)
        for level, text, position in entries:
            action = QAction(("    " * (level - top)) + action_text(text), self.outline_menu)
            action.setToolTip(tool_tip(text))  # by default, the text as Qt guesses it
            action.setData(position)
            action.triggered.connect(self._on_outline_chosen)
            self.outline_menu.addAction(action)

    @Slot()
    def _on_outline_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.jump_to(int(action.data()))

    def jump_to(self, position: int) -> None:
        """Scroll so that ``position`` is at the top of the view."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(position)
        self.view.setTextCursor(cursor)
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back up, so the heading lands at the top
        self.view.ensureCursorVisible()

    # -- search hits -----------------------------------------------------------------------

    def set_query(self, query: str) -> None:
        """Highlight the hits of a search query (empty: none)."""
        if query == self._query:
            return
        self._query = query
        self._request_hits()

    def _request_hits(self) -> None:
        if not self._query or self._document is None:
            self._hits_pending = False
            self._apply_hits([])
            return
        self._hits_pending = True
        self._source.find_hits(self._query, self._text, self._on_hits_found)

    @Slot(object)
    def _on_hits_found(self, found: FoundHits) -> None:
        if found.query != self._query or found.text != self._text:
            return  # the query or the document changed since
        self._hits_pending = False
        positions = Utf16Positions(self._text)
        self._apply_hits([positions.span_to_qt(span) for span in found.spans])

    def _apply_hits(self, hits: list[tuple[int, int]]) -> None:
        self._hits = hits
        self._hit = -1
        self.view.set_search_spans(hits, SEARCH_HIT_COLOUR)
        if hits and self._reveal_first_hit:
            self._reveal_first_hit = False
            self._go_to_hit(0)
        else:
            self._announce_hit()

    @Slot()
    def next_hit(self) -> None:
        if self._hits:
            self._go_to_hit((self._hit + 1) % len(self._hits))

    @Slot()
    def previous_hit(self) -> None:
        if self._hits:
            self._go_to_hit((self._hit - 1) % len(self._hits))

    def _go_to_hit(self, number: int) -> None:
        self._hit = number
        self.view.reveal(*self._hits[number])
        self._announce_hit()

    def _announce_hit(self) -> None:
        total = len(self._hits)
        if total and self._hit >= 0:
            self.hit_label.setText(f"hit {self._hit + 1} of {total}")
        elif total:
            self.hit_label.setText(f"{total} hit{'s' if total != 1 else ''}")
        else:
            self.hit_label.setText("")
        self.hit_changed.emit(self._hit + 1, total)

    # -- find in document ------------------------------------------------------------------

    @Slot()
    def open_find(self) -> None:
        self.find_bar.open()

    @Slot(str)
    def _on_find_text(self, needle: str) -> None:
        positions = Utf16Positions(self._text)
        if needle:
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            spans = [m.span() for m in pattern.finditer(self._text)]
        else:
            spans = []
        self._finds = [positions.span_to_qt(span) for span in spans]
        self._find_index = -1
        self.view.set_find_spans(self._finds, FIND_COLOUR)
        if self._finds:
            self.next_find()
        else:
            self.find_bar.set_count(0, 0)

    @Slot()
    def next_find(self) -> None:
        if self._finds:
            self._find_index = (self._find_index + 1) % len(self._finds)
            self.view.reveal(*self._finds[self._find_index])
            self.find_bar.set_count(self._find_index + 1, len(self._finds))

    @Slot()
    def previous_find(self) -> None:
        if self._finds:
            self._find_index = (self._find_index - 1) % len(self._finds)
            self.view.reveal(*self._finds[self._find_index])
            self.find_bar.set_count(self._find_index + 1, len(self._finds))

    @Slot()
    def _on_find_closed(self) -> None:
        self._finds = []
        self.view.set_find_spans([], FIND_COLOUR)
        self.view.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The page's colours come from the palette.
            if self._loading is not None:
                self._palette_changed_while_loading = True
            else:
                self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() == QEvent.Type.FocusIn:
            self.activated.emit()
        return super().eventFilter(watched, event)
