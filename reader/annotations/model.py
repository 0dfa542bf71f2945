"""``AnnotationsModel``: the annotations of the documents shown, as a list with headings.

Rows are the placed annotations of each shown document in document order (under the
document's title when two are shown), then the orphaned ones under an "Orphaned" heading.
``AnnotationFilter`` narrows them by colour, tag and text, keeping the headings of what
it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from archive.annotations.model import Annotation
from reader.annotations.colours import swatch
from reader.annotations.note_rendering import note_plain, note_tool_tip

AnnotationRole = Qt.ItemDataRole.UserRole + 1
AnnotationIdRole = Qt.ItemDataRole.UserRole + 2
ColorRole = Qt.ItemDataRole.UserRole + 3
TagsRole = Qt.ItemDataRole.UserRole + 4
IsHeadingRole = Qt.ItemDataRole.UserRole + 5
SectionRole = Qt.ItemDataRole.UserRole + 6  # rows of one heading share a section number

ORPHANED_HEADING = "Orphaned"
QUOTE_CHARACTERS = 160

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Row:
    section: int
    heading: str = ""
    annotation: Annotation | None = None


def describe(annotation: Annotation) -> str:
    """The row's text: the quoted passage, then the note and the tags."""
    quote = " ".join(annotation.quote.split())
    if len(quote) > QUOTE_CHARACTERS:
        quote = quote[: QUOTE_CHARACTERS - 1] + "…"
    lines = [f"“{quote}”"]
    if annotation.note:
        lines.append(note_plain(annotation.note))
    if annotation.tags:
        lines.append(" ".join(f"#{tag}" for tag in annotation.tags))
    return "\n".join(lines)


class AnnotationsModel(QAbstractListModel):
    """The annotations of the shown documents; headings are neither selectable nor editable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []

    def set_documents(self, documents: list[tuple[str, list[Annotation]]]) -> None:
        """Show ``(title, annotations)`` per document, annotations in document order."""
        rows: list[_Row] = []
        orphans: list[Annotation] = []
        for title, of_document in documents:
            placed = [a for a in of_document if not a.orphaned]
            orphans += [a for a in of_document if a.orphaned]
            section = len(rows)
            if len(documents) > 1 and placed:
                rows.append(_Row(section, heading=title))
            rows += [_Row(section, annotation=a) for a in placed]
        if orphans:
            section = len(rows)
            rows.append(_Row(section, heading=ORPHANED_HEADING))
            rows += [_Row(section, annotation=a) for a in orphans]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].annotation is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        annotation = row.annotation
        if role == IsHeadingRole:
            return annotation is None
        if role == SectionRole:
            return row.section
        if annotation is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.heading
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(annotation)
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(annotation.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return note_tool_tip(annotation.note) if annotation.note else None
        if role == AnnotationRole:
            return annotation
        if role == AnnotationIdRole:
            return annotation.id
        if role == ColorRole:
            return annotation.color
        if role == TagsRole:
            return list(annotation.tags)
        return None

    def tags(self) -> list[str]:
        """Every tag used by the annotations listed, sorted."""
        found = {tag for row in self._rows if row.annotation for tag in row.annotation.tags}
        return sorted(found, key=str.casefold)


class AnnotationFilter(QSortFilterProxyModel):
    """Keeps annotations of one colour, with one tag, holding some text; and their headings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colour = ""
        self._tag = ""
        self._text = ""

    def set_criteria(self, colour: str, tag: str, text: str) -> None:
        """Empty criteria keep everything."""
        self.beginFilterChange()
        self._colour, self._tag, self._text = colour, tag, text.casefold().strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _keeps(self, annotation: Annotation) -> bool:
        if self._colour and annotation.color != self._colour:
            return False
        if self._tag and self._tag not in annotation.tags:
            return False
        haystack = " ".join([annotation.quote, annotation.note, *annotation.tags]).casefold()
        return not self._text or self._text in haystack

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        annotation = index.data(AnnotationRole)
        if isinstance(annotation, Annotation):
            return self._keeps(annotation)
        section = index.data(SectionRole)
        for row in range(source_row + 1, model.rowCount(source_parent)):
            other = model.index(row, 0, source_parent)
            if other.data(SectionRole) != section:
                break
            kept = other.data(AnnotationRole)
            if isinstance(kept, Annotation) and self._keeps(kept):
                return True
        return False
