"""Running a search: matches per year, the listed hits with snippets, suggestions.

One pass over the matches does it all: every match is counted in its year (from a list
of every document's year, read once per commit), and only the matches in the listed year
are scored or sorted for the hit list. Matching is what costs in Whoosh (phrases check
word positions document by document), so it is done once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Literal

from whoosh import collectors, sorting
from whoosh.query import NullQuery, Query
from whoosh.searching import Results, Searcher

from archive.models import SearchHit, SearchResults
from archive.search.errors import QueryError
from archive.search.expansion import expand_word_patterns
from archive.search.query import parse_query
from archive.search.schema import NO_YEAR
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

    def search(
        self, query_text: str, *, year: int | None, limit: int, sort: SortOrder, text_of: TextOf
    ) -> SearchResults:
        """Search; see :meth:`archive.search.index.SearchIndex.search`."""
        parsed = parse_query(query_text, self.searcher.schema)
        query = expand_word_patterns(parsed.query, self.vocabulary)
        per_year, listed = self._run(query, year=year, limit=limit, sort=sort)
        undated = per_year.pop(NO_YEAR, 0)
        all_matches = sum(per_year.values()) + undated
        suggestion = None
        if all_matches == 0:
            suggestion = self._suggestion(parsed.text, parsed.query)
        return SearchResults(
            query=query_text,
            total=all_matches if year is None else per_year.get(year, 0),
            years={str(match_year): count for match_year, count in sorted(per_year.items())},
            suggestion=suggestion,
            hits=self._hits(listed, query, sort=sort, text_of=text_of),
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
        self, query: Query, *, year: int | None, limit: int, sort: SortOrder
    ) -> tuple[Counter[int], Results | None]:
        if query is NullQuery:
            return Counter(), None
        listing: collectors.Collector
        if sort == "date":
            listing = collectors.SortingCollector(_NEWEST_FIRST, limit=limit, reverse=True)
        else:
            # No block skipping and no matcher replacement: every match must be seen
            # to be counted.
            listing = collectors.TopCollector(limit, usequality=False, replace=0)
        counting = YearCountingCollector(listing, self.years, listed_year=year)
        self.searcher.search_with_collector(query, counting)
        return counting.per_year, counting.results()

    def _hits(
        self, results: Results | None, query: Query, *, sort: SortOrder, text_of: TextOf
    ) -> list[SearchHit]:
        if results is None or results.scored_length() == 0:
            return []
        # Sorted by date, Whoosh gives no relevance score (hit.score is the sort key).
        listed = [(hit.fields(), hit.score if sort == "relevance" else 0.0) for hit in results]
        texts = text_of([int(fields["id"]) for fields, _ in listed])
        stems = collect_highlight_stems(query, self.searcher.reader())
        return [
            SearchHit(
                id=int(fields["id"]),
                title=fields.get("title", ""),
                year=fields.get("year"),
                date=fields.get("date") or None,
                score=float(score or 0.0),
                snippet=make_snippet(texts.get(int(fields["id"]), ""), stems),
            )
            for fields, score in listed
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
        if next(iter(self.searcher.docs_for_query(corrected_query)), None) is None:
            return None
        return corrected

    def close(self) -> None:
        """Release the searcher's files."""
        self.searcher.close()


def _years_by_document(searcher: Searcher) -> list[int]:
    """Every document's year, by document number; NO_YEAR for undated documents."""
    reader = searcher.reader()
    if not reader.has_column("year"):
        # An empty index, or one where no document has a year.
        return [NO_YEAR] * reader.doc_count_all()
    return list(reader.column_reader("year"))


class YearCountingCollector(collectors.WrappingCollector):
    """Count every match per year; pass only the listed year's matches on to be listed.

    Args:
        child: The collector making the hit list.
        years: The year of each document, by document number.
        listed_year: Only matches of this year are listed; None for all.
    """

    def __init__(
        self, child: collectors.Collector, years: Sequence[int], listed_year: int | None
    ) -> None:
        super().__init__(child)
        self.years = years
        self.listed_year = listed_year
        self.per_year: Counter[int] = Counter()

    def collect(self, sub_docnum: int) -> Any:
        """Count the match, and list it if it is in the listed year."""
        year = self.years[self.child.offset + sub_docnum]
        self.per_year[year] += 1
        if self.listed_year is None or year == self.listed_year:
            return self.child.collect(sub_docnum)
        return None
