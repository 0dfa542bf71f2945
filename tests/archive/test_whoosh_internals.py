"""What :mod:`archive.search.whoosh_internals` reads equals what Whoosh's public API gives.

That module reads Whoosh's private block and column layout for speed. These tests read
the same postings, positions, field lengths and columns through the public interface,
one by one, over an index of several segments with deleted documents, so an upgrade of
Whoosh that changes a layout fails here instead of giving users wrong results.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions
from whoosh.reading import IndexReader

from archive.search import IndexedDocument, SearchIndex
from archive.search.whoosh_internals import (
    WHOOSH_VERSION,
    decode_positions,
    field_lengths,
    numeric_column,
    term_postings,
    term_values,
)

REPO = Path(__file__).resolve().parents[2]
WORDS = ["oil", "gas", "peace", "treaty", "the", "of", "minister", "caspian", "energy"]


def _documents(count: int, seed: int) -> list[IndexedDocument]:
    randomness = random.Random(seed)
    return [
        IndexedDocument(
            id=number,
            title=" ".join(randomness.choices(WORDS, k=randomness.randint(1, 4))),
            # Up to 2,000 words: long posting lists, positions past 255 and 65,535 gaps.
            text=" ".join(randomness.choices(WORDS, k=randomness.choice([3, 40, 400, 2000]))),
            year=randomness.choice([None, 1991, 2016, 2024]),
            date=None,
            source=None,
        )
        for number in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def leaves(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[IndexReader]]:
    index = SearchIndex(tmp_path_factory.mktemp("index"))
    documents = _documents(400, seed=3)
    index.replace_all(documents[:250])
    index.update(documents[250:330])
    index.update(documents[330:])
    index.delete([5, 6, 7, 300, 399])
    snapshot = index._current_snapshot()
    readers = [leaf for leaf, _ in snapshot.searcher.reader().leaf_readers()]
    assert len(readers) > 1
    assert any(reader.has_deletions() for reader in readers)
    yield readers
    index.close()


def test_the_pinned_whoosh_is_the_one_read() -> None:
    pin = re.search(r'"whoosh3==([\d.]+)"', (REPO / "pyproject.toml").read_text("utf-8"))
    assert pin is not None
    assert pin.group(1) == WHOOSH_VERSION


@pytest.mark.parametrize("field", ["title", "body"])
@pytest.mark.parametrize("word", [*WORDS, "absent"])
def test_postings_and_positions_equal_the_matchers(
    leaves: list[IndexReader], field: str, word: str
) -> None:
    for reader in leaves:
        expected_ids, expected_weights, expected_positions = [], [], []
        if (field, word) in reader:  # type: ignore[operator]
            matcher = reader.postings(field, word)
            while matcher.is_active():
                expected_ids.append(matcher.id())
                expected_weights.append(matcher.weight())
                expected_positions.append(matcher.value_as("positions"))
                matcher.next()

        ids, weights = term_postings(reader, field, word.encode())
        value_ids, value_weights, values = term_values(reader, field, word.encode())
        counts, positions = decode_positions(values)

        assert ids.tolist() == value_ids.tolist() == expected_ids
        assert weights.tolist() == value_weights.tolist() == expected_weights
        assert counts.tolist() == [len(each) for each in expected_positions]
        assert positions.tolist() == [p for each in expected_positions for p in each]


@pytest.mark.parametrize("field", ["title", "body", "source"])
def test_field_lengths_equal_doc_field_length(leaves: list[IndexReader], field: str) -> None:
    for reader in leaves:
        expected = [
            reader.doc_field_length(docnum, field, 0) or 0
            for docnum in range(reader.doc_count_all())
        ]
        assert field_lengths(reader, field).tolist() == expected


def test_numeric_columns_equal_the_column_reader(leaves: list[IndexReader]) -> None:
    for reader in leaves:
        column = reader.column_reader("year", translate=False)
        raw = numeric_column(column, reader.doc_count_all())
        assert raw is not None
        assert raw.tolist() == list(reader.column_reader("year", translate=False))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=2**31 - 2), min_size=1, max_size=1200),
        max_size=12,
    )
)
def test_positions_decode_as_whoosh_decodes_them(postings: list[list[int]]) -> None:
    encoded = [Positions().encode(sorted(set(each))) for each in postings]
    counts, positions = decode_positions(encoded)
    expected = [Positions().decode_positions(value) for value in encoded]
    assert counts.tolist() == [len(each) for each in expected]
    assert positions.tolist() == [p for each in expected for p in each]
    assert positions.dtype == np.int64
