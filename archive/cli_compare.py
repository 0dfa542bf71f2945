"""The ``compare`` command: the terms most distinctive of each of two sides of the archive.

``compare A B --json`` prints ``{"a": [{"term", "score", "count"}], "b": [...]}``: the
terms more frequent on side A, then on side B, best first; ``score`` is the
log-likelihood G2 and ``count`` the term's occurrences on that side. A side is a year
(``2016``), years (``2010-2015``), ``source:NAME``, ``search:QUERY`` or ``undated``. A
side that is not one of these, that holds no documents, or two sides of the same
documents, are errors (exit status 2).
"""

from __future__ import annotations

import argparse
import json
import shutil
from typing import Any, TextIO

from archive.api import Archive
from archive.cli_arguments import positive_number
from archive.compare_sides import SIDE_FORMS, parse_side
from archive.comparison import DEFAULT_LIMIT, ComparedSide, Comparison
from archive.keyness import DEFAULT_MIN_COUNT, SIGNIFICANT_G2, KeyTerm

EXIT_OK = 0
_SCORE_WIDTH = 9
_COUNT_WIDTH = 7
_GUTTER = 3


def add_compare_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``compare`` to the command line's subcommands."""
    comparing = commands.add_parser(
        "compare",
        parents=[common],
        help="the words and phrases most distinctive of two years, or two sets of documents",
        description="List the terms and two-word phrases more frequent in side A than in "
        "side B, and those more frequent in B, ranked by log-likelihood (G2). Stop words "
        f"and numbers are left out. A side is {SIDE_FORMS}.",
    )
    comparing.add_argument("a", metavar="A", help="side A, e.g. 2016, 2010-2015, source:AZERTAC")
    comparing.add_argument("b", metavar="B", help='side B, e.g. 2024, search:"climate change"')
    comparing.add_argument(
        "--limit",
        type=positive_number,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N terms a side (default {DEFAULT_LIMIT})",
    )
    comparing.add_argument(
        "--min-count",
        type=positive_number,
        default=DEFAULT_MIN_COUNT,
        metavar="N",
        help=f"only terms met at least N times on their side (default {DEFAULT_MIN_COUNT})",
    )
    comparing.add_argument("--json", action="store_true", help="print the terms as JSON")


def run_compare(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Compare the two sides and print the result; returns the exit status.

    Raises:
        ComparisonError: A side is malformed or empty, or both are the same documents.
        QueryError: A search side's query is malformed.
    """
    comparison = archive.compare(
        parse_side(args.a), parse_side(args.b), limit=args.limit, min_count=args.min_count
    )
    if args.json:
        json.dump(comparison_json(comparison), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_comparison(comparison, out, width=shutil.get_terminal_size((100, 24)).columns)
    return EXIT_OK


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The command's JSON: ``{"a": [...], "b": [...]}``, each best first.

    When the sides shared documents (left out of both), ``"shared_documents"`` says how
    many; it is absent otherwise.
    """
    result: dict[str, Any] = {
        "a": [_term_json(term) for term in comparison.a_terms],
        "b": [_term_json(term) for term in comparison.b_terms],
    }
    if comparison.shared:
        result["shared_documents"] = comparison.shared
    return result


def _term_json(term: KeyTerm) -> dict[str, Any]:
    return {"term": term.term, "score": round(term.score, 3), "count": term.count}


def print_comparison(comparison: Comparison, out: TextIO, *, width: int = 100) -> None:
    """What was compared, then the two lists side by side."""
    for compared in (comparison.a, comparison.b):
        print(_summary(compared), file=out)
    if comparison.shared:
        shared = comparison.shared
        print(
            f"{shared:,} document{'s' if shared != 1 else ''} on both sides, left out of both.",
            file=out,
        )
    print(
        "Terms more frequent on each side, by log-likelihood (G2); count = occurrences on "
        "that side.",
        file=out,
    )
    print(file=out)
    if not comparison.a_terms and not comparison.b_terms:
        print(
            f"No term is distinctive of either side (G2 of at least {SIGNIFICANT_G2}, "
            "met at least a few times).",
            file=out,
        )
        return
    column = max(32, (width - _GUTTER) // 2)
    heading = [
        _row(f"More in {comparison.a.side.label}", "G2", "count", column),
        _row(f"More in {comparison.b.side.label}", "G2", "count", column),
    ]
    print((" " * _GUTTER).join(heading).rstrip(), file=out)
    rows = max(len(comparison.a_terms), len(comparison.b_terms))
    for index in range(rows):
        cells = [
            _term_cell(terms[index] if index < len(terms) else None, index, column)
            for terms in (comparison.a_terms, comparison.b_terms)
        ]
        print((" " * _GUTTER).join(cells).rstrip(), file=out)


def _summary(compared: ComparedSide) -> str:
    documents, words = compared.documents, compared.words
    return (
        f"{compared.side.label}: {documents:,} document{'s' if documents != 1 else ''}, "
        f"{words:,} word{'s' if words != 1 else ''}"
    )


def _term_cell(term: KeyTerm | None, index: int, column: int) -> str:
    if term is None:
        return _row("(none)" if index == 0 else "", "", "", column)
    return _row(f"{index + 1:>2}  {term.term}", f"{term.score:.1f}", str(term.count), column)


def _row(text: str, score: str, count: str, column: int) -> str:
    room = column - _SCORE_WIDTH - _COUNT_WIDTH
    if len(text) > room - 1:
        text = text[: room - 2] + "…"
    return f"{text:<{room}}{score:>{_SCORE_WIDTH}}{count:>{_COUNT_WIDTH}}"
