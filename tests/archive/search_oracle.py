"""A reference for searches: Whoosh's own ``Searcher.search``, and phrases read from the texts.

The differential tests (``test_search_differential_property.py``) compare what the archive's
search finds with what this module finds on the same index:

- Every query part but a phrase is matched and scored by Whoosh itself, through a
  searcher of its own over the index directory (``Searcher.search(query, limit=None)``,
  and its sorting collector for the date order).
- A phrase is matched from the documents' own text (:func:`phrase_occurs`), not from the
  index, so the reference does not depend on how the index keeps phrases (positions, or
  pairs of words). Its score is *defined* as the sum of its words' Whoosh scores (a word
  twice in the phrase counts twice) times the phrase's boost: Whoosh's ``And`` of the
  same terms. In the reference query a phrase becomes ``Require(And(terms), documents
  that have the phrase)``, so Whoosh still combines it with the rest of the query.
- A NOT is Whoosh's own, but of the documents its query matches rather than of the query
  itself: Whoosh's NOT goes wrong in an index with deleted documents (see
  :meth:`Reference.whoosh_query`).

Everything here that knows how the archive evaluates a query object (rather than a query
string, which goes through the public ``SearchIndex.search``) is in
:func:`archive_matches` and :func:`archive_listing`: the one place to change when that
evaluator is replaced.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import sorting
from whoosh.query import (
    And,
    Not,
    NullQuery,
    Or,
    Phrase,
    Query,
    Require,
    Term,
)
from whoosh.searching import Searcher

from archive.search import IndexedDocument, SearchIndex
from archive.search.analysis import WORD_PATTERN, index_term, normalize_word
from archive.search.schema import INDEX_NAME, NO_YEAR, VOCABULARY_FILE
from archive.search.scored_matches import scored_matches
from archive.search.searching import IndexSnapshot, SortOrder
from archive.search.vocabulary import Vocabulary

#: Words of the generated documents: inflections that share a stem, short function words
#: (no stop list), and letters Whoosh's folding must handle.
WORDS = [
    "foreign",
    "policy",
    "policies",
    "ministry",
    "minister",
    "ministers",
    "of",
    "affairs",
    "peace",
    "treaty",
    "treaties",
    "negotiations",
    "negotiated",
    "negotiating",
    "armenia",
    "azerbaijan",
    "energy",
    "security",
    "climate",
    "the",
    "and",
    "a",
    "caspian",
    "sea",
    "cooperation",
    "economic",
    "president",
    "talks",
    "Bakı",
    "Türkiye",
    "Aliyev's",
]

#: Runs of words put into documents whole, so that phrases of several words match.
SET_PHRASES = [
    "Ministry of Foreign Affairs",
    "foreign policy",
    "Nagorno-Karabakh",
    "Caspian Sea",
    "peace treaty",
    "energy security",
    "the the",
]

SOURCES = ["Trend", "AZERTAC", "Trend News Agency", "news agency", None]
LANGUAGES = ["en", "de", "fr", None]
YEARS = [None, 1999, 2016, 2017, 2018, 2020, 2024]

#: Stored fields of the index that searches by words read, with how each folds a word.
_PHRASE_FIELDS: dict[str, Callable[[str], str]] = {
    "title": index_term,
    "body": index_term,
    "source": normalize_word,
}

#: Newest first, as the README promises: by year, then by date within the year.
NEWEST_FIRST = [sorting.FieldFacet("year"), sorting.FieldFacet("date")]

_NO_DOCUMENT = Term("id", "no such document")


def _text(randomness: random.Random, shortest: int, longest: int) -> str:
    parts: list[str] = []
    for _ in range(randomness.randint(shortest, longest)):
        if randomness.random() < 0.08:
            parts.append(randomness.choice(SET_PHRASES))
        else:
            parts.append(randomness.choice(WORDS))
        if randomness.random() < 0.05:
            parts[-1] += randomness.choice([",", ".", ";"])
    return " ".join(parts)


def generate_document(doc_id: int, randomness: random.Random) -> IndexedDocument:
    """One document of short random text: no phrase in it is ever costly to check."""
    year = randomness.choice(YEARS)
    date = None
    if year is not None:
        date = randomness.choice(
            [
                f"{year}-{randomness.randint(1, 12):02d}",
                f"{year}-{randomness.randint(1, 12):02d}-{randomness.randint(1, 28):02d}",
                None,
            ]
        )
    return IndexedDocument(
        id=doc_id,
        title=_text(randomness, 1, 5),
        text=_text(randomness, 3, 50),
        year=year,
        date=date,
        source=randomness.choice(SOURCES),
        language=randomness.choice(LANGUAGES),
    )


@dataclass(frozen=True)
class Corpus:
    """The documents an index holds: each live id's latest version."""

    documents: dict[int, IndexedDocument]


def build_index(directory: Path, *, count: int = 320, seed: int = 13) -> Corpus:
    """Fill an index in ``directory`` in several commits, as imports and edits do.

    The index ends with several segments, replaced documents (their old versions deleted)
    and deleted documents, so that segment offsets and deletions are exercised.
    """
    randomness = random.Random(seed)
    documents = [generate_document(doc_id, randomness) for doc_id in range(1, count + 1)]
    live = {document.id: document for document in documents}
    index = SearchIndex(directory)
    try:
        index.replace_all(documents[: count * 3 // 8])
        for start, end in ((3, 5), (5, 6), (6, 8)):
            index.update(documents[count * start // 8 : count * end // 8])
        # New versions of some documents of the first and of a later segment.
        replaced = [generate_document(doc_id, randomness) for doc_id in (3, 4, 40, 150, 151)]
        index.update(replaced)
        live.update((document.id, document) for document in replaced)
        deleted = [10, 11, 12, 41, 170, 171, count]
        index.delete(deleted)
        for doc_id in deleted:
            del live[doc_id]
    finally:
        index.close()
    return Corpus(live)


def phrase_occurs(words: list[str], slop: int, tokens: list[str]) -> bool:
    """Whether ``words`` occur in ``tokens`` in order, each 1 to ``slop`` places after the last.

    Whoosh's phrase semantics (``SpanNear2(ordered=True, mindist=1)``): ``"a b"`` is ``a``
    right before ``b``; ``"a b c"~2`` is ``b`` one or two places after ``a``, and ``c``
    one or two places after that ``b``.
    """
    ends = {place for place, token in enumerate(tokens) if token == words[0]}
    for word in words[1:]:
        ends = {
            place
            for place, token in enumerate(tokens)
            if token == word and any(1 <= place - end <= slop for end in ends)
        }
        if not ends:
            return False
    return True


class Reference:
    """Whoosh's own results on an index, with phrases matched from the documents' text.

    Args:
        directory: The index directory (opened with Whoosh's public ``open_dir``).
        corpus: The documents the index holds.
    """

    def __init__(self, directory: Path, corpus: Corpus) -> None:
        self.searcher: Searcher = whoosh_index.open_dir(str(directory), INDEX_NAME).searcher()
        self.vocabulary = Vocabulary.load(directory / VOCABULARY_FILE)
        reader = self.searcher.reader()
        self.id_of: dict[int, int] = {}
        self.year_of: dict[int, int] = {}
        self._tokens: dict[str, dict[int, list[str]]] = {field: {} for field in _PHRASE_FIELDS}
        for docnum in reader.all_doc_ids():
            stored = reader.stored_fields(docnum)
            document = corpus.documents[int(stored["id"])]
            self.id_of[docnum] = document.id
            self.year_of[docnum] = stored.get("year", NO_YEAR)
            texts = {"title": document.title, "body": document.text, "source": document.source}
            for field, fold in _PHRASE_FIELDS.items():
                words = WORD_PATTERN.findall(texts[field] or "")
                self._tokens[field][docnum] = [fold(word) for word in words]
        self.docnum_of = {doc_id: docnum for docnum, doc_id in self.id_of.items()}

    def close(self) -> None:
        """Release the searcher's files."""
        self.searcher.close()

    def phrase_documents(self, phrase: Phrase) -> set[int]:
        """The live documents that have the phrase in its field (read from their text)."""
        tokens = self._tokens[phrase.fieldname]
        words = list(phrase.words)
        return {
            docnum
            for docnum, field_tokens in tokens.items()
            if phrase_occurs(words, phrase.slop, field_tokens)
        }

    def phrase_stand_in(self, phrase: Phrase) -> Query:
        """A query Whoosh matches and scores as the phrase is defined to match and score."""
        terms: list[Query] = [Term(phrase.fieldname, word) for word in phrase.words]
        # A compound query of one part drops its boost in Whoosh; a phrase has two words
        # or more, but a word may be there twice.
        scored = And(terms, boost=phrase.boost) if len(terms) > 1 else terms[0]
        return Require(scored, self._documents(self.phrase_documents(phrase)))

    def whoosh_query(self, query: Query) -> Query:
        """What Whoosh is asked for ``query``: phrases and the queries of NOTs replaced.

        Each phrase becomes its :meth:`phrase_stand_in`. Each NOT keeps Whoosh's
        ``InverseMatcher`` (every live document its query does not match, scored 1), but
        of the documents its query matches, which are all live. Whoosh's NOT of a query
        that lets a deleted document through goes wrong (whoosh3 3.54, ``InverseMatcher.
        _find_next``): it steps past deleted documents without catching its query's
        matcher up, and then lists the next live document although the query matches it.
        And a NOT itself lets a deleted document through when it comes right after the
        last document its query matches in a segment; so ``NOT (policy OR NOT
        title:armenia)`` listed a document with neither "policy" nor "armenia" in it.
        """
        if isinstance(query, Phrase):
            return self.phrase_stand_in(query)
        if isinstance(query, (And, Or)):
            copied = copy.copy(query)
            copied.subqueries = [self.whoosh_query(part) for part in query.subqueries]
            return copied
        if isinstance(query, Not):
            return Not(self._documents(self.matches(query.query)), boost=query.boost)
        if query.is_leaf():
            return query
        raise TypeError(f"The reference does not know {query!r}; add it to whoosh_query.")

    def _documents(self, docnums: Iterable[int]) -> Query:
        """A query matching exactly these live documents (by their stored ids)."""
        ids = sorted(self.id_of[docnum] for docnum in docnums)
        if not ids:
            return _NO_DOCUMENT
        return Or([Term("id", str(doc_id)) for doc_id in ids])

    def matches(self, query: Query) -> dict[int, float]:
        """``{document number: score}`` of every match, as ``Searcher.search`` scores it.

        Deleted documents are left out: Whoosh's NOT lets through a deleted document that
        comes right after the last document its query matches in a segment (whoosh3
        3.54: ``InverseMatcher._find_next`` steps past the query's match without checking
        ``missing`` again), and ``Searcher.search`` lists it. Since the query of every
        NOT matches only live documents here (see :meth:`whoosh_query`), that is all
        the NOT gets wrong, so leaving deleted documents out is Whoosh's intended result.
        """
        if query is NullQuery:
            return {}
        results = self.searcher.search(self.whoosh_query(query), limit=None)
        return {hit.docnum: hit.score for hit in results if hit.docnum in self.id_of}

    def newest_first(self, query: Query) -> list[int]:
        """The matches in the order of Whoosh's sorting collector, newest first."""
        if query is NullQuery:
            return []
        results = self.searcher.search(
            self.whoosh_query(query), limit=None, sortedby=NEWEST_FIRST, reverse=True
        )
        return [hit.docnum for hit in results if hit.docnum in self.id_of]

    def year_counts(self, docnums: list[int] | dict[int, float]) -> Counter[int]:
        """How many of ``docnums`` are of each year (NO_YEAR for the undated)."""
        return Counter(self.year_of[docnum] for docnum in docnums)


def open_snapshot(directory: Path) -> IndexSnapshot:
    """A snapshot of the index's latest commit, as :class:`SearchIndex` would make it."""
    searcher = whoosh_index.open_dir(str(directory), INDEX_NAME).searcher()
    return IndexSnapshot(searcher, Vocabulary.load(directory / VOCABULARY_FILE))


def archive_matches(snapshot: IndexSnapshot, query: Query) -> dict[int, float]:
    """Every match of an expanded query object, and its score, as the archive finds them."""
    if query is NullQuery:
        return {}
    return scored_matches(query, snapshot.postings).as_dict()


def archive_listing(
    snapshot: IndexSnapshot, query: Query, *, year: int | None, limit: int, sort: SortOrder
) -> tuple[dict[int, int], list[tuple[int, float]]]:
    """The archive's matches per year and listed ``(document number, score)`` of a query."""
    return snapshot._run(query, year=year, limit=limit, sort=sort)
