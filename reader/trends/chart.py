"""``TrendChart``: each query's documents per year as lines or bars, with a legend.

A pyqtgraph plot (imported when the Trends window first opens, not at start-up). The years
run newest first, left to right, as the navigator lists them; a year without documents
leaves a gap in a chart of shares. Hovering shows the year's values for every query;
clicking a point (or a bar) asks for that query's documents of that year. The colours
follow the window's palette, light or dark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QCursor, QPalette
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from archive.trends import Trend
from reader.trends.series_colours import is_dark, series_colour

BAR_GROUP_WIDTH = 0.8  # of a year's slot, shared by the queries' bars
# How near (in pixels) a click must be to a point of a line to choose its query.
CLICK_REACH = 24
LEGEND_ROOM = 1.25  # the highest value at 80% of the height: the legend fits above it
YEAR_MARGIN = 0.7  # of a year's slot beyond the newest and the oldest


class ChartValues(Enum):
    """What the chart's height shows."""

    DOCUMENTS = "documents"
    SHARE = "share"


class ChartStyle(Enum):
    LINES = "lines"
    BARS = "bars"


@dataclass(frozen=True)
class ChartSeries:
    """One query's values as charted: ``None`` where a year holds no documents."""

    query: str
    years: list[int]
    values: list[float | None]


class _YearAxis(pg.AxisItem):
    """Years as whole numbers ("2024", not "2,024.0"); nothing between them."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [str(round(value)) if float(value).is_integer() else "" for value in values]

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:  # noqa: N802, N803
        ticks = super().tickValues(minVal, maxVal, size)
        return [(max(spacing, 1.0), values) for spacing, values in ticks if spacing >= 1]


class TrendChart(QWidget):
    """The chart of a :class:`~archive.trends.Trend`.

    Signals:
        year_clicked(int, int): a query (its place in the trend) and a year were clicked.
    """

    year_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trend: Trend | None = None
        self.values = ChartValues.DOCUMENTS
        self.style_ = ChartStyle.LINES
        self.plot_widget = pg.PlotWidget(self, axisItems={"bottom": _YearAxis("bottom")})
        self.plot_widget.setAccessibleName("Documents matching per year")
        self.plot_widget.setMenuEnabled(False)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.invertX(True)  # newest on the left, as the navigator lists years
        self.plot.showGrid(y=True, alpha=0.15)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self._hover_line = pg.InfiniteLine(angle=90, movable=False)
        self._hover_line.hide()
        self.plot.addItem(self._hover_line, ignoreBounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        scene = self.plot_widget.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self._apply_palette()

    # -- what is charted -------------------------------------------------------------------

    def set_trend(self, trend: Trend | None) -> None:
        """Chart a trend (``None``: nothing)."""
        self._trend = trend
        self._redraw()

    def set_values(self, values: ChartValues) -> None:
        self.values = values
        self._redraw()

    def set_style(self, style: ChartStyle) -> None:
        self.style_ = style
        self._redraw()

    def series(self) -> list[ChartSeries]:
        """Each query's charted values, years newest first."""
        trend = self._trend
        if trend is None:
            return []
        years = trend.years
        charted = []
        for query in trend.queries:
            values: list[float | None] = []
            for year in years:
                if self.values is ChartValues.DOCUMENTS:
                    values.append(float(query.matches_in(year)))
                else:
                    share = trend.share(query, year)
                    values.append(None if share is None else 100 * share)
            charted.append(ChartSeries(query.query, years, values))
        return charted

    def point_position(self, query_index: int, year: int) -> QPointF:
        """Where a query's point (or bar top) of ``year`` is, in the plot widget's pixels."""
        value = self._value(query_index, year) or 0.0
        scene = self.plot.vb.mapViewToScene(QPointF(self._x_of(query_index, year), value))
        return QPointF(self.plot_widget.mapFromScene(scene))

    def _value(self, query_index: int, year: int) -> float | None:
        found = self.series()[query_index]
        return found.values[found.years.index(year)]

    def _x_of(self, query_index: int, year: int) -> float:
        """A year's x, or for bars the centre of the query's bar in it."""
        if self.style_ is ChartStyle.LINES or self._trend is None:
            return float(year)
        count = len(self._trend.queries)
        width = BAR_GROUP_WIDTH / count
        # Inverted axis: the first query's bar is the leftmost, at the higher x.
        return year + BAR_GROUP_WIDTH / 2 - width / 2 - query_index * width

    def _redraw(self) -> None:
        self.plot.clear()  # also empties the legend
        self.plot.addItem(self._hover_line, ignoreBounds=True)
        self._hover_line.hide()
        unit = "documents" if self.values is ChartValues.DOCUMENTS else "% of the year's documents"
        self.plot.setLabel("left", unit.capitalize())
        charted = self.series()
        for index, series in enumerate(charted):
            colour = self._colour(index)
            if self.style_ is ChartStyle.LINES:
                self._add_line(series, colour)
            else:
                self._add_bars(index, series, colour)
        self._frame(charted)

    def _frame(self, charted: list[ChartSeries]) -> None:
        """From 0 (heights are counts) to above the highest value, with room for the legend."""
        self.plot.disableAutoRange()
        values = [value for series in charted for value in series.values if value is not None]
        years = charted[0].years if charted else []
        self.plot.setYRange(0, max(values, default=0) * LEGEND_ROOM or 1, padding=0)
        if years:
            self.plot.setXRange(min(years) - YEAR_MARGIN, max(years) + YEAR_MARGIN, padding=0)

    def _add_line(self, series: ChartSeries, colour: QColor) -> None:
        values = [math.nan if value is None else value for value in series.values]
        self.plot.plot(
            series.years,
            values,
            name=series.query,
            pen=pg.mkPen(colour, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=colour,
            symbolPen=pg.mkPen(colour),
            connect="finite",
        )

    def _add_bars(self, index: int, series: ChartSeries, colour: QColor) -> None:
        assert self._trend is not None
        width = BAR_GROUP_WIDTH / len(self._trend.queries)
        bars = pg.BarGraphItem(
            x=[self._x_of(index, year) for year in series.years],
            height=[value or 0.0 for value in series.values],
            width=width,
            brush=colour,
            pen=pg.mkPen(colour),
            name=series.query,
        )
        self.plot.addItem(bars)

    def _colour(self, index: int) -> QColor:
        return series_colour(index, dark=is_dark(self.palette()))

    # -- hover and click -------------------------------------------------------------------

    def year_at(self, widget_position: QPointF) -> int | None:
        """The year under a point of the plot widget, if it is one charted."""
        if self._trend is None:
            return None
        scene = self.plot_widget.mapToScene(widget_position.toPoint())
        if not self.plot.vb.sceneBoundingRect().contains(scene):
            return None
        year = round(self.plot.vb.mapSceneToView(scene).x())
        return year if year in self._trend.years else None

    def tool_tip_for(self, year: int) -> str:
        """What hovering over ``year`` says: each query's documents and share."""
        trend = self._trend
        if trend is None:
            return ""
        documents = trend.documents_in(year)
        lines = [f"{year}: {documents:,} document{'s' if documents != 1 else ''}"]
        for query in trend.queries:
            share = trend.share(query, year)
            shown = "" if share is None else f" ({100 * share:.1f}%)"
            lines.append(f"{query.query}: {query.matches_in(year):,}{shown}")
        lines.append("Click a point to list its documents.")
        return "\n".join(lines)

    @Slot(object)
    def _on_mouse_moved(self, scene_position: QPointF) -> None:
        widget_position = QPointF(self.plot_widget.mapFromScene(scene_position))
        year = self.year_at(widget_position)
        if year is None:
            self._hover_line.hide()
            QToolTip.hideText()
            return
        self._hover_line.setValue(year)
        self._hover_line.show()
        QToolTip.showText(QCursor.pos(), self.tool_tip_for(year), self.plot_widget)

    @Slot(object)
    def _on_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        chosen = self.query_at(QPointF(self.plot_widget.mapFromScene(event.scenePos())))
        if chosen is not None:
            self.year_clicked.emit(*chosen)

    def query_at(self, widget_position: QPointF) -> tuple[int, int] | None:
        """The query and year of the point or bar nearest ``widget_position``, if near."""
        year = self.year_at(widget_position)
        if year is None or self._trend is None:
            return None
        best: tuple[float, int] | None = None
        for index in range(len(self._trend.queries)):
            point = self.point_position(index, year)
            if self.style_ is ChartStyle.BARS:
                distance = abs(point.x() - widget_position.x())
            else:
                distance = math.hypot(
                    point.x() - widget_position.x(), point.y() - widget_position.y()
                )
            if best is None or distance < best[0]:
                best = (distance, index)
        if best is None or (self.style_ is ChartStyle.LINES and best[0] > CLICK_REACH):
            return None
        return best[1], year

    # -- palette ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._redraw()

    def _apply_palette(self) -> None:
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.Text)
        self.plot_widget.setBackground(palette.color(QPalette.ColorRole.Base))
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(ink))
            axis.setTextPen(pg.mkPen(ink))
        self.legend.setLabelTextColor(ink)
        backdrop = QColor(palette.color(QPalette.ColorRole.Base))
        backdrop.setAlpha(220)
        self.legend.setBrush(pg.mkBrush(backdrop))
        faint = QColor(ink)
        faint.setAlpha(90)
        self.legend.setPen(pg.mkPen(faint))
        self._hover_line.setPen(pg.mkPen(faint, style=Qt.PenStyle.DashLine))
