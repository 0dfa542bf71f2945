"""The highlight colours as the window draws them, by the core's colour names."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap

from archive.annotations.model import COLORS, DEFAULT_COLOR

# Light enough for black text on top, and none of them the search hits' strong yellow.
_VALUES = {
    "yellow": "#fff59d",
    "green": "#c5e1a5",
    "blue": "#b3e5fc",
    "pink": "#f8bbd0",
    "purple": "#d1c4e9",
}

__all__ = ["COLORS", "DEFAULT_COLOR", "colour_of", "swatch"]


def colour_of(name: str) -> QColor:
    """The colour a highlight of colour ``name`` is drawn in (yellow if unknown)."""
    return QColor(_VALUES.get(name, _VALUES[DEFAULT_COLOR]))


def swatch(name: str, size: int = 12) -> QIcon:
    """A small square of the colour, for menus, combos and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(colour_of(name))
    return QIcon(pixmap)
