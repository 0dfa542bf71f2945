"""Python string offsets and Qt text positions (UTF-16 code units) are not the same thing.

Outside the Basic Multilingual Plane a character is one Python index but two UTF-16 units;
every span handed to a ``QTextCursor`` goes through here.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Positions:
    """Converts offsets into one text to Qt positions."""

    def __init__(self, text: str) -> None:
        # Offsets of characters that take two UTF-16 units, in order.
        self._wide = (
            [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        )
        self._wide_qt = [offset + n for n, offset in enumerate(self._wide)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._wide, offset)

    def span_to_qt(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.to_qt(span[0]), self.to_qt(span[1])

    def from_qt(self, position: int) -> int:
        """The offset of the character at Qt ``position`` (inside a pair: its start)."""
        return position - bisect_left(self._wide_qt, position)
