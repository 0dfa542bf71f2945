"""``YearHitsChart``: a bar per year with matches; clicking a bar filters the results."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

CHART_HEIGHT = 72
LABEL_HEIGHT = 14


class YearHitsChart(QWidget):
    """Matches per year as bars, oldest on the left.

    Signals:
        year_clicked(object): a year (int) was clicked, or ``None`` to clear the filter
            (clicking the selected year again).
    """

    year_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: list[tuple[int, int]] = []
        self._selected: int | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Matches per year")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, CHART_HEIGHT)

    def set_counts(self, years: dict[str, int]) -> None:
        self._counts = sorted((int(year), count) for year, count in years.items())
        if self._selected is not None and self._selected not in dict(self._counts):
            self._selected = None
        self.setToolTip(
            "\n".join(f"{year}: {count}" for year, count in self._counts)
            + ("\nClick a year to show only its results." if self._counts else "")
        )
        self.update()

    def counts(self) -> dict[int, int]:
        return dict(self._counts)

    @property
    def selected_year(self) -> int | None:
        return self._selected

    def set_selected_year(self, year: int | None) -> None:
        self._selected = year
        self.update()

    def _bars(self) -> list[tuple[int, QRect]]:
        if not self._counts:
            return []
        width = self.width()
        slot = width / len(self._counts)
        top = 4
        usable = self.height() - LABEL_HEIGHT - top
        largest = max(count for _, count in self._counts) or 1
        bars = []
        for number, (year, count) in enumerate(self._counts):
            height = max(2, round(usable * count / largest))
            left = round(number * slot + slot * 0.15)
            bar_width = max(2, round(slot * 0.7))
            bars.append((year, QRect(left, top + usable - height, bar_width, height)))
        return bars

    def year_at(self, x: int) -> int | None:
        if not self._counts:
            return None
        slot = self.width() / len(self._counts)
        number = int(x // slot)
        if 0 <= number < len(self._counts):
            return self._counts[number][0]
        return None

    def bar_centre(self, year: int) -> int:
        """The x coordinate of a year's bar (for tests and accessibility)."""
        for bar_year, rect in self._bars():
            if bar_year == year:
                return rect.center().x()
        raise KeyError(year)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        year = self.year_at(round(event.position().x()))
        if year is None:
            return
        self._selected = None if year == self._selected else year
        self.update()
        self.year_clicked.emit(self._selected)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        if not self._counts:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No matches to chart")
            painter.end()
            return
        bars = self._bars()
        label_every = max(1, len(bars) // 8)
        for number, (year, rect) in enumerate(bars):
            dimmed = self._selected is not None and year != self._selected
            colour = palette.highlight().color()
            if dimmed:
                colour = palette.mid().color()
            painter.fillRect(rect, colour)
            if number % label_every == 0 or year == self._selected:
                painter.setPen(palette.text().color())
                label = QRect(
                    rect.center().x() - 20, self.height() - LABEL_HEIGHT, 40, LABEL_HEIGHT
                )
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(year))
        painter.end()
