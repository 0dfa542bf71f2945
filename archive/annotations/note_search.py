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
words, so ``year:2024`` alone lists documents, not every note of 2024. So SQLite first
narrows the annotations to those whose stems hold a searched word
(:mod:`archive.annotations.note_lookup`); only their stems are read and checked here, and
the note, quote and tags of the hits shown. A search never reads every note: with a
hundred notes of 1 MB, reading them all made every search take 2.5 s. Phrases with slop
are checked within the same limit on word positions as documents' phrases
(:class:`archive.search.phrases.PhraseBudget`); an exact phrase is found in the stems text
directly, in time linear in its length.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

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
from archive.search.analysis import WORD_PATTERN, fold_pattern, iter_words, normalize_word
from archive.search.expansion import FUZZY_SHARED_PREFIX, expand_word_patterns
from archive.search.phrases import PhraseBudget, PositionCounter, occurs_in_order, phrase_cost
from archive.search.schema import DEFAULT_FIELDS
from archive.search.snippets import find_hit_spans, make_snippet
from archive.search.vocabulary import Vocabulary, literal_prefix_length

_per_thread = threading.local()
# Words looked up one by one in an annotation's stems text before it is split into a set.
_LOOKUPS_BEFORE_SPLITTING = 8


@dataclass(frozen=True)
class NoteCandidate:
    """An annotation and its document in full: what a note hit shows."""

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


@dataclass(frozen=True)
class NoteStems:
    """An annotation that may match: what deciding whether it does needs.

    Attributes:
        annotation_id: The annotation.
        year: Its document's year (``None`` when undated).
        date: Its document's date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
        source: Its document's source.
        stems: Its ``search_stems`` column: the stems of its note, quote and each tag,
            one line each.
    """

    annotation_id: int
    year: int | None
    date: str | None
    source: str | None
    stems: str


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


class NoteSource(Protocol):
    """Where note search reads annotations (:class:`~.note_lookup.NoteLookup` in SQLite)."""

    def words_starting_with(self, prefixes: Collection[str]) -> set[str]:
        """The folded words of the annotations that start with one of ``prefixes``."""
        ...

    def with_any_of(self, stems: Collection[str]) -> Iterable[NoteStems]:
        """At least every annotation that holds one of ``stems``, each once."""
        ...

    def candidates(self, annotation_ids: Sequence[int]) -> Mapping[int, NoteCandidate]:
        """The annotations with these ids, in full."""
        ...


def find_note_hits(query_text: str, notes: NoteSource, *, limit: int) -> list[NoteHit]:
    """The annotations whose note, quote or tags match a search query.

    Args:
        query_text: The query as typed (the document search's language).
        notes: The annotations to search (already narrowed to a year if asked).
        limit: The most hits to return.

    Returns:
        Hits with the most distinct searched words first, then newest document first.

    Raises:
        QueryError: The query is malformed.
    """
    parsed = parse_user_query(query_text, _schema())
    vocabulary = Vocabulary(notes.words_starting_with(_pattern_prefixes(parsed)))
    query = expand_word_patterns(parsed, vocabulary)
    if query is NullQuery:
        return []
    wanted = _positive_stems(query)
    if not wanted:
        return []
    year_field = _schema()["year"]
    assert isinstance(year_field, NUMERIC)
    budget = PhraseBudget()
    scored = []
    many_words = len(wanted) > _LOOKUPS_BEFORE_SPLITTING
    for row in notes.with_any_of(wanted):
        fields = _Fields(row, budget)
        found = fields.count(wanted, split=many_words)
        if found and _matches(query, fields, year_field):
            newest = (row.year or 0, row.date or "")
            scored.append(((found, newest), row.annotation_id))
    # Ties in the order the annotations were made.
    scored.sort(key=lambda item: (item[0], -item[1]), reverse=True)
    shown = [annotation_id for _, annotation_id in scored[:limit]]
    candidates = notes.candidates(shown)
    return [_hit(candidates[i], wanted) for i in shown if i in candidates]


def _schema() -> Schema:
    """This thread's schema for parsing queries (the window searches from worker threads)."""
    schema: Schema | None = getattr(_per_thread, "schema", None)
    if schema is None:
        schema = _per_thread.schema = make_schema()
    return schema


def _pattern_prefixes(query: Query) -> set[str]:
    """The letters every word a prefix, wildcard or fuzzy word may stand for starts with."""
    prefixes = set()
    for leaf in query.leaves():
        if leaf.field() not in DEFAULT_FIELDS:
            continue
        if isinstance(leaf, Prefix):
            prefixes.add(str(leaf.text))
        elif isinstance(leaf, Wildcard):
            text = str(leaf.text)
            prefixes.add(text[: literal_prefix_length(text)])
        elif isinstance(leaf, FuzzyTerm):
            # As archive.search.expansion asks the vocabulary for them.
            text = str(leaf.text)
            shared = min(max(leaf.prefixlength, FUZZY_SHARED_PREFIX), len(text))
            prefixes.add(fold_pattern(text)[:shared])
    return prefixes


class _Fields:
    """One annotation's searchable fields, each word looked up only when a query asks.

    A few words are each found in the stems text (C speed) rather than by splitting a note
    of up to 1 MB into words; for many (a prefix may stand for hundreds) the text is split
    once instead. Phrases with slop are checked from word positions within the search's
    :class:`PhraseBudget`, as document phrases are.
    """

    def __init__(self, row: NoteStems, budget: PhraseBudget) -> None:
        self.row = row
        self.year = row.year
        self._budget = budget
        self._has: dict[str, bool] = {}
        self._looked_up = 0
        self._all_stems: frozenset[str] | None = None
        self._source_words: frozenset[str] | None = None

    def count(self, stems: frozenset[str], *, split: bool) -> int:
        """How many of ``stems`` the note, quote and tags hold (remembered for :meth:`has`).

        Args:
            stems: The words to look for.
            split: Split the text into words once rather than look for each (many words).
        """
        if split:
            present = stems.intersection(self.row.stems.split())
            self._has.update((stem, stem in present) for stem in stems)
            return len(present)
        return sum(1 for stem in stems if self.has(stem))

    def has(self, stem: str) -> bool:
        """Whether the note, quote or a tag holds ``stem`` as a word."""
        if self._all_stems is not None:
            return stem in self._all_stems
        known = self._has.get(stem)
        if known is None:
            if self._looked_up >= _LOOKUPS_BEFORE_SPLITTING:
                # Each lookup scans the text: after a few, splitting it once costs less.
                self._all_stems = frozenset(self.row.stems.split())
                return stem in self._all_stems
            self._looked_up += 1
            known = self._has[stem] = _find_words(self.row.stems, stem) >= 0
        return known

    @property
    def source_words(self) -> frozenset[str]:
        if self._source_words is None:
            source = self.row.source or ""
            self._source_words = frozenset(
                normalize_word(word) for word in WORD_PATTERN.findall(source)
            )
        return self._source_words

    def has_phrase(self, words: list[str], slop: int) -> bool:
        """Whether ``words`` occur in order in one line, each within ``slop`` of the last."""
        if not words or not all(self.has(word) for word in words):
            return False
        if slop <= 1:
            # The stems of a line are joined by single spaces: a phrase is a substring.
            return _find_words(self.row.stems, " ".join(words)) >= 0
        return any(
            self._has_phrase_in_line(line, words, slop)
            for line in self.row.stems.split("\n")
            if all(_find_words(line, word) >= 0 for word in words)
        )

    def _has_phrase_in_line(self, line: str, words: list[str], slop: int) -> bool:
        budget = self._budget
        if line.count(" ") + 1 > budget.remaining:
            # Too long to check: it has every word, so it matches (as documents do).
            budget.unchecked += 1
            return True
        stems = line.split()
        budget.examined += len(stems)
        wanted = set(words)
        positions: dict[str, list[int]] = {word: [] for word in wanted}
        for position, stem in enumerate(stems):
            if stem in wanted:
                positions[stem].append(position)
        frequencies = {word: len(found) for word, found in positions.items()}
        if phrase_cost(words, slop, frequencies) > budget.remaining:
            budget.unchecked += 1
            return True
        counter = PositionCounter()
        found = occurs_in_order(words, slop, positions, counter)
        budget.examined += counter.count
        return found


def _find_words(text: str, words: str) -> int:
    """Where ``words`` (stems joined by spaces) first stand as whole words in ``text``, or -1.

    ``text`` is stems separated by spaces and newlines, as in the ``search_stems`` column.
    """
    start = 0
    end_of_text = len(text)
    while True:
        index = text.find(words, start)
        if index < 0:
            return -1
        end = index + len(words)
        if (index == 0 or text[index - 1] in " \n") and (end == end_of_text or text[end] in " \n"):
            return index
        start = index + 1


def _holds_any(text: str, stems: frozenset[str]) -> bool:
    """Whether ``text`` (stems separated by spaces and newlines) holds one of ``stems``."""
    if len(stems) > _LOOKUPS_BEFORE_SPLITTING:
        return not stems.isdisjoint(text.split())
    return any(_find_words(text, stem) >= 0 for stem in stems)


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
        return fields.has(str(query.text))
    if isinstance(query, Phrase):
        return fields.has_phrase(list(query.words), query.slop)
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
    return NoteHit(
        annotation_id=candidate.annotation_id,
        document_id=candidate.document_id,
        document_title=candidate.document_title,
        year=candidate.year,
        date=candidate.date,
        snippet=make_snippet(_shown_text(candidate, stems), stems),
    )


def _shown_text(candidate: NoteCandidate, stems: frozenset[str]) -> str:
    """The note if it holds a searched word, else the quote, else the tags."""
    tags = ", ".join(candidate.tags)
    lines = candidate.stems.split("\n")
    if len(lines) != 2 + len(candidate.tags):
        # Stems from another version's analysis, say: look in the texts themselves.
        texts = [text for text in (candidate.note, candidate.quote, tags) if text]
        return next((text for text in texts if find_hit_spans(text, stems, limit=1)), texts[0])
    # Found from the stems, one line per text, rather than by scanning a long note's words.
    holds = [_holds_any(line, stems) for line in lines]
    parts = [(candidate.note, holds[:1]), (candidate.quote, holds[1:2]), (tags, holds[2:])]
    texts = [text for text, _ in parts if text]
    return next((text for text, held in parts if text and any(held)), texts[0])
