"""The one place that reads Whoosh's private internals: a term's postings as arrays.

Whoosh hands out postings one at a time through a matcher (``id()``, ``weight()``,
``next()``: several Python calls per posting). A posting list of the W3 codec is stored
in blocks of up to 128 postings, each block a pickled tuple of the document numbers
(delta-encoded) and the weights; reading the blocks whole and turning them into numpy
arrays decodes a list of 10,000 postings about twenty times faster.

That needs the block internals of ``whoosh.codec.whoosh3.W3LeafMatcher`` (``_data``,
``_read_data``, ``_byteids``, ``_blocklength``, ``_next_block``), which are not part of
Whoosh's public API. They are used here only, for the pinned version (see
``pyproject.toml``), and anything else falls back to the public matcher interface. The
differential tests (``tests/archive/test_whoosh_internals.py`` and the search properties)
compare what this module reads with Whoosh's own matchers, so an upgrade of Whoosh that
changes the block layout fails in tests, not in users' results.
"""

from __future__ import annotations

from itertools import chain
from pickle import loads
from typing import Any

import numpy as np
import numpy.typing as npt
import whoosh
from whoosh import columns
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, SegmentReader, TermNotFound
from whoosh.util.numeric import byte_to_length

__all__ = [
    "WHOOSH_VERSION",
    "DocArray",
    "ScoreArray",
    "decode_positions",
    "field_lengths",
    "numeric_column",
    "term_postings",
    "term_values",
]

#: The Whoosh version whose internals this module reads (checked by a test).
WHOOSH_VERSION = whoosh.versionstring()

DocArray = npt.NDArray[np.int64]
ScoreArray = npt.NDArray[np.float64]

_NO_POSTINGS: tuple[DocArray, ScoreArray] = (
    np.empty(0, dtype=np.int64),
    np.empty(0, dtype=np.float64),
)


def term_postings(reader: IndexReader, fieldname: str, term: bytes) -> tuple[DocArray, ScoreArray]:
    """A term's postings in one segment: document numbers (ascending) and weights.

    Deleted documents are left out, as Whoosh's own matchers leave them out.

    Args:
        reader: The reader of one segment (a leaf reader).
        fieldname: The field.
        term: The term, as bytes.

    Returns:
        ``(document numbers within the segment, weights)``; both empty if the segment
        does not have the term.
    """
    docs, weights, _values = _postings(reader, fieldname, term, with_values=False)
    return docs, weights


def term_values(
    reader: IndexReader, fieldname: str, term: bytes
) -> tuple[DocArray, ScoreArray, list[bytes]]:
    """Like :func:`term_postings`, with each posting's encoded value (its positions)."""
    return _postings(reader, fieldname, term, with_values=True)


def _postings(
    reader: IndexReader, fieldname: str, term: bytes, *, with_values: bool
) -> tuple[DocArray, ScoreArray, list[bytes]]:
    try:
        matcher = reader.postings(fieldname, term)
    except TermNotFound:
        return (*_NO_POSTINGS, [])
    deleted: frozenset[int] = frozenset()
    if isinstance(matcher, FilterMatcher):
        # What SegmentReader.postings wraps the stored postings in when the segment has
        # deletions: read the stored ones, and leave the deleted out below.
        deleted = _deleted_documents(reader)
        matcher = matcher.child
        # The filter has already stepped past the deleted postings at the start.
        matcher.reset()
    if isinstance(matcher, W3LeafMatcher):
        ids, weights, values = _read_blocks(matcher, with_values=with_values)
    else:
        # ListMatcher: postings inlined into the term's entry (a rare term), a few at
        # most; or another codec's matcher.
        ids, weights, values = _read_one_by_one(matcher, with_values=with_values)
    if deleted and len(ids):
        keep = ~np.isin(ids, np.fromiter(deleted, dtype=np.int64, count=len(deleted)))
        ids, weights = ids[keep], weights[keep]
        if with_values:
            values = [value for value, kept in zip(values, keep.tolist(), strict=True) if kept]
    return ids, weights, values


def _deleted_documents(reader: IndexReader) -> frozenset[int]:
    deleted: Any = getattr(reader, "deleted_docs_set", frozenset())
    return frozenset(deleted)


def _read_blocks(
    matcher: W3LeafMatcher, *, with_values: bool
) -> tuple[DocArray, ScoreArray, list[bytes]]:
    """Every block of a W3 posting list, decoded whole (private internals)."""
    id_blocks: list[DocArray] = []
    weight_blocks: list[ScoreArray] = []
    values: list[bytes] = []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids, weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        block_ids = np.asarray(ids, dtype=np.int64)
        if not matcher._byteids:
            block_ids = np.cumsum(block_ids)
        id_blocks.append(block_ids)
        if weights is None:
            weight_blocks.append(np.ones(count, dtype=np.float64))
        elif isinstance(weights, float):
            weight_blocks.append(np.full(count, weights, dtype=np.float64))
        else:
            # The writer's weights, as Python floats: float64 keeps them exactly.
            weight_blocks.append(np.asarray(weights, dtype=np.float64))
        if with_values:
            matcher._read_values()
            values.extend(matcher._values)
        matcher._next_block()
    if not id_blocks:
        return (*_NO_POSTINGS, [])
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), values


def _read_one_by_one(
    matcher: Matcher, *, with_values: bool
) -> tuple[DocArray, ScoreArray, list[bytes]]:
    """Any other matcher, through the public interface."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64), values


def decode_positions(values: list[bytes]) -> tuple[DocArray, DocArray]:
    """The positions of many postings of a ``Positions`` field, decoded together.

    ``whoosh.formats.Positions`` encodes a posting's positions as their count (4 bytes,
    big-endian) and a pickled list of the gaps between them (protocol 2); its
    ``decode_positions`` unpickles one posting at a time and adds the gaps up in
    Python. Here the items of every pickled list are spliced into one pickled list,
    unpickled in one call, and the gaps summed in one vectorised pass. Should a value
    not be laid out as expected (the totals disagree), each is decoded by Whoosh.

    Returns:
        ``(counts, positions)``: how many positions each posting has, and all the
        positions, one posting after the other.
    """
    if not values:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    counts = np.frombuffer(b"".join([value[:4] for value in values]), dtype=">u4")
    counts = counts.astype(np.int64)
    # A list of several items pickles as b"\x80\x02]q\x00(" items b"e.", of one as
    # b"\x80\x02]q\x00" item b"a.": keep the items (and any b"e(" a long list has).
    items = [value[10:-2] if value[-2:] == b"e." else value[9:-2] for value in values]
    try:
        gaps = np.asarray(loads(b"\x80\x02](" + b"".join(items) + b"e."), dtype=np.int64)
    except Exception:  # any other layout: decoded one by one below
        gaps = None
    if gaps is None or len(gaps) != int(counts.sum()):
        return _decode_one_by_one(values)
    return counts, _running_sums(gaps, counts)


def _decode_one_by_one(values: list[bytes]) -> tuple[DocArray, DocArray]:
    decode = Positions().decode_positions
    decoded = [decode(value) for value in values]
    counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    flat = np.fromiter(chain.from_iterable(decoded), dtype=np.int64, count=int(counts.sum()))
    return counts, flat


def _running_sums(gaps: DocArray, counts: DocArray) -> DocArray:
    """Each posting's gaps added up, restarting from 0 at each posting."""
    if not len(gaps):
        return gaps
    running = np.cumsum(gaps)
    starts = np.cumsum(counts) - counts
    before = np.where(starts > 0, running[np.maximum(starts - 1, 0)], 0)
    return running - np.repeat(before, counts)


def field_lengths(reader: IndexReader, fieldname: str) -> ScoreArray:
    """Every document's length in a field, as ``reader.doc_field_length`` gives it.

    Whoosh keeps the lengths in a column of one byte per document (a length squeezed
    into 0–255). Read through ``doc_field_length``, that is a few Python calls per
    document: 60 ms for a field of 100,000 documents. Here the column's bytes are read
    at once and mapped through the same decoding table. A length of 0 (no words) is 0.
    """
    count = reader.doc_count_all()
    column = None
    if isinstance(reader, SegmentReader):
        lengths_name = f"_{fieldname}_len"  # whoosh.codec.whoosh3._lenfield
        perdoc = reader._perdoc
        if perdoc.has_column(lengths_name):
            column = perdoc.column_reader(lengths_name, LENGTHS_COLUMN)
        else:
            return np.zeros(count, dtype=np.float64)
    codes = numeric_column(column, count) if column is not None else None
    if codes is None:
        return np.fromiter(
            (reader.doc_field_length(docnum, fieldname, 0) or 0 for docnum in range(count)),
            dtype=np.float64,
            count=count,
        )
    return _LENGTH_OF_BYTE[codes]


_LENGTH_OF_BYTE = np.array([0] + [byte_to_length(code) for code in range(1, 256)], dtype=np.float64)


def numeric_column(column: object, count: int) -> DocArray | None:
    """The raw values of a numeric column reader for ``count`` documents, read at once.

    Returns None if ``column`` is not a plain ``NumericColumn`` reader (the caller then
    reads it value by value through the public interface).
    """
    if type(column) is not columns.NumericColumn.Reader:
        return None
    stored = column._count
    raw = column._dbfile.get(column._basepos, stored * column._fixedlen)
    values = np.frombuffer(raw, dtype=">" + column._typecode).astype(np.int64)
    if stored >= count:
        return values[:count]
    # Documents after the last one with a value have the column's default.
    return np.concatenate([values, np.full(count - stored, column._default, dtype=np.int64)])
