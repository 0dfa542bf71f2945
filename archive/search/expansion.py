"""Prefix, wildcard and fuzzy terms, expanded through the vocabulary into stems.

The title and body fields index stems: "negotiations" is indexed as "negoti", so
Whoosh's own ``Prefix("body", "negotiat")`` would find nothing, and
``FuzzyTerm("body", "negotiatons")`` is four letters away from the stem. Instead the
pattern is matched against the archive's unstemmed words (``negotiat*`` finds
"negotiation", "negotiations", "negotiated"...), and the query searches for their stems.
"""

from __future__ import annotations

from whoosh.query import Every, FuzzyTerm, Not, NullQuery, Or, Prefix, Query, Term, Wildcard

from archive.search.analysis import stem
from archive.search.errors import QueryError
from archive.search.schema import DEFAULT_FIELDS
from archive.search.vocabulary import Vocabulary

# Beyond this many distinct stems a search gets slow and its results meaningless.
MAX_EXPANDED_STEMS = 1000
# Fuzzy words must share their first letter: misspellings rarely change it, and it
# spares scanning the whole vocabulary.
FUZZY_SHARED_PREFIX = 1


def expand_word_patterns(query: Query, vocabulary: Vocabulary) -> Query:
    """Replace the title/body prefix, wildcard and fuzzy terms with their stems.

    A pattern that matches no word matches no document.

    Args:
        query: A parsed query.
        vocabulary: The archive's words.

    Returns:
        An equivalent query with only plain terms and phrases on title and body.

    Raises:
        QueryError: A pattern matches too many words to search for.
    """
    expanded = _expand(query, vocabulary).normalize()
    if expanded is NullQuery and isinstance(query, Not):
        # "NOT zzz*": nothing is excluded, so everything matches.
        return Every()
    return expanded


def _expand(query: Query, vocabulary: Vocabulary) -> Query:
    if isinstance(query, (Prefix, Wildcard, FuzzyTerm)) and query.fieldname in DEFAULT_FIELDS:
        stems = _matching_stems(query, vocabulary)
        if not stems:
            return NullQuery
        return Or(
            [Term(query.fieldname, word_stem) for word_stem in sorted(stems)], boost=query.boost
        )
    return query.apply(lambda child: _expand(child, vocabulary))


def _matching_stems(query: Prefix | Wildcard | FuzzyTerm, vocabulary: Vocabulary) -> set[str]:
    if isinstance(query, Prefix):
        words = vocabulary.starting_with(query.text)
    elif isinstance(query, Wildcard):
        words = vocabulary.matching(query.text)
    else:
        shared_prefix = min(max(query.prefixlength, FUZZY_SHARED_PREFIX), len(query.text))
        words = vocabulary.within(query.text, query.maxdist, shared_prefix)
    stems: set[str] = set()
    for word in words:
        stems.add(stem(word))
        if len(stems) > MAX_EXPANDED_STEMS:
            raise QueryError(
                f"'{_as_typed(query)}' matches more than {MAX_EXPANDED_STEMS} different "
                "words; add a letter or two."
            )
    return stems


def _as_typed(query: Prefix | Wildcard | FuzzyTerm) -> str:
    if isinstance(query, Prefix):
        return f"{query.text}*"
    if isinstance(query, FuzzyTerm):
        return f"{query.text}~{query.maxdist}"
    return str(query.text)
