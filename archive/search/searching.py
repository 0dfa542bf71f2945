"""Running a search: matches per year, the listed hits with snippets, suggestions.

Every match is found and scored once, from postings kept per snapshot (see
:mod:`archive.search.scored_matches`): the matches are counted in their years (from a
list of every document's year, read once per commit), and the listed year's are ranked
by score, or by date from an order of all documents computed once per commit.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any, Literal

from whoosh import sorting
from whoosh.query import NullQuery, Query
from whoosh.searching import Searcher

from archive.models import SearchHit, SearchResults
from archive.search.errors import QueryError
from archive.search.expansion import expand_word_patterns
from archive.search.query import parse_query
from archive.search.schema import NO_YEAR
from archive.search.scored_matches import PostingsCache, scored_matches
from archive.search.snippets import collect_highlight_stems, find_hit_spans, make_snippet
from archive.search.suggest import suggest_correction
from archive.search.vocabulary import Vocabulary

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
        self._newest_first_rank: list[int] | None = None

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

    def _run(
        self, query: Query, *, year: int | None, limit: int, sort: SortOrder, offset: int = 0
    ) -> tuple[Counter[int], list[tuple[int, float]]]:
        """Count the matches per year; list the best (or newest) of the listed year's.

        ``offset`` skips that many of the listed first: the pages of one order, each
        ranked over all the matches, so that together they list each match once.
        """
        if query is NullQuery:
            return Counter(), []
        matches = scored_matches(query, self.postings)
        years = self.years
        per_year = Counter(map(years.__getitem__, matches))
        listed: Mapping[int, float] = matches
        if year is not None:
            listed = {docnum: score for docnum, score in matches.items() if years[docnum] == year}
        if sort == "date":
            rank = self._newest_first()
            # Sorted by date, there is no relevance score to show.
            newest = heapq.nsmallest(offset + limit, listed, rank.__getitem__)
            return per_year, [(docnum, 0.0) for docnum in newest[offset:]]
        return per_year, _best(listed, offset + limit)[offset:]

    def _newest_first(self) -> list[int]:
        """Each document's place when all are sorted newest first (as Whoosh sorts them)."""
        if self._newest_first_rank is None:
            self._newest_first_rank = _newest_first_rank(self.searcher)
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
        if not scored_matches(corrected_query, self.postings):
            return None
        return corrected

    def close(self) -> None:
        """Release the searcher's files."""
        self.searcher.close()


def _years_by_document(searcher: Searcher) -> list[int]:
    """Every document's year, by document number; NO_YEAR for undated documents.

    Read segment by segment: Whoosh's multi-segment column reader leaves out the
    segments that have no year column (those of undated documents only), which would
    shift the years of every later segment.
    """
    years: list[int] = []
    for leaf, _offset in searcher.reader().leaf_readers():
        if leaf.has_column("year"):
            years.extend(leaf.column_reader("year"))
        else:
            years.extend([NO_YEAR] * leaf.doc_count_all())
    return years


def _best(scored: Mapping[int, float], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best-scored documents, ranked as Whoosh's TopCollector ranks them.

    By score, then the lower document number first. The score the last of them needs is
    found among the bare scores first, so only the few documents that reach it are sorted.
    """
    if not scored:
        return []
    threshold = heapq.nlargest(limit, scored.values())[-1]
    contenders = [(docnum, score) for docnum, score in scored.items() if score >= threshold]
    contenders.sort(key=_by_score_then_first)
    return contenders[:limit]


def _by_score_then_first(item: tuple[int, float]) -> tuple[float, int]:
    docnum, score = item
    return -score, docnum


def _newest_first_rank(searcher: Searcher) -> list[int]:
    """Each document's place in the newest-first order of Whoosh's SortingCollector.

    The keys are the ones the collector sorts by (year, then date); like its descending
    sort, equal keys put the higher document number first.
    """
    categorizer = sorting.MultiFacet.from_sortedby(_NEWEST_FIRST).categorizer(searcher)
    keyed: list[tuple[Any, int]] = []
    for leaf, offset in searcher.leaf_searchers():
        categorizer.set_searcher(leaf, offset)
        keyed.extend(
            # Column keys need no matcher, only the document number.
            (categorizer.key_for(None, docnum), offset + docnum)  # type: ignore[arg-type]
            for docnum in range(leaf.doc_count_all())
        )
    keyed.sort(reverse=True)
    rank = [0] * len(keyed)
    for place, (_, docnum) in enumerate(keyed):
        rank[docnum] = place
    return rank
