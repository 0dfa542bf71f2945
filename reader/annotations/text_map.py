"""Where a passage of a document's stored text is in the text a pane shows, and back.

Annotations point into ``Document.text``, the plain text the core derives from the
Markdown. A pane shows ``QTextDocument.toPlainText()`` of the rendered page instead: a
header (title and facts) comes first, and whitespace and list markers differ. Both hold
the same words in the same order, so their non-whitespace characters are aligned in order
(resynchronising on a mismatch by looking for the next few characters), which gives
monotonic maps both ways.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from reader.document.positions import Utf16Positions

RESYNC_RUN = 8  # characters looked for to find the place again after a mismatch
RESYNC_WINDOW = 4000  # how far ahead they are looked for
HEADER_LINES = 2  # the page's title line and facts line


def _visible(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets of the non-whitespace characters of ``text[start:end]``."""
    stop = len(text) if end is None else end
    return [i for i in range(start, stop) if not text[i].isspace()]


def _shown_candidates(stored: str, shown: str) -> list[int]:
    """Offsets of the shown characters that can match: the body, and the title if stored.

    The facts line is never part of the stored text; the title line is only when the
    document opens with its title as a heading.
    """
    lines = shown.split("\n", HEADER_LINES)
    if len(lines) <= HEADER_LINES:
        return _visible(shown)
    title = lines[0]
    body_start = len(lines[0]) + len(lines[1]) + 2
    candidates = []
    if title.strip() and "".join(stored.split()).startswith("".join(title.split())):
        candidates = _visible(shown, 0, len(title))
    return candidates + _visible(shown, body_start)


class TextMap:
    """Maps offsets between a document's stored text and the text a pane shows.

    Offsets on either side are Python string offsets; ``to_qt`` and ``from_qt`` convert
    the shown side to and from Qt positions (UTF-16 units).
    """

    def __init__(self, stored: str, shown: str) -> None:
        self.stored = stored
        self.shown = shown
        self._stored_at: list[int] = []  # matched characters, increasing on both sides
        self._shown_at: list[int] = []
        self._align(_visible(stored), _shown_candidates(stored, shown))
        self._utf16 = Utf16Positions(shown)

    def _align(self, left: list[int], right: list[int]) -> None:
        left_chars = "".join(self.stored[i] for i in left)
        right_chars = "".join(self.shown[j] for j in right)
        i = j = 0
        while i < len(left_chars) and j < len(right_chars):
            if left_chars[i] == right_chars[j]:
                self._stored_at.append(left[i])
                self._shown_at.append(right[j])
                i += 1
                j += 1
                continue
            skip_right = right_chars.find(left_chars[i : i + RESYNC_RUN], j, j + RESYNC_WINDOW)
            skip_left = left_chars.find(right_chars[j : j + RESYNC_RUN], i, i + RESYNC_WINDOW)
            if skip_right >= 0 and (skip_left < 0 or skip_right - j <= skip_left - i):
                j = skip_right
            elif skip_left >= 0:
                i = skip_left
            else:
                i += 1
                j += 1

    def to_shown(self, start: int, end: int) -> tuple[int, int] | None:
        """The shown span of ``stored[start:end]``; ``None`` if none of it is shown."""
        return _map(self._stored_at, self._shown_at, start, end)

    def to_stored(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored span of ``shown[start:end]``; ``None`` if none of it is stored."""
        return _map(self._shown_at, self._stored_at, start, end)

    def to_qt(self, span: tuple[int, int]) -> tuple[int, int]:
        return self._utf16.span_to_qt(span)

    def from_qt(self, start: int, end: int) -> tuple[int, int]:
        return self._utf16.from_qt(start), self._utf16.from_qt(end)

    def stored_to_qt(self, start: int, end: int) -> tuple[int, int] | None:
        """Qt positions in the pane of ``stored[start:end]``."""
        span = self.to_shown(start, end)
        return None if span is None else self.to_qt(span)

    def qt_to_stored(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored span of a selection between Qt positions in the pane."""
        return self.to_stored(*self.from_qt(start, end))


def _map(source: list[int], target: list[int], start: int, end: int) -> tuple[int, int] | None:
    first = bisect_left(source, start)
    last = bisect_right(source, end - 1) - 1
    if first > last:
        return None
    return target[first], target[last] + 1
