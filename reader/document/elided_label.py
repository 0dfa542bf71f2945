"""``ElidedLabel``: a one-line title that shows as much of itself as fits, then "…"."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# However narrow the pane, this much of a title stays readable.
MIN_CHARACTERS = 10


class ElidedLabel(QLabel):
    """Plain text on one line, cut with "…" where it does not fit; never squeezed away.

    ``text()`` is the whole text (and the tool tip its owner gives it); the label asks for
    room for a few characters only and takes whatever width its layout spares.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def visible_text(self) -> str:
        """What the label shows of its text at its present width."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = self.fontMetrics().averageCharWidth() * MIN_CHARACTERS
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        # A long title asks for no more than the minimum: the spare width goes to it anyway
        # (it stretches), and the pane's own size does not grow with its title.
        return self.minimumSizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.visible_text(),
            self.foregroundRole(),
        )
