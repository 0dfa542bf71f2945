"""``FindBar``: find in the shown document (Ctrl+F), with "3 of 12"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A search field for the text of one document.

    Signals:
        text_changed(str): the text to find changed.
        next_requested(): go to the next match (Enter).
        previous_requested(): go to the previous match (Shift+Enter).
        closed(): the bar was closed (Escape).
    """

    text_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find in document")
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(80)
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip("Previous match (Shift+Enter)")
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip("Next match (Enter)")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.field.textChanged.connect(self.text_changed)
        self.field.installEventFilter(self)  # Enter, Shift+Enter and Escape in the field
        previous.clicked.connect(self.previous_requested)
        following.clicked.connect(self.next_requested)
        close.clicked.connect(self._on_close)

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_count(self, current: int, total: int) -> None:
        if not self.field.text():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText("No matches")
        else:
            self.count_label.setText(f"{current} of {total}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self._on_field_key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_field_key(self, event: QKeyEvent) -> bool:
        """Handle a key typed in the field; True if it was used."""
        if event.key() == Qt.Key.Key_Escape:
            self._on_close()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return True
        return False

    @Slot()
    def _on_close(self) -> None:
        self.hide()
        self.closed.emit()
