"""The folding names and texts are compared under: no case, no accents, one apostrophe.

"Türkiye", "TURKIYE" and "turkiye" fold alike, and so do "Azərbaycan" and "AZƏRBAYCAN";
Turkish dotless "ı" and Polish "ł" fold to "i" and "l" as the accented letters do. Russian
and Ukrainian "й" and "ї" keep their marks: they are letters of their own ("Китай").

Folding keeps every character in its place (one character for one), so a position in the
folded text is the same position in the text: an acronym matched in the text and a name
matched in its folded form can be compared.
"""

from __future__ import annotations

import unicodedata

# Letters that are no accented letter to Unicode (NFKD leaves them) but are written for one
# in plain text, the apostrophes a name may be typed with, and hyphens (as spaces).
_SPECIAL = {
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ß": "s",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    # A hyphen or dash joins words as a space does: "Turkic-speaking" is "Turkic speaking".
    "-": " ",
    "‐": " ",
    "‑": " ",
    "–": " ",
    "\u00a0": " ",
    "й": "й",
    "ї": "ї",
}


class _FoldTable(dict[int, str]):
    """``str.translate``'s table, filled in as characters are met (each folded once)."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


def fold_char(char: str) -> str:
    """One character without case or accent, always one character long."""
    lower = char.lower() if len(char.lower()) == 1 else char
    special = _SPECIAL.get(lower)
    if special is not None:
        return special
    decomposed = unicodedata.normalize("NFKD", lower)
    bare = "".join(part for part in decomposed if not unicodedata.combining(part))
    if len(bare) != 1 or len(bare.lower()) != 1:
        return lower  # a ligature, a lone combining mark: kept as it is
    return _SPECIAL.get(bare.lower(), bare.lower())


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` without case or accents, character for character.

    Args:
        text: Any text.

    Returns:
        The folded text, as long as ``text``.
    """
    return text.translate(_TABLE)
