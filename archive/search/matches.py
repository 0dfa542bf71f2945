"""Scored matches as arrays, and how AND, OR and NOT combine them.

A query's matches are two numpy arrays of the same length: the document numbers, in
ascending order and each once, and their relevance scores. Combining two lists of 10,000
matches is then a few vectorised steps instead of a Python loop over dictionaries.

Scores combine as Whoosh's matchers combine them (see ``whoosh.matching``): AND and OR
add their parts' scores, a NOT lets each document through with a score of 1, a boost
multiplies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from archive.search.whoosh_internals import DocArray, ScoreArray

__all__ = ["Matches", "difference", "intersection", "union"]


@dataclass(frozen=True, slots=True)
class Matches:
    """Matching documents (ascending, distinct) and their scores."""

    docs: DocArray
    scores: ScoreArray

    @classmethod
    def empty(cls) -> Matches:
        return cls(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64))

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def nbytes(self) -> int:
        """The memory the two arrays take."""
        return int(self.docs.nbytes + self.scores.nbytes)

    def boosted(self, boost: float) -> Matches:
        """The same documents, each score multiplied by ``boost``."""
        if boost == 1.0:
            return self
        return Matches(self.docs, self.scores * boost)

    def within(self, docs: DocArray) -> Matches:
        """Only the matches among ``docs`` (ascending)."""
        keep = np.isin(self.docs, docs, assume_unique=True)
        return Matches(self.docs[keep], self.scores[keep])

    def as_dict(self) -> dict[int, float]:
        """``{document number: score}``."""
        return dict(zip(self.docs.tolist(), self.scores.tolist(), strict=True))


def intersection(parts: Sequence[Matches]) -> Matches:
    """The documents every part matches; each one's score is the sum of its parts'."""
    if not parts:
        return Matches.empty()
    common = min(parts, key=len).docs
    for part in parts:
        if not len(common):
            return Matches.empty()
        common = np.intersect1d(common, part.docs, assume_unique=True)
    scores = np.zeros(len(common), dtype=np.float64)
    for part in parts:
        scores += part.scores[np.searchsorted(part.docs, common)]
    return Matches(common, scores)


def union(parts: Sequence[Matches]) -> Matches:
    """The documents any part matches; each one's score is the sum of the matching parts'."""
    present = [part for part in parts if len(part)]
    if not present:
        return Matches.empty()
    if len(present) == 1:
        return present[0]
    docs = np.concatenate([part.docs for part in present])
    scores = np.concatenate([part.scores for part in present])
    unique, where = np.unique(docs, return_inverse=True)
    summed = np.bincount(where, weights=scores, minlength=len(unique)).astype(np.float64)
    return Matches(unique.astype(np.int64), summed)


def difference(live: DocArray, excluded: Matches, score: float) -> Matches:
    """The live documents (ascending) that ``excluded`` does not match, each scored ``score``."""
    docs = np.setdiff1d(live, excluded.docs, assume_unique=True)
    return Matches(docs, np.full(len(docs), score, dtype=np.float64))
