"""``SearchPanel``: the results of a search: chart per year, sort order, list with snippets."""

from __future__ import annotations

import html
from collections import OrderedDict
from typing import Literal

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from archive.models import SearchResults
from reader.search.note_hits import NoteHitsList
from reader.search.results_model import (
    DateTextRole,
    DocumentIdRole,
    SearchResultsModel,
    SnippetHtmlRole,
)
from reader.search.results_view import SearchResultsView
from reader.search.year_chart import UNDATED, ChartKey, YearHitsChart
from reader.untrusted_text import GuardedTextDocument

ROW_PADDING = 6
SNIPPET_LINES = 3  # lines of date and snippet under each hit's one-line title
# Laid-out rows kept for repainting: a few screens of hits.
KEPT_ROW_DOCUMENTS = 200


class SearchHitDelegate(QStyledItemDelegate):
    """Draws a hit as its title and date over a snippet with the hits marked.

    Every row has the same height (a title line and :data:`SNIPPET_LINES` more), so
    the list never lays out each row's rich text to size it; a row's laid-out text is kept
    while the row stays the same, so repainting (scrolling, hovering) reuses it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: OrderedDict[tuple[str, ...], QTextDocument] = OrderedDict()

    def _document(
        self,
        index: QModelIndex | QPersistentModelIndex,
        width: int,
        option: QStyleOptionViewItem,
        selected: bool,
    ) -> QTextDocument:
        palette: QPalette = option.palette
        text_colour = (palette.highlightedText() if selected else palette.text()).color().name()
        muted = (palette.highlightedText() if selected else palette.placeholderText()).color()
        # The title on one line, elided: a long one would leave no room for the snippet.
        bold = QFont(option.font)
        bold.setBold(True)
        full_title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        title = html.escape(
            QFontMetrics(bold).elidedText(
                full_title, Qt.TextElideMode.ElideRight, max(50, width - 2 * ROW_PADDING)
            )
        )
        date = html.escape(str(index.data(DateTextRole) or ""))
        snippet = str(index.data(SnippetHtmlRole) or "")
        key = (title, date, snippet, str(width), text_colour, muted.name())
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        # Titles are escaped and snippets come escaped, and still nothing they name is read.
        document = GuardedTextDocument(self)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(
            f"body {{ color: {text_colour}; }}"
            f" .date {{ color: {muted.name()}; }}"
            " mark { background-color: #ffd600; color: black; }"
        )
        document.setHtml(
            f"<body><b>{title}</b><br/>"
            f"<span class='date'>{date} · </span><span>{snippet}</span></body>"
        )
        document.setTextWidth(max(50, width - 2 * ROW_PADDING))
        self._documents[key] = document
        if len(self._documents) > KEPT_ROW_DOCUMENTS:
            _, oldest = self._documents.popitem(last=False)
            oldest.deleteLater()
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        document = self._document(index, rect.width(), option, selected)
        painter.save()
        painter.translate(rect.left() + ROW_PADDING, rect.top() + ROW_PADDING)
        clip = QRectF(0, 0, rect.width() - 2 * ROW_PADDING, rect.height() - 2 * ROW_PADDING)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = option.rect.width() or 320
        lines = 1 + SNIPPET_LINES
        return QSize(width, lines * option.fontMetrics.lineSpacing() + 2 * ROW_PADDING)


class SearchPanel(QWidget):
    """Shows one search's results.

    Signals:
        result_chosen(int): a hit was opened (click, Enter, or an arrow key moving to it).
        result_chosen_beside(int): a hit is to open in the second pane (Ctrl+click).
        year_filter_changed(object): the year to show (int), the undated matches
            (:data:`~reader.search.year_chart.UNDATED`), or ``None`` for all.
        sort_changed(str): "relevance" or "date".
        suggestion_chosen(str): the "did you mean" suggestion was clicked.
    """

    result_chosen = Signal(int)
    result_chosen_beside = Signal(int)
    year_filter_changed = Signal(object)
    sort_changed = Signal(str)
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = YearHitsChart(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._on_link)
        self.sort_box = QComboBox(self)
        self.sort_box.addItem("Relevance", "relevance")
        self.sort_box.addItem("Newest first", "date")
        self.sort_box.setToolTip("Order of the results")
        self.model = SearchResultsModel(self)
        self.list = SearchResultsView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(SearchHitDelegate(self.list))
        self.list.setVerticalScrollMode(SearchResultsView.ScrollMode.ScrollPerPixel)
        self.list.setAccessibleName("Search results")
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(True)
        # Its context menu holds the window's actions on a hit (Remove…), added with addAction.
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.note_hits = NoteHitsList(self)
        self._scope = ""

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.chart)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note_hits)

        self.chart.year_clicked.connect(self.year_filter_changed)
        self.sort_box.currentIndexChanged.connect(self._on_sort)
        self.list.activated.connect(self._on_activated)
        self.list.clicked.connect(self._on_clicked)
        self.list.current_moved_by_key.connect(self._on_activated)
        self.show_idle()

    def set_scope(self, scope: str) -> None:
        """Say which documents the results are restricted to ("mentioning Russia"), if any."""
        self._scope = scope

    @property
    def sort(self) -> Literal["relevance", "date"]:
        """The order chosen for the results."""
        return "date" if self.sort_box.currentData() == "date" else "relevance"

    def set_sort(self, sort: str) -> None:
        row = self.sort_box.findData(sort)
        if row >= 0:
            self.sort_box.setCurrentIndex(row)

    def selected_document_ids(self) -> list[int]:
        """The documents of the selected hits."""
        indexes = self.list.selectionModel().selectedIndexes()
        return [int(index.data(DocumentIdRole)) for index in sorted(indexes, key=lambda i: i.row())]

    def show_idle(self) -> None:
        self.model.set_hits([])
        self.note_hits.set_hits([])
        self.chart.set_counts({})
        self.status.setText("Type in the search field to search every document.")

    def show_searching(self) -> None:
        self.status.setText("Searching…")

    def show_results(self, results: SearchResults, year: ChartKey | None) -> None:
        """Show a search's first page of hits; the rest are fetched as the list scrolls."""
        self.chart.set_counts(results.years, results.undated)
        self.chart.set_selected_year(year)
        self.model.set_hits(results.hits, results.total)
        self.note_hits.set_hits(results.note_hits)
        if results.total == 0:
            text = f"No matches for <b>{html.escape(results.query)}</b>"
            text += f" in documents {html.escape(self._scope)}." if self._scope else "."
            if results.suggestion:
                suggestion = html.escape(results.suggestion)
                text += f' Did you mean <a href="suggest:{suggestion}">{suggestion}</a>?'
            self.status.setText(text)
            return
        text = f"{results.total} match{'es' if results.total != 1 else ''}"
        if year == UNDATED:
            text += " without a date"
        elif year is not None:
            text += f" in {year}"
        if self._scope:
            text += f" in documents {html.escape(self._scope)}"
        self.status.setText(text)

    def add_page(self, results: SearchResults) -> None:
        """Append a later page of the results shown (asked for by ``model.more_wanted``)."""
        self.model.add_page(results.hits)

    def show_notice(self, message: str) -> None:
        """No results, and why not, when that is no one's mistake (a rebuilding index)."""
        self.model.set_hits([])
        self.note_hits.set_hits([])
        self.chart.set_counts({})
        self.status.setText(html.escape(message))

    def show_error(self, message: str) -> None:
        self.model.set_hits([])
        self.note_hits.set_hits([])
        self.chart.set_counts({})
        self.status.setText(f'<span style="color:#c0392b">{html.escape(message)}</span>')

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if link.startswith("suggest:"):
            self.suggestion_chosen.emit(link.removeprefix("suggest:"))

    @Slot(int)
    def _on_sort(self, _row: int) -> None:
        self.sort_changed.emit(self.sort)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        self.result_chosen.emit(int(index.data(DocumentIdRole)))

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            self.result_chosen_beside.emit(int(index.data(DocumentIdRole)))
        else:
            self.result_chosen.emit(int(index.data(DocumentIdRole)))
