"""Full-text search: a Whoosh index derived from SQLite, and the query language over it.

- :mod:`~archive.search.analysis`: how text becomes searchable words (folding, stemming);
- :mod:`~archive.search.schema`: the index's fields;
- :mod:`~archive.search.query` and :mod:`~archive.search.query_syntax`: the query language
  and its checks;
- :mod:`~archive.search.index`: :class:`SearchIndex`, writing and searching;
- :mod:`~archive.search.searching`, :mod:`~archive.search.snippets`,
  :mod:`~archive.search.suggest`: year counts, marked excerpts, "did you mean".
"""

from archive.search.analysis import fold, make_analyzer
from archive.search.errors import IndexBusyError, QueryError
from archive.search.index import IndexedDocument, SearchIndex
from archive.search.query import parse_user_query
from archive.search.schema import make_schema

__all__ = [
    "IndexBusyError",
    "IndexedDocument",
    "QueryError",
    "SearchIndex",
    "fold",
    "make_analyzer",
    "make_schema",
    "parse_user_query",
]
