"""The chart of matches per year: readable from 1 to 60 years, newest first, then Undated."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from reader.search.year_chart import UNDATED, UNDATED_LABEL, YearHitsChart

NEWEST = 2024


def chart_of(qtbot: QtBot, years: int, width: int, undated: int = 3) -> YearHitsChart:
    chart = YearHitsChart()
    qtbot.add_widget(chart)
    chart.resize(width, chart.sizeHint().height())
    chart.set_counts({str(NEWEST - n): 1 + (n * 7) % 13 for n in range(years)}, undated=undated)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


@pytest.mark.parametrize("width", [320, 800])
@pytest.mark.parametrize("years", [1, 8, 25, 60])
def test_labels_never_overlap_and_stay_under_the_bars(qtbot: QtBot, years: int, width: int) -> None:
    chart = chart_of(qtbot, years, width)
    labels = chart.label_rects()
    bars = chart.bar_rects()
    assert len(bars) == years + 1  # every year has matches here, and the undated bar
    for (_, one), (_, other) in itertools.combinations(labels, 2):
        assert not one.intersects(other), (one, other)
    lowest_bar = max(rect.bottom() for rect in bars.values())
    for text, rect in labels:
        assert rect.top() > lowest_bar, text
        assert chart.rect().contains(rect), text
        # The text fits its rectangle in the chart's font.
        assert chart.fontMetrics().horizontalAdvance(text) <= rect.width(), text
    for one, other in itertools.combinations(bars.values(), 2):
        assert not one.intersects(other)

    texts = [text for text, _ in labels]
    assert texts[-1] == UNDATED_LABEL
    shown_years = [int(text) for text in texts[:-1]]
    assert shown_years == sorted(shown_years, reverse=True)  # newest first
    assert str(NEWEST) in texts or len(shown_years) >= 2
    assert len(shown_years) >= min(years, 2)
    step = chart.label_step()
    if years > 2 and step > 1:
        assert step in (2, 5, 10, 20)  # round years
        assert all(year % step == 0 for year in shown_years) or len(shown_years) <= 2
    if years == 8 and width == 800:
        assert len(shown_years) == 8  # room for every year


def test_the_chosen_year_is_always_labelled(qtbot: QtBot) -> None:
    chart = chart_of(qtbot, 60, 320)
    assert "1987" not in [text for text, _ in chart.label_rects()]
    x = chart.bar_centre(1987)
    with qtbot.waitSignal(chart.year_clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))
    assert clicked.args == [1987]
    labels = chart.label_rects()
    assert "1987" in [text for text, _ in labels]
    for (_, one), (_, other) in itertools.combinations(labels, 2):
        assert not one.intersects(other)


def test_the_undated_bar_comes_last_and_filters(qtbot: QtBot) -> None:
    chart = chart_of(qtbot, 25, 320, undated=4)
    bars = chart.bar_rects()
    assert max(rect.right() for key, rect in bars.items() if key != UNDATED) < bars[UNDATED].left()
    x = chart.bar_centre(UNDATED)
    with qtbot.waitSignal(chart.year_clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))
    assert clicked.args == [UNDATED]
    assert chart.selected_year == UNDATED
    with qtbot.waitSignal(chart.year_clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))
    assert clicked.args == [None]


def test_no_undated_bar_without_undated_matches(qtbot: QtBot) -> None:
    chart = chart_of(qtbot, 8, 320, undated=0)
    assert UNDATED not in chart.bar_rects()
    assert UNDATED_LABEL not in [text for text, _ in chart.label_rects()]


def test_only_undated_matches_still_chart(qtbot: QtBot) -> None:
    chart = chart_of(qtbot, 0, 320, undated=5)
    assert list(chart.bar_rects()) == [UNDATED]


def hover(qtbot: QtBot, chart: YearHitsChart, x: int) -> str:
    position = QPoint(x, chart.height() // 2)
    event = QHelpEvent(QEvent.Type.ToolTip, position, chart.mapToGlobal(position))
    QApplication.sendEvent(chart, event)
    qtbot.waitUntil(QToolTip.isVisible)
    return QToolTip.text()


def test_hovering_a_bar_says_its_year_and_matches(qtbot: QtBot) -> None:
    chart = YearHitsChart()
    qtbot.add_widget(chart)
    chart.resize(400, chart.sizeHint().height())
    chart.set_counts({"1987": 12, "1990": 1}, undated=2)
    chart.show()
    qtbot.waitExposed(chart)
    assert hover(qtbot, chart, chart.bar_centre(1987)).startswith("1987: 12 matches")
    assert hover(qtbot, chart, chart.bar_centre(1990)).startswith("1990: 1 match\n")
    assert hover(qtbot, chart, chart.bar_centre(UNDATED)).startswith("Undated: 2 matches")
    # A year between, without matches, has its slot on the time line but nothing to click.
    between = next(slot for slot in chart.slots() if slot.key == 1988)
    assert hover(qtbot, chart, between.centre) == "1988: no matches"
    QToolTip.hideText()
