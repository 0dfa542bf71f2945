"""Our import, re-import and search, through the public API only (``archive.api.Archive``).

Run by the benchmark as ``python -m benchmarks.ours COMMAND ...`` in a fresh process:

- ``import DATA_DIR FOLDER``: a full import (read, clean, metadata, SQLite, index) into an
  empty data directory, timed from opening the archive to closing it;
- ``reimport DATA_DIR FOLDER``: the same folder again, unchanged;
- ``search DATA_DIR SET``: the query set, top 20 with snippets and matches per year;
- ``trends DATA_DIR``: the trend of one query (documents per year) and the keyword-in-context
  lines of a query with about 1,000 occurrences at 10,000 documents.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from archive.api import Archive
from archive.models import ImportResult, ImportStatus
from benchmarks.measure import (
    Figures,
    SearchSession,
    emit,
    median,
    process_figures,
    profiled,
    time_queries,
)
from benchmarks.queries import KWIC_QUERY, SETS, TREND_QUERY, WARM_UP, Query


def import_folder(data_dir: Path, folder: Path, step: str) -> Figures:
    """Import ``folder`` into ``data_dir``: seconds, how many files ended how, and why not.

    ``problems`` counts the files skipped or failed by status and reason ("skipped: same
    content as document 12 (...)"), so that a corpus that does not import whole says why.
    """
    with profiled(f"ours-{step}-{folder.parent.name}"):
        started = time.perf_counter()
        with Archive(data_dir) as archive:
            opened = time.perf_counter()
            results = archive.import_paths([folder])
            imported = time.perf_counter()
        closed = time.perf_counter()
    return {
        "seconds": closed - started,
        "open_s": opened - started,
        "import_paths_s": imported - opened,
        "close_s": closed - imported,
        "statuses": _statuses(results),
        "problems": _problems(results),
        **process_figures(),
    }


def _statuses(results: Sequence[ImportResult]) -> dict[str, int]:
    return dict(Counter(result.status.value for result in results))


def _problems(results: Sequence[ImportResult]) -> dict[str, int]:
    return dict(
        Counter(
            f"{result.status.value}: {result.reason}"
            for result in results
            if result.status in (ImportStatus.SKIPPED, ImportStatus.FAILED)
        )
    )


def search(data_dir: Path, queries: Sequence[Query], sessions: int, verbose: bool) -> Figures:
    """Time the query set on the archive in ``data_dir``, opened anew for each session."""

    @contextmanager
    def session() -> Iterator[SearchSession]:
        # As the window's search thread opens it: the write thread keeps the index in step.
        with Archive(data_dir, maintain_index=False) as archive:
            yield SearchSession(lambda query: archive.search(query.text).total)

    with profiled(f"ours-search-{data_dir.parent.name}"):
        figures = time_queries(session, queries, sessions, engine="ours", verbose=verbose)
    return {**figures, **process_figures()}


def trends(data_dir: Path, sessions: int) -> Figures:
    """Time a trend and a keyword-in-context, each session a freshly opened archive.

    In each session a warm-up search opens the searcher (as the window's first search
    has), then the trend of :data:`TREND_QUERY` and the lines of :data:`KWIC_QUERY` are
    asked once each, for the first time: their postings are not yet read.
    """
    trend_ms: list[float] = []
    kwic_ms: list[float] = []
    matches = lines = 0
    with profiled(f"ours-trends-{data_dir.parent.name}"):
        for _ in range(sessions):
            with Archive(data_dir, maintain_index=False) as archive:
                archive.search(WARM_UP.text, limit=1)
                started = time.perf_counter()
                matches = archive.trend([TREND_QUERY]).queries[0].total
                counted = time.perf_counter()
                lines = len(archive.kwic(KWIC_QUERY))
                listed = time.perf_counter()
            trend_ms.append((counted - started) * 1000)
            kwic_ms.append((listed - counted) * 1000)
    return {
        "trend_ms": median(trend_ms),
        "trend_matches": matches,
        "kwic_ms": median(kwic_ms),
        "kwic_lines": lines,
        "trends_sessions": sessions,
        **process_figures(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ours")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("import", "reimport"):
        command = commands.add_parser(name)
        command.add_argument("data_dir", type=Path)
        command.add_argument("folder", type=Path)
    searching = commands.add_parser("search")
    searching.add_argument("data_dir", type=Path)
    searching.add_argument("set", choices=sorted(SETS))
    searching.add_argument("--sessions", type=int, default=5)
    searching.add_argument("--verbose", action="store_true")
    trending = commands.add_parser("trends")
    trending.add_argument("data_dir", type=Path)
    trending.add_argument("--sessions", type=int, default=5)
    args = parser.parse_args(argv)

    if args.command in ("import", "reimport"):
        emit(import_folder(args.data_dir, args.folder, args.command))
    elif args.command == "trends":
        emit(trends(args.data_dir, args.sessions))
    else:
        emit(search(args.data_dir, SETS[args.set], args.sessions, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
