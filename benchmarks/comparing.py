"""Comparing two years, and two halves of the archive, as ``Archive.compare`` does it.

The benchmark runs ``python -m benchmarks.comparing SPAWNED DATA_DIR`` in a fresh process
on the synthetic archive it imported: the first comparison of 2016 with 2024 is timed from
the moment the process was started (as ``archive-reader compare 2016 2024`` would be: the
interpreter, the modules, opening the archive, comparing; the issue's target is under 2 s
at 10,000 documents), then the same again in the open archive, then the archive's older
half against its newer half (no target: it reads every document). :func:`measure_compare`
runs it and names its figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from archive.api import Archive
from archive.compare_sides import parse_side
from benchmarks.measure import (
    Figures,
    emit,
    median,
    number,
    process_figures,
    profiled,
    progress,
    run_worker,
)

YEARS = ("2016", "2024")
AGAIN = 3


def compare_years(data_dir: Path, spawned: float, again: int) -> Figures:
    """Time the comparisons on the archive in ``data_dir``; see the module's docstring.

    Args:
        data_dir: The archive.
        spawned: ``time.time()`` just before this process was started.
        again: How many times the two years are compared again.
    """
    loaded = time.time()
    a, b = (parse_side(side) for side in YEARS)
    with profiled("ours-compare"), Archive(data_dir, maintain_index=False) as archive:
        first = archive.compare(a, b)
        done = time.time()
        times = []
        for _ in range(again):
            before = time.perf_counter()
            archive.compare(a, b)
            times.append(time.perf_counter() - before)
        years = [entry.year for entry in archive.years() if entry.year is not None]
        middle = years[len(years) // 2]
        older, newer = parse_side(f"{years[-1]}-{middle - 1}"), parse_side(f"{middle}-{years[0]}")
        before = time.perf_counter()
        halves = archive.compare(older, newer)
        halves_s = time.perf_counter() - before
    return {
        "compare_first_s": done - spawned,
        "compare_modules_s": loaded - spawned,
        "compare_again_s": median(times),
        "compare_documents": [first.a.documents, first.b.documents],
        "compare_words": [first.a.words, first.b.words],
        "compare_terms": [len(first.a_terms), len(first.b_terms)],
        "compare_halves_s": halves_s,
        "compare_halves": f"{older.label} against {newer.label}",
        "compare_halves_documents": [halves.a.documents, halves.b.documents],
        **process_figures(),
    }


def measure_compare(data_dir: Path) -> Figures:
    """Run the comparisons in a fresh process; their figures, as the report names them."""
    progress(f"compare: {YEARS[0]} against {YEARS[1]}, then the two halves of the archive")
    spawned = repr(time.time())
    measured = run_worker("benchmarks.comparing", [spawned, str(data_dir), "--again", str(AGAIN)])
    figures: Figures = {
        "compare_two_years_s": measured["compare_first_s"],
        "compare_two_years_again_s": measured["compare_again_s"],
        "compare_modules_s": measured["compare_modules_s"],
        "compare_two_years_documents": measured["compare_documents"],
        "compare_two_years_words": measured["compare_words"],
        "compare_halves_s": measured["compare_halves_s"],
        "compare_halves": measured["compare_halves"],
        "compare_halves_documents": measured["compare_halves_documents"],
        "compare_peak_rss_mb": measured["peak_rss_mb"],
    }
    progress(
        f"  first {number(figures['compare_two_years_s']):.2f} s, again"
        f" {number(figures['compare_two_years_again_s']):.2f} s; halves"
        f" {number(figures['compare_halves_s']):.2f} s"
    )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.comparing")
    parser.add_argument("spawned", type=float, help="time.time() just before the spawn")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--again", type=int, default=AGAIN, help="times again, warm")
    args = parser.parse_args(argv)
    emit(compare_years(args.data_dir, args.spawned, args.again))
    return 0


if __name__ == "__main__":
    sys.exit(main())
