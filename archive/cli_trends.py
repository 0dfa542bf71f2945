"""The ``trend`` and ``kwic`` commands: a query's documents per year, and its every occurrence.

``trend QUERY... --json`` prints ``{"documents_per_year": {"2024": 120, ...}, "queries":
[{"query": "...", "total": N, "undated": N, "years": {"2024": N, ...}}],
"undated_documents": N}``: each query's ``total`` is its ``search --json`` total, and its
``years`` (every year of the archive, 0 included) plus ``undated`` add up to it.

``kwic QUERY --json`` prints ``[{"id", "year", "date", "left", "hit", "right", "title",
"start", "end"}]``, one object per occurrence, every one of them.

With ``--csv FILE`` either writes its CSV there and says so (the JSON is still printed
with ``--json``); ``--csv -`` prints the CSV on standard output instead (then not with
``--json``). Exit status 2 for a malformed query or more than five, or for ``--csv -``
with ``--json``; 1 when the file cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from archive.api import Archive
from archive.atomic_write import write_text_atomically
from archive.cli_arguments import year
from archive.cli_output import print_json, terminal_text
from archive.kwic import CONTEXT_CHARS, SORT_ORDERS, KwicLine, kwic_csv, kwic_json
from archive.paths import printable
from archive.trends import MAX_QUERIES, Trend, trend_csv, trend_json

PROG = "archive-reader"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
STDOUT = Path("-")  # as a --csv FILE: standard output


def add_trends_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``trend`` and ``kwic`` to the command line's subcommands."""
    trending = commands.add_parser(
        "trend",
        parents=[common],
        help=f"documents matching 1 to {MAX_QUERIES} queries per year, and their share",
        description="For each query, how many documents match it in each year, and what "
        "share of that year's documents they are (so a year with more releases does not "
        "look louder). Undated matches are counted apart. Each query's counts add up to "
        "its search's total.",
    )
    trending.add_argument("queries", nargs="+", metavar="QUERY", help="a query, as for search")
    trending.add_argument("--json", action="store_true", help="print the counts as JSON")
    trending.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="write one row per year (and undated) to FILE (- for standard output)",
    )

    concordance = commands.add_parser(
        "kwic",
        parents=[common],
        help="keyword in context: every occurrence of a query, one line each",
        description="Every occurrence of a query in the documents it matches, one line "
        f"each: up to {CONTEXT_CHARS} characters before the hit, the hit (a phrase whole), "
        "and up to as many after it.",
    )
    concordance.add_argument("query", metavar="QUERY", help="a query, as for search")
    concordance.add_argument("--year", type=year, metavar="YYYY", help="only this year's")
    concordance.add_argument(
        "--sort",
        choices=SORT_ORDERS,
        default="date",
        help="newest first (date, the default), or by the words left or right of the hit",
    )
    concordance.add_argument("--json", action="store_true", help="print the lines as JSON")
    concordance.add_argument(
        "--csv", type=Path, metavar="FILE", help="write the lines to FILE (- for standard output)"
    )


def run_trends_command(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``trend`` or ``kwic``; returns the exit status."""
    if args.csv == STDOUT and args.json:
        print(
            f"{PROG} {args.command}: error: --csv - and --json would both print on "
            "standard output; choose one",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.command == "trend":
        trend = archive.trend(args.queries)
        if args.csv is not None and not _write(args.csv, trend_csv(trend), out):
            return EXIT_ERROR
        if args.json:
            print_json(trend_json(trend), out)
        elif args.csv is not None:
            _say_written(args.csv, f"{len(trend.years) + 1} rows (years and undated)", out)
        else:
            print_trend(trend, out)
        return EXIT_OK
    lines = archive.kwic(args.query, year=args.year, sort=args.sort)
    if args.csv is not None and not _write(args.csv, kwic_csv(lines), out):
        return EXIT_ERROR
    if args.json:
        print_json(kwic_json(lines), out)
    elif args.csv is not None:
        _say_written(args.csv, _lines(len(lines)), out)
    else:
        print_kwic(lines, out)
    return EXIT_OK


def _write(path: Path, text: str, out: TextIO) -> bool:
    """Write a CSV file (``-``: to ``out``); on failure say why on stderr and return False.

    A regular file (or a new one) is replaced whole through a temporary file, never left
    half-written; a device or a named pipe (``/dev/stdout``) is written to in place.
    """
    if path == STDOUT:
        out.write(text)
        return True
    try:
        write_text_atomically(path, text)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"{PROG}: error: cannot write {printable(str(path))}: {reason}", file=sys.stderr)
        return False
    return True


def _say_written(path: Path, what: str, out: TextIO) -> None:
    """Say where the CSV went, unless it went to a terminal or a pipe (``-``, ``/dev/stdout``)."""
    if path != STDOUT and path.resolve().is_file():
        print(f"Wrote {what} to {printable(str(path))}", file=out)


def print_trend(trend: Trend, out: TextIO) -> None:
    """A table: a row per year (newest first) and one for the undated, a column per query."""
    names = [terminal_text(query.query) for query in trend.queries]
    widths = [max(len(name), 14) for name in names]
    header = f"{'Year':<8}{'Documents':>10}" + "".join(
        f"  {name:>{width}}" for name, width in zip(names, widths, strict=True)
    )
    print(header, file=out)
    rows: list[tuple[str, int | None]] = [(str(y), y) for y in trend.years]
    rows.append(("Undated", None))
    for label, row_year in rows:
        cells = ""
        for query, width in zip(trend.queries, widths, strict=True):
            share = trend.share(query, row_year)
            shown = "" if share is None else f"{100 * share:5.1f}%"
            cells += f"  {f'{query.matches_in(row_year)} {shown}'.rstrip():>{width}}"
        print(f"{label:<8}{trend.documents_in(row_year):>10}{cells}", file=out)
    totals = "".join(
        f"  {query.total:>{width}}" for query, width in zip(trend.queries, widths, strict=True)
    )
    documents = sum(trend.documents_per_year.values()) + trend.undated_documents
    print(f"{'Total':<8}{documents:>10}{totals}", file=out)


def print_kwic(lines: list[KwicLine], out: TextIO) -> None:
    """One line per occurrence, the hits lined up: date, document, left, [hit], right."""
    for line in lines:
        when = line.date or (str(line.year) if line.year is not None else "undated")
        left = terminal_text(line.left)
        print(
            f"{when:<10} {f'#{line.id}':>7}  {left:>{CONTEXT_CHARS}}"
            f"[{terminal_text(line.hit)}]{terminal_text(line.right)}",
            file=out,
        )
    print(f"{_lines(len(lines))}.", file=out)


def _lines(count: int) -> str:
    return f"{count} occurrence{'s' if count != 1 else ''}"
