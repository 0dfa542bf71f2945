"""The trend of a query: how many documents it matches each year, and what share of the year.

A year with more releases would look louder in raw counts, so each year's count comes with
the number of documents the year holds; the share is one over the other. The counts are the
search's own (:meth:`archive.search.index.SearchIndex.matches_per_year`): a query's years
plus its undated matches add up to the ``total`` that ``search`` reports. Undated matches
are counted apart, never dropped, and so are the undated documents.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from archive.search.errors import QueryError
from archive.search.schema import NO_YEAR
from archive.spreadsheet_text import spreadsheet_text

#: The most queries one trend compares (a chart of more lines is unreadable).
MAX_QUERIES = 5

#: Counts a query's matches per year (:data:`NO_YEAR` for the undated ones).
CountPerYear = Callable[[str], Mapping[int, int]]


@dataclass(frozen=True)
class QueryTrend:
    """One query's documents matching per year.

    Attributes:
        query: The query as given.
        years: Every year of the archive (and any other with matches) to its number of
            matching documents, 0 included, oldest first.
        undated: Matching documents without a date.
    """

    query: str
    years: dict[int, int]
    undated: int

    @property
    def total(self) -> int:
        """Every matching document: the search's ``total`` for the query."""
        return sum(self.years.values()) + self.undated

    def matches_in(self, year: int | None) -> int:
        """Matching documents of ``year``; ``None``: the undated ones."""
        return self.undated if year is None else self.years.get(year, 0)


@dataclass(frozen=True)
class Trend:
    """One to :data:`MAX_QUERIES` queries' matches per year, and every year's documents.

    Attributes:
        documents_per_year: Each year with documents to how many it holds, oldest first.
        undated_documents: How many documents have no date.
        queries: One trend per query, in the order given.
    """

    documents_per_year: dict[int, int]
    undated_documents: int
    queries: list[QueryTrend]

    @property
    def years(self) -> list[int]:
        """Every year charted (with documents or matches), newest first as the navigator."""
        found = set(self.documents_per_year)
        for query in self.queries:
            found.update(query.years)
        return sorted(found, reverse=True)

    def documents_in(self, year: int | None) -> int:
        """The documents of ``year``; ``None``: the undated ones."""
        if year is None:
            return self.undated_documents
        return self.documents_per_year.get(year, 0)

    def share(self, query: QueryTrend, year: int | None) -> float | None:
        """``query``'s matches in ``year`` (``None``: the undated) over its documents.

        ``None`` when the year holds no documents.
        """
        documents = self.documents_in(year)
        return query.matches_in(year) / documents if documents else None


def check_queries(queries: Sequence[str]) -> list[str]:
    """The queries, stripped, if a trend can be made of them.

    Raises:
        QueryError: None, an empty one, or more than :data:`MAX_QUERIES`.
    """
    cleaned = [query.strip() for query in queries]
    if not cleaned:
        raise QueryError("Give at least one query to chart.")
    if len(cleaned) > MAX_QUERIES:
        raise QueryError(
            f"A trend compares at most {MAX_QUERIES} queries; {len(cleaned)} were given."
        )
    if any(not query for query in cleaned):
        raise QueryError("One of the queries is empty; type some words to chart.")
    return cleaned


def trend_of(
    queries: Sequence[str],
    count_per_year: CountPerYear,
    documents_per_year: Mapping[int | None, int],
) -> Trend:
    """Count each query's matching documents per year.

    Args:
        queries: One to :data:`MAX_QUERIES` queries, in the search's query language.
        count_per_year: Counts a query's matches per year (:data:`NO_YEAR`: undated).
        documents_per_year: Every year's documents, the undated ones under ``None``.

    Raises:
        QueryError: Too few or too many queries, or a malformed one (the message names it).
    """
    checked = check_queries(queries)
    dated = {year: count for year, count in documents_per_year.items() if year is not None}
    trends = []
    for query in checked:
        try:
            counts = count_per_year(query)
        except QueryError as error:
            if len(checked) == 1:
                raise
            raise QueryError(f"In the query “{query}”: {error}") from error
        years = dict.fromkeys(dated, 0)
        years.update({year: count for year, count in counts.items() if year != NO_YEAR})
        trends.append(QueryTrend(query, dict(sorted(years.items())), counts.get(NO_YEAR, 0)))
    return Trend(dict(sorted(dated.items())), documents_per_year.get(None, 0), trends)


def trend_json(trend: Trend) -> dict[str, object]:
    """The ``trend --json`` shape: ``documents_per_year`` and ``queries`` (the contract).

    ``undated_documents`` is added beside them, so that the undated matches' share can be
    told too; keys are years as text, oldest first, as ``search --json`` gives them.
    """
    return {
        "documents_per_year": {str(year): n for year, n in trend.documents_per_year.items()},
        "queries": [
            {
                "query": query.query,
                "total": query.total,
                "undated": query.undated,
                "years": {str(year): n for year, n in query.years.items()},
            }
            for query in trend.queries
        ],
        # Beyond the contract's fields, added compatibly.
        "undated_documents": trend.undated_documents,
    }


def trend_csv(trend: Trend) -> str:
    """One row per year, newest first, then one for the undated documents (RFC 4180).

    Columns: ``year``, ``documents``, then for each query its matching documents and
    their share of the year's documents (a fraction; empty for a year without documents).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["year", "documents"]
    for query in trend.queries:
        name = spreadsheet_text(query.query)
        header += [f"{name} (documents)", f"{name} (share)"]
    writer.writerow(header)
    rows: list[tuple[str, int | None]] = [(str(year), year) for year in trend.years]
    rows.append(("undated", None))
    for label, year in rows:
        cells: list[object] = [label, trend.documents_in(year)]
        for query in trend.queries:
            share = trend.share(query, year)
            cells += [query.matches_in(year), "" if share is None else f"{share:.6f}"]
        writer.writerow(cells)
    return buffer.getvalue()
