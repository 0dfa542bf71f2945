"""The "Re-attach here?" offer: where an orphaned annotation's passage most likely is now.

Re-anchoring orphans a note rather than move it to a passage that may not be its own; the
best candidate it turned down is offered here, under the annotations list, for the reader
to confirm or turn down. Nothing moves until they do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.untrusted_text import tool_tip

#: The passage is a reminder of which words, not a reader: a long one is cut.
PASSAGE_CHARACTERS = 240
#: A word longer than this (an address) is given places to wrap, so that it is not cut.
LONGEST_WORD = 24
_ZERO_WIDTH_SPACE = "\u200b"
NOTHING_FOUND = (
    "No likely place was found. Select the passage in the document, then choose "
    "Re-attach to Selection."
)
EXPLANATION = "Its passage is not in the document as it was. The most similar text now:"


@dataclass(frozen=True)
class ReattachSuggestion:
    """A place offered to an orphaned annotation.

    Attributes:
        annotation_id: The orphan.
        document_id: Its document.
        start: Offset of the suggested passage in the document's stored text.
        end: Offset just past it.
        passage: The suggested passage's text, as it was when suggested (to check, when
            the reader accepts, that the document has not changed meanwhile).
    """

    annotation_id: int
    document_id: int
    start: int
    end: int
    passage: str


def shown_passage(passage: str) -> str:
    """The passage as the offer shows it: on one line, quoted, cut if long, wrappable."""
    flat = " ".join(passage.split())
    if len(flat) > PASSAGE_CHARACTERS:
        flat = flat[: PASSAGE_CHARACTERS - 1] + "…"
    return f"“{' '.join(_wrappable(word) for word in flat.split(' '))}”"


def _wrappable(word: str) -> str:
    """``word`` with a zero-width space every ``LONGEST_WORD`` characters, if it is long."""
    if len(word) <= LONGEST_WORD:
        return word
    pieces = [word[i : i + LONGEST_WORD] for i in range(0, len(word), LONGEST_WORD)]
    return _ZERO_WIDTH_SPACE.join(pieces)


class ReattachOffer(QFrame):
    """Shows one suggested place with "Re-attach Here" and "Keep Orphaned", or that none was found.

    Signals:
        accepted(object): the reader chose to re-attach (the ``ReattachSuggestion``).
        declined(object): the reader chose to keep the annotation orphaned (the same).
    """

    accepted = Signal(object)
    declined = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.suggestion: ReattachSuggestion | None = None
        self.heading = QLabel("Re-attach here?", self)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = self._wrapping_label()
        self.passage = self._wrapping_label()
        self.accept_button = QPushButton("Re-attach Here", self)
        self.accept_button.setToolTip("Attach the annotation to this passage")
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.decline_button = QPushButton("Keep Orphaned", self)
        self.decline_button.setToolTip("Leave the annotation orphaned")
        self.decline_button.clicked.connect(self._on_decline_clicked)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.passage)
        layout.addLayout(buttons)
        self.hide()

    def _wrapping_label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the document's words, never markup
        label.setWordWrap(True)
        # A long word (an address) must wrap or be cut, not widen the dock.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setMinimumWidth(1)
        return label

    def show_suggestion(self, suggestion: ReattachSuggestion) -> None:
        """Offer ``suggestion``."""
        self.suggestion = suggestion
        self.heading.setText("Re-attach here?")
        self.explanation.setText(EXPLANATION)
        self.passage.setText(shown_passage(suggestion.passage))
        self.passage.setToolTip(tool_tip(suggestion.passage))
        self.passage.show()
        self.accept_button.show()
        self.decline_button.show()
        self.accept_button.setDefault(True)
        self.show()

    def show_nothing_found(self) -> None:
        """Say that no likely place was found, and how to re-attach by hand."""
        self.suggestion = None
        self.heading.setText("No likely place")
        self.explanation.setText(NOTHING_FOUND)
        self.passage.clear()
        self.passage.setToolTip("")
        self.passage.hide()
        self.accept_button.hide()
        self.decline_button.hide()
        self.show()

    def clear(self) -> None:
        """Offer nothing (the annotation chosen is not an orphan, or none is)."""
        self.suggestion = None
        self.passage.clear()
        self.passage.setToolTip("")
        self.hide()

    @Slot()
    def _on_accept_clicked(self) -> None:
        if self.suggestion is not None:
            self.accepted.emit(self.suggestion)

    @Slot()
    def _on_decline_clicked(self) -> None:
        if self.suggestion is not None:
            self.declined.emit(self.suggestion)
