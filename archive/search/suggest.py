"""\"Did you mean\": a corrected query when nothing matches.

Corrections come from the vocabulary (see :mod:`archive.search.vocabulary`), so a
suggestion is made of words as they occur in the archive, folded ("negotiations",
"azerbaijan"), never of stems ("negoti").
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.query import Phrase, Query, Term
from whoosh.reading import IndexReader

from archive.search.analysis import iter_words, stem
from archive.search.schema import DEFAULT_FIELDS
from archive.search.vocabulary import Vocabulary

# Words this short have too many neighbours for a correction to be a good guess.
MIN_CORRECTED_LENGTH = 3
# Two edits only for longer words: "tretay" -> "treaty", but not "ban" -> "iran".
MIN_LENGTH_FOR_TWO_EDITS = 5
# Misspellings rarely change the first letter, and requiring it keeps the scan short.
SHARED_PREFIX = 1


def suggest_correction(
    checked_query: str, query: Query, vocabulary: Vocabulary, reader: IndexReader
) -> str | None:
    """Return ``checked_query`` with its unknown words replaced by close archive words.

    Args:
        checked_query: The query text as parsed (see
            :func:`archive.search.query.parse_query`), whose offsets the parsed query's
            terms refer to.
        query: The parsed query.
        vocabulary: The archive's words.
        reader: A reader of the index, to prefer the more frequent of equally close words.

    Returns:
        The corrected query (corrected words in lowercase), or None when every word is
        known or no close word exists.
    """
    replacements: dict[tuple[int, int], str] = {}
    for start, end in _searched_spans(query):
        for word in iter_words(checked_query[start:end]):
            span = (start + word.start, start + word.end)
            if span in replacements or word.word in vocabulary:
                continue
            correction = _closest_word(word.word, vocabulary, reader)
            if correction is not None:
                replacements[span] = correction
    if not replacements:
        return None
    corrected = checked_query
    for (start, end), replacement in sorted(replacements.items(), reverse=True):
        corrected = corrected[:start] + replacement + corrected[end:]
    return corrected


def _searched_spans(query: Query) -> Iterator[tuple[int, int]]:
    """Yield the query-text spans of the words searched in the title and body."""
    seen: set[tuple[int, int]] = set()
    for leaf in query.leaves():
        if not isinstance(leaf, (Term, Phrase)) or leaf.fieldname not in DEFAULT_FIELDS:
            continue
        # A quoted phrase knows where each of its words is; a word knows where it is.
        spans = getattr(leaf, "char_ranges", None) or [
            (getattr(leaf, "startchar", None), getattr(leaf, "endchar", None))
        ]
        for start, end in spans:
            if start is not None and end is not None and (start, end) not in seen:
                seen.add((start, end))
                yield start, end


def _closest_word(word: str, vocabulary: Vocabulary, reader: IndexReader) -> str | None:
    """The most frequent archive word at the smallest edit distance from ``word``."""
    if len(word) < MIN_CORRECTED_LENGTH:
        return None
    max_distance = 2 if len(word) >= MIN_LENGTH_FOR_TWO_EDITS else 1
    for distance in range(1, max_distance + 1):
        candidates = sorted(set(vocabulary.within(word, distance, SHARED_PREFIX)) - {word})
        if candidates:
            return max(candidates, key=lambda candidate: _document_count(reader, candidate))
    return None


def _document_count(reader: IndexReader, word: str) -> int:
    """How many documents have ``word`` (or a word of the same stem) in title or body."""
    word_stem = stem(word)
    return sum(reader.doc_frequency(field, word_stem) for field in DEFAULT_FIELDS)
