"""The colours of a trend's queries: the same in the chart, its legend and the query fields.

Okabe and Ito's colour-blind-safe set, in an order whose first colours differ most; on a
dark background the blue is the lighter sky blue, which stands out there.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap

_ON_LIGHT = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
_ON_DARK = ("#56B4E9", "#E69F00", "#2FC295", "#E08FC0", "#F0E442")
SWATCH_PIXELS = 12


def is_dark(palette: QPalette) -> bool:
    """Whether text is drawn on a dark background in ``palette``."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def series_colour(index: int, *, dark: bool) -> QColor:
    """The colour of the ``index``-th query (0 to 4), for a light or a dark background."""
    colours = _ON_DARK if dark else _ON_LIGHT
    return QColor(colours[index % len(colours)])


def series_swatch(index: int, *, dark: bool) -> QIcon:
    """A small square of a query's colour, to show beside its field."""
    pixmap = QPixmap(SWATCH_PIXELS, SWATCH_PIXELS)
    pixmap.fill(series_colour(index, dark=dark))
    return QIcon(pixmap)
