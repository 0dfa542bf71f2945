"""The two anchors our figures are compared with, over the same files and queries.

- **Textbook Whoosh**: what Whoosh's documentation shows. ``StemmingAnalyzer``, the body
  stored in the index, one ``writer()`` with its defaults, ``add_document`` per file with
  the file's text as it is (no cleaning); ``QueryParser("body", schema)``, then
  ``searcher.search(q, limit=20)`` and ``hit.highlights("body")`` for the snippets.
- **SQLite FTS5**: one table with ``tokenize='porter unicode61'``, the body stored; ``MATCH``
  with ``ORDER BY rank LIMIT 20`` and ``snippet()``; ``year:`` filters in a ``WHERE``.

Neither has an importer, so both get each file's title and date from the corpus manifest.
Run by the benchmark as ``python -m benchmarks.anchors COMMAND ...`` in a fresh process.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.qparser import QueryParser

from benchmarks.corpora import Entry, load
from benchmarks.measure import (
    Figures,
    SearchSession,
    emit,
    process_figures,
    profiled,
    time_queries,
)
from benchmarks.queries import SETS, Query

LIMIT = 20


def _documents(corpus_folder: Path) -> Iterator[tuple[Entry, str]]:
    """Each file's manifest entry and text, read as the textbook reads it."""
    corpus = load(corpus_folder)
    for entry in corpus.entries:
        yield entry, (corpus.files / entry.name).read_text(encoding="utf-8")


# -- textbook Whoosh -------------------------------------------------------------------------


def whoosh_schema() -> Schema:
    analyzer = StemmingAnalyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(analyzer=analyzer, stored=True),
        body=TEXT(analyzer=analyzer, stored=True),
        date=ID(stored=True),
        year=NUMERIC(stored=True),
    )


def whoosh_import(index_dir: Path, corpus_folder: Path) -> Figures:
    started = time.perf_counter()
    index_dir.mkdir(parents=True)
    writer = whoosh_index.create_in(str(index_dir), whoosh_schema()).writer()
    for entry, text in _documents(corpus_folder):
        fields: dict[str, object] = {"path": entry.name, "title": entry.title, "body": text}
        if entry.date is not None:
            fields["date"] = entry.date
        if entry.year is not None:
            fields["year"] = entry.year
        writer.add_document(**fields)
    writer.commit()
    return {"seconds": time.perf_counter() - started, **process_figures()}


def whoosh_search(
    index_dir: Path, queries: Sequence[Query], sessions: int, verbose: bool
) -> Figures:
    @contextmanager
    def session() -> Iterator[SearchSession]:
        index = whoosh_index.open_dir(str(index_dir))
        parser = QueryParser("body", index.schema)
        with index.searcher() as searcher:

            def run(query: Query) -> None:
                results = searcher.search(parser.parse(query.text), limit=LIMIT)
                for hit in results:
                    _shown = (hit["title"], hit.get("date"), hit.highlights("body"))

            def count(query: Query) -> int:  # untimed: the textbook search does not count
                return len(searcher.search(parser.parse(query.text), limit=None))

            yield SearchSession(run, count)

    figures = time_queries(session, queries, sessions, engine="textbook Whoosh", verbose=verbose)
    return {**figures, **process_figures()}


# -- SQLite FTS5 -----------------------------------------------------------------------------

_FTS5_TABLE = (
    "CREATE VIRTUAL TABLE documents USING fts5("
    "title, body, path UNINDEXED, date UNINDEXED, year UNINDEXED, "
    "tokenize='porter unicode61')"
)
_FTS5_SEARCH = (
    "SELECT rowid, title, date, snippet(documents, 1, '<mark>', '</mark>', '…', 16)"
    " FROM documents WHERE documents MATCH ?{years} ORDER BY rank LIMIT ?"
)
_FTS5_COUNT = "SELECT count(*) FROM documents WHERE documents MATCH ?{years}"
_FTS5_YEARS = " AND year BETWEEN ? AND ?"


def fts5_import(database: Path, corpus_folder: Path) -> Figures:
    started = time.perf_counter()
    connection = sqlite3.connect(database)
    connection.execute(_FTS5_TABLE)
    with connection:
        connection.executemany(
            "INSERT INTO documents (title, body, path, date, year) VALUES (?, ?, ?, ?, ?)",
            (
                (entry.title, text, entry.name, entry.date, entry.year)
                for entry, text in _documents(corpus_folder)
            ),
        )
    connection.close()
    return {"seconds": time.perf_counter() - started, **process_figures()}


def fts5_search(database: Path, queries: Sequence[Query], sessions: int, verbose: bool) -> Figures:
    def statement(template: str, query: Query) -> tuple[str, list[object]]:
        parameters: list[object] = [query.fts_match]
        if query.years is not None:
            parameters += list(query.years)
        return template.format(years=_FTS5_YEARS if query.years else ""), parameters

    @contextmanager
    def session() -> Iterator[SearchSession]:
        connection = sqlite3.connect(database)
        try:

            def run(query: Query) -> None:
                sql, parameters = statement(_FTS5_SEARCH, query)
                connection.execute(sql, [*parameters, LIMIT]).fetchall()

            def count(query: Query) -> int:  # untimed
                sql, parameters = statement(_FTS5_COUNT, query)
                return int(connection.execute(sql, parameters).fetchone()[0])

            yield SearchSession(run, count)
        finally:
            connection.close()

    figures = time_queries(session, queries, sessions, engine="SQLite FTS5", verbose=verbose)
    return {**figures, **process_figures()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.anchors")
    commands = parser.add_subparsers(dest="command", required=True)
    for engine in ("whoosh", "fts5"):
        importing = commands.add_parser(f"{engine}-import")
        importing.add_argument("target", type=Path)
        importing.add_argument("corpus", type=Path, help="the corpus folder (with its manifest)")
        searching = commands.add_parser(f"{engine}-search")
        searching.add_argument("target", type=Path)
        searching.add_argument("set", choices=sorted(SETS))
        searching.add_argument("--sessions", type=int, default=5)
        searching.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    corpus = args.corpus.name if "import" in args.command else args.set
    with profiled(f"{args.command}-{corpus}"):
        if args.command == "whoosh-import":
            figures = whoosh_import(args.target, args.corpus)
        elif args.command == "fts5-import":
            figures = fts5_import(args.target, args.corpus)
        elif args.command == "whoosh-search":
            figures = whoosh_search(args.target, SETS[args.set], args.sessions, args.verbose)
        else:
            figures = fts5_search(args.target, SETS[args.set], args.sessions, args.verbose)
    emit(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
