"""Phrases matched from word positions, with a limit on the work of each query.

Whoosh matches a phrase by making a span object for every occurrence of every word and
pairing them word after word. On a 9.6 MB document of "oil " repeated, ``"oil oil"`` took
25 s and a phrase of 120 words over 15 minutes. Here a phrase is matched in two steps:

1. The documents that have all its words, from the cached postings (see
   :mod:`archive.search.scored_matches`), scored as Whoosh scores a phrase: the sum of its
   words' scores, times its boost.
2. Among them, those where the words stand in order, each within ``slop`` positions of
   the one before, checked from the positions the index keeps.

The second step is bounded. A query may examine at most :data:`MAX_EXAMINED_POSITIONS`
word positions (:class:`PhraseBudget`): each position decoded from the index, and each
one tested against the next word's. How many positions a document can cost at most is
known from its words' frequencies before any position is read, so documents are checked
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

from whoosh.query import Phrase
from whoosh.searching import Searcher

from archive.search.term_positions import PositionCounter, TermPositions

if TYPE_CHECKING:
    from archive.search.scored_matches import PostingsCache

#: Positions one query's phrases may examine in all. At about 0.1 µs each (decoding
#: a position and testing it once), 2 million take about 0.2 s; an ordinary archive of
#: 10,000 press releases needs a fraction of that for a phrase of common words.
MAX_EXAMINED_POSITIONS = 2_000_000

# A word in more than this many times the documents left after the rarer words is read
# for those documents only, with a skip per document, rather than whole.
_FEW_LEFT = 4

#: Document number -> relevance score, for every matching document.
ScoredDocs = dict[int, float]


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


def phrase_matches(phrase: Phrase, postings: PostingsCache, budget: PhraseBudget) -> ScoredDocs:
    """Return the documents that have ``phrase``, scored as Whoosh scores them.

    Args:
        phrase: A phrase whose field keeps positions (see :func:`can_match_from_positions`).
        postings: The postings of the snapshot searched.
        budget: The positions the query may still examine; charged with those examined.

    Returns:
        ``{document number: score}``. Documents too costly for what is left of the budget
        match if they have every word (see the module docstring).
    """
    key = ("phrase", phrase.fieldname, tuple(phrase.words), phrase.slop)
    scored = postings.recall(key)
    if scored is None:
        scored, exact = _match(phrase, postings, budget)
        if exact:
            # Only exact results are kept: one decided without positions may be checked
            # when the same phrase comes with a budget of its own.
            postings.keep(key, scored)
    if phrase.boost != 1.0:
        return {docnum: score * phrase.boost for docnum, score in scored.items()}
    return scored


def _match(
    phrase: Phrase, postings: PostingsCache, budget: PhraseBudget
) -> tuple[ScoredDocs, bool]:
    """Match ``phrase`` (boost aside); also say whether every document was checked."""
    words: list[str] = list(phrase.words)
    candidates = _with_every_word(phrase.fieldname, words, postings)
    if not candidates:
        return {}, True
    terms = sorted(set(words))
    positions = TermPositions(postings.searcher, phrase.fieldname, terms, budget.remaining)
    frequencies = positions.frequencies(sorted(candidates))
    costs = {
        docnum: phrase_cost(words, phrase.slop, counts) for docnum, counts in frequencies.items()
    }
    # Cheapest first: a few huge documents do not use up the budget of many ordinary ones.
    checked: list[int] = []
    reserved = 0
    for docnum in sorted(costs, key=costs.__getitem__):
        if reserved + costs[docnum] > budget.remaining:
            break
        checked.append(docnum)
        reserved += costs[docnum]
    unchecked = len(candidates) - len(checked)
    budget.unchecked += unchecked

    matches = candidates
    if checked:
        counter = PositionCounter()
        missing = {
            docnum
            for docnum, term_positions in positions.positions(sorted(checked), counter)
            if not occurs_in_order(words, phrase.slop, term_positions, counter)
        }
        budget.examined += counter.count
        matches = {docnum: score for docnum, score in candidates.items() if docnum not in missing}
    return matches, unchecked == 0


def _with_every_word(fieldname: str, words: list[str], postings: PostingsCache) -> ScoredDocs:
    """The documents that have every word, each scored with the sum of its words' scores.

    A word that occurs twice in the phrase counts twice, as in Whoosh's intersection of
    the phrase's term matchers. The rarest word's documents are read first; a word found
    in many more documents than are left is read for those only.
    """
    reader = postings.searcher.reader()
    distinct = sorted(set(words), key=lambda word: reader.doc_frequency(fieldname, word))
    scored_by_word: dict[str, ScoredDocs] = {}
    common: list[int] | None = None
    for word in distinct:
        if common is None:
            scored = postings.term(fieldname, word)
        elif reader.doc_frequency(fieldname, word) > _FEW_LEFT * len(common):
            scored = postings.term_in(fieldname, word, common)
        else:
            scored = postings.term(fieldname, word)
        scored_by_word[word] = scored
        common = sorted(scored.keys() if common is None else scored.keys() & common)
        if not common:
            return {}
    assert common is not None
    parts = [scored_by_word[word] for word in words]
    return {docnum: sum(part[docnum] for part in parts) for docnum in common}


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
