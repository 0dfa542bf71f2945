"""Passage similarity at scale: ``python -m benchmarks.passages DATA_DIR`` in a fresh process.

The window asks it of an archive it has open, so opening the ``Archive`` is not timed; the
first question is, with everything it loads (the index's searcher, the postings of the
passage's words). Then :data:`PARAGRAPHS` more paragraphs of documents spread over the
archive are asked once each. See :mod:`archive.passages` for how it works and
:mod:`benchmarks.passage_methods` for the methods it was chosen from.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from archive.api import Archive
from archive.passages import paragraphs_of
from benchmarks.measure import Figures, emit, percentile

PARAGRAPHS = 20


def passage_similarity(data_dir: Path) -> Figures:
    """The first question's time, and p50 / p95 over the next ones, in milliseconds."""
    with Archive(data_dir) as archive:
        ids = [summary.id for summary in archive.list_documents()]
        chosen = ids[:: max(len(ids) // (PARAGRAPHS + 1), 1)][: PARAGRAPHS + 1]
        asked = []
        for document_id in chosen:
            searchable = [
                p for p in paragraphs_of(archive.document(document_id).text) if p.searchable
            ]
            if searchable:
                asked.append((document_id, searchable[len(searchable) // 2].number))
        times, found = [], []
        for document_id, number in asked:
            started = time.perf_counter()
            result = archive.similar_passages(document_id, paragraph=number)
            times.append((time.perf_counter() - started) * 1000)
            found.append(len(result.matches))
    return {
        "passage_first_ms": times[0],
        "passage_p50_ms": percentile(times[1:], 0.5),
        "passage_p95_ms": percentile(times[1:], 0.95),
        "passage_questions": len(times),
        "passage_matches_median": sorted(found)[len(found) // 2],
    }


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) != 1:
        print("usage: python -m benchmarks.passages DATA_DIR", file=sys.stderr)
        return 2
    emit(passage_similarity(Path(arguments[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
