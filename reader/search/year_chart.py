"""``YearHitsChart``: a bar per year with matches, and one for the undated; clicking filters.

The years run newest first, left to right, as the navigator lists them, one slot a year
from the newest year with matches to the oldest (a year without matches keeps its empty
slot, so the bars stand on a time line). The undated matches get a bar of their own after
a gap, labelled "Undated". A label is as wide as a year in the widget's font; when every
year's label does not fit, only every Nth year is labelled, N being the first of 2, 5, 10,
20, 50... that leaves room (so the labels fall on round years: 2020, 2010, 2000).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: The key of the undated matches' bar; years are keyed by their number.
UNDATED: Final = "undated"
UNDATED_LABEL = "Undated"
ChartKey = int | str

CHART_HEIGHT = 72
MARGIN = 2  # left and right of the bars
BARS_TOP = 4
LABEL_GAP = 2  # between the bars' baseline and the labels
LABEL_SPACING = 6  # at least this much between two labels
UNDATED_GAP = 12  # between the oldest year and the undated bar
BAR_SHARE = 0.7  # of its slot a bar fills
WIDEST_SLOT = 2.5  # label widths: a few years in a wide chart keep slim bars, on the left
LABEL_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
DIMMED_ALPHA = 90  # of a bar not of the year chosen


@dataclass(frozen=True)
class ChartSlot:
    """One year's (or the undated matches') place in the chart."""

    key: ChartKey
    count: int
    left: float
    width: float

    @property
    def centre(self) -> int:
        return round(self.left + self.width / 2)


class YearHitsChart(QWidget):
    """Matches per year as bars, newest on the left, then the undated ones.

    Signals:
        year_clicked(object): a year (int) or :data:`UNDATED` was clicked, or ``None`` to
            clear the filter (clicking the chosen bar again).
    """

    year_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[int, int] = {}
        self._undated = 0
        self._selected: ChartKey | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Matches per year")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, max(CHART_HEIGHT, 4 * self.fontMetrics().height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(80, self.sizeHint().height())

    # -- what is charted -------------------------------------------------------------------

    def set_counts(self, years: dict[str, int], undated: int = 0) -> None:
        """Chart the matches per year (keys are years as text) and the undated matches."""
        self._counts = {int(year): count for year, count in years.items() if count}
        self._undated = undated
        if self._selected is not None and self._selected not in self._keys_with_matches():
            self._selected = None
        described = [f"{year}: {_matches(count)}" for year, count in self._newest_first()]
        if undated:
            described.append(f"{UNDATED_LABEL}: {_matches(undated)}")
        self.setAccessibleDescription("; ".join(described))
        self.update()

    def counts(self) -> dict[int, int]:
        """Matches per year charted (the undated ones apart: :meth:`undated_count`)."""
        return dict(self._counts)

    def undated_count(self) -> int:
        return self._undated

    @property
    def selected_year(self) -> ChartKey | None:
        """The year (or :data:`UNDATED`) whose results are shown, ``None`` for all."""
        return self._selected

    def set_selected_year(self, year: ChartKey | None) -> None:
        self._selected = year
        self.update()

    def _keys_with_matches(self) -> set[ChartKey]:
        keys: set[ChartKey] = set(self._counts)
        if self._undated:
            keys.add(UNDATED)
        return keys

    def _newest_first(self) -> list[tuple[int, int]]:
        return sorted(self._counts.items(), reverse=True)

    # -- geometry --------------------------------------------------------------------------

    def slots(self) -> list[ChartSlot]:
        """Every year from the newest to the oldest with matches, then the undated bar."""
        width = self.width() - 2 * MARGIN
        undated_width = self._undated_width() if self._undated else 0
        slots: list[ChartSlot] = []
        if self._counts:
            newest, oldest = max(self._counts), min(self._counts)
            years_width = width - (undated_width + UNDATED_GAP if self._undated else 0)
            slot = max(1.0, years_width / (newest - oldest + 1))
            slot = min(slot, WIDEST_SLOT * self._label_width())
            for number, year in enumerate(range(newest, oldest - 1, -1)):
                slots.append(
                    ChartSlot(year, self._counts.get(year, 0), MARGIN + number * slot, slot)
                )
        if self._undated:
            left = MARGIN
            if slots:
                left = round(slots[-1].left + slots[-1].width) + UNDATED_GAP
            slots.append(ChartSlot(UNDATED, self._undated, left, undated_width))
        return slots

    def _undated_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(UNDATED_LABEL) + LABEL_SPACING

    def _label_height(self) -> int:
        return self.fontMetrics().height()

    def bar_rects(self) -> dict[ChartKey, QRect]:
        """Each bar drawn, by year (or :data:`UNDATED`); years without matches have none."""
        slots = self.slots()
        if not slots:
            return {}
        top = BARS_TOP
        usable = max(2, self.height() - self._label_height() - LABEL_GAP - top)
        largest = max(slot.count for slot in slots) or 1
        year_slot = slots[0].width if slots[0].key != UNDATED else slots[0].width / 3
        bar_width = max(1, math.floor(year_slot * BAR_SHARE))
        rects: dict[ChartKey, QRect] = {}
        for slot in slots:
            if not slot.count:
                continue
            height = max(2, round(usable * slot.count / largest))
            width = bar_width if slot.key != UNDATED else max(bar_width, 6)
            width = min(width, max(1, math.floor(slot.width)))
            left = round(slot.left + (slot.width - width) / 2)
            rects[slot.key] = QRect(left, top + usable - height, width, height)
        return rects

    def label_step(self) -> int:
        """Label every this many years: the smallest step that leaves room for the labels."""
        slots = [slot for slot in self.slots() if slot.key != UNDATED]
        if not slots:
            return 1
        needed = self._label_width() + LABEL_SPACING
        for step in LABEL_STEPS:
            if step * slots[0].width >= needed:
                return step
        return LABEL_STEPS[-1]

    def _label_width(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)  # the chosen year's label is bold
        return QFontMetrics(bold).horizontalAdvance("8888")

    def label_rects(self) -> list[tuple[str, QRect]]:
        """The labels drawn and where, left to right: round years, the chosen one, Undated.

        No two overlap, and all lie under the bars (never over one).
        """
        slots = self.slots()
        years = [slot for slot in slots if slot.key != UNDATED]
        step = self.label_step()
        wanted = [slot for slot in years if isinstance(slot.key, int) and slot.key % step == 0]
        if len(wanted) < 2 and years:  # a short span between round years: its ends too
            ends = [slot for slot in dict.fromkeys((years[0], years[-1])) if slot not in wanted]
            wanted = sorted([*wanted, *ends], key=lambda slot: slot.left)
        placed: list[tuple[str, QRect]] = []
        right_edge = self.width() - MARGIN  # of the year labels
        undated = next((slot for slot in slots if slot.key == UNDATED), None)
        if undated is not None:
            top = self.height() - self._label_height()
            width = round(undated.width)
            placed.append(
                (UNDATED_LABEL, QRect(round(undated.left), top, width, self._label_height()))
            )
            right_edge = round(undated.left) - LABEL_SPACING - 1
        chosen = next((s for s in years if s.key == self._selected), None)
        if chosen is not None:
            placed.append((str(chosen.key), self._year_label_rect(chosen, right_edge)))
        for slot in wanted:
            if slot is chosen:
                continue
            rect = self._year_label_rect(slot, right_edge)
            if all(not _too_close(rect, other) for _, other in placed):
                placed.append((str(slot.key), rect))
        return sorted(placed, key=lambda label: label[1].left())

    def _year_label_rect(self, slot: ChartSlot, right_edge: int) -> QRect:
        width = self._label_width()
        left = slot.centre - width // 2
        left = max(MARGIN, min(left, right_edge - width))
        return QRect(left, self.height() - self._label_height(), width, self._label_height())

    def key_at(self, x: int) -> ChartKey | None:
        """The year (or :data:`UNDATED`) under ``x``; ``None`` off the bars' slots."""
        for slot in self.slots():
            if slot.left <= x < slot.left + slot.width:
                return slot.key
        return None

    def year_at(self, x: int) -> ChartKey | None:
        """The year (or :data:`UNDATED`) with matches under ``x``, else ``None``."""
        key = self.key_at(x)
        return key if key in self._keys_with_matches() else None

    def bar_centre(self, year: ChartKey) -> int:
        """The x coordinate of a year's bar (for tests and accessibility)."""
        rect = self.bar_rects().get(year)
        if rect is None:
            raise KeyError(year)
        return rect.center().x()

    def tool_tip_at(self, x: int) -> str:
        """What hovering at ``x`` says, e.g. "1987: 12 matches"; "" off the slots."""
        key = self.key_at(x)
        if key is None:
            return ""
        if key == UNDATED:
            text = f"{UNDATED_LABEL}: {_matches(self._undated)}"
        else:
            text = f"{key}: {_matches(self._counts.get(int(key), 0))}"
        if key == self._selected:
            return text + "\nClick again to show every year's results."
        if key in self._keys_with_matches():
            return text + "\nClick to show only these results."
        return text

    # -- events ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tool_tip_at(event.pos().x())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

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
        ink = palette.windowText().color()
        if not self._counts and not self._undated:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No matches to chart")
            painter.end()
            return
        faint = QColor(ink)
        faint.setAlpha(70)
        baseline = self.height() - self._label_height() - LABEL_GAP
        painter.setPen(faint)
        slots = self.slots()
        right = round(slots[-1].left + slots[-1].width)
        painter.drawLine(QPoint(MARGIN, baseline), QPoint(right, baseline))
        bar_colour = palette.highlight().color()
        dimmed = QColor(bar_colour)
        dimmed.setAlpha(DIMMED_ALPHA)
        for key, rect in self.bar_rects().items():
            chosen = self._selected is None or key == self._selected
            painter.fillRect(rect, bar_colour if chosen else dimmed)
        undated = next((slot for slot in slots if slot.key == UNDATED), None)
        if undated is not None and self._counts:
            x = round(undated.left - UNDATED_GAP / 2)
            painter.setPen(faint)
            painter.drawLine(QPoint(x, BARS_TOP), QPoint(x, self.height()))
        bold = QFont(self.font())
        bold.setBold(True)
        for text, rect in self.label_rects():
            selected = text == str(self._selected) or (
                text == UNDATED_LABEL and self._selected == UNDATED
            )
            painter.setFont(bold if selected else self.font())
            painter.setPen(ink)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


def _matches(count: int) -> str:
    if count == 0:
        return "no matches"
    return f"{count} match{'es' if count != 1 else ''}"


def _too_close(rect: QRect, other: QRect) -> bool:
    return (
        rect.left() < other.right() + LABEL_SPACING and other.left() < rect.right() + LABEL_SPACING
    )
