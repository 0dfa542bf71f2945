"""When the index merges its segments: ten of a size at a time, never all at every turn.

Each commit of :meth:`~archive.search.index.SearchIndex.update` writes a new segment.
Whoosh's default policy (``MERGE_SMALL``) merges "small" segments by a Fibonacci rule
that, after a dozen or so commits of a bulk import, rewrites every segment into one:
importing 10,000 documents in batches of 500 spent most of its time on a single
such merge (94 s of 196 s), a pure-Python rewrite of postings already written.

:func:`merge_in_tiers` merges like Lucene's log merge policy instead: segments are
grouped in tiers by the order of magnitude of their size, and a tier is merged only once
it holds :data:`MERGE_FACTOR` segments. Each document is then rewritten about once per
tenfold growth of the index, and searches see at most ``MERGE_FACTOR - 1`` segments a
tier. Segments of 10,000 documents or more are left as they are, and so is a tier whose
segments hold more than :data:`MAX_MERGED_DOCUMENTS` together.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from whoosh.reading import SegmentReader

#: Segments of one tier merged together once there are this many.
MERGE_FACTOR = 10
#: Segments of this tier and above (10,000 documents or more) are never merged: like
#: Lucene's largest merged segment, it bounds what one commit may rewrite. Merging ten
#: 10,000-document segments (an import of 100,000 files) ran for over ten minutes, and
#: searching ten large segments instead of one costs little.
LARGEST_MERGED_TIER = 4
#: The most documents one merge may rewrite. A tier whose segments hold more together is
#: left as it is: a parallel write makes segments of several thousand documents each
#: (one per process), and ten of them, merged when a later import of 300 files commits,
#: kept that import waiting 100 s on a 100,000-document archive.
MAX_MERGED_DOCUMENTS = 10_000


def tier_of(document_count: int) -> int:
    """The tier of a segment: the order of magnitude of its number of documents."""
    return int(math.log10(max(document_count, 1)))


def tiers_to_merge(segment_sizes: Sequence[int], new_segment_size: int) -> set[int]:
    """The tiers a commit merges, given the sizes of the index's segments and of its own.

    Args:
        segment_sizes: Documents in each segment of the index (deleted ones included).
        new_segment_size: Documents the commit writes into its new segment (0 for none).
    """
    members = Counter(tier_of(size) for size in segment_sizes)
    documents: Counter[int] = Counter()
    for size in segment_sizes:
        documents[tier_of(size)] += size
    # The segment this commit writes counts in its tier: merged segments join it.
    new_tier = tier_of(new_segment_size) if new_segment_size else None
    return {
        tier
        for tier, count in members.items()
        if tier < LARGEST_MERGED_TIER
        and count + (tier == new_tier) >= MERGE_FACTOR
        and documents[tier] <= MAX_MERGED_DOCUMENTS
    }


def merge_in_tiers(writer: Any, segments: Sequence[Any]) -> list[Any]:
    """A Whoosh merge policy (``writer.commit(mergetype=merge_in_tiers)``).

    Args:
        writer: The committing ``SegmentWriter``; merged segments are added to it.
        segments: The index's segments before the commit.

    Returns:
        The segments kept as they are.
    """
    merged = tiers_to_merge([segment.doc_count_all() for segment in segments], writer.docnum)
    kept: list[Any] = []
    for segment in segments:
        if tier_of(segment.doc_count_all()) not in merged:
            kept.append(segment)
            continue
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return kept
