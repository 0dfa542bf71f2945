"""Timing helpers, progress lines, and how a measurement runs in its own subprocess.

A worker (``python -m benchmarks.ours ...``, ``benchmarks.anchors``, ``benchmarks.window_probe``)
prints its figures as one JSON line starting with :data:`RESULT_MARK` on standard output;
progress goes to standard error, which the user sees as it happens.
"""

from __future__ import annotations

import cProfile
import json
import math
import multiprocessing.forkserver
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
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


@dataclass(frozen=True)
class SearchSession:
    """One engine opened for searching.

    Attributes:
        run: Runs one query to the end (top 20 with snippets); may return its match count.
        count: Counts a query's matches, untimed, when ``run`` does not.
    """

    run: Callable[[Query], int | None]
    count: Callable[[Query], int] | None = None


def time_queries(
    open_session: Callable[[], AbstractContextManager[SearchSession]],
    queries: Sequence[Query],
    sessions: int,
    *,
    engine: str,
    verbose: bool = False,
) -> Figures:
    """Ask the query set in ``sessions`` freshly opened sessions; per query, the median.

    Each session is opened anew (an archive, an index, a connection), so nothing a search
    keeps, such as cached postings or results, survives into the next one. In each, a
    warm-up query runs untimed; then every query once, in order: its first time in the
    session, though earlier queries may have warmed what they share with it, as a
    person's earlier searches would; then every query once more ("again"): what a
    session's caches give.

    Returns:
        ``p50_ms``, ``p95_ms`` over the per-query medians of the first runs,
        ``again_p50_ms``, ``again_p95_ms`` over those of the second, ``open_s``, the
        median time to open a session, and ``queries``: per query.
    """
    first: list[list[float]] = [[] for _ in queries]
    again: list[list[float]] = [[] for _ in queries]
    matches: list[int | None] = [None for _ in queries]
    opening: list[float] = []
    for number in range(sessions):
        with ExitStack() as stack:
            started = time.perf_counter()
            session = stack.enter_context(open_session())
            opening.append(time.perf_counter() - started)
            session.run(WARM_UP)
            for timings in (first, again):
                for position, query in enumerate(queries):
                    started = time.perf_counter()
                    found = session.run(query)
                    timings[position].append((time.perf_counter() - started) * 1000)
                    matches[position] = found if found is not None else matches[position]
            # Counted only to be shown: counting every match is slow in textbook Whoosh.
            if verbose and number == sessions - 1 and session.count is not None:
                matches = [session.count(query) for query in queries]
    first_ms = [median(timings) for timings in first]
    again_ms = [median(timings) for timings in again]
    if verbose:
        for query, ms, again_query_ms, found in zip(
            queries, first_ms, again_ms, matches, strict=True
        ):
            progress(
                f"  {engine:16} {ms:8.1f} ms (again {again_query_ms:7.1f})"
                f" {'' if found is None else found:>7} {query.text}"
            )
    return {
        "p50_ms": percentile(first_ms, 0.50),
        "p95_ms": percentile(first_ms, 0.95),
        "again_p50_ms": percentile(again_ms, 0.50),
        "again_p95_ms": percentile(again_ms, 0.95),
        "open_s": median(opening),
        "queries": [
            {"query": query.text, "ms": ms, "again_ms": again_query_ms, "matches": found}
            for query, ms, again_query_ms, found in zip(
                queries, first_ms, again_ms, matches, strict=True
            )
        ],
    }


def process_figures() -> Figures:
    """This process's peak resident memory and CPU time so far, its workers' included.

    An import parses in worker processes started by multiprocessing's fork server, so
    they are the fork server's children, not ours: their CPU time reaches ours only once
    the fork server has reaped them and been reaped itself. It is stopped here for that.

    Returns:
        ``cpu_s``: this process's CPU time and all its descendants'; ``own_cpu_s``: this
        process's and its direct children's, without the fork server's workers (what
        ``cpu_s`` was before); ``peak_rss_mb``: this process's peak;
        ``worker_peak_rss_mb``: the largest peak of any descendant (0 if none).
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    own = _cpu(usage) + _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    _stop_fork_server()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "cpu_s": _cpu(usage) + _cpu(children),
        "own_cpu_s": own,
        "worker_peak_rss_mb": children.ru_maxrss / 1024,
    }


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _stop_fork_server() -> None:
    """Stop multiprocessing's fork server, if this process started one, and reap it.

    It reaps the workers it forked as they end, so once it is reaped their CPU time is
    counted in ours. A private API, used only here: where it is missing, workers go
    uncounted, as they did before.
    """
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop):
        stop()


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
