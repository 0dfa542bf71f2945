"""Finding a command in the window's menus, as a user would, by its menu and its name."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.mainwindow import MainWindow


def menu_action(window: MainWindow, menu_title: str, text: str) -> QAction:
    """The action called ``text`` (mnemonics ignored) in the menu bar's ``menu_title`` menu."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and menu.title().replace("&", "") == menu_title:
            for action in menu.actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu_title} › {text}")
