"""Searching notes with the main search's query language, folding and stemming.

Each annotation keeps, next to its note, two derived columns written in the same
transaction as the note (:func:`search_columns`): the stems of its note, quote and tags in
order (one line each, so a phrase never runs from one into the next), and its distinct
folded words. A search parses the query as the document search does
(:func:`archive.search.parse_user_query`), expands prefixes, wildcards and fuzzy words
against the notes' own words, and evaluates the query on each annotation:

- words and phrases (searched in titles and bodies for documents) are searched in the
  note, the quote and the tags; ``title:`` finds nothing, notes have no title;
- ``year:`` and ``source:`` are the annotated document's.

An annotation is a note hit when it matches and holds at least one of the searched
words, so ``year:2024`` alone lists documents, not every note of 2024. Scanning the derived
columns is fast enough for tens of thousands of annotations.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whoosh.fields import NUMERIC, Schema
from whoosh.query import (
    And,
    Every,
    FuzzyTerm,
    Not,
    NullQuery,
    NumericRange,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    Wildcard,
)

from archive.models import NoteHit
from archive.search import make_schema, parse_user_query
from archive.search.analysis import WORD_PATTERN, iter_words, normalize_word
from archive.search.expansion import expand_word_patterns
from archive.search.schema import DEFAULT_FIELDS
from archive.search.snippets import find_hit_spans, make_snippet
from archive.search.vocabulary import Vocabulary

_per_thread = threading.local()


@dataclass(frozen=True)
class NoteCandidate:
    """What note search needs of one annotation and its document."""

    annotation_id: int
    document_id: int
    document_title: str
    year: int | None
    date: str | None
    source: str | None
    note: str
    quote: str
    tags: tuple[str, ...]
    stems: str  # the search_stems column
    words: str  # the search_words column


def search_columns(note: str, quote: str, tags: Sequence[str]) -> tuple[str, str]:
    """The derived search columns of an annotation: its stems by line, its words.

    Returns:
        ``(search_stems, search_words)``: the stems of the note, the quote and each tag,
        one line each, in order; and the distinct folded words, space-separated.
    """
    lines = []
    words: set[str] = set()
    for part in (note, quote, *tags):
        spans = list(iter_words(part))
        lines.append(" ".join(span.stem for span in spans))
        words.update(span.word for span in spans)
    return "\n".join(lines), " ".join(sorted(words))


def find_note_hits(
    query_text: str, candidates: Iterable[NoteCandidate], *, limit: int
) -> list[NoteHit]:
    """The annotations whose note, quote or tags match a search query.

    Args:
        query_text: The query as typed (the document search's language).
        candidates: The annotations to search (already narrowed to a year if asked).
        limit: The most hits to return.

    Returns:
        Hits with the most distinct searched words first, then newest document first.

    Raises:
        QueryError: The query is malformed.
    """
    candidates = list(candidates)
    if not candidates:
        return []
    words = {word for candidate in candidates for word in candidate.words.split()}
    query = expand_word_patterns(parse_user_query(query_text, _schema()), Vocabulary(words))
    if query is NullQuery:
        return []
    wanted = _positive_stems(query)
    if not wanted:
        return []
    year_field = _schema()["year"]
    assert isinstance(year_field, NUMERIC)
    scored = []
    for candidate in candidates:
        fields = _Fields.of(candidate)
        found = wanted & fields.stems
        if found and _matches(query, fields, year_field):
            newest = (candidate.year or 0, candidate.date or "")
            scored.append(((len(found), newest), candidate))
    scored.sort(key=lambda item: item[0], reverse=True)
    return [_hit(candidate, wanted) for _, candidate in scored[:limit]]


def _schema() -> Schema:
    """This thread's schema for parsing queries (the window searches from worker threads)."""
    schema: Schema | None = getattr(_per_thread, "schema", None)
    if schema is None:
        schema = _per_thread.schema = make_schema()
    return schema


@dataclass(frozen=True)
class _Fields:
    lines: tuple[tuple[str, ...], ...]
    stems: frozenset[str]
    year: int | None
    source_words: frozenset[str]

    @classmethod
    def of(cls, candidate: NoteCandidate) -> _Fields:
        lines = tuple(tuple(line.split()) for line in candidate.stems.split("\n"))
        source = candidate.source or ""
        return cls(
            lines=lines,
            stems=frozenset(stem for line in lines for stem in line),
            year=candidate.year,
            source_words=frozenset(normalize_word(w) for w in WORD_PATTERN.findall(source)),
        )


def _matches(query: Query, fields: _Fields, year_field: NUMERIC) -> bool:
    if isinstance(query, And):
        return all(_matches(child, fields, year_field) for child in query.subqueries)
    if isinstance(query, Or):
        return any(_matches(child, fields, year_field) for child in query.subqueries)
    if isinstance(query, Not):
        return not _matches(query.query, fields, year_field)
    if isinstance(query, Every):
        return True
    if query is NullQuery:
        return False
    if query.field() == "source":
        return _source_matches(query, fields.source_words)
    if query.field() == "year":
        return _year_matches(query, fields.year, year_field)
    if query.field() != "body":
        return False  # notes have no title
    if isinstance(query, Term):
        return str(query.text) in fields.stems
    if isinstance(query, Phrase):
        return any(_has_phrase(line, list(query.words), query.slop) for line in fields.lines)
    return False


def _source_matches(query: Query, source_words: frozenset[str]) -> bool:
    if isinstance(query, Phrase):
        return all(word in source_words for word in query.words)
    if isinstance(query, Prefix):
        return any(word.startswith(query.text) for word in source_words)
    if isinstance(query, Wildcard):
        pattern = re.compile(".*".join(re.escape(part) for part in str(query.text).split("*")))
        return any(pattern.fullmatch(word) for word in source_words)
    if isinstance(query, (Term, FuzzyTerm)):
        return str(query.text) in source_words
    return False


def _year_matches(query: Query, year: int | None, year_field: NUMERIC) -> bool:
    if year is None:
        return False
    if isinstance(query, NumericRange):
        low = query.start if query.start is not None else year
        high = query.end if query.end is not None else year
        low_ok = year > low if query.startexcl else year >= low
        high_ok = year < high if query.endexcl else year <= high
        return low_ok and high_ok
    if isinstance(query, Term):
        return bool(year_field.from_bytes(query.text) == year)
    return False


def _has_phrase(line: Sequence[str], words: list[str], slop: int) -> bool:
    """Whether ``words`` occur in order in ``line``, each within ``slop`` of the last."""
    if not words:
        return False
    for first, stem in enumerate(line):
        if stem != words[0]:
            continue
        position = first
        for word in words[1:]:
            window = line[position + 1 : position + 1 + max(1, slop)]
            if word not in window:
                break
            position += 1 + window.index(word)
        else:
            return True
    return False


def _positive_stems(query: Query) -> frozenset[str]:
    """The stems a query looks for in text (not under NOT): what a note hit must hold."""
    if isinstance(query, Not):
        return frozenset()
    if isinstance(query, (And, Or)):
        return frozenset().union(*(_positive_stems(child) for child in query.subqueries))
    if query.field() in DEFAULT_FIELDS:
        if isinstance(query, Term):
            return frozenset([str(query.text)])
        if isinstance(query, Phrase):
            return frozenset(query.words)
    return frozenset()


def _hit(candidate: NoteCandidate, stems: frozenset[str]) -> NoteHit:
    tags = ", ".join(candidate.tags)
    texts = [text for text in (candidate.note, candidate.quote, tags) if text]
    shown = next((text for text in texts if find_hit_spans(text, stems, limit=1)), texts[0])
    return NoteHit(
        annotation_id=candidate.annotation_id,
        document_id=candidate.document_id,
        document_title=candidate.document_title,
        year=candidate.year,
        date=candidate.date,
        snippet=make_snippet(shown, stems),
    )
