"""``YearNavigatorModel``: years (newest first, then "Undated"), their months, their documents.

Years come with their document counts; a year's documents are fetched only when the year is
expanded (``canFetchMore``/``fetchMore``), so a 100,000-document archive opens instantly.
A fetched year is grouped by month, newest first, with "No month" last for the documents
known only to the year; the undated documents sit directly under "Undated".

Two columns: the title, and the date (marked when inferred). A filter over titles keeps
only the years, months and documents that match, each with "n of m" counts; so does a
filter over documents (those mentioning a country, say), alone or with it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from archive.api import TitleEntry, YearCount
from archive.models import DocumentSummary
from reader.navigator.dates import full_date, month_name, shown_date
from reader.navigator.title_filter import TitleFilter, TitleMatches, fold
from reader.navigator.year_documents import YearDocuments
from reader.untrusted_text import tool_tip

ModelIndex = QModelIndex | QPersistentModelIndex

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
YearRole = Qt.ItemDataRole.UserRole + 2  # int, or None for the undated bucket
CountRole = Qt.ItemDataRole.UserRole + 3  # documents shown in the year or month
ShareRole = Qt.ItemDataRole.UserRole + 4  # the year's count over the largest year's, 0..1
IsYearRole = Qt.ItemDataRole.UserRole + 5
IsMonthRole = Qt.ItemDataRole.UserRole + 6
MonthRole = Qt.ItemDataRole.UserRole + 7  # 1..12 on a month row, None on "No month"
TotalRole = Qt.ItemDataRole.UserRole + 8  # documents in the year or month, unfiltered
FilteredRole = Qt.ItemDataRole.UserRole + 9  # True while a filter over titles is on

TITLE_COLUMN = 0
DATE_COLUMN = 1

UNDATED_LABEL = "Undated"

LoadYear = Callable[[int | None], Sequence[DocumentSummary]]
LoadTitles = Callable[[], Iterable[TitleEntry]]
LoadDateEvidence = Callable[[Sequence[int]], dict[int, str]]

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

# Internal ids: 0 for a year row; 1 + 32 * year row for the rows under a year (months, or
# the undated documents); that plus 1 + month row for a month's documents.
_PER_YEAR = 32


class SortOrder(str, enum.Enum):
    """How documents are ordered inside a month (years and months stay newest first)."""

    DATE = "date"  # newest first
    TITLE = "title"  # A to Z, ignoring case and accents


@dataclass
class _MonthNode:
    month: int | None
    total: int
    documents: list[DocumentSummary]  # those shown: filtered and sorted


@dataclass
class _YearNode:
    year: int | None
    total: int
    shown: int
    loaded: YearDocuments | None = None  # all of the year's, newest first
    fetched: bool = False  # its child rows are built
    months: list[_MonthNode] = field(default_factory=list)
    documents: list[DocumentSummary] = field(default_factory=list)  # undated only

    @property
    def label(self) -> str:
        return str(self.year) if self.year is not None else UNDATED_LABEL

    @property
    def grouped(self) -> bool:
        """Whether its children are months (dated years) or documents (undated)."""
        return self.year is not None

    def child_count(self) -> int:
        return len(self.months) if self.grouped else len(self.documents)


class YearNavigatorModel(QAbstractItemModel):
    """A tree of years over months over documents, lazily loaded, filtered and sorted.

    Args:
        load_year: A year's documents newest first (``None``: the undated ones).
        parent: The owning QObject.
        load_titles: Every document's title, for the filter over titles.
        load_date_evidence: Where inferred dates were read, for their tool tips.
    """

    def __init__(
        self,
        load_year: LoadYear,
        parent: Any = None,
        *,
        load_titles: LoadTitles | None = None,
        load_date_evidence: LoadDateEvidence | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_year = load_year
        self._load_titles = load_titles
        self._load_date_evidence = load_date_evidence
        self._all_years: list[_YearNode] = []
        self._years: list[_YearNode] = []  # those shown
        self._largest = 1
        self._sort = SortOrder.DATE
        self._filter_text = ""
        self._title_filter: TitleFilter | None = None
        self._matches: TitleMatches | None = None
        self._document_filter: TitleMatches | None = None
        self._evidence: dict[int, str | None] = {}  # read when a tool tip asks
        self._preloaded: dict[int | None, YearDocuments] = {}

    # -- filling ---------------------------------------------------------------------------

    def loaded_years(self) -> list[int | None]:
        """The years whose documents are loaded (those the reader has opened)."""
        return [node.year for node in self._all_years if node.loaded is not None]

    def preload(self, documents: Mapping[int | None, YearDocuments]) -> None:
        """Documents of some years, read on a worker thread, for the next :meth:`set_years`.

        Opening those years again after the reset then costs no query on the GUI thread
        (3,000 releases a year at 100,000 documents: 40-50 ms each). Used once: the next
        :meth:`set_years` takes them, later ones read again.
        """
        self._preloaded = dict(documents)

    def set_years(self, years: Sequence[YearCount]) -> None:
        """Replace the whole tree; documents are loaded again on demand (or preloaded)."""
        self.beginResetModel()
        self._all_years = [_YearNode(y.year, y.documents, y.documents) for y in years]
        self._largest = max((y.documents for y in years), default=1) or 1
        self._title_filter = None
        self._evidence = {}
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only documents whose titles hold each word of ``text`` (blank: all)."""
        text = text.strip()
        if text == self._filter_text:
            return
        self.beginResetModel()
        self._filter_text = text
        self._apply_filter()
        self.endResetModel()

    def set_document_filter(self, documents: TitleMatches | None) -> None:
        """Show only these documents (with their counts per year); ``None``: all.

        It holds together with the filter over titles: a document must pass both.
        """
        self.beginResetModel()
        self._document_filter = documents
        self._apply_filter()
        self.endResetModel()

    @property
    def document_filter(self) -> TitleMatches | None:
        return self._document_filter

    def set_sort_order(self, order: SortOrder) -> None:
        """Order each month's documents by date (newest first) or by title."""
        if order is self._sort:
            return
        self.beginResetModel()
        self._sort = order
        for node in self._years:
            if node.loaded is not None:
                self._build_children(node)
        self.endResetModel()

    @property
    def sort_order(self) -> SortOrder:
        return self._sort

    @property
    def filter_text(self) -> str:
        return self._filter_text

    @property
    def total_documents(self) -> int:
        """Documents in the archive."""
        return sum(node.total for node in self._all_years)

    @property
    def shown_documents(self) -> int:
        """Documents that pass the filters (all of them without any)."""
        return sum(node.shown for node in self._years)

    def _apply_filter(self) -> None:
        """Recount and rebuild the shown years for the current filter (inside a reset)."""
        self._matches = self._document_filter
        if self._filter_text:
            if self._title_filter is None:
                titles = self._load_titles() if self._load_titles is not None else ()
                self._title_filter = TitleFilter(titles)
            within = self._document_filter.ids if self._document_filter is not None else None
            self._matches = self._title_filter.match(self._filter_text, within)
        for node in self._all_years:
            node.shown = (
                node.total if self._matches is None else self._matches.per_year.get(node.year, 0)
            )
        self._years = [node for node in self._all_years if node.shown > 0]
        for node in self._years:
            if node.loaded is not None:
                self._build_children(node)

    def _build_children(self, node: _YearNode) -> None:
        """Group a loaded year's documents by month, filtered and sorted."""
        node.months, node.documents = self._children(node)
        node.fetched = True

    def _children(self, node: _YearNode) -> tuple[list[_MonthNode], list[DocumentSummary]]:
        """A loaded year's months (a dated year) or documents (the undated ones)."""
        if node.loaded is None:
            return [], []
        if not node.grouped:
            return [], self._shown(node.loaded.documents)
        months = [
            _MonthNode(month, len(docs), self._shown(docs))
            for month, docs in node.loaded.by_month.items()
        ]
        return [month for month in months if month.documents], []

    def _shown(self, documents: list[DocumentSummary]) -> list[DocumentSummary]:
        if self._matches is not None:
            ids = self._matches.ids
            documents = [document for document in documents if document.id in ids]
        if self._sort is SortOrder.TITLE:
            return sorted(documents, key=lambda document: (fold(document.title), document.id))
        return list(documents)

    # -- finding rows ----------------------------------------------------------------------

    def year_row(self, year: int | None) -> QModelIndex:
        for row, node in enumerate(self._years):
            if node.year == year:
                return self.index(row, 0)
        return QModelIndex()

    def month_row(self, year: int | None, month: int | None) -> QModelIndex:
        """The row of a month of a fetched year (``month`` ``None``: "No month")."""
        parent = self.year_row(year)
        if not parent.isValid():
            return QModelIndex()
        node = self._years[parent.row()]
        for row, group in enumerate(node.months):
            if group.month == month:
                return self.index(row, 0, parent)
        return QModelIndex()

    def document_index(self, document_id: int, year: int | None) -> QModelIndex:
        """The index of a document, loading its year if needed; invalid if not shown."""
        parent = self.year_row(year)
        if not parent.isValid():
            return QModelIndex()
        if self.canFetchMore(parent):
            self.fetchMore(parent)
        node = self._years[parent.row()]
        if not node.grouped:
            for row, document in enumerate(node.documents):
                if document.id == document_id:
                    return self.index(row, 0, parent)
            return QModelIndex()
        for month_row, group in enumerate(node.months):
            for row, document in enumerate(group.documents):
                if document.id == document_id:
                    return self.index(row, 0, self.index(month_row, 0, parent))
        return QModelIndex()

    # -- QAbstractItemModel ----------------------------------------------------------------

    # Qt asks index(), rowCount(), hasChildren() and flags() of every row under an expanded
    # year or month whenever it lays out the tree: 13,000 calls for 24 opened months at
    # 100,000 documents. They are kept to a few attribute reads each.

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or not 0 <= column < 2:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._years):
                return self.createIndex(row, column, 0)
            return QModelIndex()
        if row >= self.rowCount(parent):
            return QModelIndex()
        parent_id = parent.internalId()
        if parent_id == 0:
            return self.createIndex(row, column, 1 + _PER_YEAR * parent.row())
        return self.createIndex(row, column, parent_id + 1 + parent.row())

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        year_row, month_row = divmod(child.internalId() - 1, _PER_YEAR)
        if month_row == 0:
            return self.createIndex(year_row, 0, 0)
        return self.createIndex(month_row - 1, 0, 1 + _PER_YEAR * year_row)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._years)
        if parent.column() != 0:
            return 0
        parent_id = parent.internalId()
        if parent_id == 0:
            return self._years[parent.row()].child_count()
        year_row, month_row = divmod(parent_id - 1, _PER_YEAR)
        if month_row:  # a document
            return 0
        node = self._years[year_row]
        return len(node.months[parent.row()].documents) if node.grouped else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        if not parent.isValid():
            return bool(self._years)
        if parent.column() != 0:
            return False
        parent_id = parent.internalId()
        if parent_id == 0:
            return self._years[parent.row()].shown > 0
        year_row, month_row = divmod(parent_id - 1, _PER_YEAR)
        # A month has documents (an empty one is not shown); a document has no children.
        return month_row == 0 and self._years[year_row].grouped

    def canFetchMore(self, parent: ModelIndex) -> bool:  # noqa: N802
        if not parent.isValid() or parent.internalId() != 0 or parent.column() != 0:
            return False
        return not self._years[parent.row()].fetched

    def fetchMore(self, parent: ModelIndex) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        node = self._years[parent.row()]
        preloaded = self._preloaded.pop(node.year, None)
        node.loaded = (
            YearDocuments.of(self._load_year(node.year)) if preloaded is None else preloaded
        )
        months, documents = self._children(node)
        count = len(months) if node.grouped else len(documents)
        if count:
            self.beginInsertRows(parent, 0, count - 1)
        node.months, node.documents = months, documents
        node.fetched = True
        if count:
            self.endInsertRows()

    def _date_evidence(self, document_id: int) -> str | None:
        """Where a document's inferred date was read, asked for when its tool tip shows.

        One document at a time: reading every inferred date's evidence with its year was
        one query per 500 documents on the GUI thread (3,000 a year at 100,000 documents).
        """
        if document_id not in self._evidence:
            found = (
                self._load_date_evidence([document_id])
                if self._load_date_evidence is not None
                else {}
            )
            self._evidence[document_id] = found.get(document_id)
        return self._evidence[document_id]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._year_data(self._years[index.row()], role) if index.column() == 0 else None
        document = self._document_at(index)
        if document is not None:
            return self._document_data(document, index.column(), role)
        if index.column() != 0:
            return None
        year = self._years[(index.internalId() - 1) // _PER_YEAR]
        return self._month_data(year, year.months[index.row()], role)

    def _month_at(self, index: ModelIndex) -> _MonthNode | None:
        """The month that ``index`` (column 0) is the row of, if it is a month row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        year_row, month_row = divmod(index.internalId() - 1, _PER_YEAR)
        node = self._years[year_row]
        if month_row != 0 or not node.grouped:
            return None
        return node.months[index.row()]

    def _document_at(self, index: ModelIndex) -> DocumentSummary | None:
        year_row, month_row = divmod(index.internalId() - 1, _PER_YEAR)
        node = self._years[year_row]
        if month_row == 0:
            return None if node.grouped else node.documents[index.row()]
        return node.months[month_row - 1].documents[index.row()]

    def _year_data(self, node: _YearNode, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.label}: {self._counted(node.shown, node.total)}"
        if role == YearRole:
            return node.year
        if role == CountRole:
            return node.shown
        if role == TotalRole:
            return node.total
        if role == FilteredRole:
            return self._matches is not None
        if role == ShareRole:
            return node.total / self._largest
        if role == IsYearRole:
            return True
        if role == IsMonthRole:
            return False
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.label}, {self._counted(node.shown, node.total)}"
        return None

    def _month_data(self, year: _YearNode, month: _MonthNode, role: int) -> Any:
        label = month_name(month.month)
        shown = len(month.documents)
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{label} {year.label}" if month.month is not None else f"{year.label}, {label}"
            return f"{where}: {self._counted(shown, month.total)}"
        if role == YearRole:
            return year.year
        if role == MonthRole:
            return month.month
        if role == CountRole:
            return shown
        if role == TotalRole:
            return month.total
        if role == FilteredRole:
            return self._matches is not None
        if role == IsYearRole:
            return False
        if role == IsMonthRole:
            return True
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{label} {year.label}, {self._counted(shown, month.total)}"
        return None

    def _counted(self, shown: int, total: int) -> str:
        plural = "s" if total != 1 else ""
        if self._matches is None:
            return f"{total} document{plural}"
        return f"{shown} of {total} document{plural} match"

    def _document_data(self, document: DocumentSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return document.title if column == TITLE_COLUMN else shown_date(document)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tool_tip("\n".join(self._tip_lines(document)))
        if role == Qt.ItemDataRole.FontRole and column == DATE_COLUMN and document.date_inferred:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DATE_COLUMN:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{document.title}, {full_date(document)}"
        if role == DocumentIdRole:
            return document.id
        if role == YearRole:
            return document.year
        if role in (IsYearRole, IsMonthRole):
            return False
        return None

    def _tip_lines(self, document: DocumentSummary) -> list[str]:
        lines = [document.title, full_date(document)]
        if document.date_inferred:
            evidence = self._date_evidence(document.id)
            lines.append(
                f"Date inferred from: {evidence}" if evidence else "Date inferred from the text"
            )
        if document.source:
            lines.append(document.source)
        return lines
