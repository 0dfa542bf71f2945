"""What tells a passage from its look-alikes: its surroundings, and where the diff puts it.

Three kinds of evidence, for a span of the new text that may be a passage:

- **Context**, from the stored prefix and suffix (all there is when only the quote is
  known, as for an imported annotation): how much the text on each side is like them.
  Only the part of each within the passage's paragraph counts: paragraphs move on their
  own, so the end of the paragraph before says nothing about where a passage is (when a
  paragraph moved, the passage's old neighbour now precedes another paragraph, which may
  well begin with the same words).
- **Origin**, when the old text is known: whether the span's characters are the passage's
  own (the diff keeps them, or they replace the passage's), text that was already in the
  old text somewhere else (another passage, however like this one), or new text.
- **Neighbourhood**, when the old text is known: whether the text around the span, up to
  4,000 characters each side within its paragraph, is the text that was around the
  passage: the same (spacing aside), lightly edited, or other text. A near-twin written
  into another paragraph, or a sentence or more away, has other neighbours; a passage
  edited in place, or in a paragraph that moved whole, keeps its own. The reach is long
  because sentences can be: a passage inside a long one has only that sentence's words
  around it for hundreds of characters, and a near-twin has the very same.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass

from archive.annotations.anchoring_candidates import distance, similarity

PARAGRAPH_BREAK = "\n\n"
_SENTENCE_END = re.compile(r"[.!?]\s")
_WHITE_SPACE = re.compile(r"\s+")
#: Fewer characters of context than this on a side say little (", " precedes many words).
MIN_CONTEXT_CHARS = 6
#: How far a neighbourhood reaches: beyond the sentence a passage is in, so that a
#: sentence's own words around the passage are not all that is compared (a list of
#: links flattened into one "sentence" runs to thousands of characters).
NEIGHBOURHOOD_CHARS = 4000
#: The edits a neighbourhood takes and is still the passage's (lightly edited): a few
#: characters (a typo, a comma) plus a few in a hundred (a corrected word or two), up to
#: a cap however long the neighbourhood. A sentence moved in between the passage and its
#: old neighbour is more: a window of text shifted by a sentence differs by twice its
#: length.
NEIGHBOURHOOD_SLACK = 4
NEIGHBOURHOOD_SLACK_PER_CHAR = 0.04
NEIGHBOURHOOD_MAX_SLACK = 24

_EQUAL = 0  # diff-match-patch's DIFF_EQUAL; -1 deletes, 1 inserts


# -- context: the stored prefix and suffix ------------------------------------------------


@dataclass(frozen=True)
class Context:
    """How like the stored context the text on each side of a span is (``None``: no sign).

    Attributes:
        prefix: The side before, 0-1.
        suffix: The side after, 0-1.
    """

    prefix: float | None
    suffix: float | None

    @property
    def sides(self) -> list[float]:
        return [side for side in (self.prefix, self.suffix) if side is not None]

    @property
    def best(self) -> float | None:
        return max(self.sides) if self.sides else None

    @property
    def worst(self) -> float | None:
        return min(self.sides) if self.sides else None

    @property
    def average(self) -> float:
        """The sides' mean; 0 without any."""
        return sum(self.sides) / len(self.sides) if self.sides else 0.0


def context_of(
    text: str, prefix: str, suffix: str, start: int, end: int, *, spacing_aside: bool = False
) -> Context:
    """How the text around ``text[start:end]`` matches the stored ``prefix`` and ``suffix``.

    Each side is compared within the passage's paragraph. A passage that is a paragraph of
    its own has no such context; its whole stored context is compared then, for want of
    better. With ``spacing_aside``, runs of white space count as one space (a text typed
    again, or re-wrapped, is still the same text).
    """
    near = _context(
        text, _after_break(prefix), _before_break(suffix), start, end, spacing_aside=spacing_aside
    )
    if near.sides:
        return near
    return _context(text, prefix, suffix, start, end, spacing_aside=spacing_aside)


def _context(
    text: str, prefix: str, suffix: str, start: int, end: int, *, spacing_aside: bool
) -> Context:
    before = after = None
    # Spacing aside, the window is taken wider (extra spaces), then cut to the same length.
    reach = 2 if spacing_aside else 1
    if len(prefix.strip()) >= MIN_CONTEXT_CHARS:
        window = text[max(0, start - reach * len(prefix)) : start]
        if spacing_aside:
            prefix, window = _spaced(prefix), _spaced(window)
            window = window[len(window) - len(prefix) :] if len(window) > len(prefix) else window
        before = similarity(prefix, window)
    if len(suffix.strip()) >= MIN_CONTEXT_CHARS:
        window = text[end : end + reach * len(suffix)]
        if spacing_aside:
            suffix, window = _spaced(suffix), _spaced(window)
            window = window[: len(suffix)]
        after = similarity(suffix, window)
    return Context(before, after)


def _spaced(text: str) -> str:
    return _WHITE_SPACE.sub(" ", text)


def _after_break(prefix: str) -> str:
    at = prefix.rfind(PARAGRAPH_BREAK)
    return prefix if at < 0 else prefix[at + len(PARAGRAPH_BREAK) :]


def _before_break(suffix: str) -> str:
    at = suffix.find(PARAGRAPH_BREAK)
    return suffix if at < 0 else suffix[:at]


# -- neighbourhood: the old text around the passage ---------------------------------------


class Side(enum.Enum):
    """One side of a span, against the same side of the passage in the old text."""

    SAME = "same"  # the passage's old neighbour, spaced differently at most
    EDITED = "edited"  # the passage's old neighbour, lightly edited
    EDGE = "edge"  # nothing, as before: both begin (or end) a paragraph or the text
    CHANGED = "changed"  # other text

    @property
    def kept(self) -> bool:
        """The passage's old neighbour text is there."""
        return self in (Side.SAME, Side.EDITED)


@dataclass(frozen=True)
class Neighbourhood:
    """How each side of a span compares with the passage's old surroundings."""

    before: Side
    after: Side

    @property
    def unchanged(self) -> bool:
        """Neither side changed, light edits aside (a paragraph edge counts too)."""
        return Side.CHANGED not in (self.before, self.after)

    @property
    def untouched(self) -> bool:
        """Neither side changed at all (but for spacing)."""
        return self.before in (Side.SAME, Side.EDGE) and self.after in (Side.SAME, Side.EDGE)


def neighbourhood_of(
    old: str, passage: tuple[int, int], new: str, span: tuple[int, int]
) -> Neighbourhood:
    """Compare the text around ``new[span]`` with the text around ``old[passage]``.

    Each side runs to the paragraph's edge or :data:`NEIGHBOURHOOD_CHARS`, whichever is
    nearer. Two sides that both end at once (the passage began or ended a paragraph, and
    so does the span) are an edge: weaker evidence than kept text, since many passages
    begin a paragraph.
    """
    before = _compare(_side_before(old, passage[0]), _side_before(new, span[0]))
    after = _compare(_side_after(old, passage[1]), _side_after(new, span[1]))
    return Neighbourhood(before, after)


def written_into(
    old: str, passage: tuple[int, int], new: str, span: tuple[int, int], origins: DiffOrigins
) -> Neighbourhood:
    """:func:`neighbourhood_of`, with what the change wrote next to ``span`` taken out.

    A side that is its old self once the new characters are taken out had text written
    into it, no more: a sentence written before a passage leaves it its neighbour. A side
    that lost text, or where old text from elsewhere now stands, stays changed.
    """
    before_new = _side_before(new, span[0])
    after_new = _side_after(new, span[1])
    before = origins.kept_text(new, span[0] - len(before_new), span[0])
    after = origins.kept_text(new, span[1], span[1] + len(after_new))
    return Neighbourhood(
        _compare(_side_before(old, passage[0]), before),
        _compare(_side_after(old, passage[1]), after),
    )


def _side_before(text: str, at: int) -> str:
    reach = max(0, at - NEIGHBOURHOOD_CHARS)
    found = text.rfind(PARAGRAPH_BREAK, reach, at)
    return text[found + len(PARAGRAPH_BREAK) if found >= 0 else reach : at]


def _side_after(text: str, at: int) -> str:
    reach = min(len(text), at + NEIGHBOURHOOD_CHARS)
    found = text.find(PARAGRAPH_BREAK, at, reach)
    return text[at : found if found >= 0 else reach]


def _compare(old: str, new: str) -> Side:
    # Spacing counts for nothing: text typed or extracted again often spaces differently
    # (two spaces after each full stop), and a list of short items has many.
    old, new = " ".join(old.split()), " ".join(new.split())
    if not old and not new:
        return Side.EDGE
    if old == new:
        return Side.SAME
    allowed = min(
        NEIGHBOURHOOD_MAX_SLACK,
        NEIGHBOURHOOD_SLACK + NEIGHBOURHOOD_SLACK_PER_CHAR * max(len(old), len(new)),
    )
    if abs(len(old) - len(new)) > allowed:
        return Side.CHANGED  # spare the distance: the lengths alone differ too much
    return Side.EDITED if distance(old, new) <= allowed else Side.CHANGED


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) ``text[start:end]`` is in, within its paragraph."""
    before = _side_before(text, start)
    after = _side_after(text, end)
    ends = list(_SENTENCE_END.finditer(before))
    head = before[ends[-1].end() :] if ends else before
    found = _SENTENCE_END.search(after)
    tail = after[: found.start() + 1] if found else after
    return head + text[start:end] + tail


# -- origin: where the diff says a span's characters come from -----------------------------


class Origin(enum.Enum):
    """Where most of a span of the new text comes from."""

    OWN = "own"  # the passage's characters, kept or replaced in place
    ELSEWHERE = "elsewhere"  # text that was in the old text already, not the passage
    NEW = "new"  # text the change wrote, not in place of the passage


@dataclass(frozen=True)
class _Segment:
    """A run of the new text: kept from the old text at ``old_start``, or inserted.

    An inserted run keeps the old span its edit replaced (``hunk_start``-``hunk_end``), so
    that it can tell whether it replaced a passage.
    """

    start: int
    end: int
    old_start: int | None
    hunk_start: int = 0
    hunk_end: int = 0


class DiffOrigins:
    """The origin of any span of the new text, for any passage, from one old→new diff.

    Args:
        diffs: diff-match-patch's diff of the old text to the new, best tidied
            semantically (``diff_cleanupSemantic``): a raw diff matches stray letters of a
            moved paragraph with whatever text it moved across.
    """

    def __init__(self, diffs: list[tuple[int, str]]) -> None:
        self._segments: list[_Segment] = []
        old_at = new_at = 0
        hunk_start: int | None = None  # old offset where the current run of edits began
        inserted: list[tuple[int, int]] = []  # new-text runs of the current hunk
        for operation, data in [*diffs, (_EQUAL, "")]:
            if operation == _EQUAL:
                if hunk_start is not None:
                    for begin, finish in inserted:
                        self._segments.append(_Segment(begin, finish, None, hunk_start, old_at))
                    hunk_start, inserted = None, []
                if data:
                    self._segments.append(_Segment(new_at, new_at + len(data), old_at))
                old_at += len(data)
                new_at += len(data)
                continue
            if hunk_start is None:
                hunk_start = old_at
            if operation < 0:
                old_at += len(data)
            else:
                inserted.append((new_at, new_at + len(data)))
                new_at += len(data)
        self._starts = [segment.start for segment in self._segments]

    def old_offset(self, at: int) -> int | None:
        """Where the new text's character ``at`` was in the old text; ``None``: written anew."""
        index = bisect.bisect_right(self._starts, at) - 1
        if index < 0:
            return None
        segment = self._segments[index]
        if segment.old_start is None or not segment.start <= at < segment.end:
            return None
        return segment.old_start + at - segment.start

    def kept_text(self, new: str, start: int, end: int) -> str:
        """``new[start:end]`` without the characters the change wrote (kept ones only)."""
        kept = []
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for segment in self._segments[first:]:
            if segment.start >= end:
                break
            if segment.old_start is not None:
                kept.append(new[max(segment.start, start) : min(segment.end, end)])
        return "".join(kept)

    def of(self, start: int, end: int, passage: tuple[int, int]) -> Origin:
        """The origin of the larger part of ``new[start:end]`` (own, on a tie).

        Args:
            start: The span's start in the new text.
            end: Its end.
            passage: The passage's span in the old text. An edit that replaced or touched
                it wrote its replacement in place: that text is the passage's own.
        """
        old_start, old_end = passage
        own = elsewhere = 0
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for segment in self._segments[first:]:
            if segment.start >= end:
                break
            low, high = max(segment.start, start), min(segment.end, end)
            if low >= high:
                continue
            if segment.old_start is None:
                if segment.hunk_start <= old_end and segment.hunk_end >= old_start:
                    own += high - low
                continue
            old_low = segment.old_start + low - segment.start
            old_high = old_low + high - low
            inside = max(0, min(old_high, old_end) - max(old_low, old_start))
            own += inside
            elsewhere += (high - low) - inside
        total = end - start
        if 2 * own >= total:
            return Origin.OWN
        if 2 * elsewhere > total:
            return Origin.ELSEWHERE
        return Origin.NEW
