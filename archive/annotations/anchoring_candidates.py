"""Places in a text where a passage might be: its exact occurrences, and approximate matches.

Finding a place is not accepting it: :mod:`archive.annotations.anchoring` judges each
candidate by where it is and what surrounds it. An approximate match is found with
diff-match-patch's Bitap ``match_main`` (patterns of up to 32 characters,
``Match_MaxBits``): the quote's first and last 32 characters are looked for near a
location, weighing errors against distance, and the span between them is fitted to where
the passage most likely begins and ends. Bitap only looks near a location, so besides the
expected place, the places where 12-character pieces of the quote still occur exactly are
tried (a passage edited *and* moved far).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

#: The longest pattern Bitap handles; also the length from which a quote is trusted alone.
MATCH_MAX_BITS = 32
#: A rough approximate match less like the quote than this is not worth fitting.
MIN_ROUGH_SIMILARITY = 0.5
#: How far an end may move to reach the edge of the word it cuts.
MAX_WORD_CHARS = 24
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
DISTANCE_TIMEOUT_S = 0.05


class Candidate(NamedTuple):
    """A span of the text that may be the passage, and how like the quote it is (0-1)."""

    start: int
    end: int
    likeness: float

    @property
    def exact(self) -> bool:
        return self.likeness == 1.0


def similarity(first: str, second: str) -> float:
    """1.0 for equal texts, 0.0 for texts with nothing in common (Levenshtein)."""
    if first == second:
        return 1.0
    # The distance may be over-estimated (see distance()), past the longer text's length.
    return max(0.0, 1.0 - distance(first, second) / max(len(first), len(second)))


def distance(first: str, second: str) -> int:
    """The Levenshtein distance between two texts (over-estimated for very unlike ones)."""
    matcher = matcher_for_matching()
    # Unlike texts are diff-match-patch's slowest case; cut short, the diff is still a
    # valid one, only longer: the texts look even less alike, which is right.
    matcher.Diff_Timeout = DISTANCE_TIMEOUT_S
    return int(matcher.diff_levenshtein(matcher.diff_main(first, second, False)))


def matcher_for_matching() -> diff_match_patch:
    matcher = diff_match_patch()
    matcher.Match_Threshold = MATCH_THRESHOLD
    matcher.Match_Distance = MATCH_DISTANCE
    return matcher


def occurrences(text: str, exact: str, hint: int | None) -> list[int]:
    """Where ``exact`` starts in ``text``, nearest to ``hint`` first (at most 500)."""
    starts = []
    found = text.find(exact)
    while found >= 0:
        starts.append(found)
        found = text.find(exact, found + 1)
    if hint is not None:
        starts.sort(key=lambda start: abs(start - hint))
    return starts[:MAX_EXACT_CANDIDATES]


def exact_candidates(text: str, exact: str, hint: int | None) -> list[Candidate]:
    """The occurrences of ``exact``, nearest to ``hint`` first (at most 500)."""
    return [Candidate(start, start + len(exact), 1.0) for start in occurrences(text, exact, hint)]


def approximate_candidates(
    text: str, exact: str, near: int | None, *, far: bool = True
) -> Iterator[Candidate]:
    """Approximate matches of ``exact``: near ``near`` first, then (if ``far``) elsewhere.

    At most :data:`MAX_SEEDS` places are searched; a match is yielded once. An exact
    occurrence may be among them (:func:`exact_candidates` finds those all).
    """
    tried: list[int] = []
    found: set[tuple[int, int]] = set()
    locations = [] if near is None else [near]
    if far:
        locations += seed_locations(text, exact, near)
    for location in locations:
        if any(abs(location - done) <= MAX_SLACK for done in tried):
            continue
        tried.append(location)
        candidate = _approximate_match_near(text, exact, location)
        if candidate is not None and (candidate.start, candidate.end) not in found:
            found.add((candidate.start, candidate.end))
            yield candidate
        if len(tried) == MAX_SEEDS:
            return


def seed_locations(text: str, exact: str, hint: int | None) -> list[int]:
    """Where the quote would start if one of its pieces is where it occurs unchanged.

    Bitap only looks near a location; a passage that was both edited and moved far (an
    import into a changed document) is found through the pieces of it that survived.
    """
    step = max(SEED_CHARS, len(exact) // SEEDS_PER_QUOTE)
    locations = []
    for offset in range(0, max(1, len(exact) - SEED_CHARS + 1), step):
        piece = exact[offset : offset + SEED_CHARS]
        for found in occurrences(text, piece, None)[:MAX_SEEDS]:
            locations.append(found - offset)
    if hint is not None:
        locations.sort(key=lambda location: abs(location - hint))
    return locations


def _approximate_match_near(text: str, exact: str, location: int) -> Candidate | None:
    """The span near ``location`` most like ``exact``, if it is about as long and alike.

    The quote's head and tail are looked for apart; when they are too far apart for one
    passage (the tail's words recur in the next sentence, say), the span the head begins
    and the span the tail ends are each tried too, and so is the span at ``location``.
    """
    length = len(exact)
    width = min(length, MATCH_MAX_BITS)
    head, tail = exact[:width], exact[-width:]
    matcher = matcher_for_matching()
    head_at = int(matcher.match_main(text, head, location))
    expected_tail = (head_at if head_at >= 0 else location) + length - width
    tail_at = int(matcher.match_main(text, tail, expected_tail))
    rough_spans = []
    if head_at >= 0 and tail_at >= 0:
        rough_spans.append((head_at, tail_at + width))
    if head_at >= 0:
        rough_spans.append((head_at, head_at + length))
    if tail_at >= 0:
        rough_spans.append((tail_at + width - length, tail_at + width))
    # Bitap may prefer a better match a little further away (a like sentence before)
    # to a passage reworded where it was expected.
    rough_spans.append((location, location + length))
    # Fitting is the costly part: spans that begin and end near one already fitted would
    # come to the same.
    best: Candidate | None = None
    fitted_spans: list[tuple[int, int]] = []
    for rough_start, rough_end in rough_spans:
        start, end = max(0, rough_start), max(0, rough_end)
        if any(abs(start - a) <= MIN_SLACK and abs(end - b) <= MIN_SLACK for a, b in fitted_spans):
            continue
        fitted_spans.append((start, end))
        candidate = fitted(text, exact, start, end)
        if candidate is not None and (best is None or candidate.likeness > best.likeness):
            best = candidate
    return best


def fitted(text: str, exact: str, start: int, end: int) -> Candidate | None:
    """A rough span fitted to the quote, if it is about as long as the quote and alike.

    Used on Bitap's rough matches, and on where the diff maps a passage that was edited.
    """
    rough = text[max(0, start) : max(0, end)]
    if not rough or similarity(exact, rough) < MIN_ROUGH_SIMILARITY:
        return None  # fitting the ends cannot make that a match: spare the cost
    return _fit(text, exact, start, end)


def _fit(text: str, exact: str, start: int, end: int) -> Candidate | None:
    start, end = _fit_span(text, exact, start, end)
    if end <= start or abs((end - start) - len(exact)) > max(4, len(exact) // 4):
        return None
    return Candidate(start, end, similarity(exact, text[start:end]))


def on_word_edges(
    text: str, candidate: Candidate, exact: str, *, starts_word: bool, ends_word: bool
) -> Candidate:
    """The candidate with its ends moved to the edges of words, where the passage's were.

    Fitting weighs characters, not words: where the first or last word was replaced by
    one of another shape, it would rather cut the new word ("and the mini" for "and the
    Khankendi" become "and the ministers"), leaving its rest outside the passage.

    Args:
        text: The text the candidate is in.
        candidate: The span to tidy.
        exact: The quote.
        starts_word: The passage began at the start of a word (or with a space or mark).
        ends_word: The passage ended at the end of a word (or with a space or mark).
    """
    start, end = candidate.start, candidate.end
    if starts_word:
        while start < end - 1 and text[start].isspace() and not exact[0].isspace():
            start += 1
        while start > 0 and candidate.start - start < MAX_WORD_CHARS and _inside_word(text, start):
            start -= 1
    if ends_word:
        while end > start + 1 and text[end - 1].isspace() and not exact[-1].isspace():
            end -= 1
        while end < len(text) and end - candidate.end < MAX_WORD_CHARS and _inside_word(text, end):
            end += 1
    if (start, end) == (candidate.start, candidate.end):
        return candidate
    return Candidate(start, end, similarity(exact, text[start:end]))


def _inside_word(text: str, at: int) -> bool:
    """Whether ``at`` falls between two letters (or digits) of one word."""
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


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
            distance(exact, text[at:end]) + distance(head, text[at : at + edge]),
            abs(at - start),
        ),
    )
    end = min(
        range(max(start + 1, end - slack), min(len(text), end + slack) + 1),
        key=lambda at: (
            distance(exact, text[start:at]) + distance(tail, text[max(0, at - edge) : at]),
            abs(at - end),
        ),
    )
    return start, end
