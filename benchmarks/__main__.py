"""``python -m benchmarks``: measure ours and the anchors in one run; print one table.

Default: the synthetic archive at 10,000 documents, real web pages and PDFs (copies of
those in ``../shared/corpora/releases-dev``), the window, and Reuters-21578; then, report
only, how notes on real releases fare when the releases are edited (re-anchoring).
``--scale`` uses 100,000 synthetic documents (and leaves out what does not depend on the
archive's size; see :mod:`benchmarks.anchor_cache` for the anchors it keeps), ``--documents
N`` any number (quick runs).
``--json FILE`` writes the table's figures as one flat JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import anchor_cache, corpora, reanchoring, report
from benchmarks.comparing import measure_compare
from benchmarks.corpora import Corpus, SetupError
from benchmarks.machine import load_average, machine_figures
from benchmarks.measure import (
    PROFILE_VARIABLE,
    Figures,
    WorkerError,
    median,
    number,
    numbers,
    progress,
    run_worker,
    start_clock,
)
from benchmarks.queries import (
    KEY_INTERVAL_MS,
    KWIC_QUERY,
    SETS,
    SYNTHETIC_EXTRA_SETS,
    TREND_QUERY,
    WINDOW_QUERIES,
)

DEFAULT_DOCUMENTS = report.FULL_SIZE
DEFAULT_REPEATS = 5
# At 100,000 documents a session of all three query sets takes about a minute per engine.
SCALE_REPEATS = 3
# Web pages and PDFs, each (50 copies of every page, 100 of every PDF): about half a
# minute for both on the 2-core machine.
DEFAULT_FORMAT_DOCUMENTS = 800
# A quick run's floor: with fewer files to parse the importer uses no pool of workers
# (archive.importer.POOL_MIN_FILES).
QUICK_FORMAT_DOCUMENTS = 50
SEARCHES = ("search", "textbook_whoosh_search", "fts5_search")
ANCHOR_LABELS = ("textbook_whoosh", "fts5")
WINDOW_IMPORT_SEED = 7  # other documents than the archive's (seed 42)
_PROBLEMS_SHOWN = 5  # reasons files were skipped or failed, in the progress lines
# The offscreen platform says so whenever a window with a layout is shown: not news.
_QT_NOISE = ("This plugin does not support",)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure our import, search and window against textbook Whoosh and"
        " SQLite FTS5 over the same documents and queries; print one table.",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--scale",
        action="store_true",
        help="100,000 synthetic documents; without Reuters, web pages, PDFs and re-anchoring"
        " (the same at any size), the anchors' indexes kept between runs",
    )
    size.add_argument(
        "--documents",
        type=_positive,
        metavar="N",
        help=f"synthetic documents (default {DEFAULT_DOCUMENTS:,})",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures here")
    parser.add_argument("--skip-window", action="store_true", help="do not measure the window")
    parser.add_argument("--skip-reuters", action="store_true", help="leave Reuters-21578 out")
    parser.add_argument(
        "--skip-formats", action="store_true", help="leave the web page and PDF import out"
    )
    parser.add_argument(
        "--format-documents",
        type=_positive,
        metavar="N",
        help=f"web pages and PDFs to import, each (default {DEFAULT_FORMAT_DOCUMENTS};"
        " with --documents N, the same share of N, at least"
        f" {QUICK_FORMAT_DOCUMENTS})",
    )
    parser.add_argument(
        "--reuters-documents",
        type=_positive,
        metavar="N",
        help="only the first N Reuters articles (default: all that have a body; with"
        " --documents N, the first N)",
    )
    parser.add_argument(
        "--repeats",
        type=_positive,
        metavar="N",
        help=f"search sessions, each opened anew and asking every query (default"
        f" {DEFAULT_REPEATS}; with --scale {SCALE_REPEATS})",
    )
    parser.add_argument(
        "--window-runs", type=_positive, metavar="N", default=3, help="window starts (default 3)"
    )
    parser.add_argument(
        "--window-import",
        type=_positive,
        default=300,
        metavar="N",
        help="new files the window imports (default 300)",
    )
    parser.add_argument(
        "--skip-reanchoring",
        action="store_true",
        help="leave out the re-anchoring report (notes on edited real releases)",
    )
    parser.add_argument(
        "--reanchoring-cases",
        type=_positive,
        metavar="N",
        default=reanchoring.DEFAULT_CASES,
        help=f"notes the re-anchoring report places (default {reanchoring.DEFAULT_CASES})",
    )
    parser.add_argument(
        "--shared", type=Path, metavar="DIR", help="the shared folder (default ../shared)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        metavar="DIR",
        help="where data directories go, made if missing (default: a temporary folder)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="write a cProfile of each step into DIR (the figures are then slower)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="every query's times")
    args = parser.parse_args(argv)
    if args.repeats is None:
        args.repeats = SCALE_REPEATS if args.scale else DEFAULT_REPEATS
    if args.scale:  # the same at any archive size: the default run measures them
        args.skip_reuters = args.skip_formats = args.skip_reanchoring = True
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    start_clock()
    started = time.perf_counter()
    if args.profile:
        os.environ[PROFILE_VARIABLE] = str(args.profile.resolve())
    figures: Figures = {"date": datetime.datetime.now().isoformat(timespec="seconds")}
    figures.update(machine_figures())
    figures.update({"search_repeats": args.repeats, "profiled": bool(args.profile)})
    try:
        chosen = prepare_corpora(args)
    except SetupError as error:
        print(f"benchmark: error: {error}", file=sys.stderr)
        return 2

    if args.work_dir is not None:
        try:
            args.work_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            print(f"benchmark: error: cannot use --work-dir: {error}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="archive-bench-", dir=args.work_dir) as temporary:
        work = Path(temporary)
        try:
            figures.update(
                measure_corpus(
                    chosen.synthetic, "synthetic", work, args, extra_sets=SYNTHETIC_EXTRA_SETS
                )
            )
            figures.update(measure_trends(work / "synthetic" / "ours", args))
            figures.update(measure_compare(work / "synthetic" / "ours"))
            for kind, corpus in chosen.real_files.items():
                figures.update(measure_real_files(corpus, kind, work))
            if chosen.window_batch is not None:
                figures.update(measure_window(work, chosen.window_batch, args))
            if chosen.reuters is not None:
                figures.update(
                    measure_corpus(chosen.reuters, "reuters", work, args, prefix=report.REUTERS)
                )
        except WorkerError as error:
            print(f"benchmark: error: {error}", file=sys.stderr)
            return 1
    if not args.skip_reanchoring:
        try:
            figures.update(measure_reanchoring(args))
        except WorkerError as error:
            print(f"benchmark: error: {error}", file=sys.stderr)
            return 1
    figures["total_s"] = time.perf_counter() - started
    figures["machine_load_at_end"] = load_average()
    report.check_targets(figures)
    print(report.table(figures))
    if not args.skip_reanchoring:
        print("\n" + reanchoring.table(figures))
    if args.json:
        report.write_json(figures, args.json)
        progress(f"figures written to {args.json}")
    return 0


@dataclass(frozen=True)
class ChosenCorpora:
    """The corpora a run measures; ``None`` (or none) for those left out."""

    synthetic: Corpus
    real_files: dict[str, Corpus]  # by format: "html", "pdf"
    window_batch: Corpus | None
    reuters: Corpus | None


def prepare_corpora(args: argparse.Namespace) -> ChosenCorpora:
    """The corpora the options ask for, written into the cache where not there yet.

    Raises:
        SetupError: The shared folder, or a corpus in it, is missing.
    """
    shared = corpora.shared_dir(args.shared)
    documents = report.SCALE_SIZE if args.scale else args.documents or DEFAULT_DOCUMENTS
    progress(f"corpora: synthetic archive of {documents:,} documents (generated once, cached)")
    synthetic = corpora.synthetic(shared, documents)
    real_files = {}
    if not args.skip_formats:
        each = args.format_documents or _format_documents(args.documents)
        progress(f"corpora: {each:,} copies each of real web pages and of PDFs (made once, cached)")
        real_files = {kind: corpora.real_files(shared, kind, each) for kind in corpora.REAL_FORMATS}
    window_batch = None
    if not args.skip_window:
        window_batch = corpora.synthetic(shared, args.window_import, seed=WINDOW_IMPORT_SEED)
    reuters = None
    if not args.skip_reuters:
        reuters_documents = args.reuters_documents
        if reuters_documents is None and args.documents is not None:
            reuters_documents = args.documents  # a quick run is quick for both corpora
        progress("corpora: Reuters-21578 as one file per article (written once, cached)")
        reuters = corpora.reuters(shared, reuters_documents)
    return ChosenCorpora(synthetic, real_files, window_batch, reuters)


def _format_documents(documents: int | None) -> int:
    """Web pages and PDFs, each: the default, or a quick run's share of it."""
    if documents is None:
        return DEFAULT_FORMAT_DOCUMENTS
    share = round(DEFAULT_FORMAT_DOCUMENTS * documents / DEFAULT_DOCUMENTS)
    return min(DEFAULT_FORMAT_DOCUMENTS, max(QUICK_FORMAT_DOCUMENTS, share))


def measure_corpus(
    corpus: Corpus,
    query_set: str,
    work: Path,
    args: argparse.Namespace,
    *,
    prefix: str = "",
    extra_sets: dict[str, str] | None = None,
) -> Figures:
    """Our import, re-import and search, then both anchors', over one corpus.

    Its figures are named with ``prefix``; our data directory is ``work/QUERY_SET/ours``.
    The re-import of the main corpus is timed three times (once at scale), of the other
    once. Each of
    ``extra_sets`` (figures' name: query set) is asked of all three engines as
    ``query_set`` is, its figures named ``NAME_search_*``.
    """
    work = work / query_set
    work.mkdir()
    data_dir = work / "ours"
    name = corpus.name
    search = ["--sessions", str(args.repeats), *(["--verbose"] if args.verbose else [])]
    figures: Figures = {
        "corpus": name,
        "documents": corpus.documents,
        "corpus_mb": corpus.megabytes,
        "search_queries": len(SETS[query_set]),
    }

    progress(f"{name}: our import of {corpus.documents:,} files ({corpus.megabytes:.1f} MB)")
    ours = run_worker("benchmarks.ours", ["import", str(data_dir), str(corpus.files)])
    figures.update(_import_figures("import", ours, corpus))
    figures["import_statuses"] = _statuses(ours)

    runs = 1 if prefix or args.scale else 3  # no re-import target at scale
    progress(f"{name}: re-import of the unchanged files ×{runs}")
    reimports = [
        run_worker("benchmarks.ours", ["reimport", str(data_dir), str(corpus.files)])
        for _ in range(runs)
    ]
    figures["reimport_unchanged_s"] = median([number(r["seconds"]) for r in reimports])
    figures["reimport_unchanged_runs"] = runs
    progress(f"  {figures['reimport_unchanged_s']:.2f} s")

    # The main set first, then (for the synthetic archive) the phrase-heavy and typing-like
    # sets: their figures are named "search_*", "phrase_search_*", "typing_search_*".
    query_sets = {"": query_set, **(extra_sets or {})}
    for kind, each_set in (extra_sets or {}).items():
        figures[f"{kind}_search_queries"] = len(SETS[each_set])
    for kind, each_set in query_sets.items():
        progress(f"{name}: our search, {len(SETS[each_set])} queries ({each_set})")
        searched = run_worker("benchmarks.ours", ["search", str(data_dir), each_set, *search])
        figures.update(_search_figures(_search_key("", kind), searched))

    figures.update(measure_passages(name, data_dir) if not prefix else {})

    # At scale the anchors are built once and kept (their import times are no target there).
    anchors_at = anchor_cache.folder(corpus) if args.scale else work
    anchors_at.mkdir(parents=True, exist_ok=True)
    for engine, label, target in (
        ("whoosh", "textbook_whoosh", anchors_at / "textbook-whoosh"),
        ("fts5", "fts5", anchors_at / "fts5.sqlite3"),
    ):
        indexed = anchor_cache.kept_import(target) if args.scale else None
        figures[f"{label}_import_kept"] = indexed is not None
        if indexed is None:
            progress(f"{name}: {label.replace('_', ' ')} import")
            anchor_cache.discard(target)
            indexed = run_worker(
                "benchmarks.anchors", [f"{engine}-import", str(target), str(corpus.folder)]
            )
            if args.scale:
                anchor_cache.keep_import(target, indexed)
        else:
            progress(f"{name}: {label.replace('_', ' ')}: the index kept from an earlier run")
        figures.update(_import_figures(f"{label}_import", indexed, corpus))
        for kind, each_set in query_sets.items():
            progress(f"  search ({each_set})")
            searched = run_worker(
                "benchmarks.anchors", [f"{engine}-search", str(target), each_set, *search]
            )
            figures.update(_search_figures(_search_key(label, kind), searched))
        if not args.scale:
            _remove(target)

    figures["import_speedup_vs_textbook_whoosh"] = _ratio(
        figures, "textbook_whoosh_import_s", "import_s"
    )
    figures["import_speedup_vs_fts5"] = _ratio(figures, "fts5_import_s", "import_s")
    figures["search_p95_ratio_vs_textbook_whoosh"] = _ratio(
        figures, "search_p95_ms", "textbook_whoosh_search_p95_ms"
    )
    figures["search_p95_ratio_vs_fts5"] = _ratio(figures, "search_p95_ms", "fts5_search_p95_ms")
    for kind in extra_sets or {}:
        own, textbook, fts5 = (_search_key(label, kind) for label in ("", *ANCHOR_LABELS))
        figures[f"{own}_p95_ratio_vs_textbook_whoosh"] = _ratio(
            figures, f"{own}_p95_ms", f"{textbook}_p95_ms"
        )
        figures[f"{own}_p95_ratio_vs_fts5"] = _ratio(figures, f"{own}_p95_ms", f"{fts5}_p95_ms")
    p95s = [number(figures[f"{key}_p95_ms"]) for key in SEARCHES]
    progress(
        "  search p95 (ours, textbook Whoosh, FTS5): " + ", ".join(f"{v:.1f} ms" for v in p95s)
    )
    return {prefix + key: value for key, value in figures.items()}


def measure_passages(name: str, data_dir: Path) -> Figures:
    """Where else a paragraph appears, asked of our archive in a fresh process."""
    progress(f"{name}: passage similarity (where else a paragraph appears)")
    return run_worker("benchmarks.passages", [str(data_dir)])


def measure_real_files(corpus: Corpus, kind: str, work: Path) -> Figures:
    """Our import of one format's copies of real files, into an empty data directory.

    Import only (no anchors, no search); its figures are named ``KIND_import_*``.
    """
    data_dir = work / kind / "ours"
    data_dir.parent.mkdir()
    progress(f"{kind.upper()} ({corpus.name}): our import of {corpus.documents:,} files")
    ours = run_worker("benchmarks.ours", ["import", str(data_dir), str(corpus.files)])
    figures: Figures = {
        "corpus": corpus.name,
        "documents": corpus.documents,
        "corpus_mb": corpus.megabytes,
        **_import_figures("import", ours, corpus),
        "import_statuses": _statuses(ours),
    }
    shutil.rmtree(data_dir.parent)
    return {f"{kind}_{key}": value for key, value in figures.items()}


def _statuses(imported: Figures) -> str:
    """How many files ended how ("9990 imported, 10 skipped"), shown with the reasons."""
    statuses, problems = imported.get("statuses"), imported.get("problems")
    assert isinstance(statuses, dict)
    assert isinstance(problems, dict)
    text = ", ".join(f"{n} {s}" for s, n in statuses.items())
    progress(f"  {number(imported['seconds']):.1f} s ({text})")
    shown = sorted(problems.items(), key=lambda problem: -problem[1])[:_PROBLEMS_SHOWN]
    for reason, count in shown:
        progress(f"    {count} × {reason}")
    if len(problems) > len(shown):
        progress(f"    and {len(problems) - len(shown)} other reasons")
    return text


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def _import_figures(key: str, measured: Figures, corpus: Corpus) -> Figures:
    seconds = number(measured["seconds"])
    return {
        f"{key}_s": seconds,
        f"{key}_mb_per_s": corpus.megabytes / seconds,
        f"{key}_docs_per_s": corpus.documents / seconds,
        f"{key}_peak_rss_mb": measured["peak_rss_mb"],
        f"{key}_cpu_s": measured["cpu_s"],
        f"{key}_own_cpu_s": measured["own_cpu_s"],
        f"{key}_worker_peak_rss_mb": measured["worker_peak_rss_mb"],
    }


def _search_figures(key: str, measured: Figures) -> Figures:
    return {
        f"{key}_{figure}": measured[figure]
        for figure in ("p50_ms", "p95_ms", "again_p50_ms", "again_p95_ms", "open_s", "peak_rss_mb")
    }


def _search_key(engine: str, kind: str) -> str:
    """A search's figures' name: "search", "phrase_search", "textbook_whoosh_typing_search"."""
    return "_".join(part for part in (engine, kind, "search") if part)


def _ratio(figures: Figures, numerator: str, denominator: str) -> float:
    return number(figures[numerator]) / number(figures[denominator])


def measure_trends(data_dir: Path, args: argparse.Namespace) -> Figures:
    """The trend of one query, and the keyword-in-context lines of about 1,000 hits."""
    progress(f"trends: the trend of {TREND_QUERY}, the occurrences of {KWIC_QUERY}")
    sessions = ["--sessions", str(args.repeats)]
    measured = run_worker("benchmarks.ours", ["trends", str(data_dir), *sessions])
    progress(
        f"  trend {number(measured['trend_ms']):.1f} ms; keyword in context"
        f" {number(measured['kwic_ms']):.0f} ms ({measured['kwic_lines']} lines)"
    )
    keys = ("trend_ms", "trend_matches", "kwic_ms", "kwic_lines", "trends_sessions")
    return {key: measured[key] for key in keys}


def measure_reanchoring(args: argparse.Namespace) -> Figures:
    """Notes on passages of real releases, the releases edited: kept, misplaced, orphaned.

    Report only (no target in the table's count): see :mod:`benchmarks.reanchoring`.
    """
    shared = corpora.shared_dir(args.shared)
    progress(f"re-anchoring: {args.reanchoring_cases} notes on edited real releases")
    cases = str(args.reanchoring_cases)
    return run_worker(
        "benchmarks.reanchoring", ["--emit", "--cases", cases, "--shared", str(shared)]
    )


def measure_window(work: Path, batch: Corpus, args: argparse.Namespace) -> Figures:
    """Start the window on (a copy of) our synthetic archive, ``args.window_runs`` times."""
    archive = work / "synthetic" / "ours"
    runs: list[Figures] = []
    for run in range(args.window_runs):
        progress(
            f"window: start {run + 1} of {args.window_runs}; type {len(WINDOW_QUERIES)} queries,"
            f" open their first hits, import {batch.documents} files"
        )
        home = work / f"window-{run}"
        shutil.copytree(archive, home / "data")
        # The copy's pages written out before the window starts: the kernel flushing a
        # gigabyte meanwhile stalled the window's own writes (its session), not its work.
        os.sync()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home / "home"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "share"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "ARCHIVE_READER_DATA_DIR": str(home / "data"),
        }
        queries = [argument for query in WINDOW_QUERIES for argument in ("--query", query)]
        spawned = time.time()
        probe = [repr(spawned), str(home / "data"), str(batch.files), *queries]
        measured = run_worker(
            "benchmarks.window_probe", probe, env=env, timeout=900, stderr_noise=_QT_NOISE
        )
        runs.append(measured)
        progress(
            f"  cold start {number(measured['cold_start_s']):.2f} s; longest stall typing"
            f" {number(measured['typing_stall_ms']):.0f} ms, importing"
            f" {number(measured['import_stall_ms']):.0f} ms;"
            f" RSS open {number(measured['open_rss_mb']):.0f} MB,"
            f" peak {number(measured['peak_rss_mb']):.0f} MB"
        )
        shutil.rmtree(home, ignore_errors=True)

    def each(key: str) -> list[float]:
        return [number(run[key]) for run in runs]

    def pooled(key: str) -> list[float]:
        return [value for run in runs for value in numbers(run[key])]

    worst = [
        max(t, i) for t, i in zip(each("typing_stall_ms"), each("import_stall_ms"), strict=True)
    ]
    return {
        "window_runs": len(runs),
        "window_cold_start_s": median(each("cold_start_s")),
        "window_modules_loaded_s": median(each("modules_loaded_s")),
        "import_gui_stall_ms": median(each("import_stall_ms")),
        "typing_gui_stall_ms": median(each("typing_stall_ms")),
        "max_gui_stall_ms": median(worst),
        "max_gui_stall_worst_ms": max(worst),
        "keystroke_to_results_ms": median(pooled("keystroke_to_results_ms")),
        "search_started_to_shown_ms": median(pooled("search_started_to_shown_ms")),
        "keystroke_to_search_started_ms": median(pooled("keystroke_to_search_started_ms")),
        "window_typed_queries": len(WINDOW_QUERIES),
        "window_key_interval_ms": KEY_INTERVAL_MS,
        "window_peak_rss_mb": median(each("peak_rss_mb")),
        "window_open_rss_mb": median(each("open_rss_mb")),
        "window_peak_rss_before_import_mb": median(each("peak_rss_before_import_mb")),
        "window_typing_peak_rss_mb": median(each("typing_peak_rss_mb")),
        "window_browse_s": median(each("browse_s")),
        "window_browsed_documents": median(each("browsed_documents")),
        "window_import_s": median(each("import_s")),
        "window_import_files": batch.documents,
    }


if __name__ == "__main__":
    sys.exit(main())
