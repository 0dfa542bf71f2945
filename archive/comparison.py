"""Comparing two sides of the archive: what each says that the other says less.

``compare_sides`` reads each side's documents from SQLite in bulk, counts their words and
phrases (:mod:`archive.term_counting`) and ranks the terms by keyness
(:mod:`archive.keyness`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from archive.compare_sides import (
    ComparisonError,
    MatchingIds,
    Side,
    read_texts,
    resolve_side,
)
from archive.keyness import DEFAULT_MIN_COUNT, KeyTerm, distinctive_terms
from archive.term_counting import Spellings, best_spellings, count_terms

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class ComparedSide:
    """One side as compared: what it is, and how much it holds."""

    side: Side
    documents: int
    words: int


@dataclass(frozen=True)
class Comparison:
    """The terms most distinctive of each side, best first.

    Attributes:
        a: Side A.
        b: Side B.
        a_terms: The terms more frequent on side A.
        b_terms: The terms more frequent on side B.
        shared: How many documents both sides held, compared on neither.
    """

    a: ComparedSide
    b: ComparedSide
    a_terms: list[KeyTerm]
    b_terms: list[KeyTerm]
    #: Documents on both sides (2016-2018 and 2017; two searches), left out of both: a
    #: term of theirs is no more one side's than the other's.
    shared: int = 0


def compare_sides(
    connection: sqlite3.Connection,
    a: Side,
    b: Side,
    *,
    matching_ids: MatchingIds,
    limit: int = DEFAULT_LIMIT,
    min_count: int = DEFAULT_MIN_COUNT,
) -> Comparison:
    """Compare two sides of the archive.

    Args:
        connection: The archive database.
        a: Side A.
        b: Side B.
        matching_ids: Finds the documents of a search side.
        limit: At most this many terms a side.
        min_count: The fewest occurrences a term needs on its side.

    Raises:
        ComparisonError: A side has no documents (or no words), both sides are the same
            documents or one holds the other, or a source side names no source. Documents
            on both sides are left out of both (``Comparison.shared`` says how many).
        QueryError: A search side's query is malformed.
    """
    a, ids_a = resolve_side(connection, a, matching_ids)
    b, ids_b = resolve_side(connection, b, matching_ids)
    if ids_a == ids_b:
        raise ComparisonError(
            f"Both sides are the same {_documents(len(ids_a))}: choose two different sets."
        )
    shared = set(ids_a) & set(ids_b)
    if shared:
        for side, ids in ((a, ids_a), (b, ids_b)):
            if len(ids) == len(shared):
                other = b if side is a else a
                raise ComparisonError(
                    f"Every document of {side.label} is also in {other.label}: "
                    "choose two sets that do not hold each other."
                )
        ids_a = [i for i in ids_a if i not in shared]
        ids_b = [i for i in ids_b if i not in shared]
    spellings = Spellings()
    tokens_a = spellings.tokenize(read_texts(connection, ids_a))
    tokens_b = spellings.tokenize(read_texts(connection, ids_b))
    for side, tokens in ((a, tokens_a), (b, tokens_b)):
        if not len(tokens.words):
            raise ComparisonError(f"The documents of {side.label} have no words.")
    terms = spellings.terms()
    counts_a, counts_b = count_terms(tokens_a, terms), count_terms(tokens_b, terms)

    def spell(codes: list[int]) -> list[str]:
        return best_spellings((tokens_a, tokens_b), terms, codes)

    a_terms, b_terms = distinctive_terms(
        counts_a, counts_b, terms, spell, limit=limit, min_count=min_count
    )
    return Comparison(
        a=ComparedSide(a, counts_a.documents, counts_a.words),
        b=ComparedSide(b, counts_b.documents, counts_b.words),
        a_terms=a_terms,
        b_terms=b_terms,
        shared=len(shared),
    )


def _documents(count: int) -> str:
    return f"{count:,} document{'s' if count != 1 else ''}"
