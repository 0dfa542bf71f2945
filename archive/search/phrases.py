"""Phrases matched from word positions, with a limit on the work of each query.

Whoosh matches a phrase by making a span object for every occurrence of every word and
pairing them word after word: a Python object per position. On a 9.6 MB document of
"oil " repeated, ``"oil oil"`` took 25 s and a phrase of 120 words over 15 minutes. Here
a phrase is matched in steps, over all its candidate documents at once:

1. The documents that have all its words, from the cached postings (see
   :mod:`archive.search.scored_matches`), scored as Whoosh scores a phrase: the sum of its
   words' scores, times its boost.
2. Among them, those where the words stand in order, each within ``slop`` positions of
   the one before, checked from the positions the index keeps. The positions of every
   candidate are decoded together into one array per word, keyed by document and
   position; for a phrase without slop, the documents where word ``i`` stands ``i``
   places after the first word are an intersection of those arrays, a few vectorised
   steps however many candidates there are.

The second step is bounded. A query may examine at most :data:`MAX_EXAMINED_POSITIONS`
word positions (:class:`PhraseBudget`). How many positions a document costs is known
from its words' frequencies before any position is decoded, so documents are checked
cheapest first, as long as their cost fits what is left of the budget.

A document that does not fit is decided without positions: it matches, since it has every
word of the phrase. That is the trade-off: a search never misses a document that has the
phrase, but may list a very long one (with a phrase of words that occur hundreds of
thousands of times in it) that has the words apart. Checking such a document exactly
would mean reading all of its text, which is what the limit is there to prevent. A phrase
under NOT excludes such a document too. Snippets and highlights are not affected: they
mark the phrase's words wherever they occur, in every document.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
from whoosh.query import Phrase
from whoosh.searching import Searcher

from archive.search.matches import Matches, intersection
from archive.search.whoosh_internals import DocArray, decode_positions

if TYPE_CHECKING:
    from archive.search.scored_matches import PostingsCache, TermValues

# A document's positions are keyed as document number * _KEY + position.
_KEY = 1 << 32


class PositionCounter:
    """How many positions were examined: found in a text, or tested against another word's."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


#: Positions one query's phrases may examine in all. At about 0.1 µs each (finding a
#: word in a text and testing it once), 2 million take about 0.2 s; most phrases need
#: none (two words), or a fraction of that.
MAX_EXAMINED_POSITIONS = 2_000_000


class PhraseBudget:
    """The positions a query's phrases may still examine.

    Args:
        limit: How many positions in all; :data:`MAX_EXAMINED_POSITIONS` if not given.

    Attributes:
        limit: How many positions the phrases may examine in all.
        examined: How many they examined.
        unchecked: How many documents were decided without positions (matched because
            they have every word) when checking them would have exceeded the limit.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_EXAMINED_POSITIONS if limit is None else limit
        self.examined = 0
        self.unchecked = 0

    @property
    def remaining(self) -> int:
        """Positions that may still be examined."""
        return self.limit - self.examined


def can_match_from_positions(phrase: Phrase, searcher: Searcher) -> bool:
    """Whether :func:`phrase_matches` can match ``phrase`` (its field keeps positions)."""
    if phrase.fieldname not in searcher.schema or len(phrase.words) < 2 or phrase.slop < 1:
        return False
    field_format = searcher.schema[phrase.fieldname].format
    return field_format is not None and bool(field_format.supports("positions"))


def phrase_matches(phrase: Phrase, postings: PostingsCache, budget: PhraseBudget) -> Matches:
    """Return the documents that have ``phrase``, scored as Whoosh scores them.

    Args:
        phrase: A phrase whose field keeps positions (see :func:`can_match_from_positions`).
        postings: The postings of the snapshot searched.
        budget: The positions the query may still examine; charged with those examined.

    Returns:
        The matches. Documents too costly for what is left of the budget match if they
        have every word (see the module docstring).
    """
    key = ("phrase", phrase.fieldname, tuple(phrase.words), phrase.slop)
    matches = postings.recall(key)
    if matches is None:
        matches, exact = _match(phrase, postings, budget)
        if exact:
            # Only exact results are kept: one decided without positions may be checked
            # when the same phrase comes with a budget of its own.
            postings.keep(key, matches)
    return matches.boosted(phrase.boost)


def _match(phrase: Phrase, postings: PostingsCache, budget: PhraseBudget) -> tuple[Matches, bool]:
    """Match ``phrase`` (boost aside); also say whether every document was checked."""
    fieldname = phrase.fieldname
    words: list[str] = list(phrase.words)
    distinct = sorted(set(words))
    # A word twice in the phrase counts twice, as in Whoosh's intersection of the
    # phrase's term matchers.
    read = {word: postings.term_values(fieldname, word) for word in distinct}
    candidates = intersection([read[word].matches for word in words])
    if not len(candidates):
        return candidates, True
    boost = postings.searcher.schema[fieldname].format.field_boost
    occurrences = {word: _Occurrences(read[word], candidates.docs, boost) for word in distinct}
    cost = _costs(words, phrase.slop, occurrences)
    # Cheapest first: a few huge documents do not use up the budget of many ordinary ones.
    order = np.argsort(cost, kind="stable")
    affordable = order[np.cumsum(cost[order]) <= budget.remaining]
    checked = np.sort(candidates.docs[affordable])
    unchecked = len(candidates) - len(checked)
    budget.unchecked += unchecked
    if not len(checked):
        return candidates, unchecked == 0
    positions = {word: found.positions(checked) for word, found in occurrences.items()}
    budget.examined += sum(len(keys) for keys in positions.values())
    if phrase.slop == 1:
        has_phrase = _side_by_side(words, positions)
        budget.examined += sum(len(positions[word]) for word in words[1:])
    else:
        has_phrase, tested = _near_in_order(words, phrase.slop, positions)
        budget.examined += tested
    missing = np.setdiff1d(checked, has_phrase, assume_unique=True)
    kept = np.setdiff1d(candidates.docs, missing, assume_unique=True)
    return candidates.within(kept), unchecked == 0


class _Occurrences:
    """One word's postings among a phrase's candidates: frequencies, and positions.

    Args:
        read: The word's postings, read whole.
        candidates: The phrase's candidate documents (ascending).
        boost: The field's boost: a posting's weight is its frequency times it.
    """

    def __init__(self, read: TermValues, candidates: DocArray, boost: float) -> None:
        wanted = np.isin(read.matches.docs, candidates, assume_unique=True)
        self.docs = read.matches.docs[wanted]
        self.frequencies = np.rint(read.weights[wanted] / boost).astype(np.int64)
        self._values = [read.values[index] for index in np.flatnonzero(wanted).tolist()]

    def positions(self, docs: DocArray) -> DocArray:
        """The word's positions in ``docs`` (ascending), keyed ``document * 2**32 + position``."""
        chosen = np.flatnonzero(np.isin(self.docs, docs, assume_unique=True))
        counts, positions = decode_positions([self._values[index] for index in chosen.tolist()])
        return np.repeat(self.docs[chosen] * _KEY, counts) + positions


def _costs(words: list[str], slop: int, occurrences: dict[str, _Occurrences]) -> DocArray:
    """Each candidate's cost in positions: those decoded, and those tested.

    Every distinct word's positions are decoded. Without slop, each later word's
    positions are then tested once against the starts left (one intersection); with
    slop, as :func:`phrase_cost` counts the walk of :func:`occurs_in_order`.
    """
    frequency = {word: found.frequencies for word, found in occurrences.items()}
    decoded: DocArray = np.sum(np.stack(list(frequency.values())), axis=0)
    if slop == 1:
        tested = np.sum(np.stack([frequency[word] for word in words[1:]]), axis=0)
    else:
        tested = np.sum(
            np.stack([frequency[before] + frequency[word] for before, word in pairwise(words)]),
            axis=0,
        )
    return decoded + tested


def _side_by_side(words: list[str], positions: dict[str, DocArray]) -> DocArray:
    """The documents where the words stand next to each other, in order."""
    starts = positions[words[0]]
    for index, word in enumerate(words[1:], start=1):
        starts = np.intersect1d(starts, positions[word] - index, assume_unique=True)
        if not len(starts):
            break
    return np.unique(starts // _KEY)


def _near_in_order(
    words: list[str], slop: int, positions: dict[str, DocArray]
) -> tuple[DocArray, int]:
    """The documents where the words occur in order, each 1 to ``slop`` after the last.

    What :func:`occurs_in_order` decides for one document, for all at once: each word's
    occurrences are kept where the nearest kept occurrence of the word before stands
    1 to ``slop`` positions earlier (in the same document: positions are keyed by it).

    Returns:
        The documents, and how many positions were tested.
    """
    ends = positions[words[0]]
    tested = 0
    for word in words[1:]:
        following = positions[word]
        tested += len(ends) + len(following)
        nearest = np.searchsorted(ends, following, side="left") - 1
        close = nearest >= 0
        close[close] = following[close] - ends[nearest[close]] <= slop
        ends = following[close]
        if not len(ends):
            break
    return np.unique(ends // _KEY), tested


def phrase_cost(words: list[str], slop: int, frequency: dict[str, int]) -> int:
    """The most positions :func:`occurs_in_order` examines given the words' frequencies."""
    decoded = sum(frequency.values())
    if slop == 1:
        # Every later word tests the candidates left, at most those of the rarest word.
        return decoded + (len(words) - 1) * min(frequency.values())
    # Every later word walks its positions along those the word before ended on.
    return decoded + sum(frequency[before] + frequency[word] for before, word in pairwise(words))


def occurs_in_order(
    words: list[str], slop: int, positions: dict[str, list[int]], counter: PositionCounter
) -> bool:
    """Whether the words occur in order, each 1 to ``slop`` positions after the one before.

    That is what Whoosh's ``SpanNear2(ordered=True, mindist=1)`` matches: each word
    follows the end of the span matched so far, the previous word's position.
    """
    if slop == 1:
        return _occurs_side_by_side(words, positions, counter)
    ends = positions[words[0]]
    for word in words[1:]:
        following = _following(ends, positions[word], slop)
        counter.count += len(ends) + len(positions[word])
        ends = following
        if not ends:
            return False
    return True


def _following(ends: list[int], positions: list[int], slop: int) -> list[int]:
    """The positions 1 to ``slop`` after one of ``ends`` (both lists in ascending order)."""
    # One walk along both lists (three times faster than a binary search per position):
    # the nearest end before a position is the one that may be close enough.
    following = []
    nearest = 0
    count = len(ends)
    for position in positions:
        while nearest < count and ends[nearest] < position:
            nearest += 1
        if nearest and position - ends[nearest - 1] <= slop:
            following.append(position)
    return following


def _occurs_side_by_side(
    words: list[str], positions: dict[str, list[int]], counter: PositionCounter
) -> bool:
    """Whether the words occur next to each other, in order (a phrase without slop)."""
    # Where the phrase would start, from its rarest word; the others rule starts out,
    # rarer ones first since they rule out more.
    order = sorted(range(len(words)), key=lambda index: len(positions[words[index]]))
    anchor = order[0]
    starts = [position - anchor for position in positions[words[anchor]]]
    sets: dict[str, set[int]] = {}
    for index in order[1:]:
        word = words[index]
        occupied = sets.get(word)
        if occupied is None:
            occupied = sets[word] = set(positions[word])
        counter.count += len(starts)
        starts = [start for start in starts if start + index in occupied]
        if not starts:
            return False
    return True
