"""Where an annotation's passage is in a document's text, and where it went after a change.

A passage is described twice, as in the W3C Web Annotation model: by its quote with up to
32 characters of context on each side (``TextQuoteSelector``), and by its offsets
(``TextPositionSelector``). After the text changes, the passage is found again in this
order (the approach of Hypothesis, on Google's diff-match-patch):

1. **Through the change.** When the old text is known (a re-imported or moved file), the
   two texts are diffed and the old offsets mapped through the diff, and also through
   the common beginning and end of the two texts. If a mapped span holds exactly the
   quote, that is the passage: an edit anywhere outside it keeps the anchor exact, even
   when the same words occur elsewhere.
2. **The exact quote** (:func:`anchor`): of its occurrences, the one whose surroundings
   best match the stored prefix and suffix, then the nearest to where it was expected.
3. **An approximate match**: diff-match-patch's Bitap ``match_main`` (which handles
   patterns of up to 32 characters, ``Match_MaxBits``) looks for the quote's first and last
   32 characters near the expected place, weighing errors against distance. The span
   between them must be about as long as the quote and at least 75% like it (Levenshtein).
   Bitap only looks near a place, so if that fails the places where 12-character pieces
   of the quote still occur exactly are tried too (a passage edited *and* moved far).

A quote shorter than 32 characters may well occur elsewhere by chance, so a match of it
(exact or approximate) away from its mapped place must also be supported by its context:
the text on one side at least 60% like the stored prefix or suffix. A selector with no
context at all (from another tool) is placed on an exact occurrence only: the only one,
or the one nearest its position. When nothing is found the caller orphans the annotation;
nothing here ever drops one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

CONTEXT_CHARS = 32
#: The longest pattern Bitap handles; also the length from which a quote is trusted alone.
MATCH_MAX_BITS = 32
MIN_CONTEXT_SIMILARITY = 0.6
MIN_QUOTE_SIMILARITY = 0.75
#: A rough approximate match less like the quote than this is not worth fitting.
MIN_ROUGH_SIMILARITY = 0.5
#: Bitap: 0 accepts only a perfect match, 1 anything. Errors per character of the pattern,
#: plus distance from the expected place divided by MATCH_DISTANCE.
MATCH_THRESHOLD = 0.4
MATCH_DISTANCE = 2000
#: Occurrences of a short quote considered (the nearest to the expected place).
MAX_EXACT_CANDIDATES = 500
#: How far (in characters) an approximate match's ends may move to fit the quote:
#: MIN_SLACK plus a quarter of the quote's length, at most MAX_SLACK.
MIN_SLACK = 8
MAX_SLACK = 64
#: How many characters at each end of the quote mark where a passage begins and ends.
EDGE_CHARS = 8
#: Pieces of a quote looked for exactly, to find where an edited passage moved.
SEED_CHARS = 12
SEEDS_PER_QUOTE = 8
#: Places tried for an approximate match (each costs a Bitap search near it).
MAX_SEEDS = 8
DIFF_TIMEOUT_S = 2.0
DISTANCE_TIMEOUT_S = 0.05
#: Nearness to the expected place breaks ties between equally good contexts.
PROXIMITY_WEIGHT = 0.25


@dataclass(frozen=True)
class TextQuote:
    """A W3C ``TextQuoteSelector``: the passage, and the text just before and after it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


class Placement(NamedTuple):
    """Where a passage was found; ``exact`` is False when its wording changed."""

    start: int
    end: int
    exact: bool


def check_span(text: str, start: int, end: int) -> None:
    """Check that ``start``/``end`` select some text of ``text``.

    Raises:
        ValueError: They do not; the message says why.
    """
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError("Start and end must be whole numbers (character offsets).")
    if start < 0 or end > len(text):
        raise ValueError(
            f"The selection {start}-{end} is outside the document's text "
            f"(0-{len(text)} characters)."
        )
    if start >= end:
        raise ValueError(f"The selection {start}-{end} is empty: start must come before end.")
    if not text[start:end].strip():
        raise ValueError("The selection holds only white space: select some words.")


def quote_at(text: str, start: int, end: int) -> TextQuote:
    """The quote selector of ``text[start:end]``, with up to 32 characters of context."""
    return TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def anchor(text: str, quote: TextQuote, hint: int | None = None) -> Placement | None:
    """Find a passage in ``text`` from its quote selector.

    Args:
        text: The document's plain text.
        quote: The passage's quote, prefix and suffix.
        hint: Where the passage is expected to start (its old or mapped offset), if known.

    Returns:
        Where it is, or ``None`` when it cannot be placed (the annotation is orphaned).
    """
    if not quote.exact:
        return None
    found = _best_exact_match(text, quote, hint)
    if found is not None:
        return found
    return _approximate_match(text, quote, hint)


class TextChange:
    """One document's text before and after a change, diffed once for all its passages."""

    def __init__(self, old: str, new: str) -> None:
        self.old = old
        self.new = new
        self._diffs: list[tuple[int, str]] | None = None
        self._trims: tuple[tuple[int, int], tuple[int, int]] | None = None

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map an old span through the diff; ``None`` if it does not survive as a span."""
        if not 0 <= start < end <= len(self.old):
            return None
        if self._diffs is None:
            self._diffs = _diff(self.old, self.new)
        return _map_through(self._diffs, start, end)

    def map_span_around_one_edit(self, start: int, end: int) -> list[tuple[int, int]]:
        """Map an old span as if the change were one edit between a common start and end.

        The diff above may shift an edit across equal text (diff-match-patch tidies its
        diffs so), through a passage that repeats the text next to it. Trimming the
        common beginning and the common end, in both orders, cannot: whichever side of
        one edit a passage is on, one of the two trims keeps it whole.

        Returns:
            The span's places in the new text under each trim that keeps it whole.
        """
        if self._trims is None:
            self._trims = (_trim(self.old, self.new), _trim(self.old, self.new, end_first=True))
        shift = len(self.new) - len(self.old)
        places = []
        for common_start, common_end in self._trims:
            if end <= common_start:
                places.append((start, end))
            elif start >= len(self.old) - common_end:
                places.append((start + shift, end + shift))
        return places

    def reanchor(self, quote: TextQuote, start: int | None, end: int | None) -> Placement | None:
        """Find a passage of the old text in the new one.

        Args:
            quote: The passage's quote selector.
            start: Its offset in the old text (for an orphan, the last known one), if any.
            end: Its end offset in the old text, if any.

        Returns:
            Its placement in the new text, or ``None`` when it cannot be placed.
        """
        if start is None or end is None:
            return anchor(self.new, quote, start)
        mapped = self.map_span(start, end)
        candidates = [] if mapped is None else [mapped]
        for place in candidates + self.map_span_around_one_edit(start, end):
            if self.new[place[0] : place[1]] == quote.exact:
                return Placement(place[0], place[1], exact=True)
        return anchor(self.new, quote, start if mapped is None else mapped[0])


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


def _diff(old: str, new: str) -> list[tuple[int, str]]:
    matcher = _matcher()
    matcher.Diff_Timeout = DIFF_TIMEOUT_S
    diffs: list[tuple[int, str]] = matcher.diff_main(old, new, False)
    return diffs


def _map_through(diffs: list[tuple[int, str]], start: int, end: int) -> tuple[int, int] | None:
    matcher = _matcher()
    new_start = int(matcher.diff_xIndex(diffs, start))
    # The last character's new place, plus one: an insertion right after the passage
    # stays outside it.
    new_end = int(matcher.diff_xIndex(diffs, end - 1)) + 1
    return (new_start, new_end) if new_start < new_end else None


def similarity(first: str, second: str) -> float:
    """1.0 for equal texts, 0.0 for texts with nothing in common (Levenshtein)."""
    if first == second:
        return 1.0
    return 1.0 - _distance(first, second) / max(len(first), len(second))


def _matcher() -> diff_match_patch:
    matcher = diff_match_patch()
    matcher.Match_Threshold = MATCH_THRESHOLD
    matcher.Match_Distance = MATCH_DISTANCE
    return matcher


def _best_exact_match(text: str, quote: TextQuote, hint: int | None) -> Placement | None:
    """The occurrence of the exact quote in the best context, then nearest to ``hint``.

    An occurrence of a short quote counts only if its context supports it.
    """
    exact = quote.exact
    starts = _occurrences(text, exact)
    if hint is not None:
        starts.sort(key=lambda start: abs(start - hint))
    if starts and not (quote.prefix or quote.suffix):
        # A selector with no context (another tool's, or a passage that was the whole
        # text): the quote and where it was are all there is to go by.
        unambiguous = len(starts) == 1 or hint is not None or len(exact) >= MATCH_MAX_BITS
        return Placement(starts[0], starts[0] + len(exact), exact=True) if unambiguous else None
    best: tuple[float, int] | None = None
    for start in starts[:MAX_EXACT_CANDIDATES]:
        support, average = _context_fit(text, quote, start, start + len(exact))
        if len(exact) < MATCH_MAX_BITS and support < MIN_CONTEXT_SIMILARITY:
            continue
        score = average + PROXIMITY_WEIGHT * _proximity(text, start, hint)
        if best is None or score > best[0]:
            best = (score, start)
    if best is None:
        return None
    return Placement(best[1], best[1] + len(exact), exact=True)


def _occurrences(text: str, exact: str) -> list[int]:
    starts = []
    found = text.find(exact)
    while found >= 0:
        starts.append(found)
        found = text.find(exact, found + 1)
    return starts


def _approximate_match(text: str, quote: TextQuote, hint: int | None) -> Placement | None:
    """Try the expected place first, then places where pieces of the quote occur exactly."""
    tried: list[int] = []
    for location in ([] if hint is None else [hint]) + _seed_locations(text, quote.exact, hint):
        if any(abs(location - done) <= MAX_SLACK for done in tried):
            continue
        tried.append(location)
        found = _approximate_match_near(text, quote, location)
        if found is not None or len(tried) == MAX_SEEDS:
            return found
    return None


def _seed_locations(text: str, exact: str, hint: int | None) -> list[int]:
    """Where the quote would start if one of its pieces is where it occurs unchanged.

    Bitap only looks near a location; a passage that was both edited and moved far (an
    import into a changed document) is found through the pieces of it that survived.
    """
    step = max(SEED_CHARS, len(exact) // SEEDS_PER_QUOTE)
    locations = []
    for offset in range(0, max(1, len(exact) - SEED_CHARS + 1), step):
        piece = exact[offset : offset + SEED_CHARS]
        for found in _occurrences(text, piece)[:MAX_SEEDS]:
            locations.append(found - offset)
    if hint is not None:
        locations.sort(key=lambda location: abs(location - hint))
    return locations


def _approximate_match_near(text: str, quote: TextQuote, location: int) -> Placement | None:
    exact = quote.exact
    length = len(exact)
    width = min(length, MATCH_MAX_BITS)
    head, tail = exact[:width], exact[-width:]
    matcher = _matcher()
    head_at = int(matcher.match_main(text, head, location))
    expected_tail = (head_at if head_at >= 0 else location) + length - width
    tail_at = int(matcher.match_main(text, tail, expected_tail))
    if head_at < 0 and tail_at < 0:
        return None
    end = tail_at + width if tail_at >= 0 else head_at + length
    start = head_at if head_at >= 0 else end - length
    rough = text[max(0, start) : max(0, end)]
    if not rough or similarity(exact, rough) < MIN_ROUGH_SIMILARITY:
        return None  # fitting the ends cannot make that a match: spare the cost
    start, end = _fit_span(text, exact, start, end)
    if end <= start or abs((end - start) - length) > max(4, length // 4):
        return None
    if similarity(exact, text[start:end]) < MIN_QUOTE_SIMILARITY:
        return None
    support, _ = _context_fit(text, quote, start, end)
    if length < MATCH_MAX_BITS and support < MIN_CONTEXT_SIMILARITY:
        return None
    return Placement(start, end, exact=text[start:end] == exact)


def _fit_span(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of a rough match to where the passage most likely begins and ends.

    Bitap places the quote's first and last 32 characters only roughly when the edit is
    among them. Each end is moved within a slack that grows with the quote (the start
    first, then the end) to where the span is fewest edits from the quote *and* begins
    (ends) like it: edit distance alone would rather cut an inserted word off the passage
    than keep it. Of equally good places, the nearest wins.
    """
    slack = min(MAX_SLACK, MIN_SLACK + len(exact) // 4)
    edge = max(1, min(EDGE_CHARS, len(exact) // 2))
    head, tail = exact[:edge], exact[-edge:]
    start = max(0, min(start, len(text) - 1))
    end = max(start + 1, min(end, len(text)))
    start = min(
        range(max(0, start - slack), min(start + slack, end - 1) + 1),
        key=lambda at: (
            _distance(exact, text[at:end]) + _distance(head, text[at : at + edge]),
            abs(at - start),
        ),
    )
    end = min(
        range(max(start + 1, end - slack), min(len(text), end + slack) + 1),
        key=lambda at: (
            _distance(exact, text[start:at]) + _distance(tail, text[max(0, at - edge) : at]),
            abs(at - end),
        ),
    )
    return start, end


def _distance(first: str, second: str) -> int:
    """The Levenshtein distance between two texts (over-estimated for very unlike ones)."""
    matcher = _matcher()
    # Unlike texts are diff-match-patch's slowest case; cut short, the diff is still a
    # valid one, only longer: the texts look even less alike, which is right.
    matcher.Diff_Timeout = DISTANCE_TIMEOUT_S
    return int(matcher.diff_levenshtein(matcher.diff_main(first, second, False)))


def _context_fit(text: str, quote: TextQuote, start: int, end: int) -> tuple[float, float]:
    """How well the text around ``start:end`` matches the stored context.

    Returns:
        The better side's similarity (the support a short quote needs) and the average of
        the sides (to choose between occurrences). A side with no stored context (the
        passage was at the very start or end) gives no evidence; with neither, both are 0.
    """
    sides = []
    if quote.prefix:
        sides.append(similarity(quote.prefix, text[max(0, start - len(quote.prefix)) : start]))
    if quote.suffix:
        sides.append(similarity(quote.suffix, text[end : end + len(quote.suffix)]))
    if not sides:
        return 0.0, 0.0
    return max(sides), sum(sides) / len(sides)


def _proximity(text: str, start: int, hint: int | None) -> float:
    if hint is None:
        return 0.0
    return 1.0 - min(1.0, abs(start - hint) / max(1, len(text)))
