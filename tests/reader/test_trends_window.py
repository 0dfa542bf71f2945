"""View › Trends and View › Keyword in Context, driven in the window on a small archive."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from archive.api import Archive
from archive.kwic import KwicCancelledError, KwicSample
from archive.trends import MAX_QUERIES, trend_csv
from reader.mainwindow import MainWindow
from reader.search.year_chart import UNDATED
from reader.settings import Settings
from reader.trends.chart import ChartStyle, ChartValues
from reader.trends.kwic_model import DATE, HIT, LEFT, RIGHT, DocumentIdRole
from reader.trends.kwic_window import KwicWindow
from reader.trends.trends_window import TrendsWindow
from tests.reader.conftest import TASK_TIMEOUT_MS, open_window, type_search, wait_idle
from tests.trend_archive import PIPELINE_OCCURRENCES, build_trend_archive


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings: Settings) -> MainWindow:
    data = tmp_path / "data"
    build_trend_archive(data, tmp_path / "files")
    return open_window(qtbot, data, settings)


def chart(qtbot: QtBot, window: MainWindow, queries: list[str]) -> TrendsWindow:
    trends = window.trends.show_trends()
    trends.query_fields.set_queries(queries)
    with qtbot.waitSignal(trends.trend_shown, timeout=TASK_TIMEOUT_MS):
        qtbot.keyClick(trends.query_fields.fields[0], Qt.Key.Key_Return)
    return trends


def show_lines(qtbot: QtBot, window: MainWindow, query: str) -> KwicWindow:
    kwic = window.trends.show_kwic()
    kwic.query_field.setText(query)
    with qtbot.waitSignal(kwic.lines_shown, timeout=TASK_TIMEOUT_MS):
        qtbot.keyClick(kwic.query_field, Qt.Key.Key_Return)
    return kwic


def test_the_chart_holds_each_query_s_documents_and_share_per_year(
    qtbot: QtBot, window: MainWindow
) -> None:
    trends = chart(qtbot, window, ["pipeline", "agreement"])
    pipeline, agreement = trends.chart.series()
    assert pipeline.query == "pipeline"
    assert pipeline.years == [2021, 2020, 2019]  # the navigator's order
    assert pipeline.values == [1.0, 2.0, 0.0]
    assert agreement.values == [1.0, 1.0, 0.0]
    trends.values_box.setCurrentIndex(trends.values_box.findData(ChartValues.SHARE.value))
    pipeline, agreement = trends.chart.series()
    assert pipeline.values == [50.0, 50.0, 0.0]  # 1 of 2, 2 of 4, none of 1
    assert agreement.values == [50.0, 25.0, 0.0]
    # The undated ones apart, never dropped.
    label = trends.undated_label.text()
    assert "Undated documents (2 in the archive)" in label
    assert 'pipeline: <a href="undated:0">1</a>' in label
    assert "agreement: 0" in label
    tip = trends.chart.tool_tip_for(2020)
    assert tip.splitlines()[:3] == [
        "2020: 4 documents",
        "pipeline: 2 (50.0%)",
        "agreement: 1 (25.0%)",
    ]


def test_clicking_a_point_lists_that_year_s_documents_in_search_results(
    qtbot: QtBot, window: MainWindow
) -> None:
    trends = chart(qtbot, window, ["agreement", "pipeline"])
    point = trends.chart.point_position(1, 2020).toPoint()
    with qtbot.waitSignal(
        window.search_finished,
        timeout=TASK_TIMEOUT_MS,
        check_params_cb=lambda results: results.total == 2,
    ) as blocker:
        qtbot.mouseClick(trends.chart.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=point)
    results = blocker.args[0]
    assert results.query == "pipeline"
    assert window.search_field.text() == "pipeline"
    assert window.search_panel.chart.selected_year == 2020
    assert {hit.year for hit in results.hits} == {2020}

    with qtbot.waitSignal(
        window.search_finished,
        timeout=TASK_TIMEOUT_MS,
        check_params_cb=lambda results: results.total == 1,
    ):
        trends.undated_label.linkActivated.emit("undated:1")
    selected: object = window.search_panel.chart.selected_year  # not the 2020 of above
    assert selected == UNDATED


def test_bars_hover_and_the_query_fields(qtbot: QtBot, window: MainWindow) -> None:
    trends = chart(qtbot, window, ["pipeline", "agreement"])
    trends.style_box.setCurrentIndex(trends.style_box.findData(ChartStyle.BARS.value))
    bar = trends.chart.point_position(1, 2021)
    assert trends.chart.query_at(bar) == (1, 2021)
    assert trends.chart.query_at(trends.chart.point_position(0, 2021)) == (0, 2021)
    for _ in range(MAX_QUERIES):
        trends.query_fields.add_button.click()
    assert len(trends.query_fields.fields) == MAX_QUERIES
    assert not trends.query_fields.add_button.isEnabled()
    trends.query_fields.fields[-1].setText("pipeline AND")
    qtbot.keyClick(trends.query_fields.fields[-1], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "In the query “pipeline AND”" in trends.status.text())
    # No old chart under the message about new queries, and nothing to export.
    assert trends.chart.series() == []
    assert trends.trend is None
    assert not trends.png_button.isEnabled()
    assert not trends.csv_button.isEnabled()
    assert trends.undated_label.text() == ""


def test_the_trend_exports_as_png_and_csv(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trends = chart(qtbot, window, ["pipeline"])
    image, table = tmp_path / "chart", tmp_path / "counts.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(image), ""))
    trends.png_button.click()
    assert QImage(str(image.with_suffix(".png"))).width() > 100
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(table), ""))
    trends.csv_button.click()
    qtbot.waitUntil(table.exists, timeout=TASK_TIMEOUT_MS)
    assert trends.trend is not None
    assert table.read_bytes().decode("utf-8") == trend_csv(trends.trend)
    wait_idle(qtbot, window)


def test_kwic_lists_every_occurrence_sorted_and_filtered(
    qtbot: QtBot, window: MainWindow, qtmodeltester, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kwic = show_lines(qtbot, window, "pipeline")
    qtmodeltester.check(kwic.model)
    assert kwic.proxy.rowCount() == PIPELINE_OCCURRENCES
    assert "6 occurrences of “pipeline” in 4 documents" in kwic.status.text()

    def column(number: int) -> list[str]:
        return [kwic.proxy.index(row, number).data() for row in range(kwic.proxy.rowCount())]

    assert column(0)[0] == "2021-02-02"  # newest first
    assert column(0)[-1] == "Undated"
    kwic.table.sortByColumn(LEFT, Qt.SortOrder.AscendingOrder)
    assert [text.split()[-1] for text in column(LEFT)][:3] == ["both", "Trans-Caspian", "new"]
    kwic.table.sortByColumn(RIGHT, Qt.SortOrder.AscendingOrder)
    assert column(RIGHT)[0] == " agreement was signed with the neighbours."
    assert column(HIT).count("pipelines") == 1

    kwic.year_box.setCurrentIndex(kwic.year_box.findData(2020))
    assert kwic.proxy.rowCount() == 4
    assert "4 shown" in kwic.status.text()
    kwic.year_box.setCurrentIndex(kwic.year_box.findData(UNDATED))
    assert column(RIGHT) == [" is safe."]

    kwic.year_box.setCurrentIndex(kwic.year_box.findData(2020))
    path = tmp_path / "lines.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(path), ""))
    kwic.csv_button.click()
    qtbot.waitUntil(path.exists, timeout=TASK_TIMEOUT_MS)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == 1 + 4
    assert {row[2] for row in rows[1:]} == {"2020-03-01", "2020-06-15"}
    wait_idle(qtbot, window)


def test_activating_a_line_opens_its_document_at_the_occurrence(
    qtbot: QtBot, window: MainWindow
) -> None:
    kwic = show_lines(qtbot, window, "pipeline")
    row = next(
        row
        for row in range(kwic.proxy.rowCount())
        if kwic.proxy.index(row, HIT).data() == "pipelines"
    )
    index = kwic.proxy.index(row, HIT)
    kwic.table.setCurrentIndex(index)
    kwic.table.activated.emit(index)
    document_id = index.data(DocumentIdRole)
    pane = window.active_pane
    qtbot.waitUntil(
        lambda: (
            pane.document is not None
            and pane.document.id == document_id
            and pane.view.textCursor().selectedText() == "pipelines"
        ),
        timeout=TASK_TIMEOUT_MS,
    )
    # Not the first "pipeline" of the document: the third occurrence, where the line is.
    cursor = pane.view.textCursor()
    assert pane.view.toPlainText()[: cursor.selectionStart()].count("pipeline") == 2


def test_an_empty_query_and_no_occurrence_say_so(qtbot: QtBot, window: MainWindow) -> None:
    kwic = window.trends.show_kwic()
    assert "Type a word" in kwic.status.text()
    kwic = show_lines(qtbot, window, "year:2020")  # documents, but no words to show
    assert kwic.proxy.rowCount() == 0
    assert "No occurrence of “year:2020”" in kwic.status.text()


def test_kwic_shows_the_newest_lines_up_to_its_limit_and_counts_them_all(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kwic = window.trends.show_kwic()
    kwic.line_limit = 4
    resets: list[str] = []
    kwic.model.modelReset.connect(lambda: resets.append("reset"))
    kwic.model.rowsInserted.connect(lambda *_args: resets.append("inserted"))
    kwic = show_lines(qtbot, window, "pipeline")
    assert resets == ["reset"]  # filled at once, whatever the number of lines
    assert kwic.proxy.rowCount() == 4
    dates = [kwic.proxy.index(row, DATE).data() for row in range(4)]
    assert dates == ["2021-02-02", "2020-06-15", "2020-03-01", "2020-03-01"]
    assert kwic.status.text() == (
        "Showing the newest 4 of 6 occurrences of “pipeline” in 4 documents; choose a "
        "year or a phrase to narrow it. Sorting and Export CSV apply to the lines shown."
    )
    # Every year with an occurrence can be chosen, the undated too (none among the four).
    years = [kwic.year_box.itemData(row) for row in range(kwic.year_box.count())]
    assert years == [None, 2021, 2020, UNDATED]

    kwic.table.sortByColumn(LEFT, Qt.SortOrder.AscendingOrder)
    assert kwic.proxy.rowCount() == 4  # the lines shown, sorted
    path = tmp_path / "shown.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(path), ""))
    kwic.csv_button.click()
    qtbot.waitUntil(lambda: "Saved" in kwic.status.text(), timeout=TASK_TIMEOUT_MS)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [row[4].split()[-1] for row in rows[1:]] == ["Trans-Caspian", "new", "The", "The"]
    assert kwic.status.text() == (
        f"Saved the 4 occurrences shown to {path} (of 6; the kwic command lists every one)."
    )

    # The undated line is not among those held: the search is asked for it.
    with qtbot.waitSignal(kwic.lines_shown, timeout=TASK_TIMEOUT_MS):
        kwic.set_year(UNDATED)
    assert [kwic.proxy.index(0, RIGHT).data()] == [" is safe."]
    assert kwic.status.text().startswith("1 occurrence of “pipeline” undated in 1 document.")
    wait_idle(qtbot, window)


class _Recorder:
    """Wraps ``Archive.kwic_newest``: what each query's search ended with."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ended: dict[str, str] = {}
        original = Archive.kwic_newest

        def recorded(archive: Archive, query: str, **options: object) -> KwicSample:
            try:
                sample = original(archive, query, **options)  # type: ignore[arg-type]
            except KwicCancelledError:
                self.ended[query] = "cancelled"
                raise
            self.ended[query] = "found"
            return sample

        monkeypatch.setattr(Archive, "kwic_newest", recorded)


def _hold_the_study_thread(window: MainWindow) -> threading.Event:
    """Keep the study thread busy until the event is set: later requests wait in line."""
    release = threading.Event()
    window.service.study(lambda _archive: release.wait())
    return release


def test_a_new_query_stops_the_one_waiting_or_running(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = _Recorder(monkeypatch)
    kwic = window.trends.show_kwic()
    release = _hold_the_study_thread(window)
    kwic.show_query("agreement")
    kwic.show_query("pipeline")
    with qtbot.waitSignal(kwic.lines_shown, timeout=TASK_TIMEOUT_MS) as shown:
        release.set()
    assert shown.args[0].query == "pipeline"
    wait_idle(qtbot, window)
    assert recorder.ended == {"agreement": "cancelled", "pipeline": "found"}
    assert kwic.proxy.rowCount() == PIPELINE_OCCURRENCES


def test_closing_kwic_stops_its_search(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = _Recorder(monkeypatch)
    kwic = window.trends.show_kwic()
    release = _hold_the_study_thread(window)
    kwic.show_query("pipeline")
    kwic.close()
    release.set()
    wait_idle(qtbot, window)
    assert recorder.ended == {"pipeline": "cancelled"}
    assert kwic.status.text() == "Stopped. Press Enter to find the occurrences again."


def test_a_malformed_query_clears_the_lines_and_their_export(
    qtbot: QtBot, window: MainWindow
) -> None:
    kwic = show_lines(qtbot, window, "pipeline")
    assert kwic.csv_button.isEnabled()
    for malformed in ('"unclosed', "("):
        kwic.query_field.setText(malformed)
        qtbot.keyClick(kwic.query_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Finding" not in kwic.status.text(), timeout=TASK_TIMEOUT_MS)
        assert kwic.proxy.rowCount() == 0
        assert not kwic.csv_button.isEnabled()
        assert kwic.year_box.count() == 1  # "All years" alone
    kwic = show_lines(qtbot, window, "pipeline")
    assert kwic.proxy.rowCount() == PIPELINE_OCCURRENCES
    assert kwic.csv_button.isEnabled()


def test_a_search_does_not_wait_for_a_long_keyword_in_context(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Lines of a common word take seconds to find: searches go on meanwhile."""
    release = _hold_the_study_thread(window)
    try:
        kwic = window.trends.show_kwic()
        kwic.show_query("pipeline")
        assert type_search(qtbot, window, "pipeline").total > 0
        assert kwic.proxy.rowCount() == 0  # still waiting for the study thread
    finally:
        release.set()
    with qtbot.waitSignal(kwic.lines_shown, timeout=TASK_TIMEOUT_MS):
        pass
