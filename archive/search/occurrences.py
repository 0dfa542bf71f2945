"""Every occurrence of what a query looks for in a text: its words, and its phrases whole.

Highlights (:mod:`archive.search.snippets`) mark each word a query looks for on its own;
a concordance wants one hit per occurrence, and a phrase's hit is the whole phrase. The
words are recognised as the index recognises them (:data:`WORD_PATTERN`, folded and
stemmed by :func:`index_term`), and a phrase is found where the index finds it: its words
in order, each 1 to ``slop`` word positions after the one before (positions count the
words of :data:`WORD_PATTERN`, as :class:`archive.search.schema.StemmedText` numbers them).

Words under NOT are left out, and so are other fields than the title and body (a
``source:`` or ``year:`` names no words of the text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from whoosh.query import Phrase, Query
from whoosh.reading import IndexReader

from archive.search.analysis import WORD_PATTERN, index_term, is_whole_word
from archive.search.schema import DEFAULT_FIELDS
from archive.search.snippets import MAX_EXPANDED_TERMS, positive_leaves

Span = tuple[int, int]


@dataclass(frozen=True)
class HitWords:
    """What a query looks for in a text.

    Attributes:
        terms: Stems found on their own.
        phrases: Each phrase's stems in order, and its slop (1: side by side).
    """

    terms: frozenset[str]
    phrases: frozenset[tuple[tuple[str, ...], int]]

    @property
    def stems(self) -> frozenset[str]:
        """Every stem to look for, alone or in a phrase."""
        in_phrases = {stem for words, _slop in self.phrases for stem in words}
        return self.terms | in_phrases

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


class _Word(NamedTuple):
    position: int  # among all the words of the text
    start: int
    end: int
    stem: str


def collect_hit_words(query: Query, reader: IndexReader) -> HitWords:
    """The words and phrases a query (its patterns expanded) looks for in the text.

    Args:
        query: A parsed query, its patterns expanded (see
            :func:`archive.search.expansion.expand_word_patterns`).
        reader: The reader of the index searched.
    """
    terms: set[str] = set()
    phrases: set[tuple[tuple[str, ...], int]] = set()
    for leaf in positive_leaves(query):
        if isinstance(leaf, Phrase):
            if leaf.fieldname in DEFAULT_FIELDS and leaf.words:
                words = tuple(leaf.words)
                if len(words) == 1:
                    terms.add(words[0])
                else:
                    phrases.add((words, max(1, int(leaf.slop))))
            continue
        for fieldname, text in islice(leaf.expanded_terms(reader), MAX_EXPANDED_TERMS):
            if fieldname in DEFAULT_FIELDS:
                terms.add(text)
    return HitWords(frozenset(terms), frozenset(phrases))


def find_occurrences(text: str, hit_words: HitWords) -> list[Span]:
    """Every occurrence in ``text`` of a word or phrase of ``hit_words``, in text order.

    Occurrences do not overlap: where a word is also part of a phrase found, the phrase
    is the occurrence (the longest one starting first wins).

    Returns:
        ``(start, end)`` character offsets in ``text``; a phrase's span runs from its
        first word's start to its last word's end.
    """
    stems = hit_words.stems
    if not stems:
        return []
    # The distinct spellings first (in C), then only the wanted ones are searched for.
    wanted = {word for word in set(WORD_PATTERN.findall(text)) if index_term(word) in stems}
    if not wanted:
        return []
    slops = [slop for _words, slop in hit_words.phrases]
    words = _words_found(text, wanted, count_between=any(slop > 1 for slop in slops))
    spans = [(word.start, word.end) for word in words if word.stem in hit_words.terms]
    for phrase, slop in hit_words.phrases:
        spans += _phrase_spans(words, phrase, slop)
    return _without_overlaps(spans)


def _words_found(text: str, wanted: set[str], *, count_between: bool) -> list[_Word]:
    """The occurrences of the ``wanted`` spellings, with their word positions.

    The spellings are searched for as plain text (the longest first), then each place is
    checked to be a whole word: several times faster than a pattern that checks the word
    boundaries at every character. No whole word can start inside a place that is not
    one, so none is missed.

    Args:
        text: The text.
        wanted: Spellings of words, as :data:`WORD_PATTERN` finds them.
        count_between: Count the words between two occurrences, so that positions are
            exact (a phrase with slop needs them). Otherwise only whether there is any
            is found: positions then tell words side by side (one apart) from the others
            (more), which is all a phrase without slop needs.
    """
    spellings = "|".join(re.escape(word) for word in sorted(wanted, key=len, reverse=True))
    found: list[_Word] = []
    position = -1
    previous_end = 0
    for match in re.finditer(spellings, text):
        start, end = match.span()
        if not is_whole_word(text, start, end):
            continue
        if count_between:
            position += len(WORD_PATTERN.findall(text, previous_end, start)) + 1
        else:
            position += 2 if WORD_PATTERN.search(text, previous_end, start) else 1
        previous_end = end
        found.append(_Word(position, start, end, index_term(match.group())))
    return found


def _phrase_spans(words: list[_Word], phrase: tuple[str, ...], slop: int) -> list[Span]:
    """Where the phrase's words follow each other, each 1 to ``slop`` positions apart."""
    by_stem: dict[str, list[_Word]] = {}
    for word in words:
        by_stem.setdefault(word.stem, []).append(word)
    if any(stem not in by_stem for stem in phrase):
        return []
    positions = {stem: [word.position for word in found] for stem, found in by_stem.items()}
    spans: list[Span] = []
    for first in by_stem[phrase[0]]:
        last: _Word | None = first
        for stem in phrase[1:]:
            assert last is not None
            following = bisect_right(positions[stem], last.position)
            candidates = by_stem[stem]
            if following == len(candidates):
                last = None
            else:
                nearest = candidates[following]
                last = nearest if nearest.position <= last.position + slop else None
            if last is None:
                break
        if last is not None:
            spans.append((first.start, last.end))
    return spans


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """The spans in text order, each overlapping an earlier (or longer) one dropped."""
    kept: list[Span] = []
    for start, end in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept
