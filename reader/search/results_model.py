"""``SearchResultsModel``: the hits of the latest search, as a list model fetched in pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from archive.cli_output import snippet_as_text
from archive.models import SearchHit
from reader.untrusted_text import tool_tip

ModelIndex = QModelIndex | QPersistentModelIndex

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 2  # escaped text with <mark> around hits
DateTextRole = Qt.ItemDataRole.UserRole + 3
YearRole = Qt.ItemDataRole.UserRole + 4
DateInferredRole = Qt.ItemDataRole.UserRole + 5

INFERRED_MARK = "≈ "  # before an inferred date, as the navigator marks it


class SearchResultsModel(QAbstractListModel):
    """Hits in the order the search returned them (by relevance or by date).

    A search returns its first page of hits and the number of all its matches; the
    model asks for the next page when the view scrolls to its end (``canFetchMore`` /
    ``fetchMore``), one page at a time, and appends it with :meth:`add_page`.

    Signals:
        more_wanted(int): the next page is wanted, starting at this many hits.
    """

    more_wanted = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._ids: set[int] = set()
        self._total = 0
        self._fetched = 0  # hits of the search's order received so far (duplicates too)
        self._fetching = False

    def set_hits(self, hits: list[SearchHit], total: int | None = None) -> None:
        """Show a search's first page; ``total`` is the number of all its matches."""
        self.beginResetModel()
        self._hits = []
        self._ids = set()
        self._append(hits)
        self._fetched = len(hits)
        self._total = len(self._hits) if total is None else total
        self._fetching = False
        self.endResetModel()

    def add_page(self, hits: list[SearchHit]) -> None:
        """Append the page asked for by ``more_wanted``; a hit already listed is skipped.

        Still fetching while the rows go in: a view asks for more as they arrive, and
        must not ask for this page again.
        """
        self._fetched += len(hits)
        if not hits:
            self._total = self._fetched  # fewer matches than counted: the archive changed
        fresh = [hit for hit in hits if hit.id not in self._ids]
        if fresh:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._append(fresh)
            self.endInsertRows()
        self._fetching = False
        if hits and not fresh:
            # All listed already (the archive changed under the search): no row came in
            # for the view to ask again after, so go on to the next page now.
            self.fetchMore(QModelIndex())

    def page_failed(self) -> None:
        """The page asked for could not be had: stop asking for more of these results."""
        self._fetching = False
        self._total = self._fetched

    def _append(self, hits: list[SearchHit]) -> None:
        for hit in hits:
            if hit.id not in self._ids:
                self._ids.add(hit.id)
                self._hits.append(hit)

    @property
    def total(self) -> int:
        """All the matches of the search shown, listed or not yet."""
        return self._total

    @property
    def fetching(self) -> bool:
        """A page was asked for and has not arrived yet."""
        return self._fetching

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def canFetchMore(self, parent: ModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and not self._fetching and self._fetched < self._total

    def fetchMore(self, parent: ModelIndex) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(self._fetched)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [hit.title, date_text(hit)]
            if hit.date_inferred:
                lines.append(inferred_date_tip(hit))
            return tool_tip("\n".join(lines) + f"\n\n{snippet_as_text(hit.snippet)}")
        if role == DocumentIdRole:
            return hit.id
        if role == SnippetHtmlRole:
            return hit.snippet
        if role == DateTextRole:
            return date_text(hit)
        if role == YearRole:
            return hit.year
        if role == DateInferredRole:
            return hit.date_inferred
        if role == Qt.ItemDataRole.AccessibleTextRole:
            when = date_text(hit).removeprefix(INFERRED_MARK)
            if hit.date_inferred:
                when += " (inferred)"
            return f"{hit.title}, {when}: {snippet_as_text(hit.snippet)}"
        return None


def date_text(hit: SearchHit) -> str:
    """The hit's date as listed, "≈ " before one that was inferred."""
    shown = hit.date or (str(hit.year) if hit.year is not None else "Undated")
    return INFERRED_MARK + shown if hit.date_inferred and hit.year is not None else shown


def inferred_date_tip(hit: SearchHit) -> str:
    """Where an inferred date was read, for a person, as the document's header says it."""
    if hit.date_evidence:
        return f"Date inferred from: {hit.date_evidence}"
    return "Date inferred from the text"
