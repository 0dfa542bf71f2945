"""Time indexing and searching a synthetic archive built from the bundled sample texts.

Usage: ``python -m benchmarks.search_benchmark [DOCUMENTS]`` (default 10,000).

Each synthetic document is a random handful of paragraphs of the sample archive, so the
archive's words are as common as in a real foreign-ministry archive (nearly every
document says "Azerbaijan"). Indexing is compared with a textbook Whoosh set-up (the
StemmingAnalyzer, the body stored); searching reports the median time of each query and
the 95th percentile over all of them, snippets included.
"""

from __future__ import annotations

import math
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Literal

from whoosh import analysis, fields
from whoosh import index as whoosh_index

from archive.search import IndexedDocument, SearchIndex

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "sample_archive"
QUERIES = [
    "azerbaijan",
    "foreign policy",
    '"foreign policy"',
    "negotiation",
    "ilham aliyev",
    "karabakh",
    "negotiat*",
    "negotiatons~",
    "peace treaty",
    "security OR energy",
    "year:[2016 TO 2018] cooperation",
    "title:azerbaijan",
    "azerbaijn",
    "minister NOT armenia",
]
REPEATS = 5


def synthetic_archive(count: int) -> list[IndexedDocument]:
    """Documents made of random paragraphs of the sample archive, with random dates."""
    randomness = random.Random(1)
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    paragraphs = [p for text in texts for p in re.split(r"\n\s*\n", text) if len(p) > 80]
    documents = []
    for number in range(1, count + 1):
        body = "\n\n".join(randomness.sample(paragraphs, k=randomness.randint(3, 12)))
        year = randomness.choice([None, *range(1995, 2026)])
        date = f"{year}-{randomness.randint(1, 12):02d}-{randomness.randint(1, 28):02d}"
        documents.append(
            IndexedDocument(
                id=number,
                title=paragraphs[number % len(paragraphs)][:80],
                text=body,
                year=year,
                date=date if year else None,
                source=randomness.choice(["Trend", "AZERTAC", None]),
            )
        )
    return documents


def time_textbook_indexing(documents: list[IndexedDocument], directory: Path) -> float:
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True),
        title=fields.TEXT(analyzer=analysis.StemmingAnalyzer(), stored=True),
        body=fields.TEXT(analyzer=analysis.StemmingAnalyzer(), stored=True),
        year=fields.NUMERIC(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        source=fields.TEXT(),
    )
    directory.mkdir()
    started = time.perf_counter()
    writer = whoosh_index.create_in(str(directory), schema).writer()
    for doc in documents:
        writer.add_document(
            id=str(doc.id),
            title=doc.title,
            body=doc.text,
            year=doc.year or 0,
            date=doc.date or "",
            source=doc.source or "",
        )
    writer.commit()
    return time.perf_counter() - started


def main(count: int) -> None:
    documents = synthetic_archive(count)
    texts = {doc.id: doc.text for doc in documents}

    def text_of(ids: list[int]) -> dict[int, str]:
        return {doc_id: texts[doc_id] for doc_id in ids}

    with tempfile.TemporaryDirectory() as temporary:
        textbook = time_textbook_indexing(documents, Path(temporary) / "textbook")
        search_index = SearchIndex(Path(temporary) / "archive")
        started = time.perf_counter()
        search_index.replace_all(documents)
        ours = time.perf_counter() - started
        print(f"{count} documents: textbook {textbook:.1f} s, ours {ours:.1f} s")

        sorts: tuple[Literal["relevance", "date"], ...] = ("relevance", "date")
        for sort in sorts:
            medians = {}
            for query in QUERIES:
                search_index.search(query, text_of=text_of)
                timings = []
                for _ in range(REPEATS):
                    started = time.perf_counter()
                    results = search_index.search(query, sort=sort, text_of=text_of)
                    timings.append(time.perf_counter() - started)
                medians[query] = statistics.median(timings)
                print(f"  {sort:9} {medians[query] * 1000:7.1f} ms {results.total:6} {query}")
            ranked = sorted(medians.values())
            p95 = ranked[math.ceil(0.95 * len(ranked)) - 1]  # nearest rank
            print(f"{sort}: p95 {p95 * 1000:.1f} ms")
        search_index.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
