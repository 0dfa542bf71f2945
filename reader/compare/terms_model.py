"""``KeyTermsModel``: the terms distinctive of one side of a comparison, as a table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from archive.keyness import KeyTerm

Index = QModelIndex | QPersistentModelIndex

KeyTermRole = Qt.ItemDataRole.UserRole + 1
#: The value a column sorts by: numbers as numbers, terms folded.
SortValueRole = Qt.ItemDataRole.UserRole + 2

TERM, SCORE, COUNT, OTHER_COUNT, DOCUMENTS = range(5)
_HEADERS = ("Term", "G2", "Here", "Other", "Docs")
_HEADER_TIPS = (
    "The word or two-word phrase, in its most frequent spelling",
    "Log-likelihood G2: how sure it is that the term is more frequent on this side",
    "Occurrences on this side",
    "Occurrences on the other side",
    "Documents of this side it occurs in",
)


class KeyTermsModel(QAbstractTableModel):
    """The terms of one side, best first: term, G2, counts here and there, documents."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[KeyTerm] = []

    def set_terms(self, terms: list[KeyTerm]) -> None:
        self.beginResetModel()
        self._terms = list(terms)
        self.endResetModel()

    def term(self, row: int) -> KeyTerm:
        return self._terms[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._terms)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._terms):
            return None
        term = self._terms[index.row()]
        column = index.column()
        if role == KeyTermRole:
            return term
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(term, column)
        if role == SortValueRole:
            return _sort_value(term, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TERM:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tool_tip(term)
        return None


def _shown(term: KeyTerm, column: int) -> str:
    if column == TERM:
        return term.term
    if column == SCORE:
        return f"{term.score:,.1f}"
    return f"{_sort_value(term, column):,}"


def _sort_value(term: KeyTerm, column: int) -> object:
    values: tuple[object, ...] = (
        term.term.casefold(),
        term.score,
        term.count,
        term.other_count,
        term.documents,
    )
    return values[column]


def _tool_tip(term: KeyTerm) -> str:
    times = "time" if term.count == 1 else "times"
    documents = "document" if term.documents == 1 else "documents"
    return (
        f"{term.term}: {term.count:,} {times} here, in {term.documents:,} {documents}; "
        f"{term.other_count:,} on the other side (G2 {term.score:,.1f}). "
        "Activate to search it within this side."
    )
