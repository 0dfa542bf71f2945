"""Edit › Copy with Citation: a selected passage with where it came from.

On the clipboard as plain text and as HTML::

    “Azerbaijan successfully hosted COP29.”
    PRESS RELEASE … on the results of 2024
    AZERTAC, 2024-12-28
    File: /home/me/releases/2024-12-28.txt

A date reasoned from the text rather than stated in it is marked "(date inferred)".
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from archive.models import DocumentSummary
from reader.document.pane import DocumentPane
from reader.document.pane_pair import PanePair

# QTextCursor.selectedText() ends paragraphs and lines with these instead of "\n".
_QT_BREAKS = str.maketrans({"\u2029": "\n", "\u2028": "\n"})
STATUS_MS = 4000


def citation_lines(passage: str, document: DocumentSummary) -> list[str]:
    """The passage in quotes, the title, source and date, and the file."""
    facts = [document.source] if document.source else []
    if document.year is None:
        facts.append("undated")
    else:
        date = document.date or str(document.year)
        facts.append(f"{date} (date inferred)" if document.date_inferred else date)
    return [f"“{passage}”", document.title, ", ".join(facts), f"File: {document.path}"]


def citation_text(passage: str, document: DocumentSummary) -> str:
    """The citation as plain text, one item a line."""
    return "\n".join(citation_lines(passage, document)) + "\n"


def citation_html(passage: str, document: DocumentSummary) -> str:
    """The citation as HTML: the passage as a block quote, then the facts, escaped."""
    quote, title, facts, file = (html.escape(line) for line in citation_lines(passage, document))
    quote = quote.replace("\n", "<br>")
    return f"<blockquote>{quote}</blockquote><p><cite>{title}</cite><br>{facts}<br>{file}</p>"


def selected_passage(pane: DocumentPane) -> str:
    """The text selected in a pane, its line breaks as newlines, trimmed."""
    return pane.view.textCursor().selectedText().translate(_QT_BREAKS).strip()


class CitationCopier(QObject):
    """Copies the selected passage with its citation; its action is on only with a selection."""

    def __init__(self, panes: PanePair, window: QMainWindow) -> None:
        super().__init__(window)
        self._panes = panes
        self._window = window
        self.action = QAction("Copy with &Citation", window)
        self.action.setShortcut("Ctrl+Shift+C")
        tip = "Copy the selected passage in quotes, with its title, source, date and file"
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.copy_selection)
        for pane in panes.panes:
            pane.view.copyAvailable.connect(self._on_selection_changed)
        self._on_selection_changed()

    def _selected_pane(self) -> DocumentPane | None:
        """The active pane if it has a selection, else another open one that has."""
        active = self._panes.active_pane
        for pane in [active] + [p for p in self._panes.open_panes() if p is not active]:
            if pane.is_open and pane.document is not None and selected_passage(pane):
                return pane
        return None

    @Slot()
    def _on_selection_changed(self) -> None:
        self.action.setEnabled(self._selected_pane() is not None)

    @Slot()
    def copy_selection(self) -> None:
        """Put the selected passage and its citation on the clipboard."""
        pane = self._selected_pane()
        if pane is None or pane.document is None:
            message = "Select a passage of the document first."
            self._window.statusBar().showMessage(message, STATUS_MS)
            return
        passage = selected_passage(pane)
        data = QMimeData()
        data.setText(citation_text(passage, pane.document))
        data.setHtml(citation_html(passage, pane.document))
        QGuiApplication.clipboard().setMimeData(data)
        self._window.statusBar().showMessage("Copied the passage with its citation.", STATUS_MS)
