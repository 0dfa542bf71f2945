"""Where an annotation's passage is in a document's text, and where it went after a change.

A passage is described twice, as in the W3C Web Annotation model: by its quote with up to
32 characters of context on each side (``TextQuoteSelector``), and by its offsets
(``TextPositionSelector``). After the text changes, the passage is looked for as
Hypothesis does it (on Google's diff-match-patch), but a place is only *accepted* where
the passage is recognisably the same one. A wrong place misleads silently; an orphan is
visible, and the reader can re-attach it (:func:`suggest` offers the best place it turned
down).

**When the old text is known** (a re-imported or moved file, :meth:`TextChange.reanchor`;
the diffs are :mod:`~archive.annotations.anchoring_diff`'s):

1. Trimming the two texts' common beginning and end, as if the change were one edit: a
   span so kept that holds exactly the quote is the passage, an edit anywhere outside it
   notwithstanding, unless the other trim keeps it somewhere else (a sentence beginning
   with the passage's words was written before it). If the quote occurs more than once
   in the old text, which copy a trim keeps is the trim's choice: the place is taken
   only if no copy with all its old neighbours is found in step 2, and its words are
   not another sentence's (the diff takes them from across a sentence end, or the whole
   sentence around them is another old sentence and the passage's is gone: two
   sentences beginning or ending alike, the one with the passage deleted).
2. Candidates (:mod:`~archive.annotations.anchoring_candidates`): the span the diff maps
   the passage to, the exact quote's occurrences, then approximate matches; each at
   least 75% like the quote. Each is judged by its evidence
   (:mod:`~archive.annotations.anchoring_evidence`):

   - characters that were in the old text as *another* passage: never, however like
     the quote (a near-twin that was there all along);
   - the quote word for word, 32 characters or more, found once in the old text: yes;
   - its neighbours, up to 4,000 characters each side within the paragraph, the
     passage's old ones: yes, lightly edited at most if the candidate is the passage's
     own characters (edited in place), exactly (spacing aside) if it is text the change
     wrote elsewhere (its paragraph moved whole). A near-twin written a sentence or a
     paragraph away has other neighbours, even when the diff aligns it with the
     passage's old characters;
   - the quote word for word, in place, one old neighbour kept (text, not a paragraph's
     edge) and on the other side new text written into the old, no more: yes.

   Of those accepted, the likest to the quote wins; then the one whose sentence is
   likest to the passage's old sentence; then the passage's own characters; then the
   nearest. An orphan (its offsets hold other text) is placed as below, never on text
   kept from the old text.

**When only the quote is known** (importing annotations, :func:`anchor`), the text around
a place and how near it is to where the passage was (the hint, within 64 characters) are
all there is to tell the passage from a copy or a near-twin, so:

- an exact occurrence near the hint needs one side of context at least 60% like the
  stored prefix or suffix (a long quote found once: none);
- the passage edited where it was comes next: an approximate match near the hint whose
  context on every side is as it was, spacing aside (one typo in 32 characters at most);
  with no hint, on both sides. A near-twin elsewhere (one name changed, its sentence's
  other words the same) and a look-alike next to a deleted passage (a list's next item)
  are never taken;
- then an exact occurrence away from the hint: of a quote found more than once, with
  both sides agreeing (a copy among copies); of a short one found once, with no side
  disagreeing; then a long quote (32 characters or more) found once, trusted alone (its
  paragraph moved).

A selector with no context at all (from another tool) is placed on an exact occurrence
only: the only one, or the one nearest its position. Anything else is an orphan, and
:func:`suggest` offers the best candidate for the reader to confirm.

When nothing is accepted the caller orphans the annotation; nothing here ever drops one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from archive.annotations.anchoring_candidates import (
    MATCH_MAX_BITS,
    MAX_SLACK,
    Candidate,
    approximate_candidates,
    exact_candidates,
    fitted,
    on_word_edges,
    similarity,
)
from archive.annotations.anchoring_diff import TextDiff
from archive.annotations.anchoring_evidence import (
    Context,
    Origin,
    context_of,
    neighbourhood_of,
    sentence_around,
    written_into,
)

__all__ = [
    "CONTEXT_CHARS",
    "Placement",
    "TextChange",
    "TextQuote",
    "anchor",
    "check_span",
    "quote_at",
    "similarity",
    "suggest",
]

CONTEXT_CHARS = 32
MIN_CONTEXT_SIMILARITY = 0.6
#: An approximate match's context, spacing aside: one typo in 32 characters at most.
MIN_CLOSE_CONTEXT_SIMILARITY = 0.95
MIN_QUOTE_SIMILARITY = 0.75
#: Below this, nothing is even roughly like the quote: no suggestion is offered.
MIN_SUGGESTION_SIMILARITY = 0.5
#: Nearness to the expected place breaks ties between equally good contexts.
PROXIMITY_WEIGHT = 0.25

_SENTENCE_END = re.compile(r"[.!?]\s")
_SENTENCE_ENDS = ".!?"
#: Whether a span of the text may be the passage at all (the old text's veto).
_Allowed = Callable[[Candidate], bool]


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
    """Find a passage in ``text`` from its quote selector alone.

    Args:
        text: The document's plain text.
        quote: The passage's quote, prefix and suffix.
        hint: Where the passage is expected to start (its old offset), if known.

    Returns:
        Where it is, or ``None`` when no place is recognisably the passage (the
        annotation is orphaned).
    """
    return _place_by_context(text, quote, hint, None)


def suggest(text: str, quote: TextQuote, hint: int | None = None) -> Placement | None:
    """The best place for an orphan's passage, for the reader to confirm ("Re-attach here?").

    Unlike :func:`anchor`, this offers a place that is not good enough to accept on its
    own: the candidate most like the quote, weighed by how well its context matches,
    then the nearest to ``hint``.

    Returns:
        The place, or ``None`` when nothing is even roughly (50%) like the quote.
    """
    if not quote.exact.strip():
        return None
    best: tuple[float, int, Candidate] | None = None
    for candidate in _candidates(text, quote, hint):
        if candidate.likeness < MIN_SUGGESTION_SIMILARITY:
            continue
        context = _context(text, quote, candidate)
        weight = context.average if context.sides else 0.5
        score = candidate.likeness * (0.5 + 0.5 * weight)
        nearness = 0 if hint is None else -abs(candidate.start - hint)
        if best is None or (score, nearness) > best[:2]:
            best = (score, nearness, candidate)
    return None if best is None else _placement(best[2])


class TextChange(TextDiff):
    """One document's text before and after a change, diffed once for all its passages."""

    def reanchor(self, quote: TextQuote, start: int | None, end: int | None) -> Placement | None:
        """Find a passage of the old text in the new one.

        Args:
            quote: The passage's quote selector.
            start: Its offset in the old text (for an orphan, the last known one), if any.
            end: Its end offset in the old text, if any.

        Returns:
            Its placement in the new text, or ``None`` when no place is recognisably the
            passage.
        """
        if start is None or end is None:
            return anchor(self.new, quote, start)
        if not quote.exact:
            return None
        if not 0 <= start < end <= len(self.old) or self.old[start:end] != quote.exact:
            return self._reattach(quote, start)
        # Where the two trims keep the quote in different places (a sentence beginning
        # with the passage's words was written before it), neither is trusted.
        kept = {place for place in self.places_under_trims(start, end, quote.exact) if place}
        trimmed = Placement(*kept.pop(), exact=True) if len(kept) == 1 else None
        if trimmed is not None and not _occurs_twice(self.old, quote.exact):
            return trimmed
        # A quote that occurs more than once: which copy a trim keeps is the trim's choice.
        # The place a trim keeps (the other may cut the passage: text inserted before it,
        # or inside it?) is taken after a copy with all its old neighbours around it (two
        # paragraphs that begin alike, swapped), and only if the diff does not take its
        # words from another sentence (two sentences ending alike, one of them deleted).
        return self._judge(quote, (start, end), self.map_span(start, end), trimmed=trimmed)

    def _judge(
        self,
        quote: TextQuote,
        passage: tuple[int, int],
        mapped: tuple[int, int] | None,
        *,
        trimmed: Placement | None,
    ) -> Placement | None:
        """The best candidate the old text vouches for.

        First the passage where the diff maps it (edited in place) and the exact quote's
        occurrences; then where trimming the common beginning and end keeps it; then
        approximate matches elsewhere.
        """
        repeated = _occurs_twice(self.old, quote.exact)
        hint = mapped[0] if mapped is not None else self.map_offset(passage[0])
        occurrences = exact_candidates(self.new, quote.exact, hint)
        first = [*self._in_place(quote, mapped), *occurrences]
        vouched = [
            (candidate, origin)
            for candidate in first
            if (origin := self._vouch(candidate, passage, repeated=repeated)) is not None
        ]
        best = self._likeliest(vouched, passage, hint)
        if trimmed is not None and (best is None or not best.exact):
            # The quote word for word, where a trim keeps it, unless the diff says those
            # are another sentence's words (two sentences ending alike, the one with the
            # passage deleted: trimming knows no sentences).
            return None if self._another_sentences(trimmed, passage) else trimmed
        if best is not None:
            return _placement(best)
        # Approximate matches elsewhere come nearest first: the first vouched for.
        for candidate in _elsewhere_than(first, self.new, quote, hint):
            if self._vouch(candidate, passage, repeated=repeated) is not None:
                return _placement(candidate)
        return None

    def _likeliest(
        self, vouched: list[tuple[Candidate, Origin]], passage: tuple[int, int], hint: int
    ) -> Candidate | None:
        """Of the candidates vouched for, the likest; then the one whose sentence is likest.

        Two copies of a quote can each keep one old neighbour: a sentence beginning with
        the passage's words written before it ("The ministers welcomed a memorandum on
        mine action. The ministers welcomed a memorandum on energy"). The passage is the
        copy whose sentence is still its sentence. Then the diff's word, then nearness.
        """
        if len(vouched) < 2:
            return vouched[0][0] if vouched else None
        own_sentence = sentence_around(self.old, *passage)

        def key(item: tuple[Candidate, Origin]) -> tuple[float, float, bool, int]:
            candidate, origin = item
            sentence = sentence_around(self.new, candidate.start, candidate.end)
            return (
                candidate.likeness,
                similarity(own_sentence, sentence),
                origin is Origin.OWN,
                -abs(candidate.start - hint),
            )

        return max(vouched, key=key)[0]

    def _another_sentences(self, place: Placement, passage: tuple[int, int]) -> bool:
        """Whether ``place``'s words are another sentence's, not the passage's.

        Either the diff takes them from a copy across a sentence end (right next to the
        passage, a repeat of it, the first "aa" of "aaaa", is where an edit slides along,
        as diffs choose), or the whole sentence around them is another old sentence word
        for word, and the passage's own sentence is gone (two sentences beginning alike,
        the one with the passage deleted: the other now stands where it was).
        """
        origins = self.origins
        source = origins.old_offset(place.start)
        if origins.of(place.start, place.end, passage) is Origin.ELSEWHERE and source is not None:
            # From the first copy's start to the second's: a sentence ends in between, or
            # ends the first copy.
            between = self.old[min(source, passage[0]) : max(source, passage[0])]
            if _SENTENCE_END.search(between + " "):
                return True
        sentence = sentence_around(self.new, place.start, place.end).strip()
        own = sentence_around(self.old, *passage).strip()
        if len(sentence) < MATCH_MAX_BITS or sentence[-1:] not in _SENTENCE_ENDS:
            return False  # too short, or not a whole sentence, to be told apart
        if sentence == own or own in self.new:
            return False
        return any(
            sentence_around(self.old, at, at + len(sentence)).strip() == sentence
            for at in _occurrences(self.old, sentence)
        )

    def _in_place(self, quote: TextQuote, mapped: tuple[int, int] | None) -> list[Candidate]:
        """The span the diff maps the passage to, as it is and fitted to the quote.

        Where an edit inside the passage reaches its first or last word, the diff knows
        its ends better than fitting them does.
        """
        if mapped is None:
            return []
        start, end = mapped[0], min(mapped[1], len(self.new))
        if start >= end:
            return []
        spans = [Candidate(start, end, similarity(quote.exact, self.new[start:end]))]
        fit = fitted(self.new, quote.exact, start, end)
        if fit is not None:
            spans.append(fit)
        tidied = (_on_word_edges(self.new, quote, span) for span in spans)
        return list(dict.fromkeys(tidied))

    def _vouch(
        self, candidate: Candidate, passage: tuple[int, int], *, repeated: bool
    ) -> Origin | None:
        """The candidate's origin if the old text says it is the passage, else ``None``.

        Args:
            candidate: A place in the new text.
            passage: The passage's span in the old text.
            repeated: The quote occurs more than once in the old text.
        """
        if candidate.likeness < MIN_QUOTE_SIMILARITY:
            return None
        origin = self.origins.of(candidate.start, candidate.end, passage)
        if origin is Origin.ELSEWHERE:
            return None  # another passage, however like this one
        long_exact = candidate.exact and candidate.end - candidate.start >= MATCH_MAX_BITS
        if long_exact and not repeated:
            return origin  # a long quote found once, word for word, is trusted alone
        neighbours = neighbourhood_of(self.old, passage, self.new, candidate[:2])
        # Kept in place (its neighbours lightly edited at most), or moved with its whole
        # paragraph (its neighbours as they were): either way its neighbours came along.
        # A near-twin written a sentence or a paragraph away has others, even when the
        # diff happens to align it with the passage's old characters.
        if neighbours.untouched or (origin is Origin.OWN and neighbours.unchanged):
            return origin
        # The quote word for word, where the diff keeps it, with one old neighbour (text,
        # not a paragraph's edge) and new text written into the other side, no more: a
        # sentence written before it. Not when that side lost text, or old text from
        # elsewhere now stands there: the diff may have aligned the passage with the same
        # words nearby (two sentences beginning alike, the one with the passage deleted).
        if not (candidate.exact and origin is Origin.OWN):
            return None
        if not (neighbours.before.kept or neighbours.after.kept):
            return None
        added = written_into(self.old, passage, self.new, candidate[:2], self.origins)
        return origin if added.unchanged else None

    def _reattach(self, quote: TextQuote, last_start: int) -> Placement | None:
        """Place an orphan (its old offsets hold something else) by its quote alone.

        The old text did not hold its passage, so text kept from the old text is not it
        either; only text the change wrote, or wrote where the orphan last was, may be.
        """
        at = max(0, min(last_start, len(self.old)))
        hint = self.map_offset(at)

        def allowed(candidate: Candidate) -> bool:
            origin = self.origins.of(candidate.start, candidate.end, (at, at))
            return origin is not Origin.ELSEWHERE

        return _place_by_context(self.new, quote, hint, allowed)


# -- judging by the quote and its context alone -------------------------------------------


def _place_by_context(
    text: str, quote: TextQuote, hint: int | None, allowed: _Allowed | None
) -> Placement | None:
    """The exact occurrence in the best context, else an approximate match in context."""
    exact = quote.exact
    if not exact:
        return None
    occurrences = [c for c in exact_candidates(text, exact, hint) if allowed is None or allowed(c)]
    if occurrences and not (quote.prefix or quote.suffix):
        # A selector with no context (another tool's, or a passage that was the whole
        # text): the quote and where it was are all there is to go by.
        unambiguous = len(occurrences) == 1 or hint is not None or len(exact) >= MATCH_MAX_BITS
        return _placement(occurrences[0]) if unambiguous else None
    once = _occurs_once(text, exact)
    near: tuple[float, Candidate] | None = None
    far: tuple[float, Candidate] | None = None
    for candidate in occurrences:
        context = _context(text, quote, candidate)
        if not _occurrence_recognised(context, candidate, hint, len(exact), once=once):
            continue
        score = context.average + PROXIMITY_WEIGHT * _proximity(text, candidate.start, hint)
        if _near(candidate, hint):
            near = max(near, (score, candidate), key=_score)
        else:
            far = max(far, (score, candidate), key=_score)
    if near is not None:
        return _placement(near[1])
    # The passage edited where it was comes before a copy of its old words elsewhere
    # (a caption repeating a sentence, a title repeated in the text): that copy was
    # there all along, and is another passage.
    edited = _edited_in_place(text, quote, hint, occurrences, allowed)
    if edited is not None:
        return edited
    if far is not None:
        return _placement(far[1])
    # A long quote found once, word for word, is trusted alone (its paragraph moved, and
    # its neighbours are other paragraphs), after the passage edited where it was: the
    # copy may be another passage's words, there all along.
    if once and len(exact) >= MATCH_MAX_BITS and occurrences:
        return _placement(occurrences[0])
    return None


def _edited_in_place(
    text: str,
    quote: TextQuote,
    hint: int | None,
    occurrences: list[Candidate],
    allowed: _Allowed | None,
) -> Placement | None:
    """An approximate match recognised as the passage edited (see :func:`_edit_recognised`).

    The span where the passage was, fitted to the quote, is tried first: a search for
    the likest text may find other look-alikes first when a word was replaced.
    """
    at_hint = [] if hint is None else [fitted(text, quote.exact, hint, hint + len(quote.exact))]
    found = _elsewhere_than(occurrences, text, quote, hint)
    for candidate in (*(c for c in at_hint if c is not None and not c.exact), *found):
        if candidate.likeness < MIN_QUOTE_SIMILARITY:
            continue
        if allowed is not None and not allowed(candidate):
            continue
        if _edit_recognised(text, quote, candidate, hint):
            return _placement(candidate)
    return None


def _score(scored: tuple[float, Candidate] | None) -> float:
    return -1.0 if scored is None else scored[0]


def _occurrence_recognised(
    context: Context, candidate: Candidate, hint: int | None, length: int, *, once: bool
) -> bool:
    """Whether an exact occurrence of the quote is the passage, by its context and place.

    A quote found once needs one side, or (a long one) to be where it was; a long one
    found once elsewhere, with other text around it, is taken only after the passage
    edited in place is looked for. A quote found more than once is a copy among copies:
    only the text on both sides, or on one side where it was, tells which.
    """
    near = _near(candidate, hint)
    agrees = (context.best or 0.0) >= MIN_CONTEXT_SIMILARITY
    if once and length >= MATCH_MAX_BITS:
        return agrees or near
    if once:
        # Away from where it was, no side may be other text.
        return agrees and (near or (context.worst or 0.0) >= MIN_CONTEXT_SIMILARITY)
    both = len(context.sides) == 2 and (context.worst or 0.0) >= MIN_CONTEXT_SIMILARITY
    return both or (near and agrees)


def _edit_recognised(text: str, quote: TextQuote, candidate: Candidate, hint: int | None) -> bool:
    """Whether an approximate match is the passage, edited: where it was, in its own context.

    Without the old text, a near-twin elsewhere (one name changed, its sentence's other
    words the same) is told from the passage lightly edited in place only by where it is;
    and a look-alike next to where a passage was deleted (a list's next item) only by its
    context. So the edit must be inside the passage: the context on every side that has
    one is as it was, spacing aside (a text typed again), and on both sides when there is
    no hint of where it was.
    """
    context = context_of(
        text, quote.prefix, quote.suffix, candidate.start, candidate.end, spacing_aside=True
    )
    if context.worst is None or context.worst < MIN_CLOSE_CONTEXT_SIMILARITY:
        return False  # no context to recognise the passage by, or other context
    if hint is None:
        return len(context.sides) == 2
    return _near(candidate, hint)


def _near(candidate: Candidate, hint: int | None) -> bool:
    return hint is not None and abs(candidate.start - hint) <= MAX_SLACK


def _candidates(text: str, quote: TextQuote, hint: int | None) -> Iterator[Candidate]:
    occurrences = exact_candidates(text, quote.exact, hint)
    yield from occurrences
    yield from _elsewhere_than(occurrences, text, quote, hint)


def _elsewhere_than(
    occurrences: list[Candidate], text: str, quote: TextQuote, hint: int | None
) -> Iterator[Candidate]:
    """Approximate matches that overlap none of the exact ``occurrences`` (judged apart)."""
    for found in approximate_candidates(text, quote.exact, hint):
        candidate = _on_word_edges(text, quote, found)
        if not any(
            candidate.start < taken.end and taken.start < candidate.end for taken in occurrences
        ):
            yield candidate


def _on_word_edges(text: str, quote: TextQuote, candidate: Candidate) -> Candidate:
    """A candidate that cuts a word, where its passage did not, widened to the whole word."""
    if candidate.exact:
        return candidate
    exact = quote.exact
    starts_word = not (quote.prefix[-1:].isalnum() and exact[0].isalnum())
    ends_word = not (quote.suffix[:1].isalnum() and exact[-1].isalnum())
    return on_word_edges(text, candidate, exact, starts_word=starts_word, ends_word=ends_word)


def _context(text: str, quote: TextQuote, candidate: Candidate) -> Context:
    return context_of(text, quote.prefix, quote.suffix, candidate.start, candidate.end)


def _placement(candidate: Candidate) -> Placement:
    return Placement(candidate.start, candidate.end, exact=candidate.exact)


def _occurrences(text: str, part: str, most: int = 8) -> list[int]:
    found: list[int] = []
    at = text.find(part)
    while at >= 0 and len(found) < most:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _occurs_once(text: str, quote: str) -> bool:
    first = text.find(quote)
    return first >= 0 and text.find(quote, first + 1) < 0


def _occurs_twice(text: str, quote: str) -> bool:
    first = text.find(quote)
    return first >= 0 and text.find(quote, first + 1) >= 0


def _proximity(text: str, start: int, hint: int | None) -> float:
    if hint is None:
        return 0.0
    return 1.0 - min(1.0, abs(start - hint) / max(1, len(text)))
