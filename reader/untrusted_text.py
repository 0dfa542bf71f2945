"""One rule for text from documents, notes and file names: the window shows it as text.

Qt guesses whether a tool tip, a ``QLabel`` left on ``Qt.TextFormat.AutoText`` or a message
box holds rich text (``Qt.mightBeRichText``: a known tag on the first line), and rich text
fetches the images and style sheets it names, from the disk. A title such as
``<img src="/dev/zero"> Quarterly review`` in a tool tip reads ``/dev/zero`` until the window
dies; a FIFO blocks it for ever. So whatever a document, a note or a file name supplies goes
through one of these on its way to the screen:

- :func:`tool_tip` for a tool tip (``setToolTip``, ``Qt.ItemDataRole.ToolTipRole``,
  ``QToolTip.showText``), :func:`literal` for other text whose format Qt guesses
  (``QMessageBox.setInformativeText``);
- ``Qt.TextFormat.PlainText`` where the widget lets us say so (``QLabel.setTextFormat``,
  ``QMessageBox.setTextFormat``);
- :func:`html.escape` for untrusted words inside rich text of our own (``<b>…</b>``), which
  is then shown in a :class:`GuardedTextDocument`, or in a view that guards its resources
  the same way (the reading view, with :func:`blocked_resource`);
- :func:`action_text` for a menu entry, where ``&`` marks a shortcut key.

Item views draw ``DisplayRole`` text, and ``QLineEdit``, ``QPlainTextEdit``, window titles
and the status bar show plain text whatever it holds: those need nothing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QImage, Qt, QTextDocument

# A tool tip is a glance, not a reader: a long note is cut (laying out a megabyte of text
# in a tool tip stalls the window).
MAX_TOOL_TIP_CHARACTERS = 2_000
ELLIPSIS = "…"
LONGEST_UNWRAPPED_LINE = 100  # characters


def literal(text: str) -> str:
    """``text`` in a form Qt shows literally, even where it guesses plain or rich text.

    Text Qt would take as plain is returned unchanged; anything else becomes rich text
    that says ``text`` word for word, with every ``<`` and ``&`` escaped.
    """
    if not Qt.mightBeRichText(text):
        return text
    # Lines kept as they are, as plain text would show them (a tool tip wraps rich text
    # into a narrow column); only lines too long to read in one go are left to wrap.
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest <= LONGEST_UNWRAPPED_LINE:
        return f'<p style="white-space:pre">{html.escape(text, quote=False)}</p>'
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def tool_tip(text: str) -> str:
    """A tool tip that shows ``text`` (cut short if very long) literally."""
    if len(text) > MAX_TOOL_TIP_CHARACTERS:
        text = text[: MAX_TOOL_TIP_CHARACTERS - len(ELLIPSIS)] + ELLIPSIS
    return literal(text)


def action_text(text: str) -> str:
    """A menu entry's text that shows ``text`` literally (a single ``&`` marks a shortcut)."""
    return text.replace("&", "&&")


def blocked_resource(kind: int) -> object:
    """What a rich-text view gets instead of a resource it names: nothing read from anywhere.

    An empty (transparent, 1x1) image for an image, an empty style sheet for anything else;
    ``None`` would let ``QTextDocument`` fetch the resource itself.
    """
    if kind == QTextDocument.ResourceType.ImageResource.value:
        placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
        placeholder.fill(Qt.GlobalColor.transparent)
        return placeholder
    return ""


class GuardedTextDocument(QTextDocument):
    """A ``QTextDocument`` for our own rich text, which never loads what it names."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802
        return blocked_resource(kind)
