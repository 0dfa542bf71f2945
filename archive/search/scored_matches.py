"""Every document a query matches, with its relevance score, from postings kept in memory.

Whoosh matches and scores a query one posting at a time, several Python method calls
each; for a word found in nearly every document of a 10,000-document archive that took
most of a search. Here a query is evaluated over whole posting lists instead: each
word's documents and BM25F scores are read once per index snapshot and kept (see
:class:`PostingsCache`), and AND, OR and NOT combine them as dictionaries of
``{document number: score}``. What this module does not know how to combine (phrases,
year ranges, other fields) is matched and scored by Whoosh itself, once per snapshot.

The scores are Whoosh's own: each posting is scored by the searcher's weighting model,
and combined as Whoosh's matchers combine them (AND and OR add their parts' scores, a
NOT counts 1 for every document it lets through, a boost multiplies), so hits rank as
they would in ``Searcher.search``.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable

from whoosh.query import And, Not, NullQuery, Or, Query, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import WeightLengthScorer
from whoosh.searching import Searcher

from archive.search.schema import DEFAULT_FIELDS

#: Document number -> relevance score, for every matching document.
ScoredDocs = dict[int, float]

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

    def _read_term(self, fieldname: str, text: str) -> _Postings:
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
                while matcher.is_active():
                    docnum = matcher.id()
                    postings.ids.append(docnum + offset)
                    postings.scores.append(score_of(matcher.weight(), lengths[docnum]))
                    matcher.next()
            else:
                while matcher.is_active():
                    postings.ids.append(matcher.id() + offset)
                    postings.scores.append(scorer.score(matcher))
                    matcher.next()
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


def scored_matches(query: Query, postings: PostingsCache) -> ScoredDocs:
    """Return every document ``query`` matches, with its score.

    Args:
        query: A parsed query with its word patterns expanded.
        postings: The postings of the snapshot searched.

    Returns:
        ``{document number: score}`` of every match; deleted documents never match.
    """
    if query is NullQuery or isinstance(query, type(NullQuery)):
        return {}
    if type(query) is Term and query.fieldname in DEFAULT_FIELDS:
        return _boosted(postings.term(query.fieldname, query.text), query.boost)
    if type(query) is Not:
        excluded = scored_matches(query.query, postings)
        return {docnum: _NOT_SCORE for docnum in postings.live_documents() - excluded.keys()}
    if type(query) is And and query.subqueries:
        parts = [scored_matches(child, postings) for child in query.subqueries]
        return _boosted(_intersection(parts), query.boost)
    if type(query) is Or and query.subqueries and not query.scale and not query.minmatch:
        parts = [scored_matches(child, postings) for child in query.subqueries]
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
