"""Snippets: short HTML excerpts of a document with the searched words marked.

The body is not stored in the index, so snippets are made from the plain text that SQLite
hands back. Words are recognized with the index's own folding and stemming (see
:mod:`archive.search.analysis`), so a search for ``baki`` marks "Bakı" and
``negotiation`` marks "negotiations".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from whoosh.query import Not, Query
from whoosh.reading import IndexReader

from archive.search.analysis import WORD_PATTERN, index_term, whole_words_pattern
from archive.search.schema import DEFAULT_FIELDS

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 2
# Text before the first marked word of a fragment, so the word is seen in its sentence.
LEAD_CHARS = 60
# Enough for any excerpt; the rest of a very long document is not scanned.
MAX_SCANNED_CHARS = 200_000
MAX_MARKED_WORDS = 500
# Terms of one query leaf considered for marking (a phrase has a handful; an expanded
# pattern is already an OR of single terms).
MAX_EXPANDED_TERMS = 1_000

# How far a fragment may stretch to avoid cutting a word (a URL may be longer).
MAX_WORD_CHARS = 30

ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")


class _Mark(NamedTuple):
    start: int
    end: int
    key: str  # the matched stem, to count distinct words in a fragment


def collect_highlight_stems(query: Query, reader: IndexReader) -> frozenset[str]:
    """Gather the stems a query looks for in the title and body.

    Words under NOT are left out: they are what a matching document does not contain.

    Args:
        query: A parsed query, its patterns expanded (see
            :func:`archive.search.expansion.expand_word_patterns`).
        reader: The reader of the index searched.

    Returns:
        The stems whose words to mark.
    """
    stems: set[str] = set()
    for leaf in positive_leaves(query):
        for fieldname, text in islice(leaf.expanded_terms(reader), MAX_EXPANDED_TERMS):
            # After expansion, title and body hold only terms and phrases (text, not
            # the bytes of unexpanded patterns).
            if fieldname in DEFAULT_FIELDS:
                stems.add(text)
    return frozenset(stems)


def positive_leaves(query: Query) -> Iterator[Query]:
    """The leaves of a query that a matching document contains (those under NOT left out)."""
    if isinstance(query, Not):
        return
    if query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from positive_leaves(child)


def make_snippet(text: str, stems: frozenset[str]) -> str:
    """Return an HTML excerpt of ``text`` with the query's words in ``<mark>``.

    Up to :data:`MAX_FRAGMENTS` fragments of about :data:`FRAGMENT_CHARS` characters,
    chosen for the most distinct words, shown in document order. When no word is found
    in the text (the match was in the title), the beginning of the text.

    Args:
        text: The document's plain text.
        stems: The stems of the words to mark (from :func:`collect_highlight_stems`).

    Returns:
        HTML-escaped text; whitespace runs become single spaces.
    """
    marks = _find_marks(text, stems) if stems else []
    if not marks:
        return _beginning(text)
    pieces = []
    for start, end in _choose_fragments(text, marks):
        inside = [mark for mark in marks if start <= mark.start and mark.end <= end]
        prefix = ELLIPSIS if start > 0 else ""
        suffix = ELLIPSIS if end < len(text) else ""
        pieces.append(prefix + _render(text, start, end, inside) + suffix)
    return " ".join(pieces)


def find_hit_spans(text: str, stems: frozenset[str], limit: int = 10_000) -> list[tuple[int, int]]:
    """Offsets of every word of ``text`` whose stem is one of ``stems`` (the reader's marks).

    The whole text is scanned, unlike for snippets; at most ``limit`` spans are returned.
    """
    if not stems:
        return []
    marks = _find_marks(text, stems, scanned=len(text), most=limit)
    return [(mark.start, mark.end) for mark in marks]


def _find_marks(
    text: str,
    stems: frozenset[str],
    *,
    scanned: int = MAX_SCANNED_CHARS,
    most: int = MAX_MARKED_WORDS,
) -> list[_Mark]:
    # The distinct spellings first (in C), then only the marked ones are searched for.
    # index_term is cached: an archive's words recur from document to document.
    marked = {
        word for word in set(WORD_PATTERN.findall(text, 0, scanned)) if index_term(word) in stems
    }
    if not marked:
        return []
    marks: list[_Mark] = []
    for match in whole_words_pattern(marked).finditer(text, 0, scanned):
        marks.append(_Mark(match.start(), match.end(), index_term(match.group())))
        if len(marks) >= most:
            break
    return marks


def _choose_fragments(text: str, marks: list[_Mark]) -> list[tuple[int, int]]:
    """Pick non-overlapping windows richest in distinct words, in document order."""
    candidates = []
    for first, mark in enumerate(marks):
        window_end = mark.start + FRAGMENT_CHARS - LEAD_CHARS
        last = first
        while last + 1 < len(marks) and marks[last + 1].end <= window_end:
            last += 1
        distinct = len({m.key for m in marks[first : last + 1]})
        candidates.append((distinct, last - first + 1, -first, mark))
    candidates.sort(reverse=True)

    chosen: list[tuple[int, int]] = []
    for *_, mark in candidates:
        start, end = _window_around(text, mark)
        if all(end <= other_start or start >= other_end for other_start, other_end in chosen):
            chosen.append((start, end))
            if len(chosen) == MAX_FRAGMENTS:
                break
    return sorted(chosen)


def _window_around(text: str, mark: _Mark) -> tuple[int, int]:
    start = _word_boundary_before(text, max(0, mark.start - LEAD_CHARS))
    end = _word_boundary_after(text, max(mark.end, start + FRAGMENT_CHARS))
    return start, end


def _word_boundary_before(text: str, index: int) -> int:
    limit = max(0, index - MAX_WORD_CHARS)
    while index > limit and not text[index - 1].isspace():
        index -= 1
    return index


def _word_boundary_after(text: str, index: int) -> int:
    limit = min(len(text), index + MAX_WORD_CHARS)
    while index < limit and not text[index].isspace():
        index += 1
    return index


def _render(text: str, start: int, end: int, marks: list[_Mark]) -> str:
    parts = []
    position = start
    for mark in marks:
        parts.append(_escape(text[position : mark.start]))
        parts.append(f"<mark>{_escape(text[mark.start : mark.end])}</mark>")
        position = mark.end
    parts.append(_escape(text[position:end]))
    return "".join(parts).strip()


def _beginning(text: str) -> str:
    end = _word_boundary_after(text, min(len(text), FRAGMENT_CHARS))
    excerpt = _escape(text[:end]).strip()
    return excerpt + ELLIPSIS if end < len(text) and excerpt else excerpt


def _escape(text: str) -> str:
    # Text content only: quotes need no escaping, and stay readable in JSON.
    return html.escape(_WHITESPACE.sub(" ", text), quote=False)
