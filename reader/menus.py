"""The window's menus: every command, its shortcuts and its tip, in one place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from reader.annotations.colours import COLORS, swatch

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

Key = QKeySequence | QKeySequence.StandardKey | str


def _add(
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    keys: Sequence[Key] = (),
    tip: str = "",
) -> QAction:
    action = QAction(text, menu.parentWidget())
    action.setShortcuts([QKeySequence(key) for key in keys])
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Fill the window's menu bar; the actions' shortcuts work anywhere in the window."""
    bar = window.menuBar()
    _build_file_menu(window, bar)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(window.citation.action)
    edit_menu.addSeparator()
    _add(edit_menu, "&Find in Document…", window.find_in_document, [QKeySequence.StandardKey.Find])
    _add(edit_menu, "&Search All Documents", window.focus_search, ["Ctrl+K", "Ctrl+L"])
    edit_menu.addAction(window.passages.action)
    _add(
        edit_menu,
        "Sa&ve Search…",
        window.facets.ask_to_save_search,
        ["Ctrl+D"],  # as a browser bookmarks a page
        "Keep the query in the search field under a name, to see its new matches later",
    )
    _add(
        edit_menu,
        "Document &Details…",
        window.edit_metadata,
        ["Ctrl+I"],
        "Correct the title, date or source",
    )
    _add(
        edit_menu,
        "Set Date or Source of Selected…",
        window.library.correct_tree_selection,
        (),
        "Set the same date or source on the documents selected in the year tree",
    )
    _add(
        edit_menu,
        "&Remove Selected Documents…",
        window.library.remove_selected,
        (),
        "Remove the selected documents (Delete); their annotations are kept, and Undo brings "
        "them back",
    )

    _build_annotate_menu(window, edit_menu)

    view_menu = bar.addMenu("&View")
    _add(view_menu, "Zoom &In", window.zoom_in, ["Ctrl+=", "Ctrl++"])
    _add(view_menu, "Zoom &Out", window.zoom_out, ["Ctrl+-"])
    _add(view_menu, "&Actual Size", window.zoom_reset, ["Ctrl+0"])
    view_menu.addSeparator()
    view_menu.addAction(window.navigator_dock.toggleViewAction())
    view_menu.addAction(window.search_dock.toggleViewAction())
    annotations = window.annotations_dock.toggleViewAction()
    annotations.setShortcut(QKeySequence("Ctrl+Shift+A"))
    view_menu.addAction(annotations)
    view_menu.addAction(window.passages_dock.toggleViewAction())
    view_menu.addAction(window.facets_dock.toggleViewAction())
    view_menu.addAction(window.saved_searches_dock.toggleViewAction())
    _add(
        view_menu,
        "All A&nnotations…",
        window.annotation_controller.show_all,
        ["Ctrl+Shift+L"],
        "Every annotation in the archive, by year and document",
    )
    _add(
        view_menu,
        "&Trends…",
        window.trends.show_trends,
        ["Ctrl+Shift+T"],
        "How many documents matched one to five queries, year by year",
    )
    _add(
        view_menu,
        "&Keyword in Context…",
        window.trends.show_kwic,
        ["Ctrl+Shift+K"],
        "Every occurrence of a query across the archive, one line each",
    )
    view_menu.addSeparator()
    compare = window.compare_dock.toggleViewAction()
    compare.setShortcut(QKeySequence("Ctrl+Shift+D"))
    view_menu.addAction(compare)
    view_menu.addSeparator()
    _add(view_menu, "&Full Screen", window.toggle_full_screen, ["F11"])

    go_menu = bar.addMenu("&Go")
    _add(go_menu, "&Back", window.go_back, ["Alt+Left"])
    _add(go_menu, "&Forward", window.go_forward, ["Alt+Right"])
    _add(go_menu, "&Next Hit", window.next_hit, ["F3"])
    _add(go_menu, "&Previous Hit", window.previous_hit, ["Shift+F3"])
    go_menu.addSeparator()
    _add(
        go_menu,
        "Open &Beside",
        window.open_selected_beside,
        ["Ctrl+Return"],
        "Open the selected document in the second pane",
    )
    _add(go_menu, "S&wap Panes", window.swap_panes, ["Ctrl+Shift+S"])
    _add(go_menu, "&Close Pane", window.close_active_pane, ["Ctrl+W"])

    help_menu = bar.addMenu("&Help")
    _add(
        help_menu,
        "&Search Syntax",
        window.help_windows.show_search_syntax,
        ["F1"],
        "The query language, with examples to run",
    )
    _add(
        help_menu,
        "&Keyboard Shortcuts",
        window.help_windows.show_shortcuts,
        ["Ctrl+/"],
        "Every command with a key",
    )
    help_menu.addSeparator()
    _add(help_menu, "&About Archive Reader", window.show_about)


def _build_file_menu(window: MainWindow, bar: QMenuBar) -> None:
    """File: import, export and print, the archive's upkeep, quit."""
    file_menu = bar.addMenu("&File")
    _add(
        file_menu,
        "&Import Files…",
        window.choose_files_to_import,
        [QKeySequence.StandardKey.Open],
        "Import press releases: text, Markdown, web pages, PDF, Word and RTF files",
    )
    _add(
        file_menu,
        "Import &Folder…",
        window.choose_folder_to_import,
        ["Ctrl+Shift+O"],
        "Import every release in a folder and its subfolders",
    )
    file_menu.addSeparator()
    _add(
        file_menu,
        "E&xport Annotations…",
        window.annotation_exporter.export_all,
        ["Ctrl+Shift+E"],
        "Save every annotation as Markdown, JSON-LD or CSV, as the command line does",
    )
    _add(
        file_menu,
        "&Print…",
        window.document_printer.print_document,
        [QKeySequence.StandardKey.Print],
        "Print the open document with its highlights and notes",
    )
    _add(
        file_menu,
        "Export as P&DF…",
        window.document_printer.export_pdf,
        (),
        "Save the open document with its highlights and notes as a PDF",
    )
    file_menu.addSeparator()
    _add(
        file_menu,
        "R&e-read All Documents…",
        window.reread_all_documents,
        (),
        "Read every document again from its original file with this version's importer; "
        "your corrections are kept",
    )
    _add(
        file_menu,
        "&Rebuild Search Index",
        window.rebuild_index,
        (),
        "Rebuild the search index from the archive",
    )
    _add(
        file_menu,
        "Removed &Documents…",
        window.library.removal.show_trash,
        (),
        "The documents removed, kept with their annotations: restore them, or empty the trash",
    )
    file_menu.addSeparator()
    _add(file_menu, "&Quit", window.close, [QKeySequence.StandardKey.Quit])


def _build_annotate_menu(window: MainWindow, edit_menu: QMenu) -> None:
    """Highlight, note, colour, undo and redo; the first two also in the panes' menus."""
    controller = window.annotation_controller
    undo = controller.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = controller.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.insertActions(edit_menu.actions()[0], [undo, redo])
    edit_menu.insertSeparator(edit_menu.actions()[2])

    menu = window.menuBar().addMenu("&Annotate")
    highlight = _add(
        menu,
        "&Highlight Selection",
        controller.highlight_selection,
        ["Ctrl+Shift+H"],
        "Highlight the selected passage in the current colour",
    )
    note = _add(
        menu,
        "Add &Note…",
        controller.annotate_selection,
        ["Ctrl+Shift+N"],
        "Highlight the selected passage with a note and tags",
    )
    colours = menu.addMenu("Highlight &Colour")
    group = QActionGroup(colours)
    for name in COLORS:
        action = QAction(swatch(name), name.capitalize(), group)
        action.setCheckable(True)
        action.setChecked(name == controller.color)
        action.setData(name)
        action.triggered.connect(controller._on_colour_action)
        colours.addAction(action)
    window.colour_actions = group
    menu.addSeparator()
    menu.addAction(undo)
    menu.addAction(redo)
    window.highlight_action, window.note_action = highlight, note
    window.annotate_toolbar.addAction(highlight)
    window.annotate_toolbar.addAction(note)
    for pane in window.panes:
        pane.view.add_context_actions(
            [highlight, note, window.citation.action, window.passages.action]
        )
