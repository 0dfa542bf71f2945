"""The map between a document's stored text and the text its pane shows, on the seeds."""

from __future__ import annotations

import random
import re
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from archive.api import Archive
from reader.annotations import controller as controller_module
from reader.annotations.text_map import TextMap
from reader.document.page import PageColours, render_page
from reader.document.positions import Utf16Positions
from reader.document.reading_view import ReadingView
from reader.mainwindow import MainWindow
from tests.conftest import seed_path
from tests.reader.conftest import open_year

COLOURS = PageColours(text="#000000", base="#ffffff", muted="#777777", link="#0000ee")
SEEDS = ["000", "001", "002", "003", "004"]


def shown_text(qtbot: QtBot, archive: Archive, prefix: str) -> tuple[str, str]:
    (result,) = archive.import_paths([seed_path(prefix)])
    assert result.id is not None
    document = archive.document(result.id)
    view = ReadingView()
    qtbot.add_widget(view)
    view.set_page(render_page(document, COLOURS))
    return document.text, view.toPlainText()


@pytest.mark.parametrize("prefix", SEEDS)
def test_word_spans_round_trip_and_show_the_quote(
    qtbot: QtBot, tmp_path: Path, prefix: str
) -> None:
    with Archive(tmp_path / "data") as archive:
        stored, shown = shown_text(qtbot, archive, prefix)
    text_map = TextMap(stored, shown)
    words = [m.span() for m in re.finditer(r"\S+", stored)]
    rng = random.Random(prefix)
    for _ in range(300):
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randrange(12))
        start, end = words[first][0], words[last][1]
        mapped = text_map.to_shown(start, end)
        assert mapped is not None
        assert text_map.to_stored(*mapped) == (start, end)
        quote = stored[start:end]
        assert "".join(shown[mapped[0] : mapped[1]].split()) == "".join(quote.split())


@pytest.mark.parametrize("prefix", SEEDS)
def test_the_facts_line_maps_to_nothing(qtbot: QtBot, tmp_path: Path, prefix: str) -> None:
    with Archive(tmp_path / "data") as archive:
        stored, shown = shown_text(qtbot, archive, prefix)
    facts = shown.split("\n")[1]
    start = len(shown.split("\n")[0]) + 1
    assert TextMap(stored, shown).to_stored(start, start + len(facts)) is None


def test_qt_positions_count_utf16_units() -> None:
    stored = "Flags 🇦🇿 and words"
    shown = "Title\nfacts\nFlags 🇦🇿  and words"
    text_map = TextMap(stored, shown)
    start = stored.index("and")
    qt_span = text_map.stored_to_qt(start, start + 3)
    assert qt_span is not None
    assert qt_span[0] == shown.index("and") + 2  # two flag letters, two units each
    assert text_map.qt_to_stored(*qt_span) == (start, start + 3)
    assert Utf16Positions(shown).from_qt(qt_span[0]) == shown.index("and")


def test_the_map_is_built_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Aligning the texts of a multi-megabyte release takes seconds: never on the GUI thread.
    threads: list[bool] = []
    real = controller_module.TextMap

    def recording(stored: str, shown: str) -> TextMap:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(stored, shown)

    monkeypatch.setattr(controller_module, "TextMap", recording)
    open_year(qtbot, window, 2024)
    assert threads == [False]
