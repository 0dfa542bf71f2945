"""Two versions of a text, diffed three ways, for finding passages of one in the other.

- **Characters** (diff-match-patch's ``diff_main``): maps an old offset to a new one.
- **Trims**: the common beginning and the common end of the two texts, as if everything
  between them were one edit. A character diff may shift an edit across equal text
  (diff-match-patch tidies its diffs so), through a passage that repeats the text next to
  it; a trim cannot.
- **Lines first** (:class:`~archive.annotations.anchoring_evidence.DiffOrigins`): where
  each character of the new text comes from. Lines (paragraphs) are diffed whole first,
  so that a paragraph that moved is one deletion and one insertion, not letters matched
  with whatever text it moved across.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

from archive.annotations.anchoring_evidence import DiffOrigins

DIFF_TIMEOUT_S = 2.0
#: Lines replaced by others are compared character by character if they keep this much.
MIN_LINE_LIKENESS = 0.5

_EQUAL = 0  # diff-match-patch's DIFF_EQUAL; -1 deletes, 1 inserts


class TextDiff:
    """A text before and after a change; each diff is made when first needed, then kept."""

    def __init__(self, old: str, new: str) -> None:
        self.old = old
        self.new = new
        self._diffs: list[tuple[int, str]] | None = None
        self._origins: DiffOrigins | None = None
        self._trims: tuple[tuple[int, int], tuple[int, int]] | None = None

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map an old span through the diff; ``None`` if it does not survive as a span."""
        if not 0 <= start < end <= len(self.old):
            return None
        return _map_through(self._diff(), start, end)

    def map_offset(self, offset: int) -> int:
        """Where an old offset is in the new text (where it was deleted, if it was)."""
        return int(_matcher().diff_xIndex(self._diff(), offset))

    def map_span_around_one_edit(self, start: int, end: int) -> list[tuple[int, int]]:
        """Map an old span as if the change were one edit between a common start and end.

        Trimming the common beginning and the common end, in both orders: whichever side
        of one edit a passage is on, one of the two trims keeps it whole.

        Returns:
            The span's places in the new text under each trim that keeps it whole.
        """
        return [place for place in self._places_under_trims(start, end) if place is not None]

    def places_under_trims(
        self, start: int, end: int, exact: str
    ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """Where each trim (common beginning first, common end first) keeps a quote.

        Returns:
            For each trim, the place; ``None`` where the trim cuts the passage, or the
            place does not hold ``exact``.
        """
        first, second = (
            None if place is None or self.new[place[0] : place[1]] != exact else place
            for place in self._places_under_trims(start, end)
        )
        return first, second

    @property
    def origins(self) -> DiffOrigins:
        """Where the new text's characters come from, by a diff of lines first."""
        if self._origins is None:
            # Both end in a line break, so that their last lines compare as lines too; no
            # span ever includes that character.
            self._origins = DiffOrigins(_diff_lines_first(self.old + "\n", self.new + "\n"))
        return self._origins

    def _places_under_trims(self, start: int, end: int) -> list[tuple[int, int] | None]:
        if self._trims is None:
            self._trims = (_trim(self.old, self.new), _trim(self.old, self.new, end_first=True))
        shift = len(self.new) - len(self.old)
        places: list[tuple[int, int] | None] = []
        for common_start, common_end in self._trims:
            if end <= common_start:
                places.append((start, end))
            elif start >= len(self.old) - common_end:
                places.append((start + shift, end + shift))
            else:
                places.append(None)
        return places

    def _diff(self) -> list[tuple[int, str]]:
        if self._diffs is None:
            matcher = _matcher()
            matcher.Diff_Timeout = DIFF_TIMEOUT_S
            self._diffs = matcher.diff_main(self.old, self.new, False)
        return self._diffs


# -- mapping through the diff --------------------------------------------------------------


def _trim(old: str, new: str, *, end_first: bool = False) -> tuple[int, int]:
    """The lengths of the common beginning and common end, not overlapping.

    Args:
        old: One text.
        new: The other.
        end_first: Take the longest common end first, else the longest beginning.
    """
    if end_first:
        common_end = _common_end(old, new)
        common_start = _common_start(old[: len(old) - common_end], new[: len(new) - common_end])
        return common_start, common_end
    common_start = _common_start(old, new)
    return common_start, _common_end(old[common_start:], new[common_start:])


def _common_start(first: str, second: str) -> int:
    return int(_matcher().diff_commonPrefix(first, second))


def _common_end(first: str, second: str) -> int:
    return int(_matcher().diff_commonSuffix(first, second))


def _diff_lines_first(old: str, new: str) -> list[tuple[int, str]]:
    """A diff of whole lines, then of characters within each run of lines replaced.

    A character diff matches a moved paragraph's letters with whatever text it moved
    across. diff-match-patch's own line mode (``checklines``) does not help: it is tried
    only after a long common middle was looked for, and it tidies the line diff, which
    turns a paragraph kept between two moved ones into part of one replacement. Here the
    line diff is kept as it is; only lines replaced by like ones are diffed further, and
    each such diff is tidied on its own.
    """
    matcher = _matcher()
    matcher.Diff_Timeout = DIFF_TIMEOUT_S
    old_lines, new_lines, lines = matcher.diff_linesToChars(old, new)
    by_line: list[tuple[int, str]] = matcher.diff_main(old_lines, new_lines, False)
    # Not tidied (diff-match-patch's line mode does): a paragraph kept between two moved
    # ones is shorter than they are, and tidying would make the three one replacement.
    matcher.diff_charsToLines(by_line, lines)
    diffs: list[tuple[int, str]] = []
    deleted = inserted = ""
    for operation, data in [*by_line, (_EQUAL, "")]:
        if operation < 0:
            deleted += data
        elif operation > 0:
            inserted += data
        else:
            if deleted and inserted:
                diffs += _rediffed(matcher, deleted, inserted)
            elif deleted:
                diffs.append((-1, deleted))
            elif inserted:
                diffs.append((1, inserted))
            if data:
                diffs.append((_EQUAL, data))
            deleted = inserted = ""
    return diffs


def _rediffed(matcher: diff_match_patch, deleted: str, inserted: str) -> list[tuple[int, str]]:
    """Lines replaced by others, diffed character by character if they are alike.

    Lines that have little in common (one paragraph where another was, as when two swap
    places) are a deletion and an insertion: a character diff would match the words they
    happen to share ("The minister ...") and call one the other, edited.
    """
    diffs: list[tuple[int, str]] = matcher.diff_main(deleted, inserted, False)
    matcher.diff_cleanupSemantic(diffs)
    kept = sum(len(data) for operation, data in diffs if operation == _EQUAL)
    if kept < MIN_LINE_LIKENESS * max(len(deleted), len(inserted)):
        return [(-1, deleted), (1, inserted)]
    return diffs


def _map_through(diffs: list[tuple[int, str]], start: int, end: int) -> tuple[int, int] | None:
    matcher = _matcher()
    new_start = int(matcher.diff_xIndex(diffs, start))
    # The last character's new place, plus one: an insertion right after the passage
    # stays outside it.
    new_end = int(matcher.diff_xIndex(diffs, end - 1)) + 1
    return (new_start, new_end) if new_start < new_end else None


def _matcher() -> diff_match_patch:
    return diff_match_patch()
