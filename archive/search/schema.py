"""The Whoosh schema of the search index, and the files the index keeps.

The index is derived from SQLite and holds only what searching needs: the body text is
indexed but not stored (snippets are made from SQLite's copy). Next to it, a vocabulary
file lists the archive's unstemmed words (see :mod:`archive.search.vocabulary`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator
from typing import Any

from whoosh.analysis import IDTokenizer, LowercaseFilter
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.formats import Positions

from archive.search.analysis import (
    WORD_PATTERN,
    index_term,
    make_analyzer,
    make_unstemmed_analyzer,
)

# Bump when the schema or the analysis changes. The index and vocabulary are named after
# it, so an index built by an older version is not found, and is rebuilt from SQLite
# instead of being read with the wrong fields.
SCHEMA_VERSION = 2  # 2: the lang field
INDEX_NAME = f"archive_v{SCHEMA_VERSION}"
# Not "archive_v1_...": Whoosh deletes files named like its own segments when it commits.
VOCABULARY_FILE = f"vocabulary_v{SCHEMA_VERSION}.txt"
#: Name prefixes of the files this package writes in the index directory.
FILE_PREFIXES = ("archive_v", "_archive_v", "vocabulary_v")

TITLE_BOOST = 2.0

#: Fields a user may name in a query, for example ``title:treaty``.
USER_FIELDS = ("title", "source", "year", "lang")

#: Fields searched by words without a field name; stemmed.
DEFAULT_FIELDS = ("title", "body")

#: Year column value of undated documents (no year is indexed for them): sorts them last
#: when sorting newest first, and groups them apart in the year counts.
NO_YEAR = 0


class StemmedText(TEXT):
    """A TEXT field of folded, stemmed words that indexes in one loop.

    Whoosh indexes a text by passing a token object through the analyzer's chain of
    generators, one word at a time; for the long bodies of an archive that was half the
    time spent adding a document. This field makes the same terms and positions
    directly from :data:`WORD_PATTERN` and :func:`index_term`. Queries and highlights
    still go through the analyzer (``make_analyzer()``), which yields the same terms.
    """

    def index(
        self, value: Any, **kwargs: Any
    ) -> Generator[tuple[bytes, int, float, bytes], Any, None]:
        """Yield ``(term bytes, frequency, weight, encoded positions)`` per distinct term.

        Args:
            value: The text to index.
            **kwargs: Passed on to Whoosh for values other than a string.
        """
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, word in enumerate(WORD_PATTERN.findall(value)):
            positions[index_term(word)].append(position)
        # A TEXT field with phrase=True (the default) stores positions.
        assert isinstance(self.format, Positions)
        boost = self.format.field_boost
        encode = self.format.encode
        for term, term_positions in positions.items():
            count = len(term_positions)
            yield term.encode("utf-8"), count, count * boost, encode(term_positions)


def make_schema() -> Schema:
    """Return the schema of the search index.

    Fields:
        id: the document's SQLite id as text; unique and stored.
        title: analyzed, stored, boosted; positions for phrases.
        body: analyzed with positions for phrases; not stored.
        year: integer, stored and sortable; absent for undated documents (whose year
            column holds :data:`NO_YEAR`).
        date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``""``; stored and sortable.
        source: folded but not stemmed (names of agencies and outlets).
        lang: the ISO 639-1 code of the document's language, lowercase; absent when
            not known.

    Returns:
        A new :class:`whoosh.fields.Schema`.
    """
    analyzer = make_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        # "phrase" turns a hyphenated query word such as Nagorno-Karabakh into a phrase
        # of its parts rather than an AND of them.
        title=StemmedText(
            analyzer=analyzer, stored=True, field_boost=TITLE_BOOST, multitoken_query="phrase"
        ),
        body=StemmedText(analyzer=analyzer, multitoken_query="phrase"),
        # 16 bits hold any year and index 4 terms per document instead of 8.
        year=NUMERIC(int, bits=16, stored=True, sortable=True, default=NO_YEAR),
        date=ID(stored=True, sortable=True),
        source=TEXT(analyzer=make_unstemmed_analyzer(), multitoken_query="phrase"),
        # Lowercased as a query is, so lang:DE finds "de".
        lang=ID(analyzer=IDTokenizer() | LowercaseFilter()),
    )
