"""Word shingles: what two passages share of their wording, and where.

A passage's words are folded and stemmed as search folds them (``archive.search.analysis``),
so "Negotiations" and "negotiation" are one word, and every run of :data:`SHINGLE_WORDS`
consecutive words is a shingle. Reused wording shares long runs of shingles; a passage on
the same topic in other words shares few. A light edit (a changed date or name) costs only
the shingles that span the changed word.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from archive.search.analysis import iter_words

#: Words in a shingle. Three keep the same topic in other words apart from reused wording
#: (two-word shingles are common phrases), and cost a light edit only three shingles a word.
SHINGLE_WORDS = 3

Span = tuple[int, int]


@dataclass(frozen=True)
class ShingledText:
    """A passage's words and shingles.

    Attributes:
        spans: Each word's ``(start, end)`` in the document's plain text.
        stems: Each word, folded and stemmed.
        shingles: The hash of each run of :data:`SHINGLE_WORDS` words, by its first word.
    """

    spans: tuple[Span, ...]
    stems: tuple[str, ...]
    shingles: tuple[int, ...]

    @property
    def shingle_set(self) -> frozenset[int]:
        return frozenset(self.shingles)


def shingled(text: str, start: int = 0, end: int | None = None) -> ShingledText:
    """The words and shingles of ``text[start:end]``, with offsets in ``text``.

    Args:
        text: A document's plain text.
        start: Where the passage starts.
        end: Where it ends (the end of ``text`` if not given).
    """
    stop = len(text) if end is None else end
    words = list(iter_words(text[start:stop]))
    spans = tuple((start + word.start, start + word.end) for word in words)
    stems = tuple(word.stem for word in words)
    shingles = tuple(
        hash(stems[i : i + SHINGLE_WORDS]) for i in range(len(stems) - SHINGLE_WORDS + 1)
    )
    return ShingledText(spans, stems, shingles)


def jaccard(first: Collection[int], second: Collection[int]) -> float:
    """Shared shingles over all the shingles of either: 1.0 for the same wording."""
    if not first or not second:
        return 0.0
    common = len(set(first) & set(second))
    return common / (len(set(first)) + len(set(second)) - common)


def containment(part: Collection[int], whole: Collection[int]) -> float:
    """The share of ``part``'s shingles found in ``whole``: 1.0 when all of it is there."""
    if not part:
        return 0.0
    unique = set(part)
    return len(unique & set(whole)) / len(unique)


def shared_spans(passage: ShingledText, other: Collection[int]) -> list[Span]:
    """Where ``passage`` has wording ``other`` shares: runs of words in shared shingles.

    Args:
        passage: The passage to mark.
        other: The other passage's shingle set.

    Returns:
        ``(start, end)`` offsets in the passage's document, ascending and apart; each run
        of shared words is one span, the spaces and punctuation between them included.
    """
    shared = [False] * len(passage.stems)
    for first, shingle in enumerate(passage.shingles):
        if shingle in other:
            for i in range(first, first + SHINGLE_WORDS):
                shared[i] = True
    spans: list[Span] = []
    for i, is_shared in enumerate(shared):
        if not is_shared:
            continue
        start, end = passage.spans[i]
        if spans and i > 0 and shared[i - 1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
