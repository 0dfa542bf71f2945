"""Keyness: the terms most distinctive of each of two sets of documents.

Each term (a word, or a two-word phrase: see :mod:`archive.term_counting`) is scored by
Dunning's log-likelihood ratio G2 (Dunning 1993; Rayson and Garside 2000), the statistic
corpus linguists use for keywords. For a term seen ``a`` times among side A's ``c`` words
and ``b`` times among side B's ``d`` words::

    E1 = c (a + b) / (c + d)        E2 = d (a + b) / (c + d)
    G2 = 2 (a ln(a / E1) + b ln(b / E2))        (0 ln 0 = 0)

G2 says how sure it is that the term's frequency differs between the sides, not how much
it differs; the term belongs to the side where its relative frequency is higher. A term
is listed when G2 is at least 3.84 (p < 0.05), it occurs at least ``min_count`` times on
its side and in at least two of its documents (one, for a side of one document). Terms of
equal G2 are ordered by the effect size, the log ratio of the relative frequencies (Hardie
2014, with half an occurrence for a zero), then alphabetically.

A word almost always met inside one of the phrases listed ("Nagorno" in
"Nagorno-Karabakh") is left out in favour of the phrase.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from archive.term_counting import SideCounts, Terms

FloatArray = npt.NDArray[np.float64]

#: G2 for p < 0.05 with one degree of freedom.
SIGNIFICANT_G2 = 3.84
DEFAULT_MIN_COUNT = 3
MIN_DOCUMENTS = 2
#: A word is left out when a listed phrase holds at least this share of its occurrences.
SUBSUMED_SHARE = 0.9


@dataclass(frozen=True)
class KeyTerm:
    """A term distinctive of one side.

    Attributes:
        term: Its most frequent spelling ("Nagorno-Karabakh", "COP29").
        score: Its log-likelihood G2 (positive): how sure the difference is.
        count: Its occurrences on its side.
        other_count: Its occurrences on the other side.
        documents: The documents of its side it occurs in.
        log_ratio: log2 of its relative frequency on its side over the other's.
        phrase: Whether it is a two-word phrase.
    """

    term: str
    score: float
    count: int
    other_count: int
    documents: int
    log_ratio: float
    phrase: bool


@dataclass(frozen=True)
class _Scored:
    code: int
    score: float
    count: int
    other_count: int
    documents: int
    log_ratio: float


@dataclass(frozen=True)
class _Columns:
    """Per term, as seen from one side: G2, counts here and there, documents, log ratio."""

    scores: FloatArray
    counts: FloatArray
    other_counts: FloatArray
    documents: FloatArray
    ratios: FloatArray

    def at(self, rows: npt.NDArray[np.int64]) -> _Columns:
        return _Columns(
            self.scores[rows],
            self.counts[rows],
            self.other_counts[rows],
            self.documents[rows],
            self.ratios[rows],
        )


def log_likelihood(a: FloatArray, b: FloatArray, c: float, d: float) -> FloatArray:
    """Dunning's G2 of terms seen ``a`` and ``b`` times among ``c`` and ``d`` words."""
    total = a + b
    expected_a = c * total / (c + d)
    expected_b = d * total / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return np.asarray(2.0 * (part_a + part_b), dtype=np.float64)


def log_ratio(a: FloatArray, b: FloatArray, c: float, d: float) -> FloatArray:
    """log2 of the relative frequencies, A over B; a zero count counts as 0.5."""
    return np.asarray(
        np.log2((np.maximum(a, 0.5) / c) / (np.maximum(b, 0.5) / d)), dtype=np.float64
    )


def distinctive_terms(
    side_a: SideCounts,
    side_b: SideCounts,
    terms: Terms,
    spell: Callable[[list[int]], list[str]],
    *,
    limit: int,
    min_count: int = DEFAULT_MIN_COUNT,
) -> tuple[list[KeyTerm], list[KeyTerm]]:
    """The terms most distinctive of side A, and of side B, best first.

    Args:
        side_a: Side A's counts.
        side_b: Side B's counts.
        terms: The words the counts' codes stand for.
        spell: Gives the shown spelling of each term code.
        limit: At most this many terms a side.
        min_count: The fewest occurrences a term needs on its side.

    Returns:
        The terms of side A, then those of side B.
    """
    codes = np.union1d(side_a.codes, side_b.codes)
    a, docs_a = _aligned(side_a, codes)
    b, docs_b = _aligned(side_b, codes)
    c, d = float(side_a.words), float(side_b.words)
    scores = log_likelihood(a, b, c, d)
    ratios = log_ratio(a, b, c, d)
    significant = scores >= SIGNIFICANT_G2
    chosen_a = _chosen(significant & (a * d > b * c), a, docs_a, side_a.documents, min_count)
    chosen_b = _chosen(significant & (a * d < b * c), b, docs_b, side_b.documents, min_count)
    ranked_a = _ranked(
        codes[chosen_a],
        _Columns(scores, a, b, docs_a, ratios).at(chosen_a),
        terms,
        limit,
    )
    ranked_b = _ranked(
        codes[chosen_b],
        _Columns(scores, b, a, docs_b, -ratios).at(chosen_b),
        terms,
        limit,
    )
    spellings = spell([term.code for term in ranked_a + ranked_b])
    listed = [
        KeyTerm(
            term=spelling,
            score=term.score,
            count=term.count,
            other_count=term.other_count,
            documents=term.documents,
            log_ratio=term.log_ratio,
            phrase=terms.is_phrase(term.code),
        )
        for term, spelling in zip(ranked_a + ranked_b, spellings, strict=True)
    ]
    return listed[: len(ranked_a)], listed[len(ranked_a) :]


def _aligned(side: SideCounts, codes: npt.NDArray[np.int64]) -> tuple[FloatArray, FloatArray]:
    """The side's counts and document counts at ``codes`` (0 where it lacks the term)."""
    counts = np.zeros(len(codes), dtype=np.float64)
    documents = np.zeros(len(codes), dtype=np.float64)
    where = np.searchsorted(codes, side.codes)
    counts[where] = side.counts
    documents[where] = side.document_counts
    return counts, documents


def _chosen(
    candidates: npt.NDArray[np.bool_],
    counts: FloatArray,
    documents: FloatArray,
    side_documents: int,
    min_count: int,
) -> npt.NDArray[np.int64]:
    enough = (counts >= min_count) & (documents >= min(MIN_DOCUMENTS, side_documents))
    return np.flatnonzero(candidates & enough)


def _ranked(
    codes: npt.NDArray[np.int64], columns: _Columns, terms: Terms, limit: int
) -> list[_Scored]:
    """The terms best first; words a listed phrase holds are left out."""
    scored = [
        _Scored(code, score, int(count), int(other), int(documents), ratio)
        for code, score, count, other, documents, ratio in zip(
            codes.tolist(),
            columns.scores.tolist(),
            columns.counts.tolist(),
            columns.other_counts.tolist(),
            columns.documents.tolist(),
            columns.ratios.tolist(),
            strict=True,
        )
    ]
    scored.sort(key=lambda term: (-term.score, -term.log_ratio, terms_key(terms, term.code)))
    word_counts = {term.code: term.count for term in scored if not terms.is_phrase(term.code)}
    subsumed: set[int] = set()
    listed: list[_Scored] = []
    for term in scored:
        if term.code in subsumed:
            continue
        if terms.is_phrase(term.code):
            for word in terms.phrase_words(term.code):
                if term.count >= SUBSUMED_SHARE * word_counts.get(word, math.inf):
                    subsumed.add(word)
        listed.append(term)
    return [term for term in listed if term.code not in subsumed][:limit]


def terms_key(terms: Terms, code: int) -> str:
    """A term's folded text, for ordering ties alphabetically."""
    if terms.is_phrase(code):
        first, second = terms.phrase_words(code)
        return f"{terms.words[first]} {terms.words[second]}"
    return terms.words[code]
