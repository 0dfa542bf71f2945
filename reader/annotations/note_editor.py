"""``NoteEditor``: the small dialog where a note, its tags and its colour are written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from reader.annotations.colours import COLORS, DEFAULT_COLOR, swatch


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, empty ones dropped."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


class NoteEditor(QDialog):
    """Edits one annotation's note (Markdown), tags (comma-separated) and colour."""

    def __init__(
        self,
        quote: str,
        parent: QWidget | None = None,
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
        color: str = DEFAULT_COLOR,
        annotation_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Note" if annotation_id is not None else "Add Note")
        self.annotation_id = annotation_id
        shown = quote if len(quote) <= 200 else quote[:199] + "…"
        self.quote_label = QLabel(f"“{shown}”", self)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)  # the document's words
        self.quote_label.setWordWrap(True)
        self.note_edit = QPlainTextEdit(note, self)
        self.note_edit.setPlaceholderText("Your note (Markdown)")
        self.note_edit.setTabChangesFocus(True)
        self.tags_edit = QLineEdit(", ".join(tags), self)
        self.tags_edit.setPlaceholderText("tags, separated, by commas")
        self.colour_combo = QComboBox(self)
        for name in COLORS:
            self.colour_combo.addItem(swatch(name), name.capitalize(), name)
        self.colour_combo.setCurrentIndex(max(0, self.colour_combo.findData(color)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.quote_label)
        layout.addRow("&Note:", self.note_edit)
        layout.addRow("&Tags:", self.tags_edit)
        layout.addRow("&Colour:", self.colour_combo)
        layout.addRow(self.buttons)
        self.note_edit.setFocus()

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    @property
    def tags(self) -> list[str]:
        return parse_tags(self.tags_edit.text())

    @property
    def color(self) -> str:
        return str(self.colour_combo.currentData())
