"""The query language: from what the user typed to a Whoosh query.

Syntax (operators are UPPERCASE only, as in Whoosh; lowercase and/or/not are searched as
words):

- ``treaty agreement``: words side by side must all match (in the title or the body);
- ``"foreign policy"``: a phrase; curly quotes work too;
- ``treaty OR agreement``, ``treaty AND agreement``, ``treaty NOT Armenia``, parentheses
  to group; AND binds tighter than OR, and OR binds the words right next to it:
  ``treaty agreement OR accord`` means treaty AND (agreement OR accord);
- ``negotiat*``: words starting with at least 2 letters; a ``*`` inside a word
  (``neg*tion``) matches any letters there. ``?`` is not a wildcard;
- ``negotiatons~`` or ``negotiatons~2``: words within 1 or 2 letters of the given one;
- ``title:treaty``, ``source:azertac``, ``title:(treaty OR accord)``: one field;
- ``year:2024``, ``year:[2016 TO 2018]``, ``year:[2016 TO]``, ``year:[TO 2000]``;
- ``lang:de``, ``lang:German``, ``lang:(de OR fr)``: documents in a language, named by
  its ISO 639-1 code or its English name.

Words are folded and stemmed like the documents (see :mod:`archive.search.analysis`).
Prefix, wildcard and fuzzy terms are matched against the archive's unstemmed words
(see :mod:`archive.search.expansion`).
"""

from __future__ import annotations

from typing import NamedTuple

from whoosh import qparser
from whoosh.fields import Schema
from whoosh.qparser import plugins
from whoosh.query import FuzzyTerm, NullQuery, NumericRange, Prefix, Query, Term, Wildcard

from archive.search.errors import QueryError
from archive.search.query_syntax import (
    EMPTY_QUERY_MESSAGE,
    FUZZY_DISTANCE_MESSAGE,
    MAX_FUZZY_DISTANCE,
    MIN_WILDCARD_PREFIX,
    WILDCARD_MESSAGE,
    YEAR_MESSAGE,
    check_query_text,
)
from archive.search.schema import DEFAULT_FIELDS
from archive.search.vocabulary import literal_prefix_length

__all__ = ["ParsedQuery", "QueryError", "make_query_parser", "parse_query", "parse_user_query"]

# An operator is a whole item between spaces or parentheses (the same rule
# query_syntax checks), so "NOT(treaty)" and "(treaty)AND" are operators too.
_OPERATOR = r"(?<![^\s()]){}(?![^\s()])"


class _StarWildcardPlugin(plugins.WildcardPlugin):
    """``*`` only: a ``?`` at the end of a question is punctuation, not a wildcard."""

    qmarks = ""
    expr = r"(?P<text>[*])"


def make_query_parser(schema: Schema) -> qparser.QueryParser:
    """Return a Whoosh parser for the query language described in this module.

    Args:
        schema: The index schema (from :func:`archive.search.schema.make_schema`).

    Returns:
        A parser searching the title and body by default, with implicit AND.
    """
    parser = qparser.MultifieldParser(
        list(DEFAULT_FIELDS),
        schema,
        plugins=[
            plugins.FieldsPlugin(),
            _StarWildcardPlugin(),
            plugins.PhrasePlugin(),
            plugins.RangePlugin(),
            plugins.GroupPlugin(),
            plugins.OperatorsPlugin(
                And=_OPERATOR.format("AND"),
                Or=_OPERATOR.format("OR"),
                Not=_OPERATOR.format("NOT"),
                AndNot=None,
                AndMaybe=None,
                Require=None,
            ),
            plugins.FuzzyTermPlugin(),
        ],
    )
    return parser


class ParsedQuery(NamedTuple):
    """A parsed query and the text it was parsed from (character offsets refer to it)."""

    text: str
    query: Query


def parse_user_query(text: str, schema: Schema) -> Query:
    """Turn a user's query into a Whoosh query, or explain why it cannot be run.

    Args:
        text: The query as typed (see the module docstring for the syntax).
        schema: The index schema.

    Returns:
        The query. Its prefix, wildcard and fuzzy terms hold folded, unstemmed text; they
        are expanded into stems at search time (see :mod:`archive.search.expansion`).

    Raises:
        QueryError: The query is empty, too long or malformed; the message says how to
            fix it.
    """
    return parse_query(text, schema).query


def parse_query(text: str, schema: Schema) -> ParsedQuery:
    """Like :func:`parse_user_query`, also returning the checked text that was parsed.

    The checked text differs from ``text`` in surrounding spaces, quote style and
    field-name case; the query's character offsets (used for suggestions) refer to it.
    """
    checked = check_query_text(text)
    parsed = make_query_parser(schema).parse(checked)
    _check_parsed(parsed)
    return ParsedQuery(checked, parsed)


def _check_parsed(parsed: Query) -> None:
    """Catch what the text checks could not foresee in Whoosh's own parse."""
    if parsed is NullQuery or isinstance(parsed, type(NullQuery)):
        error = getattr(parsed, "error", None)
        if error:
            raise QueryError(f"Could not understand the query: {error}.")
        raise QueryError(f"{EMPTY_QUERY_MESSAGE} The query has no words in it.")
    for leaf in parsed.leaves():
        error = getattr(leaf, "error", None)
        if error:
            raise QueryError(f"Could not understand the query: {error}.")
        fieldname = getattr(leaf, "fieldname", None)
        if fieldname == "year":
            if not isinstance(leaf, (Term, NumericRange)) or isinstance(leaf, FuzzyTerm):
                raise QueryError(YEAR_MESSAGE)
        elif isinstance(leaf, FuzzyTerm):
            _check_fuzzy_term(leaf)
        elif isinstance(leaf, (Prefix, Wildcard)):
            _check_pattern(leaf)
        elif leaf.is_range():
            raise QueryError(
                "Ranges are only for years, as in year:[2016 TO 2018]. "
                "To search for text in brackets, put it in quotes."
            )


def _check_fuzzy_term(term: FuzzyTerm) -> None:
    if term.maxdist > MAX_FUZZY_DISTANCE:
        raise QueryError(FUZZY_DISTANCE_MESSAGE)
    if len(term.text) < term.maxdist + 2:
        raise QueryError(
            f"'{term.text}~{term.maxdist}' would match almost any short word; "
            f"a fuzzy search needs at least {term.maxdist + 2} letters."
        )


def _check_pattern(pattern: Prefix | Wildcard) -> None:
    text: str = pattern.text
    literal = len(text) if isinstance(pattern, Prefix) else literal_prefix_length(text)
    if literal < MIN_WILDCARD_PREFIX:
        raise QueryError(WILDCARD_MESSAGE)
