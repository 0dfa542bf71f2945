"""Counting the words and two-word phrases of a set of documents, for a comparison.

Words are found as the search finds them (:data:`archive.search.analysis.WORD_PATTERN`)
and folded as it folds them (:func:`archive.search.analysis.normalize_word`): a term is
a folded word, and it is shown in its most frequent spelling. A phrase is two words next
to each other with only spaces, one line break or a hyphen between them
("Nagorno-Karabakh", "foreign affairs"): never across a sentence's end, a comma, a dash
or a paragraph break. Neither of its words may be a stop word or a number.

Each document's words are numbered by their spelling as they are found (one compiled
pattern, and C-level maps), and all the counting is done with numpy on those numbers: at
10,000 documents a year's documents (300, some 150,000 words) take about 0.1 s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from archive.search.analysis import WORD_PATTERN, normalize_word
from archive.stop_words import is_left_out, stop_words

IntArray = npt.NDArray[np.int64]
#: Spelling, word and document numbers: half the memory of int64 over millions of words.
SmallIntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]
_Item = TypeVar("_Item", bound=np.generic)

# Splitting on the words (a group) gives the text between them too: [before, word,
# between, word, ..., after]. Twice as fast as finding each word with what follows it.
_WORDS_AND_BETWEEN = re.compile(f"({WORD_PATTERN.pattern})")
# What joins two words of a phrase: spaces with at most one line break, or a hyphen.
_PHRASE_JOIN = re.compile(r"[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*")
_HYPHENS = frozenset("-‐‑")
_NOT_JOINED, _SPACED, _HYPHENED = 0, 1, 2


class _JoinKinds(dict[str, int]):
    """What the text between two words makes of them: no phrase, or one spaced or hyphened."""

    def __missing__(self, between: str) -> int:
        if between in _HYPHENS:
            kind = _HYPHENED
        elif _PHRASE_JOIN.fullmatch(between):
            kind = _SPACED
        else:
            kind = _NOT_JOINED
        self[between] = kind
        return kind


class _Numbering(dict[str, int]):
    """Numbers each new key in the order met: ``numbering[key]`` is its number."""

    def __missing__(self, key: str) -> int:
        number = self[key] = len(self)
        return number


class Spellings:
    """Every spelling of a word met on either side, and every document language, numbered.

    Shared by the two sides of a comparison, so that their numbers mean the same words.
    """

    def __init__(self) -> None:
        self._spellings = _Numbering()
        self._languages = _Numbering()

    def __len__(self) -> int:
        return len(self._spellings)

    def tokenize(self, documents: Iterable[tuple[str | None, str]]) -> SideTokens:
        """Number the words of the documents, ``(language, plain text)`` each, in order."""
        words: list[SmallIntArray] = []
        joins: list[npt.NDArray[np.int8]] = []
        lengths: list[int] = []
        languages: list[int] = []
        number = self._spellings.__getitem__
        join_kind = _JoinKinds().__getitem__
        for language, text in documents:
            parts = _WORDS_AND_BETWEEN.split(text)
            count = len(parts) // 2
            words.append(np.fromiter(map(number, parts[1::2]), np.int32, count))
            join = np.fromiter(map(join_kind, parts[2::2]), np.int8, count)
            if count:
                join[-1] = _NOT_JOINED  # the last word: nothing follows
            joins.append(join)
            lengths.append(count)
            languages.append(self._languages[(language or "").casefold()])
        documents_read = len(lengths)
        join = _joined_arrays(joins, np.int8)
        return SideTokens(
            documents=documents_read,
            words=_joined_arrays(words, np.int32),
            joined=join != _NOT_JOINED,
            hyphened=join == _HYPHENED,
            document=np.repeat(np.arange(documents_read, dtype=np.int32), lengths),
            language=np.repeat(np.array(languages, dtype=np.int16), lengths),
        )

    def terms(self) -> Terms:
        """The folded words of the spellings met so far, and which are left out where."""
        spellings = list(self._spellings)
        keys = _Numbering()
        key_of_spelling = np.fromiter(
            (keys[normalize_word(spelling)] for spelling in spellings), np.int32, len(spellings)
        )
        words = list(keys)
        left_out = np.zeros((max(1, len(self._languages)), len(words)), dtype=np.bool_)
        everywhere = [keys[word] for word in words if is_left_out(word)]
        for language, row in self._languages.items():
            stopped = [keys[word] for word in stop_words(language or None) if word in keys]
            left_out[row, stopped] = True
            left_out[row, everywhere] = True
        return Terms(spellings, key_of_spelling, words, left_out)


@dataclass(frozen=True)
class SideTokens:
    """The words of one side's documents, one after another, as numbers of spellings.

    Attributes:
        documents: How many documents.
        words: Each word's spelling number (:class:`Spellings`), in text order.
        joined: Whether the word makes a phrase with the next one.
        hyphened: Whether a hyphen joins it to the next one.
        document: Each word's document (0 to ``documents - 1``).
        language: Each word's document's language number (:class:`Spellings`).
    """

    documents: int
    words: SmallIntArray
    joined: BoolArray
    hyphened: BoolArray
    document: SmallIntArray
    language: npt.NDArray[np.int16]


@dataclass(frozen=True)
class Terms:
    """The folded words behind the spellings, for counting terms.

    Attributes:
        spellings: The spellings met, by number.
        key_of_spelling: The folded word (its number in ``words``) of each spelling.
        words: The folded words, by number.
        left_out: ``[language, word]``: whether the word is a stop word in that
            document language, a number, or a single letter.
    """

    spellings: list[str]
    key_of_spelling: SmallIntArray
    words: list[str]
    left_out: BoolArray

    def phrase_code(self, first: SmallIntArray, second: SmallIntArray) -> IntArray:
        """The term numbers of phrases: after every word's (``0 <= word < len(words)``)."""
        size = len(self.words)
        return (first.astype(np.int64) + 1) * size + second

    def is_phrase(self, code: int) -> bool:
        return code >= len(self.words)

    def phrase_words(self, code: int) -> tuple[int, int]:
        first, second = divmod(code, len(self.words))
        return first - 1, second


@dataclass(frozen=True)
class SideCounts:
    """How often each term occurs on one side, and in how many of its documents.

    Attributes:
        documents: The side's documents.
        words: All its words, stop words and numbers included (the side's size).
        codes: The terms found, ascending: a word's number, or a phrase's code
            (:meth:`Terms.phrase_code`).
        counts: Occurrences of each term.
        document_counts: Documents each term occurs in.
    """

    documents: int
    words: int
    codes: IntArray
    counts: IntArray
    document_counts: IntArray


def count_terms(tokens: SideTokens, terms: Terms) -> SideCounts:
    """Count one side's words and phrases, leaving out stop words and numbers."""
    keys = terms.key_of_spelling[tokens.words]
    kept = ~terms.left_out[tokens.language, keys]
    starts = np.flatnonzero(tokens.joined[:-1] & kept[:-1] & kept[1:])
    codes = np.concatenate([keys[kept], terms.phrase_code(keys[starts], keys[starts + 1])])
    documents = np.concatenate([tokens.document[kept], tokens.document[starts]])
    found, counts = _counted(codes)
    # Each (document, term) once: the terms' document counts.
    span = int(found[-1]) + 1 if len(found) else 1
    once, _ = _counted(documents.astype(np.int64) * span + codes)
    in_documents = np.bincount(np.searchsorted(found, once % span), minlength=len(found))
    return SideCounts(
        documents=tokens.documents,
        words=len(tokens.words),
        codes=found,
        counts=counts.astype(np.int64),
        document_counts=in_documents.astype(np.int64),
    )


def best_spellings(sides: Iterable[SideTokens], terms: Terms, codes: Iterable[int]) -> list[str]:
    """The most frequent spelling of each term, over both sides.

    A phrase is spelled as its most frequent pair of spellings, joined by a hyphen or a
    space as most often written ("Nagorno-Karabakh", "Foreign Affairs").
    """
    wanted = list(codes)
    sides = list(sides)
    spelling_counts = np.bincount(
        np.concatenate([side.words for side in sides]), minlength=len(terms.spellings)
    )
    word_spelling = _most_frequent_spelling(terms, spelling_counts)
    phrase_codes = np.array([code for code in wanted if terms.is_phrase(code)], dtype=np.int64)
    phrase_spelling = _phrase_spellings(sides, terms, phrase_codes)
    return [
        phrase_spelling[code] if terms.is_phrase(code) else word_spelling[code] for code in wanted
    ]


def _most_frequent_spelling(terms: Terms, spelling_counts: IntArray) -> list[str]:
    """For each folded word, its spelling met most often (the first met on a tie)."""
    order = np.lexsort((np.arange(len(spelling_counts)), -spelling_counts, terms.key_of_spelling))
    keys = terms.key_of_spelling[order]
    first = order[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else order
    best = [""] * len(terms.words)
    for spelling in first.tolist():
        best[int(terms.key_of_spelling[spelling])] = terms.spellings[spelling]
    return best


def _phrase_spellings(
    sides: list[SideTokens], terms: Terms, phrase_codes: IntArray
) -> dict[int, str]:
    """The most frequent way each phrase is written, hyphen or space included."""
    if not len(phrase_codes):
        return {}
    size = len(terms.spellings)
    found_codes: list[IntArray] = []
    written: list[IntArray] = []
    for side in sides:
        starts = np.flatnonzero(side.joined[:-1])
        keys = terms.key_of_spelling[side.words]
        codes = terms.phrase_code(keys[starts], keys[starts + 1])
        chosen = np.isin(codes, phrase_codes)
        starts = starts[chosen]
        found_codes.append(codes[chosen])
        pair = side.words[starts].astype(np.int64) * size + side.words[starts + 1]
        written.append(pair * 2 + side.hyphened[starts])
    combos, counts = np.unique(
        np.stack([np.concatenate(found_codes), np.concatenate(written)]), axis=1, return_counts=True
    )
    best: dict[int, tuple[int, int]] = {}
    for code, way, count in zip(
        combos[0].tolist(), combos[1].tolist(), counts.tolist(), strict=True
    ):
        if code not in best or count > best[code][1]:
            best[code] = (way, count)
    spelled: dict[int, str] = {}
    for code, (way, _count) in best.items():
        spelled_pair, hyphen = divmod(way, 2)
        first, second = divmod(spelled_pair, size)
        joint = "-" if hyphen else " "
        spelled[code] = f"{terms.spellings[first]}{joint}{terms.spellings[second]}"
    return spelled


def _counted(values: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct values, ascending, and how often each occurs.

    By sorting: ``np.unique`` hashes large arrays of many distinct values, three times
    slower here.
    """
    ordered = np.sort(values)
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[starts, len(ordered)])
    return ordered[starts], counts.astype(np.int64)


def _joined_arrays(parts: Sequence[npt.NDArray[_Item]], dtype: type[_Item]) -> npt.NDArray[_Item]:
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)
