"""Timing helpers, progress lines, and how a measurement runs in its own subprocess.

A worker (``python -m benchmarks.ours ...``, ``benchmarks.anchors``, ``benchmarks.window_probe``)
prints its figures as one JSON line starting with :data:`RESULT_MARK` on standard output;
progress goes to standard error, which the user sees as it happens.
"""

from __future__ import annotations

import cProfile
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from benchmarks.queries import WARM_UP, Query

REPO = Path(__file__).resolve().parent.parent
RESULT_MARK = "BENCHMARK-RESULT "
_STARTED_VARIABLE = "ARCHIVE_BENCH_STARTED"
PROFILE_VARIABLE = "ARCHIVE_BENCH_PROFILE"

Figures = dict[str, object]


class WorkerError(Exception):
    """A measuring subprocess failed; the message says which and how."""


def start_clock() -> None:
    """Progress lines of this process and its workers count from now."""
    os.environ[_STARTED_VARIABLE] = str(time.time())


def progress(message: str) -> None:
    """One progress line on standard error, with the time since the benchmark started."""
    started = float(os.environ.get(_STARTED_VARIABLE, "0") or 0)
    elapsed = time.time() - started if started else 0.0
    print(f"[{elapsed:6.1f} s] {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile with linear interpolation between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def number(value: object) -> float:
    """A figure read back from a worker's JSON, as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WorkerError(f"expected a number, got {value!r}")
    return float(value)


def numbers(value: object) -> list[float]:
    """A list of figures read back from a worker's JSON, as floats."""
    if not isinstance(value, list):
        raise WorkerError(f"expected a list of numbers, got {value!r}")
    return [number(item) for item in value]


def time_queries(
    run: Callable[[Query], int | None],
    queries: Sequence[Query],
    repeats: int,
    *,
    engine: str,
    count: Callable[[Query], int] | None = None,
    verbose: bool = False,
) -> Figures:
    """Time each query once cold, then ``repeats`` times; percentiles of per-query medians.

    Args:
        run: Runs one query to the end (top 20 with snippets); may return its match count.
        queries: The query set.
        repeats: Timed runs per query after its first, whose median is the query's time.
        engine: Named in the progress lines.
        count: Counts a query's matches, untimed, when ``run`` does not.
        verbose: Print every query's times.

    Returns:
        ``p50_ms``, ``p95_ms`` over the per-query medians, ``first_p50_ms``,
        ``first_p95_ms`` over each query's first run, and ``queries``: per query.
    """
    run(WARM_UP)
    first: list[float] = []
    medians: list[float] = []
    per_query: list[Figures] = []
    for query in queries:
        started = time.perf_counter()
        matches = run(query)
        first.append((time.perf_counter() - started) * 1000)
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            run(query)
            timings.append((time.perf_counter() - started) * 1000)
        medians.append(median(timings) if timings else first[-1])
        if count is not None:
            matches = count(query)
        per_query.append(
            {"query": query.text, "first_ms": first[-1], "ms": medians[-1], "matches": matches}
        )
        if verbose:
            progress(
                f"  {engine:16} {medians[-1]:8.1f} ms (first {first[-1]:7.1f})"
                f" {'' if matches is None else matches:>7} {query.text}"
            )
    return {
        "p50_ms": percentile(medians, 0.50),
        "p95_ms": percentile(medians, 0.95),
        "first_p50_ms": percentile(first, 0.50),
        "first_p95_ms": percentile(first, 0.95),
        "queries": per_query,
    }


def process_figures() -> Figures:
    """This process's peak resident memory and CPU time so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    return {"peak_rss_mb": usage.ru_maxrss / 1024, "cpu_s": cpu}


@contextmanager
def profiled(name: str) -> Iterator[None]:
    """Profile the block with cProfile into ``$ARCHIVE_BENCH_PROFILE/name.prof``, if set.

    Only the calling thread is profiled: in the window, the GUI thread.
    """
    folder = os.environ.get(PROFILE_VARIABLE)
    if not folder:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        Path(folder).mkdir(parents=True, exist_ok=True)
        profile.dump_stats(Path(folder) / f"{name}.prof")


def emit(figures: Mapping[str, object]) -> None:
    """Hand a worker's figures to the benchmark (its last line on standard output)."""
    print(RESULT_MARK + json.dumps(figures), flush=True)


def run_worker(
    module: str,
    arguments: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    stderr_noise: Sequence[str] = (),
) -> Figures:
    """Run ``python -m module arguments`` from the repository; the figures it emitted.

    Its standard error goes to ours as it comes, unless ``stderr_noise`` is given: then it
    is passed on at the end, less the lines that contain one of those strings.
    """
    command = [sys.executable, "-m", module, *arguments]
    try:
        finished = subprocess.run(
            command,
            cwd=REPO,
            env=None if env is None else dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if stderr_noise else None,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise WorkerError(f"{' '.join(command[2:])} did not finish in {timeout:.0f} s") from error
    for line in (finished.stderr or "").splitlines():
        if not any(noise in line for noise in stderr_noise):
            print(line, file=sys.stderr)
    results = [line for line in finished.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if finished.returncode != 0 or not results:
        tail = "\n".join(finished.stdout.splitlines()[-20:])
        raise WorkerError(
            f"{' '.join(command[2:])} failed (exit status {finished.returncode}):\n{tail}"
        )
    figures: Figures = json.loads(results[-1][len(RESULT_MARK) :])
    return figures
