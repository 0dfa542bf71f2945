"""Bring decoded text into one canonical shape before anything looks at it."""

from __future__ import annotations

import re
import unicodedata

# Every line-ending convention becomes "\n"; Unicode separators are line ends too.
_LINE_BREAKS = re.compile(r"\r\n?|[\u0085\u2028]")
# Controls that have no business in a press release: C0 except tab/newline, DEL, C1,
# and the zero-width no-break space (a stray byte-order mark inside the text).
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")


def normalize_text(text: str) -> str:
    """Return ``text`` NFC-normalised, with ``\\n`` line ends and no control characters.

    A form feed (a page break in text extracted from PDFs) becomes a line break, and a
    Unicode paragraph separator becomes a blank line; NUL and other control characters
    are removed.

    Args:
        text: Freshly decoded text.

    Returns:
        The normalised text.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\u2029", "\n\n").replace("\f", "\n")
    text = _STRAY_CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)
