"""``python -m benchmarks.reanchoring``: do notes stay on their own passages as releases change?

Real releases (the five seeds of the sample archive and the text and Markdown files of
``../shared/corpora/releases-dev``) are edited as :mod:`benchmarks.reanchoring_edits`
does it (a sentence deleted, a near-twin of it written elsewhere, a light edit, a
paragraph moved, sentences inserted before, the whole text typed again), a random passage
of each annotated first. Where the passage is after the edit is known by construction, so
each note ends up *kept* on its passage, *misplaced* (anywhere else, or anywhere at all
once its passage is gone) or *orphaned*. Two ways of finding it are measured:

- **re-import**: the old text is known (``TextChange.reanchor``, as when a file changed);
- **annotation import**: only the quote, its context and its old offset are
  (``anchor``, as when annotations are imported into a changed document).

The target is no misplacement at all. An orphan after a keeping edit is a note the reader
re-attaches by hand; when the edit changed the passage by more than a quarter (a word of
a three-word passage replaced), that is by design (``MIN_QUOTE_SIMILARITY``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from archive.annotations.anchoring import (
    MIN_QUOTE_SIMILARITY,
    TextChange,
    TextQuote,
    anchor,
    quote_at,
    similarity,
)
from benchmarks.measure import (
    REPO,
    Figures,
    emit,
    median,
    number,
    percentile,
    progress,
    start_clock,
)
from benchmarks.reanchoring_edits import (
    EDIT_KINDS,
    KEEPING_KINDS,
    Edit,
    Release,
    Sentence,
    choose_passage,
    make_edit,
    read_release,
    verdict,
)

SEEDS = REPO / "resources" / "sample_archive"
RELEASES_DEV = Path("corpora") / "releases-dev"
SHARED_SEEDS = Path("seeds")
RELEASE_SUFFIXES = (".txt", ".md")
DEFAULT_CASES = 600
DEFAULT_SEED = 11
#: Tries at drawing a release, passage and edit that fit one another, per case.
MAX_TRIES = 50
#: Sentences (of another release) that an "inserted_before" edit may write.
FRESH_SENTENCES = 12
MODES = ("reimport", "import")
MODE_NAMES = {"reimport": "re-import (old text known)", "import": "annotation import (quote only)"}
VERDICTS = ("kept", "misplaced", "orphaned")

_Find = Callable[[Edit, TextQuote], tuple[int, int] | None]


@dataclass(frozen=True)
class Outcome:
    """Where one note ended up, by each way of finding it."""

    kind: str
    release: str
    verdicts: dict[str, str]  # by mode
    milliseconds: dict[str, float]  # by mode
    changed: bool  # the edit made the passage less than 75% like it was


def release_files(shared: Path) -> list[Path]:
    """The releases to edit; folders that are missing are left out."""
    seeds = sorted(SEEDS.glob("*.txt")) or sorted((shared / SHARED_SEEDS).glob("*.txt"))
    folder = shared / RELEASES_DEV
    others = (
        sorted(p for p in folder.glob("*") if p.suffix in RELEASE_SUFFIXES)
        if folder.is_dir()
        else []
    )
    return seeds + others


def load_releases(paths: Sequence[Path]) -> list[tuple[str, Release]]:
    """Each readable release as paragraphs of sentences, if it has a passage to annotate."""
    releases = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            progress(f"  left out {path.name}: {error}")
            continue
        release = read_release(text)
        if choose_passage(release, random.Random(0)) is not None:
            releases.append((path.name, release))
    return releases


def run(releases: Sequence[tuple[str, Release]], cases: int, seed: int) -> list[Outcome]:
    """``cases`` notes, the edit kinds in turn, each edit drawn from ``random.Random(seed)``."""
    rng = random.Random(seed)
    outcomes = []
    for case in range(cases):
        kind = EDIT_KINDS[case % len(EDIT_KINDS)]
        drawn = _draw(releases, kind, rng)
        if drawn is None:
            progress(f"  no release takes a {kind} edit; case left out")
            continue
        name, edit = drawn
        outcomes.append(_outcome(name, edit))
        if (case + 1) % 100 == 0:
            progress(f"  {case + 1} of {cases} cases")
    return outcomes


def _draw(
    releases: Sequence[tuple[str, Release]], kind: str, rng: random.Random
) -> tuple[str, Edit] | None:
    for _ in range(MAX_TRIES):
        name, release = rng.choice(releases)
        passage = choose_passage(release, rng)
        if passage is None:
            continue
        edit = make_edit(kind, release, passage, rng, _fresh(releases, name, rng))
        if edit is not None:
            return name, edit
    return None


def _fresh(
    releases: Sequence[tuple[str, Release]], name: str, rng: random.Random
) -> list[Sentence]:
    """Sentences of another release, for an edit to insert."""
    others = [release for other, release in releases if other != name] or [releases[0][1]]
    sentences = [s for paragraph in rng.choice(others).paragraphs for s in paragraph]
    return rng.sample(sentences, min(FRESH_SENTENCES, len(sentences)))


def _outcome(name: str, edit: Edit) -> Outcome:
    start, end = edit.old_span
    quote = quote_at(edit.old, start, end)
    verdicts, milliseconds = {}, {}
    for mode, find in FINDERS.items():
        began = time.perf_counter()
        placement = find(edit, quote)
        milliseconds[mode] = (time.perf_counter() - began) * 1000
        verdicts[mode] = verdict(edit, placement)
    changed = edit.new_span is not None and (
        similarity(edit.old[start:end], edit.new[slice(*edit.new_span)]) < MIN_QUOTE_SIMILARITY
    )
    return Outcome(edit.kind, name, verdicts, milliseconds, changed)


def _reimported(edit: Edit, quote: TextQuote) -> tuple[int, int] | None:
    placement = TextChange(edit.old, edit.new).reanchor(quote, *edit.old_span)
    return None if placement is None else (placement.start, placement.end)


def _imported(edit: Edit, quote: TextQuote) -> tuple[int, int] | None:
    placement = anchor(edit.new, quote, edit.old_span[0])
    return None if placement is None else (placement.start, placement.end)


FINDERS: dict[str, _Find] = {"reimport": _reimported, "import": _imported}


# -- the report -----------------------------------------------------------------------------


def tally(outcomes: Sequence[Outcome]) -> Figures:
    """Counts by mode, edit kind and verdict, flat (``reanchoring_reimport_deleted_kept``)."""
    result: Figures = {"reanchoring_cases": len(outcomes)}
    for mode in MODES:
        counts = Counter((o.kind, o.verdicts[mode]) for o in outcomes)
        for kind in EDIT_KINDS:
            for name in VERDICTS:
                result[f"reanchoring_{mode}_{kind}_{name}"] = counts[(kind, name)]
            result[f"reanchoring_{mode}_{kind}_orphaned_changed"] = sum(
                1
                for o in outcomes
                if o.kind == kind and o.verdicts[mode] == "orphaned" and o.changed
            )
        result[f"reanchoring_{mode}_misplaced"] = sum(counts[(k, "misplaced")] for k in EDIT_KINDS)
        times = [o.milliseconds[mode] for o in outcomes]
        result[f"reanchoring_{mode}_median_ms"] = median(times)
        result[f"reanchoring_{mode}_p95_ms"] = percentile(times, 0.95)
    return result


def table(figures: Figures) -> str:
    """The counts as text: one block per mode, one row per edit kind."""
    cases, releases = figures["reanchoring_cases"], figures.get("reanchoring_releases", 0)
    if not cases:
        return "Re-anchoring: no releases found; nothing measured."
    lines = [
        f"Re-anchoring: {cases} notes on passages of {releases} real releases, each edited"
        " once (report only; the target is 0 misplaced)"
    ]
    for mode in MODES:
        lines += [
            "",
            f"{MODE_NAMES[mode]}: {figures[f'reanchoring_{mode}_misplaced']} misplaced"
            f" (median {figures[f'reanchoring_{mode}_median_ms']:.1f} ms a note,"
            f" p95 {figures[f'reanchoring_{mode}_p95_ms']:.1f} ms)",
            f"  {'edit':<17}{'cases':>6}{'on passage':>12}{'misplaced':>11}{'orphaned':>10}"
            "   orphaned because the passage changed > 25%",
        ]
        for kind in EDIT_KINDS:
            count = {name: figures[f"reanchoring_{mode}_{kind}_{name}"] for name in VERDICTS}
            total = round(sum(number(value) for value in count.values()))
            should = "should be kept" if kind in KEEPING_KINDS else "passage gone"
            changed = figures[f"reanchoring_{mode}_{kind}_orphaned_changed"]
            lines.append(
                f"  {kind:<17}{total:>6}{count['kept']:>12}{count['misplaced']:>11}"
                f"{count['orphaned']:>10}   {changed if kind in KEEPING_KINDS else '-'}"
                f"  ({should})"
            )
    return "\n".join(lines)


def measure(shared: Path, cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED) -> Figures:
    """Run the cases over the releases found (none found: no cases)."""
    releases = load_releases(release_files(shared))
    if not releases:
        return {"reanchoring_cases": 0, "reanchoring_releases": 0}
    progress(f"re-anchoring: {cases} notes over {len(releases)} real releases")
    return {**tally(run(releases, cases, seed)), "reanchoring_releases": len(releases)}


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.reanchoring",
        description="Annotate passages of real releases, edit the releases, and count the"
        " notes kept on their passages, misplaced and orphaned.",
    )
    parser.add_argument(
        "--cases", type=int, default=DEFAULT_CASES, help=f"notes (default {DEFAULT_CASES})"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"of the edits (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--shared", type=Path, metavar="DIR", help="the shared folder (default ../shared)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures here")
    parser.add_argument(
        "--emit", action="store_true", help="hand the figures to python -m benchmarks instead"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if not args.emit:
        start_clock()
    found = measure(args.shared or REPO.parent / "shared", args.cases, args.seed)
    if args.emit:
        emit(found)
        return 0
    print(table(found))
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
