"""All annotations of the archive, grouped by year then document, in a searchable tree.

``AllAnnotationsModel`` is the tree; ``AllAnnotationsDialog`` shows it with a search field,
and each annotation opens its document at its passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archive.annotations.model import Annotation
from archive.models import DocumentSummary
from reader.annotations.colours import swatch
from reader.annotations.model import AnnotationIdRole, AnnotationRole, describe
from reader.annotations.note_rendering import note_tool_tip

SearchTextRole = Qt.ItemDataRole.UserRole + 20
DocumentIdRole = Qt.ItemDataRole.UserRole + 21

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    text: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    annotation: Annotation | None = None
    document_id: int | None = None
    search_text: str = ""

    def add(self, child: _Node) -> _Node:
        child.parent = self
        self.children.append(child)
        return child

    @property
    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class AllAnnotationsModel(QAbstractItemModel):
    """Years (newest first), their annotated documents, and each one's annotations."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node("")

    def set_annotations(
        self, documents: Sequence[DocumentSummary], annotations: Sequence[Annotation]
    ) -> None:
        """Group ``annotations`` under their documents (listed newest first)."""
        by_document: dict[int, list[Annotation]] = {}
        for annotation in annotations:
            by_document.setdefault(annotation.document_id, []).append(annotation)
        root = _Node("")
        years: dict[int | None, _Node] = {}
        for document in documents:
            if document.id not in by_document:
                continue
            year = years.get(document.year)
            if year is None:
                label = str(document.year) if document.year is not None else "Undated"
                year = years[document.year] = root.add(_Node(label))
            node = year.add(_Node(document.title, document_id=document.id))
            for annotation in by_document[document.id]:
                words = [document.title, annotation.quote, annotation.note, *annotation.tags]
                node.add(
                    _Node(
                        describe(annotation),
                        annotation=annotation,
                        document_id=document.id,
                        search_text=" ".join(words),
                    )
                )
        self.beginResetModel()
        self._root = root
        self.endResetModel()

    def _node(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, _Node)
        return node

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.column() > 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        annotation = node.annotation
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == SearchTextRole:
            return node.search_text
        if role == DocumentIdRole:
            return node.document_id
        if annotation is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(annotation.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return note_tool_tip(annotation.note) if annotation.note else None
        if role == AnnotationRole:
            return annotation
        if role == AnnotationIdRole:
            return annotation.id
        return None


class AllAnnotationsDialog(QDialog):
    """Every annotation, by year and document; typing in the field narrows them.

    Signals:
        annotation_chosen(int, int): the annotation id and document id to open.
        export_requested(object): export these annotation ids (a list), or all (``None``).
    """

    annotation_chosen = Signal(int, int)
    export_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("All Annotations")
        self.resize(560, 620)
        self.model = AllAnnotationsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SearchTextRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search notes, passages, tags and titles")
        self.search_field.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setToolTip(
            "Save the annotations shown (all, or those the search narrowed them to) "
            "as Markdown, JSON-LD or CSV"
        )
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_field)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.search_field.textChanged.connect(self._on_search)
        self.tree.activated.connect(self._on_activated)
        self.tree.doubleClicked.connect(self._on_activated)

    def set_annotations(
        self, documents: Sequence[DocumentSummary], annotations: Sequence[Annotation]
    ) -> None:
        self.model.set_annotations(documents, annotations)
        self.tree.expandAll()

    @Slot(str)
    def _on_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def shown_annotation_ids(self) -> list[int] | None:
        """The ids of the annotations the search leaves shown; ``None`` when it hides none."""
        if not self.proxy.filterRegularExpression().pattern():
            return None
        shown: list[int] = []
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                annotation_id = index.data(AnnotationIdRole)
                if annotation_id is not None:
                    shown.append(int(annotation_id))
                pending.append(index)
        return shown

    @Slot()
    def _on_export_clicked(self) -> None:
        self.export_requested.emit(self.shown_annotation_ids())

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        annotation_id = index.data(AnnotationIdRole)
        if annotation_id is not None:
            self.annotation_chosen.emit(int(annotation_id), int(index.data(DocumentIdRole)))
