"""Every document a query matches, with its relevance score, from postings kept in memory.

Whoosh matches and scores a query one posting at a time, several Python method calls
each; for a word found in nearly every document of a 10,000-document archive that took
most of a search. Here a query is evaluated over whole posting lists instead: each
word's documents and BM25F scores are read once per index snapshot and kept (see
:class:`PostingsCache`), and AND, OR and NOT combine them as dictionaries of
``{document number: score}``. Phrases are checked from word positions with a limit on the
work (see :mod:`archive.search.phrases`). What this module does not know how to combine
(year ranges, other fields) is matched and scored by Whoosh itself, once per snapshot.

The scores are Whoosh's own: each posting is scored by the searcher's weighting model,
and combined as Whoosh's matchers combine them (AND and OR add their parts' scores, a
NOT counts 1 for every document it lets through, a boost multiplies), so hits rank as
they would in ``Searcher.search``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
from whoosh.query import And, Not, NullQuery, Or, Phrase, Query, Term
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher

from archive.search.matches import Matches, difference, intersection, union
from archive.search.phrases import PhraseBudget, can_match_from_positions, phrase_matches
from archive.search.schema import DEFAULT_FIELDS
from archive.search.whoosh_internals import (
    DocArray,
    ScoreArray,
    field_lengths,
    term_postings,
    term_values,
)

__all__ = ["MAX_CACHED_MB", "Matches", "PhraseBudget", "PostingsCache", "scored_matches"]

#: Memory for the scored postings kept per snapshot, all lists together (12 bytes a
#: posting: 1.2 million postings at this size), however large the archive.
MAX_CACHED_MB = 16

# Whoosh's InverseMatcher (what a NOT matches) scores each document it lets through 1.
_NOT_SCORE = 1.0


@dataclass(frozen=True)
class TermValues:
    """A term's postings read whole: scored matches, and per posting its weight and value."""

    matches: Matches
    weights: ScoreArray
    values: list[bytes]


@dataclass(frozen=True)
class _LeafPostings:
    docs: DocArray  # numbered in the whole index
    weights: ScoreArray
    values: list[bytes]
    searcher: Searcher


class PostingsCache:
    """The scored postings of one index snapshot, read on first use and kept.

    Args:
        searcher: The snapshot's searcher; its weighting model scores the postings.
        max_bytes: How much memory the kept lists may take; the least recently used
            lists are dropped first. :data:`MAX_CACHED_MB` megabytes if not given.
    """

    def __init__(self, searcher: Searcher, max_bytes: int | None = None) -> None:
        self._searcher = searcher
        self._max_bytes = MAX_CACHED_MB * 1024 * 1024 if max_bytes is None else max_bytes
        self._entries: OrderedDict[Hashable, Matches] = OrderedDict()
        self._size = 0
        self._lengths: dict[str, ScoreArray] = {}
        self._live: DocArray | None = None

    @property
    def searcher(self) -> Searcher:
        """The searcher of the snapshot."""
        return self._searcher

    @property
    def size_bytes(self) -> int:
        """The memory the kept lists take."""
        return self._size

    def live_documents(self) -> DocArray:
        """Every document number not deleted, ascending."""
        if self._live is None:
            self._live = np.fromiter(self._searcher.reader().all_doc_ids(), dtype=np.int64)
        return self._live

    def term(self, fieldname: str, text: str) -> Matches:
        """The documents that have the term, scored as Whoosh's ``Term`` query scores them."""
        return self._cached(("term", fieldname, text), lambda: self._read_term(fieldname, text))

    def query(self, query: Query) -> Matches:
        """The documents a query matches, matched and scored by Whoosh."""
        return self._cached(("query", query), lambda: self._read_query(query))

    def field_lengths(self, fieldname: str) -> ScoreArray:
        """Every document's length in the field (in words, as Whoosh scores it)."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            parts = [
                field_lengths(leaf.reader(), fieldname)
                for leaf, _offset in self._searcher.leaf_searchers()
            ]
            lengths = np.concatenate(parts) if parts else np.empty(0, dtype=np.float64)
            self._lengths[fieldname] = lengths
        return lengths

    def recall(self, key: Hashable) -> Matches | None:
        """The matches kept under ``key`` by :meth:`keep`, if they still are."""
        matches = self._entries.get(key)
        if matches is not None:
            self._entries.move_to_end(key)
        return matches

    def keep(self, key: Hashable, matches: Matches) -> None:
        """Keep matches (computed elsewhere) under ``key``, as postings are kept."""
        self._remember(key, matches)

    def _cached(self, key: Hashable, read: Callable[[], Matches]) -> Matches:
        matches = self._entries.get(key)
        if matches is None:
            matches = read()
            self._remember(key, matches)
        else:
            self._entries.move_to_end(key)
        return matches

    def _remember(self, key: Hashable, matches: Matches) -> None:
        size = matches.nbytes
        if size > self._max_bytes or key in self._entries:
            return
        self._entries[key] = matches
        self._size += size
        while self._size > self._max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._size -= dropped.nbytes

    def _read_term(self, fieldname: str, text: str) -> Matches:
        """The term's postings, scored by the searcher's weighting model."""
        return self._scored(fieldname, text, self._leaf_postings(fieldname, text))

    def _scored(self, fieldname: str, text: str, leaves: list[_LeafPostings]) -> Matches:
        all_docs: list[DocArray] = []
        all_scores: list[ScoreArray] = []
        for leaf in leaves:
            scorer = leaf.searcher.weighting.scorer(
                leaf.searcher, fieldname, self._term_bytes(fieldname, text)
            )
            if _is_bm25(scorer):
                # Whoosh's own BM25 formula (scoring.bm25), over the whole list at once.
                length = self.field_lengths(fieldname)[leaf.docs]
                k1, b, weights = scorer.K1, scorer.B, leaf.weights
                scores = scorer.idf * (
                    (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * length / scorer.avgfl))
                )
            else:
                scores = self._scored_one_by_one(leaf.searcher, fieldname, text)
            all_docs.append(leaf.docs)
            all_scores.append(np.asarray(scores, dtype=np.float64))
        if not all_docs:
            return Matches.empty()
        return Matches(np.concatenate(all_docs), np.concatenate(all_scores))

    def term_values(self, fieldname: str, text: str) -> TermValues:
        """The term's scored matches with each posting's weight and value, read once.

        The values (positions) are not kept; the scored matches are, as :meth:`term`
        keeps them.
        """
        leaves = self._leaf_postings(fieldname, text, with_values=True)
        key = ("term", fieldname, text)
        matches = self._entries.get(key)
        if matches is None:
            matches = self._scored(fieldname, text, leaves)
            self._remember(key, matches)
        weights = [leaf.weights for leaf in leaves]
        return TermValues(
            matches=matches,
            weights=np.concatenate(weights) if weights else np.empty(0, dtype=np.float64),
            values=[value for leaf in leaves for value in leaf.values],
        )

    def _leaf_postings(
        self, fieldname: str, text: str, *, with_values: bool = False
    ) -> list[_LeafPostings]:
        """Per segment with the term: its documents (numbered in the whole index), weights."""
        term_bytes = self._term_bytes(fieldname, text)
        if term_bytes is None:
            return []
        found = []
        for leaf, offset in self._searcher.leaf_searchers():
            reader = leaf.reader()
            if (fieldname, term_bytes) not in reader:
                continue
            if with_values:
                docs, weights, values = term_values(reader, fieldname, term_bytes)
            else:
                (docs, weights), values = term_postings(reader, fieldname, term_bytes), []
            if len(docs):
                found.append(_LeafPostings(docs + offset, weights, values, leaf))
        return found

    def _term_bytes(self, fieldname: str, text: str) -> bytes | None:
        try:
            return bytes(self._searcher.schema[fieldname].to_bytes(text))
        except (KeyError, ValueError):
            return None

    def _scored_one_by_one(self, leaf: Searcher, fieldname: str, text: str) -> list[float]:
        """Scores from Whoosh's scorer, posting by posting (a weighting model not BM25F).

        In the order of :func:`term_postings`, which leaves out the same deleted
        documents as the matcher does.
        """
        term_bytes = self._term_bytes(fieldname, text)
        assert term_bytes is not None  # the term was found with these bytes
        matcher = leaf.reader().postings(fieldname, term_bytes)
        scorer = leaf.weighting.scorer(leaf, fieldname, term_bytes)
        scores = []
        while matcher.is_active():
            scores.append(scorer.score(matcher))
            matcher.next()
        return scores

    def _read_query(self, query: Query) -> Matches:
        docs: list[int] = []
        scores: list[float] = []
        context = self._searcher.context()
        for leaf, offset in self._searcher.leaf_searchers():
            reader = leaf.reader()
            is_deleted = reader.is_deleted if reader.has_deletions() else _never
            matcher = query.matcher(leaf, context)
            while matcher.is_active():
                docnum = matcher.id()
                if not is_deleted(docnum):
                    docs.append(docnum + offset)
                    scores.append(matcher.score())
                matcher.next()
        return Matches(np.asarray(docs, dtype=np.int64), np.asarray(scores, dtype=np.float64))


def _is_bm25(scorer: object) -> bool:
    """Whether the scorer is exactly Whoosh's BM25F scorer, whose formula is applied in bulk.

    Not a subclass: one may score otherwise, and is then asked posting by posting.
    """
    return type(scorer) is BM25FScorer


def _never(docnum: int) -> bool:
    return False


def scored_matches(
    query: Query, postings: PostingsCache, budget: PhraseBudget | None = None
) -> Matches:
    """Return every document ``query`` matches, with its score.

    Args:
        query: A parsed query with its word patterns expanded.
        postings: The postings of the snapshot searched.
        budget: The word positions the query's phrases may examine, and the texts they
            are checked against; a new :class:`PhraseBudget` (the default limit, no
            texts) if not given.

    Returns:
        Every match, with its score; deleted documents never match.
    """
    if budget is None:
        budget = PhraseBudget()
    if query is NullQuery or isinstance(query, type(NullQuery)):
        return Matches.empty()
    if type(query) is Term and query.fieldname in DEFAULT_FIELDS:
        return postings.term(query.fieldname, query.text).boosted(query.boost)
    if type(query) is Phrase and can_match_from_positions(query, postings.searcher):
        return phrase_matches(query, postings, budget)
    if type(query) is Not:
        excluded = scored_matches(query.query, postings, budget)
        return difference(postings.live_documents(), excluded, _NOT_SCORE)
    if type(query) is And and query.subqueries:
        parts = [scored_matches(child, postings, budget) for child in query.subqueries]
        return intersection(parts).boosted(query.boost)
    # Whoosh does not implement an Or's minmatch (its matchers ignore it): neither do we.
    if type(query) is Or and query.subqueries and not query.scale:
        parts = [scored_matches(child, postings, budget) for child in query.subqueries]
        return union(parts).boosted(query.boost)
    return postings.query(query)
