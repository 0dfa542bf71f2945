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

from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

from whoosh.matching import Matcher
from whoosh.query import And, Not, NullQuery, Or, Phrase, Query, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import WeightLengthScorer
from whoosh.searching import Searcher

from archive.search.phrases import (
    PhraseBudget,
    ScoredDocs,
    can_match_from_positions,
    phrase_matches,
)
from archive.search.schema import DEFAULT_FIELDS

__all__ = ["MAX_CACHED_POSTINGS", "PhraseBudget", "PostingsCache", "ScoredDocs", "scored_matches"]

#: Postings kept per snapshot, all lists together: about 12 bytes each, so at most about
#: 50 MB however large the archive.
MAX_CACHED_POSTINGS = 4_000_000

# Whoosh's InverseMatcher (what a NOT matches) scores each document it lets through 1.
_NOT_SCORE = 1.0


class _Postings:
    """One list of matching documents in ascending order, with their scores."""

    __slots__ = ("ids", "scores")

    def __init__(self) -> None:
        self.ids = array("i")
        self.scores = array("d")

    def as_dict(self) -> ScoredDocs:
        return dict(zip(self.ids, self.scores, strict=True))


class PostingsCache:
    """The scored postings of one index snapshot, read on first use and kept.

    Args:
        searcher: The snapshot's searcher; its weighting model scores the postings.
        max_postings: How many postings to keep at most; the least recently used lists
            are dropped first.
    """

    def __init__(self, searcher: Searcher, max_postings: int = MAX_CACHED_POSTINGS) -> None:
        self._searcher = searcher
        self._max_postings = max_postings
        self._entries: OrderedDict[Hashable, _Postings] = OrderedDict()
        self._size = 0
        self._lengths: dict[tuple[int, str], list[int]] = {}
        self._live: frozenset[int] | None = None

    @property
    def searcher(self) -> Searcher:
        """The searcher of the snapshot."""
        return self._searcher

    def live_documents(self) -> frozenset[int]:
        """Every document number not deleted."""
        if self._live is None:
            self._live = frozenset(self._searcher.reader().all_doc_ids())
        return self._live

    def term(self, fieldname: str, text: str) -> ScoredDocs:
        """The documents that have the term, scored as Whoosh's ``Term`` query scores them."""
        return self._cached(("term", fieldname, text), lambda: self._read_term(fieldname, text))

    def query(self, query: Query) -> ScoredDocs:
        """The documents a query matches, matched and scored by Whoosh."""
        return self._cached(("query", query), lambda: self._read_query(query))

    def term_in(self, fieldname: str, text: str, docnums: Sequence[int]) -> ScoredDocs:
        """The term's scores in those of ``docnums`` (ascending) that have it.

        Read for those documents only, unless the term's whole list is cached: a phrase
        with a rare word need not read every posting of "the".
        """
        postings = self._entries.get(("term", fieldname, text))
        if postings is None:
            return self._read_term(fieldname, text, docnums).as_dict()
        self._entries.move_to_end(("term", fieldname, text))
        scored = postings.as_dict()
        return {docnum: scored[docnum] for docnum in docnums if docnum in scored}

    def recall(self, key: Hashable) -> ScoredDocs | None:
        """The scored documents kept under ``key`` by :meth:`keep`, if they still are."""
        postings = self._entries.get(key)
        if postings is None:
            return None
        self._entries.move_to_end(key)
        return postings.as_dict()

    def keep(self, key: Hashable, scored: ScoredDocs) -> None:
        """Keep scored documents (computed elsewhere) under ``key``, as postings are kept."""
        postings = _Postings()
        for docnum in sorted(scored):
            postings.ids.append(docnum)
            postings.scores.append(scored[docnum])
        self._remember(key, postings)

    def _cached(self, key: Hashable, read: Callable[[], _Postings]) -> ScoredDocs:
        postings = self._entries.get(key)
        if postings is None:
            postings = read()
            self._remember(key, postings)
        else:
            self._entries.move_to_end(key)
        return postings.as_dict()

    def _remember(self, key: Hashable, postings: _Postings) -> None:
        size = len(postings.ids)
        if size > self._max_postings:
            return
        self._entries[key] = postings
        self._size += size
        while self._size > self._max_postings:
            _, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped.ids)

    def _read_term(self, fieldname: str, text: str, only: Sequence[int] | None = None) -> _Postings:
        """The term's scored postings; only in the documents ``only`` (ascending) if given."""
        postings = _Postings()
        field = self._searcher.schema[fieldname]
        try:
            term_bytes = field.to_bytes(text)
        except ValueError:
            return postings
        for leaf_number, (leaf, offset) in enumerate(self._searcher.leaf_searchers()):
            reader = leaf.reader()
            if (fieldname, term_bytes) not in reader:
                continue
            try:
                matcher = reader.postings(fieldname, term_bytes)
            except TermNotFound:
                continue
            scorer = leaf.weighting.scorer(leaf, fieldname, term_bytes)
            if isinstance(scorer, WeightLengthScorer) and hasattr(scorer, "dfl"):
                # The scorer's own formula, with the field lengths read once per leaf
                # instead of once per posting.
                lengths = self._field_lengths(leaf_number, leaf, fieldname)
                score_of = scorer._score
                for docnum in _matched(matcher, only, offset, reader.doc_count_all()):
                    postings.ids.append(docnum + offset)
                    postings.scores.append(score_of(matcher.weight(), lengths[docnum]))
            else:
                for docnum in _matched(matcher, only, offset, reader.doc_count_all()):
                    postings.ids.append(docnum + offset)
                    postings.scores.append(scorer.score(matcher))
        return postings

    def _field_lengths(self, leaf_number: int, leaf: Searcher, fieldname: str) -> list[int]:
        key = (leaf_number, fieldname)
        lengths = self._lengths.get(key)
        if lengths is None:
            # What WeightLengthScorer.dfl() returns, for every document of the leaf.
            reader = leaf.reader()
            lengths = [
                reader.doc_field_length(docnum, fieldname, 1)
                for docnum in range(reader.doc_count_all())
            ]
            self._lengths[key] = lengths
        return lengths

    def _read_query(self, query: Query) -> _Postings:
        postings = _Postings()
        context = self._searcher.context()
        for leaf, offset in self._searcher.leaf_searchers():
            reader = leaf.reader()
            is_deleted = reader.is_deleted if reader.has_deletions() else _never
            matcher = query.matcher(leaf, context)
            while matcher.is_active():
                docnum = matcher.id()
                if not is_deleted(docnum):
                    postings.ids.append(docnum + offset)
                    postings.scores.append(matcher.score())
                matcher.next()
        return postings


def _never(docnum: int) -> bool:
    return False


def _matched(
    matcher: Matcher, only: Sequence[int] | None, offset: int, count: int
) -> Iterator[int]:
    """The leaf's document numbers the matcher stands on, in turn; only ``only``'s if given.

    Args:
        matcher: A term's postings in the leaf.
        only: Document numbers (of the whole index, ascending), or None for all.
        offset: The leaf's first document number in the whole index.
        count: The leaf's number of documents.
    """
    if only is None:
        while matcher.is_active():
            yield matcher.id()
            matcher.next()
        return
    for docnum in only[bisect_left(only, offset) : bisect_left(only, offset + count)]:
        matcher.skip_to(docnum - offset)
        if not matcher.is_active():
            return
        if matcher.id() == docnum - offset:
            yield matcher.id()


def scored_matches(
    query: Query, postings: PostingsCache, budget: PhraseBudget | None = None
) -> ScoredDocs:
    """Return every document ``query`` matches, with its score.

    Args:
        query: A parsed query with its word patterns expanded.
        postings: The postings of the snapshot searched.
        budget: The word positions the query's phrases may examine; a new
            :class:`PhraseBudget` (the default limit) if not given.

    Returns:
        ``{document number: score}`` of every match; deleted documents never match.
    """
    if budget is None:
        budget = PhraseBudget()
    if query is NullQuery or isinstance(query, type(NullQuery)):
        return {}
    if type(query) is Term and query.fieldname in DEFAULT_FIELDS:
        return _boosted(postings.term(query.fieldname, query.text), query.boost)
    if type(query) is Phrase and can_match_from_positions(query, postings.searcher):
        return phrase_matches(query, postings, budget)
    if type(query) is Not:
        excluded = scored_matches(query.query, postings, budget)
        return {docnum: _NOT_SCORE for docnum in postings.live_documents() - excluded.keys()}
    if type(query) is And and query.subqueries:
        parts = [scored_matches(child, postings, budget) for child in query.subqueries]
        return _boosted(_intersection(parts), query.boost)
    if type(query) is Or and query.subqueries and not query.scale and not query.minmatch:
        parts = [scored_matches(child, postings, budget) for child in query.subqueries]
        return _boosted(_union(parts), query.boost)
    return postings.query(query)


def _intersection(parts: list[ScoredDocs]) -> ScoredDocs:
    common = set(min(parts, key=len).keys())
    for part in parts:
        common.intersection_update(part.keys())
    result = dict.fromkeys(common, 0.0)
    for part in parts:
        for docnum in common:
            result[docnum] += part[docnum]
    return result


def _union(parts: Iterable[ScoredDocs]) -> ScoredDocs:
    ordered = sorted(parts, key=len, reverse=True)
    result = ordered[0]
    for part in ordered[1:]:
        get = result.get
        for docnum, score in part.items():
            result[docnum] = get(docnum, 0.0) + score
    return result


def _boosted(scored: ScoredDocs, boost: float) -> ScoredDocs:
    if boost == 1.0:
        return scored
    return {docnum: score * boost for docnum, score in scored.items()}
