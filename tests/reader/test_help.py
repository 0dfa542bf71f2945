"""Help › Search Syntax (examples that run when clicked) and Help › Keyboard Shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from archive.search.query_examples import QUERY_EXAMPLES
from reader.help.search_syntax import QueryRole
from reader.mainwindow import MainWindow
from tests.reader.conftest import TASK_TIMEOUT_MS, activate
from tests.reader.menu_helpers import menu_action


def test_clicking_an_example_runs_it_in_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window.search_field, Qt.Key.Key_F1)
    dialog = window.help_windows.search_syntax
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.isModal()
    shown = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert shown == [query for example in QUERY_EXAMPLES for query in example.queries]

    row = shown.index("year:2024")
    index = dialog.model.index(row, 0)
    assert index.data(QueryRole) == "year:2024"
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS) as finished:
        qtbot.mouseClick(
            dialog.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=dialog.table.visualRect(index).center(),
        )
    assert window.search_field.text() == "year:2024"
    results = finished.args[0]
    assert results.query == "year:2024" and results.total == 1
    qtbot.waitUntil(lambda: window.search_panel.list.model().rowCount() == 1)
    assert dialog.isVisible()  # it stays open for the next example

    phrase = dialog.model.index(shown.index('"foreign policy"'), 1)  # its description
    with qtbot.waitSignal(window.search_finished, timeout=TASK_TIMEOUT_MS) as finished:
        qtbot.mouseClick(
            dialog.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=dialog.table.visualRect(phrase).center(),
        )
    assert window.search_field.text() == '"foreign policy"'
    assert finished.args[0].total >= 2


def test_keyboard_shortcuts_lists_every_menu_command_with_a_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    menu_action(window, "Help", "Keyboard Shortcuts").trigger()
    dialog = window.help_windows.shortcuts
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = dialog.shortcuts()
    find = QKeySequence(QKeySequence.StandardKey.Find).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert ("Find in Document…", find, "Edit") in rows
    assert ("Copy with Citation", "Ctrl+Shift+C", "Edit") in rows
    assert ("Red", "", "Annotate › Highlight Colour") not in rows  # no key, not listed
    assert ("Search All Documents", "Ctrl+K, Ctrl+L", "Edit") in rows
    assert [command for command, _, _ in rows].count("Undo") == 1

    # Made from the actions themselves: a key given now is listed next time.
    colours = menu_action(window, "Annotate", "Highlight Colour").menu()
    assert isinstance(colours, QMenu)
    colour = colours.actions()[0]
    colour.setShortcut(QKeySequence("Ctrl+Alt+1"))
    menu_action(window, "Help", "Keyboard Shortcuts").trigger()
    again = window.help_windows.shortcuts
    assert again is not None and again is not dialog
    assert ("Yellow", "Ctrl+Alt+1", "Annotate › Highlight Colour") in again.shortcuts()


def test_no_two_commands_share_a_key(window: MainWindow) -> None:
    """A key given to two actions does nothing at all in Qt (an "ambiguous shortcut").

    Keys of a widget's own actions (Delete in a list) count only in that widget.
    """
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() not in window_wide:
            continue
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            owners.setdefault(text, []).append(action.text())
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}
