"""``FindBar``: find in the shown document (Ctrl+F), with "3 of 12"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A search field for the text of one document.

    Signals:
        text_changed(str): the text to find changed.
        next_requested(): go to the next match (Enter, F3).
        previous_requested(): go to the previous match (Shift+Enter, Shift+F3).
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
        self.field.returnPressed.connect(self.next_requested)
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

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self._on_close()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.previous_requested.emit()
            return
        super().keyPressEvent(event)

    @Slot()
    def _on_close(self) -> None:
        self.hide()
        self.closed.emit()
