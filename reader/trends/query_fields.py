"""``QueryFields``: one to five query fields, each with its colour, added and removed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.trends import MAX_QUERIES
from reader.trends.series_colours import SWATCH_PIXELS, is_dark, series_swatch

PLACEHOLDERS = ("e.g. Karabakh", "e.g. OSCE", 'e.g. "Minsk Group"', "e.g. negotiat*", "e.g. COP29")


class QueryFields(QWidget):
    """The queries of a trend, one field each, in their chart colours.

    Signals:
        submitted(): Enter was pressed in a field.
        changed(): a field was added or removed.
    """

    submitted = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[QLineEdit] = []
        self._rows: list[QWidget] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(2)
        self.add_button = QPushButton("&Add Query", self)
        self.add_button.setToolTip(f"Chart another query beside these (up to {MAX_QUERIES})")
        self.add_button.clicked.connect(self._on_add_clicked)
        adding = QHBoxLayout()
        adding.addWidget(self.add_button)
        adding.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addLayout(adding)
        self.add_field()

    def queries(self) -> list[str]:
        """The queries typed, in order, empty fields left out."""
        return [field.text().strip() for field in self.fields if field.text().strip()]

    def set_queries(self, queries: list[str]) -> None:
        """Show these queries (at most :data:`MAX_QUERIES`), one field each."""
        while len(self.fields) > max(1, len(queries)):
            self._remove(len(self.fields) - 1)
        while len(self.fields) < min(len(queries), MAX_QUERIES):
            self.add_field()
        for field, query in zip(self.fields, queries, strict=False):
            field.setText(query)
        if not queries:
            self.fields[0].clear()

    def add_field(self) -> QLineEdit | None:
        """Add an empty field; ``None`` when there are already :data:`MAX_QUERIES`."""
        if len(self.fields) >= MAX_QUERIES:
            return None
        number = len(self.fields)
        row = QWidget(self)
        swatch = QLabel(row)
        swatch.setObjectName("swatch")
        field = QLineEdit(row)
        field.setPlaceholderText(PLACEHOLDERS[number % len(PLACEHOLDERS)])
        field.setAccessibleName(f"Query {number + 1}")
        field.setClearButtonEnabled(True)
        field.returnPressed.connect(self.submitted)
        remove = QToolButton(row)
        remove.setText("✕")
        remove.setToolTip("Remove this query")
        remove.setAccessibleName(f"Remove query {number + 1}")
        remove.clicked.connect(self._on_remove_clicked)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(swatch)
        line.addWidget(field, 1)
        line.addWidget(remove)
        self._rows_layout.addWidget(row)
        self.fields.append(field)
        self._rows.append(row)
        self._update()
        return field

    @Slot()
    def _on_add_clicked(self) -> None:
        field = self.add_field()
        if field is not None:
            field.setFocus()
            self.changed.emit()

    @Slot()
    def _on_remove_clicked(self) -> None:
        button = self.sender()
        for number, row in enumerate(self._rows):
            if button is not None and button.parent() is row:
                self.remove_field(number)
                return

    def remove_field(self, number: int) -> None:
        """Remove a query's field; the last one left is emptied instead."""
        if len(self.fields) == 1:
            self.fields[0].clear()
        else:
            self._remove(number)
        self.changed.emit()

    def _remove(self, number: int) -> None:
        row = self._rows.pop(number)
        self.fields.pop(number)
        row.hide()
        row.deleteLater()
        self._update()

    def _update(self) -> None:
        """Colours follow the fields' places; Add is off at the limit."""
        dark = is_dark(self.palette())
        for number, (row, field) in enumerate(zip(self._rows, self.fields, strict=True)):
            swatch = row.findChild(QLabel, "swatch")
            if swatch is not None:
                swatch.setPixmap(
                    series_swatch(number, dark=dark).pixmap(SWATCH_PIXELS, SWATCH_PIXELS)
                )
            field.setAccessibleName(f"Query {number + 1}")
        self.add_button.setEnabled(len(self.fields) < MAX_QUERIES)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update()
