"""``ThemedClearButton``: a search field's clear button drawn in the field's own text colour.

The style's clear icon is a fixed dark grey: on a dark palette's base it all but vanishes.
This one is drawn from the palette (a cross in the text colour on a faint disc of it), and
drawn again whenever the palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QLineEdit

# QLineEdit names the action of its clear button so (qlineedit_p.cpp).
CLEAR_ACTION_NAME = "_q_qlineeditclearaction"
ICON_SIZES = (16, 24, 32, 48)
DISC_ALPHA = 40  # the disc behind the cross, faint so the cross stands out


def clear_icon(palette: QPalette) -> QIcon:
    """A cross in a faint disc, in the palette's text colour (placeholder colour disabled)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(_cross(size, palette.text().color()), QIcon.Mode.Normal)
        icon.addPixmap(_cross(size, palette.placeholderText().color()), QIcon.Mode.Disabled)
    return icon


def _cross(size: int, colour: QColor) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QColor(colour)
    disc.setAlpha(DISC_ALPHA)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(disc)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    pen = QPen(colour, max(1.5, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    inset = size * 0.32
    far = size - inset
    painter.drawLine(QPointF(inset, inset), QPointF(far, far))
    painter.drawLine(QPointF(far, inset), QPointF(inset, far))
    painter.end()
    return pixmap


class ThemedClearButton(QObject):
    """Turns on a line edit's clear button and keeps its icon in the field's palette.

    Args:
        field: The line edit; it owns this object.
    """

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self._field = field
        field.setClearButtonEnabled(True)
        field.installEventFilter(self)
        self._paint_icon()

    @property
    def action(self) -> QAction | None:
        """The clear button's action, whose icon is drawn here."""
        return self._field.findChild(QAction, CLEAR_ACTION_NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._field and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._paint_icon()
        return False

    def _paint_icon(self) -> None:
        action = self.action
        if action is not None:
            action.setIcon(clear_icon(self._field.palette()))
