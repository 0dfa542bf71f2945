"""The window on an archive whose search index is gone: it opens at once and rebuilds aside."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from archive.api import Archive
from archive.search import IndexedDocument, SearchIndex
from reader.app import create_window
from reader.search.controller import INDEX_REBUILDING_NOTICE
from reader.settings import Settings
from tests.reader.conftest import (
    OFFSCREEN_RAISE,
    OFFSCREEN_SIZE_HINTS,
    TASK_TIMEOUT_MS,
    close_window,
    open_window,
    type_search,
)

pytestmark = pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_SIZE_HINTS), re.escape(OFFSCREEN_RAISE))

HANG_GUARD_S = 60  # only a hang trips it


def test_a_window_on_a_deleted_index_rebuilds_it_in_the_background(
    qtbot: QtBot, tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    with Archive(data) as archive:
        archive.import_paths([seeds_dir])
        expected = archive.search("Azerbaijan").total
    shutil.rmtree(data / "index")

    # The rebuild waits, on its worker thread, until the test has looked at the window.
    release = threading.Event()
    rebuild_started = threading.Event()
    replace_all = SearchIndex.replace_all

    def held_back(
        index: SearchIndex,
        docs: Iterable[IndexedDocument],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        rebuild_started.set()
        release.wait(HANG_GUARD_S)
        return replace_all(index, docs, progress)

    monkeypatch.setattr(SearchIndex, "replace_all", held_back)
    try:
        # Returns while the rebuild is held back: the window does not wait for it.
        window = create_window(data, Settings.in_file(tmp_path / "settings.ini"))
        qtbot.add_widget(window, before_close_func=partial(close_window, qtbot))
        window.show()
        qtbot.waitUntil(rebuild_started.is_set, timeout=TASK_TIMEOUT_MS)
        qtbot.waitUntil(
            lambda: (
                window.index_label.text()
                == f"Rebuilding the search index: 0 of {expected} documents…"
            ),
            timeout=TASK_TIMEOUT_MS,
        )

        # The window answers meanwhile: a search says why it has no results yet.
        qtbot.keyClicks(window.search_field, "Azerbaijan")
        qtbot.waitUntil(
            lambda: window.search_panel.status.text() == INDEX_REBUILDING_NOTICE,
            timeout=TASK_TIMEOUT_MS,
        )
        assert window.search_panel.model.rowCount() == 0

        # Once rebuilt, the search runs again by itself.
        with qtbot.waitSignal(
            window.search_finished,
            timeout=TASK_TIMEOUT_MS,
            check_params_cb=lambda results: results.query == "Azerbaijan",
        ) as finished:
            release.set()
    finally:
        release.set()
    assert finished.args[0].total == expected
    assert window.search_panel.model.rowCount() == expected
    assert window.statusBar().currentMessage() == f"Search index rebuilt: {expected} documents."
    assert window.index_label.text() == "Index up to date"


def test_rebuilding_the_index_by_hand_reports_when_it_is_done(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "data", Settings.in_file(tmp_path / "settings.ini"))
    with qtbot.waitSignal(window.service.index_rebuilt, timeout=TASK_TIMEOUT_MS):
        window.rebuild_index()
    assert window.statusBar().currentMessage() == "Search index rebuilt: 5 documents."
    assert window.index_label.text() == "Index up to date"
    assert type_search(qtbot, window, "Azerbaijan").total == 5
