"""Checks on the text of a query, before Whoosh parses it.

Whoosh's parser accepts anything: it quietly turns mistakes into other searches (an
unknown ``foo:bar`` becomes the phrase "foo bar") and some inputs are pathological (a bare
``*`` expands to every word of the archive; thousands of nested parentheses overflow the
stack). These checks reject such queries with a message a user can act on.

Quoted phrases are masked first, so that colons, brackets, stars and operators inside
quotes are taken literally, as Whoosh takes them.
"""

from __future__ import annotations

import re

from archive.language_names import language_code
from archive.search.errors import QueryError
from archive.search.schema import USER_FIELDS

MAX_QUERY_LENGTH = 512
MAX_NESTING = 16
MIN_WILDCARD_PREFIX = 2
MAX_FUZZY_DISTANCE = 2
OPERATORS = ("AND", "OR", "NOT")

EMPTY_QUERY_MESSAGE = "Type something to search for."
WILDCARD_MESSAGE = f"Put at least {MIN_WILDCARD_PREFIX} letters before a *, as in negotiat*."
FUZZY_DISTANCE_MESSAGE = (
    f"A fuzzy search allows at most {MAX_FUZZY_DISTANCE} differences: word~ or word~2."
)
YEAR_MESSAGE = (
    "year: takes a 4-digit year or a range of them, "
    "as in year:2024, year:[2016 TO 2018] or year:[2016 TO]."
)
LANGUAGE_MESSAGE = (
    "lang: takes a language's two-letter code or its English name, "
    "as in lang:de, lang:German or lang:(de OR fr)."
)

# Stands in for every character of a quoted phrase: not a space, a letter, a bracket or
# any other query syntax, so nothing inside quotes is mistaken for syntax.
_MASK = "\x00"
_PHRASE = re.compile(r'"[^"]*"(?:~[1-9][0-9]*)?')
_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', _MASK: " "})

_FIELD = re.compile(r"(\w+):")
_YEAR_VALUE = re.compile(
    r"(?:(?P<year>\d{4})"
    r"|[\[{]\s*(?P<start>\d{4})?\s*\bTO\b\s*(?P<end>\d{4})?\s*[\]}])"
    r"(?=$|[\s)])",
    re.IGNORECASE,
)
_ITEM = re.compile(r"[()]|[^\s()]+")
_LANGUAGE_FIELD = re.compile(r"(?<![^\s(])lang:", re.IGNORECASE)
_LANGUAGE_WORD = re.compile(r"[^\s()]+")
_WILDCARD_RUN = re.compile(r"[^\s()\[\]{}\x00]*\*[^\s()\[\]{}\x00]*")
_LEADING_FIELDS = re.compile(r"^(?:\w+:)+")
_FUZZY = re.compile(r"(?<=\S)~(?P<distance>[0-9]+)?")

_CLOSING = {")": "(", "]": "[", "}": "{"}


def check_query_text(text: str) -> str:
    """Check a user's query and return it ready for the parser.

    Curly quotes become straight ones and field names lowercase (``Title:`` works).

    Args:
        text: The query as typed.

    Returns:
        The query to hand to the parser.

    Raises:
        QueryError: The query is empty, too long or malformed.
    """
    query = text.translate(_SMART_QUOTES).strip()
    if not query:
        raise QueryError(EMPTY_QUERY_MESSAGE)
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"Query is too long ({len(query)} characters; the limit is {MAX_QUERY_LENGTH})."
        )
    masked = _mask_phrases(query)
    _check_brackets(masked)
    query = _check_fields(query, masked)
    query = _language_codes(query, masked)
    _check_wildcards(masked)
    _check_fuzzy_distances(masked)
    _check_operators(masked)
    return query


def _mask_phrases(query: str) -> str:
    masked = _PHRASE.sub(lambda match: _MASK * len(match.group()), query)
    if '"' in masked:
        raise QueryError('Unbalanced quotes: a phrase is missing its closing ".')
    return masked


def _check_brackets(masked: str) -> None:
    open_brackets: list[str] = []
    for index, char in enumerate(masked):
        if char in "([{":
            if open_brackets and open_brackets[-1] in "[{":
                raise QueryError(YEAR_MESSAGE)
            if char != "(" and masked[max(0, index - 5) : index].lower() != "year:":
                raise QueryError(
                    "Brackets are only for year ranges, as in year:[2016 TO 2018]. "
                    "To search for text in brackets, put it in quotes."
                )
            open_brackets.append(char)
            if len(open_brackets) > MAX_NESTING:
                raise QueryError(
                    f"Too many nested parentheses (the limit is {MAX_NESTING} levels)."
                )
        elif char in _CLOSING:
            opening = _CLOSING[char]
            if not open_brackets or (open_brackets[-1] == "(") != (opening == "("):
                raise QueryError(_unbalanced(opening, f"a '{char}' has no matching '{opening}'"))
            open_brackets.pop()
    if open_brackets:
        opening = open_brackets[-1]
        raise QueryError(_unbalanced(opening, f"a '{opening}' is never closed"))


def _unbalanced(opening: str, detail: str) -> str:
    kind = "parentheses" if opening == "(" else "brackets"
    return f"Unbalanced {kind}: {detail}."


def _check_fields(query: str, masked: str) -> str:
    for match in _FIELD.finditer(masked):
        name = match.group(1)
        if name.isdigit():
            # A time such as 10:30 is not a field; Whoosh searches it as words.
            continue
        field = name.lower()
        if field not in USER_FIELDS:
            raise QueryError(
                f"Unknown field '{name}'. You can search title:, source:, year: and lang:. "
                "To search for a word followed by a colon, put it in quotes."
            )
        value_start = match.end()
        if (
            value_start == len(masked)
            or masked[value_start].isspace()
            or masked[value_start] == ")"
            or _FIELD.match(masked, value_start)
        ):
            example = {"year": "year:2024", "lang": "lang:de"}.get(field, f"{field}:treaty")
            raise QueryError(f"Put what to search for right after {field}:, as in {example}.")
        if field == "year":
            _check_year_value(masked, value_start)
        if name != field:
            query = query[: match.start()] + field + query[match.start() + len(name) :]
    return query


def _check_year_value(masked: str, start: int) -> None:
    value = _YEAR_VALUE.match(masked, start)
    if value is None:
        raise QueryError(YEAR_MESSAGE)
    first, last = value.group("start"), value.group("end")
    if value.group("year") is None and first is None and last is None:
        raise QueryError(YEAR_MESSAGE)
    if first is not None and last is not None and int(first) > int(last):
        raise QueryError(
            f"The range year:[{first} TO {last}] is backwards; the first year comes first."
        )


def _language_codes(query: str, masked: str) -> str:
    """Turn the values of ``lang:`` into language codes: ``lang:German`` is ``lang:de``.

    Runs after field names are lowercased (which keeps every offset of ``masked``).

    Raises:
        QueryError: A value is not a language's code or English name.
    """
    replacements: list[tuple[int, int, str]] = []
    for match in _LANGUAGE_FIELD.finditer(masked):
        start = match.end()
        if masked.startswith("(", start):
            end = masked.index(")", start)  # brackets are balanced by now
        else:
            word = _LANGUAGE_WORD.match(masked, start)
            end = word.end() if word else start
        for word in _LANGUAGE_WORD.finditer(masked, start, end):
            if word.group() in OPERATORS:
                continue
            code = language_code(word.group())
            if code is None:
                raise QueryError(LANGUAGE_MESSAGE)
            replacements.append((word.start(), word.end(), code))
    for start, end, code in reversed(replacements):
        query = query[:start] + code + query[end:]
    return query


def _check_wildcards(masked: str) -> None:
    for match in _WILDCARD_RUN.finditer(masked):
        term = _LEADING_FIELDS.sub("", match.group())
        before_star = term[: term.index("*")]
        if not before_star:
            raise QueryError(f"A search term cannot start with *. {WILDCARD_MESSAGE}")
        # The star must follow letters: "ab~*" or "ab-*" would lose the letters.
        letters = sum(char.isalnum() for char in before_star)
        if letters < MIN_WILDCARD_PREFIX or not before_star[-1].isalnum():
            raise QueryError(WILDCARD_MESSAGE)


def _check_fuzzy_distances(masked: str) -> None:
    for match in _FUZZY.finditer(masked):
        distance = match.group("distance")
        if distance is not None and int(distance) > MAX_FUZZY_DISTANCE:
            raise QueryError(FUZZY_DISTANCE_MESSAGE)


def _check_operators(masked: str) -> None:
    """Require a search term on each side of AND and OR, and after NOT.

    Whoosh would otherwise search for the words "and", "or" and "not" instead.
    """
    items = _ITEM.findall(masked)
    for index, item in enumerate(items):
        if item not in OPERATORS:
            continue
        before = items[index - 1] if index > 0 else None
        after = items[index + 1] if index + 1 < len(items) else None
        if item == "NOT":
            if after is None or after == ")" or after in OPERATORS:
                raise QueryError("Put what to leave out right after NOT, as in NOT Armenia.")
        elif (
            before is None
            or before == "("
            or before in OPERATORS
            or after is None
            or after == ")"
            or after in ("AND", "OR")
        ):
            raise QueryError(
                f"{item} needs something to search for on each side, as in treaty {item} agreement."
            )
