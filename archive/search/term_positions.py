"""The positions of a few terms in chosen documents, read from the index.

Whoosh keeps each posting's positions as one encoded value; this reads the values of a
phrase's terms in the documents it may match, first for their frequencies (how costly a
document is to check), then for the positions themselves. Values are read once where
they fit in a bound on memory, and read again otherwise.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from whoosh.searching import Searcher


class PositionCounter:
    """How many positions were examined: decoded, or tested against another word's."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


class TermPositions:
    """The frequencies and positions of some terms of a field, in given documents.

    Args:
        searcher: The snapshot's searcher.
        fieldname: The field, which keeps positions.
        terms: The terms, each as the field indexes it.
        kept_positions: How many positions' worth of values to keep between reading the
            frequencies and reading the positions (values beyond are read again).
    """

    def __init__(
        self, searcher: Searcher, fieldname: str, terms: list[str], kept_positions: int
    ) -> None:
        self._searcher = searcher
        self._fieldname = fieldname
        field = searcher.schema[fieldname]
        self._format = field.format
        self._terms = terms
        self._term_bytes = [field.to_bytes(term) for term in terms]
        self._room = kept_positions
        self._kept: dict[tuple[int, int], bytes] = {}

    def frequencies(self, docnums: list[int]) -> dict[int, dict[str, int]]:
        """How often each term occurs in each document.

        Args:
            docnums: Documents that have every term, in ascending order.
        """
        decode = self._format.decode_frequency
        counts: dict[int, dict[str, int]] = {docnum: {} for docnum in docnums}
        for number, (term, term_bytes) in enumerate(
            zip(self._terms, self._term_bytes, strict=True)
        ):
            for docnum, value in self._values(term_bytes, docnums):
                frequency = decode(value)
                counts[docnum][term] = frequency
                if frequency <= self._room:
                    self._room -= frequency
                    self._kept[docnum, number] = value
        return counts

    def positions(
        self, docnums: list[int], counter: PositionCounter
    ) -> Iterator[tuple[int, dict[str, list[int]]]]:
        """Each document's positions of each term, every decoded one counted.

        Args:
            docnums: Documents that have every term, in ascending order.
            counter: Counts the positions decoded.
        """
        kept = self._kept
        for number, term_bytes in enumerate(self._term_bytes):
            missing = [docnum for docnum in docnums if (docnum, number) not in kept]
            for docnum, value in self._values(term_bytes, missing):
                kept[docnum, number] = value
        decode = self._format.decode_positions
        for docnum in docnums:
            term_positions: dict[str, list[int]] = {}
            for number, term in enumerate(self._terms):
                term_positions[term] = decode(kept.pop((docnum, number)))
                counter.count += len(term_positions[term])
            yield docnum, term_positions

    def _values(self, term_bytes: bytes, docnums: list[int]) -> Iterator[tuple[int, bytes]]:
        """The term's posting value in each of ``docnums``, all of which have the term."""
        leaves = self._searcher.leaf_searchers()
        offsets = [offset for _, offset in leaves]
        first = 0
        while first < len(docnums):
            leaf, offset = leaves[bisect_right(offsets, docnums[first]) - 1]
            matcher = leaf.reader().postings(self._fieldname, term_bytes)
            leaf_end = offset + leaf.doc_count_all()
            while first < len(docnums) and docnums[first] < leaf_end:
                matcher.skip_to(docnums[first] - offset)
                yield docnums[first], matcher.value()
                first += 1
