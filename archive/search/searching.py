"""Running a search: matches per year, the listed hits with snippets, suggestions.

Every match is found and scored once, from postings kept per snapshot (see
:mod:`archive.search.scored_matches`): the matches are counted in their years (from a
list of every document's year, read once per commit), and the listed year's are ranked
by score, or by date from an order of all documents computed once per commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
import numpy.typing as npt
from whoosh import sorting
from whoosh.query import NullQuery, Query
from whoosh.searching import Searcher

from archive.models import SearchHit, SearchResults
from archive.search.errors import QueryError
from archive.search.expansion import expand_word_patterns
from archive.search.phrases import PhraseBudget
from archive.search.query import parse_query
from archive.search.schema import NO_YEAR
from archive.search.scored_matches import PostingsCache, scored_matches
from archive.search.snippets import collect_highlight_stems, find_hit_spans, make_snippet
from archive.search.suggest import suggest_correction
from archive.search.vocabulary import Vocabulary
from archive.search.whoosh_internals import DocArray, ScoreArray, numeric_column

SortOrder = Literal["relevance", "date"]
TextOf = Callable[[list[int]], dict[int, str]]

# Newest first: the year, then the date within it (a year-only date sorts after the
# dated documents of its year). Undated documents have year NO_YEAR and come last.
_NEWEST_FIRST = [sorting.FieldFacet("year"), sorting.FieldFacet("date")]


class IndexSnapshot:
    """One commit of the index as searches see it.

    Args:
        searcher: A searcher of the commit.
        vocabulary: The archive's words at that commit.
    """

    def __init__(self, searcher: Searcher, vocabulary: Vocabulary) -> None:
        self.searcher = searcher
        self.vocabulary = vocabulary
        self.years = _years_by_document(searcher)
        self.postings = PostingsCache(searcher)
        self._newest_first_rank: npt.NDArray[np.int64] | None = None

    def search(
        self,
        query_text: str,
        *,
        year: int | None,
        limit: int,
        sort: SortOrder,
        text_of: TextOf,
        offset: int = 0,
        undated_only: bool = False,
    ) -> SearchResults:
        """Search; see :meth:`archive.search.index.SearchIndex.search`."""
        parsed = parse_query(query_text, self.searcher.schema)
        query = expand_word_patterns(parsed.query, self.vocabulary)
        listed_year = NO_YEAR if undated_only else year
        per_year, listed = self._run(query, year=listed_year, limit=limit, sort=sort, offset=offset)
        undated = per_year.pop(NO_YEAR, 0)
        all_matches = sum(per_year.values()) + undated
        suggestion = None
        if all_matches == 0 and offset == 0:
            suggestion = self._suggestion(parsed.text, parsed.query)
        total = all_matches if year is None else per_year.get(year, 0)
        if undated_only:
            total = undated
        return SearchResults(
            query=query_text,
            total=total,
            years={str(match_year): count for match_year, count in sorted(per_year.items())},
            suggestion=suggestion,
            hits=self._hits(listed, query, text_of=text_of),
            undated=undated,
        )

    def hit_spans(self, query_text: str, text: str) -> list[tuple[int, int]]:
        """Where the query's words occur in ``text`` (offsets), under the search's folding."""
        parsed = parse_query(query_text, self.searcher.schema)
        query = expand_word_patterns(parsed.query, self.vocabulary)
        if query is NullQuery:
            return []
        return find_hit_spans(text, collect_highlight_stems(query, self.searcher.reader()))

    def matching_ids(self, query_text: str) -> list[int]:
        """The ids of every document the query matches, ascending."""
        parsed = parse_query(query_text, self.searcher.schema)
        query = expand_word_patterns(parsed.query, self.vocabulary)
        if query is NullQuery:
            return []
        stored_fields = self.searcher.reader().stored_fields
        docs = scored_matches(query, self.postings).docs.tolist()
        return sorted(int(stored_fields(docnum)["id"]) for docnum in docs)

    def _run(
        self,
        query: Query,
        *,
        year: int | None,
        limit: int,
        sort: SortOrder,
        offset: int = 0,
        budget: PhraseBudget | None = None,
    ) -> tuple[dict[int, int], list[tuple[int, float]]]:
        """Count the matches per year; list the best (or newest) of the listed year's.

        ``offset`` skips that many of the listed first: the pages of one order, each
        ranked over all the matches, so that together they list each match once.
        """
        if query is NullQuery:
            return {}, []
        matches = scored_matches(query, self.postings, budget)
        match_years = self.years[matches.docs]
        found_years, counts = np.unique(match_years, return_counts=True)
        per_year = dict(zip(found_years.tolist(), counts.tolist(), strict=True))
        docs, scores = matches.docs, matches.scores
        if year is not None:
            in_year = match_years == year
            docs, scores = docs[in_year], scores[in_year]
        if sort == "date":
            # Sorted by date, there is no relevance score to show.
            newest = _first_by(self._newest_first()[docs], docs, offset + limit)
            return per_year, [(docnum, 0.0) for docnum in newest[offset:]]
        return per_year, _best(docs, scores, offset + limit)[offset:]

    def _newest_first(self) -> npt.NDArray[np.int64]:
        """Each document's place when all are sorted newest first (as Whoosh sorts them)."""
        if self._newest_first_rank is None:
            self._newest_first_rank = _newest_first_rank(self.searcher, self.years)
        return self._newest_first_rank

    def _hits(
        self, listed: list[tuple[int, float]], query: Query, *, text_of: TextOf
    ) -> list[SearchHit]:
        if not listed:
            return []
        reader = self.searcher.reader()
        stored = [(reader.stored_fields(docnum), score) for docnum, score in listed]
        texts = text_of([int(fields["id"]) for fields, _ in stored])
        stems = collect_highlight_stems(query, self.searcher.reader())
        return [
            SearchHit(
                id=int(fields["id"]),
                title=fields.get("title", ""),
                year=fields.get("year"),
                date=fields.get("date") or None,
                score=float(score),
                snippet=make_snippet(texts.get(int(fields["id"]), ""), stems),
            )
            for fields, score in stored
        ]

    def _suggestion(self, checked_text: str, query: Query) -> str | None:
        """A corrected query, offered only if it finds something."""
        reader = self.searcher.reader()
        corrected = suggest_correction(checked_text, query, self.vocabulary, reader)
        if corrected is None:
            return None
        try:
            corrected_query = parse_query(corrected, self.searcher.schema).query
            corrected_query = expand_word_patterns(corrected_query, self.vocabulary)
        except QueryError:
            return None
        if corrected_query is NullQuery:
            return None
        # Matched as searches match, so a phrase is checked within the same limit.
        if not len(scored_matches(corrected_query, self.postings)):
            return None
        return corrected

    def close(self) -> None:
        """Release the searcher's files."""
        self.searcher.close()


def _years_by_document(searcher: Searcher) -> npt.NDArray[np.int64]:
    """Every document's year, by document number; NO_YEAR for undated documents.

    Read segment by segment: Whoosh's multi-segment column reader leaves out the
    segments that have no year column (those of undated documents only), which would
    shift the years of every later segment.
    """
    parts: list[npt.NDArray[np.int64]] = []
    field = searcher.schema["year"]
    for leaf, _offset in searcher.reader().leaf_readers():
        count = leaf.doc_count_all()
        if not leaf.has_column("year"):
            parts.append(np.full(count, NO_YEAR, dtype=np.int64))
            continue
        stored = numeric_column(leaf.column_reader("year", translate=False), count)
        if stored is None:
            parts.append(np.fromiter(leaf.column_reader("year"), dtype=np.int64, count=count))
            continue
        # The column holds years in their sortable form; there are few distinct ones.
        distinct, where = np.unique(stored, return_inverse=True)
        years = np.array([field.from_column_value(value) for value in distinct.tolist()])
        parts.append(years.astype(np.int64)[where] if len(distinct) else stored)
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def _best(docs: DocArray, scores: ScoreArray, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best-scored documents, ranked as Whoosh's TopCollector ranks them.

    By score, then the lower document number first (``docs`` is ascending, and the sort
    is stable). Only the documents that reach the score the last of them needs are
    sorted.
    """
    if not len(docs):
        return []
    if len(docs) > limit:
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        contenders = scores >= threshold
        docs, scores = docs[contenders], scores[contenders]
    order = np.argsort(-scores, kind="stable")[:limit]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))


def _first_by(keys: npt.NDArray[np.int64], docs: DocArray, limit: int) -> list[int]:
    """The ``limit`` documents with the smallest keys (each key is a distinct place)."""
    if len(keys) > limit:
        chosen = np.argpartition(keys, limit - 1)[:limit]
        keys, docs = keys[chosen], docs[chosen]
    return docs[np.argsort(keys, kind="stable")].tolist()


def _newest_first_rank(searcher: Searcher, years: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Each document's place in the newest-first order of Whoosh's SortingCollector.

    The collector sorts by the year column, then the date column, descending, and puts
    the higher document number first among equal keys. The same order comes from one
    ``lexsort`` of the years, the dates' places among the distinct dates, and the
    document numbers, reversed. (Asking the collector's categorizer for every document's
    key took 150 ms at 10,000 documents.)

    Args:
        searcher: The snapshot's searcher.
        years: Every document's year (:func:`_years_by_document`).
    """
    dates: list[object] = []
    for leaf, _offset in searcher.reader().leaf_readers():
        count = leaf.doc_count_all()
        if leaf.has_column("date"):
            dates.extend(leaf.column_reader("date", translate=False))
        else:
            dates.extend([b""] * count)
    _, date_places = np.unique(np.array(dates, dtype=object), return_inverse=True)
    docnums = np.arange(len(years), dtype=np.int64)
    ascending = np.lexsort((docnums, date_places.reshape(-1), years))
    rank = np.empty(len(years), dtype=np.int64)
    rank[ascending[::-1]] = docnums
    return rank
