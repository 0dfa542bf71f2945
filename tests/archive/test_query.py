"""The query language: what parses to what, and the message for each malformed query."""

from __future__ import annotations

import pytest
from whoosh.query import (
    And,
    FuzzyTerm,
    Not,
    NumericRange,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    Wildcard,
)

from archive.search import QueryError, parse_user_query
from archive.search.query import parse_query
from archive.search.query_syntax import MAX_NESTING, MAX_QUERY_LENGTH
from archive.search.schema import make_schema

SCHEMA = make_schema()


def parse(text: str) -> Query:
    return parse_user_query(text, SCHEMA)


def in_title_or_body(word: str) -> Or:
    return Or([Term("title", word), Term("body", word)])


def leaves(query: Query) -> list[Query]:
    return list(query.leaves())


# What queries mean


def test_words_side_by_side_must_all_match_in_title_or_body() -> None:
    assert parse("negotiations Türkiye") == And(
        [in_title_or_body("negoti"), in_title_or_body("turkiy")]
    )


def test_operators() -> None:
    assert parse("treaty OR accord") == Or(
        [
            Term("title", "treati"),
            Term("body", "treati"),
            Term("title", "accord"),
            Term("body", "accord"),
        ]
    )
    assert parse("treaty AND accord") == And(
        [in_title_or_body("treati"), in_title_or_body("accord")]
    )
    assert parse("treaty NOT Armenia") == And(
        [in_title_or_body("treati"), Not(in_title_or_body("armenia"))]
    )
    assert parse("NOT Armenia") == Not(in_title_or_body("armenia"))


def test_lowercase_operators_are_words() -> None:
    assert parse("peace and war") == And(
        [in_title_or_body("peac"), in_title_or_body("and"), in_title_or_body("war")]
    )


def test_and_binds_tighter_than_or_and_parentheses_group() -> None:
    assert parse("a AND b OR c") == Or(
        [And([in_title_or_body("a"), in_title_or_body("b")]), Term("title", "c"), Term("body", "c")]
    )
    assert parse("(a OR b) c") == And(
        [
            Or([Term("title", "a"), Term("body", "a"), Term("title", "b"), Term("body", "b")]),
            in_title_or_body("c"),
        ]
    )


def test_operators_next_to_parentheses() -> None:
    assert parse("NOT(Armenia)") == Not(in_title_or_body("armenia"))
    assert parse("(treaty)AND(accord)") == parse("treaty AND accord")


def test_quoted_phrase() -> None:
    assert parse('"foreign policy"') == Or(
        [Phrase("title", ["foreign", "polici"]), Phrase("body", ["foreign", "polici"])]
    )


def test_curly_quotes_make_a_phrase_too() -> None:
    assert parse("“foreign policy”") == parse('"foreign policy"')


def test_hyphenated_word_is_a_phrase() -> None:
    assert parse("Nagorno-Karabakh") == Or(
        [Phrase("title", ["nagorno", "karabakh"]), Phrase("body", ["nagorno", "karabakh"])]
    )


def test_prefix_keeps_the_unstemmed_folded_text() -> None:
    # Expanded through the vocabulary at search time (stemming "negotiat" would be wrong).
    assert parse("Negotiat*") == Or([Prefix("title", "negotiat"), Prefix("body", "negotiat")])


def test_star_inside_a_word_is_a_wildcard() -> None:
    assert parse("neg*tion") == Or([Wildcard("title", "neg*tion"), Wildcard("body", "neg*tion")])


def test_question_mark_is_not_a_wildcard() -> None:
    assert parse("what about GUAM?") == parse("what about GUAM")


def test_fuzzy_terms() -> None:
    one, _ = leaves(parse("negotiatons~"))
    assert isinstance(one, FuzzyTerm)
    assert (one.fieldname, one.text, one.maxdist) == ("title", "negotiatons", 1)
    two, _ = leaves(parse("Azerbaijn~2"))
    assert isinstance(two, FuzzyTerm)
    assert (two.text, two.maxdist) == ("azerbaijn", 2)


def test_fields() -> None:
    assert parse("title:treaty") == Term("title", "treati")
    assert parse("Title:treaty") == Term("title", "treati")
    assert parse("source:AZERTAC") == Term("source", "azertac")
    assert parse('title:"foreign policy"') == Phrase("title", ["foreign", "polici"])
    assert parse("title:(treaty OR accord)") == Or(
        [Term("title", "treati"), Term("title", "accord")]
    )


def test_years_and_year_ranges() -> None:
    (year,) = leaves(parse("year:2024"))
    assert isinstance(year, Term)
    assert year.fieldname == "year"
    assert parse("year:[2016 TO 2018]") == NumericRange("year", 2016, 2018)
    assert parse("year:[2016 to 2018]") == NumericRange("year", 2016, 2018)
    assert parse("year:[2016 TO]") == NumericRange("year", 2016, None)
    assert parse("year:[TO 2018]") == NumericRange("year", None, 2018)


def test_a_time_is_not_a_field() -> None:
    assert parse("10:30") == Or([Phrase("title", ["10", "30"]), Phrase("body", ["10", "30"])])


def test_quoted_colon_is_searched_as_text() -> None:
    assert parse('"foo:bar"') == Or(
        [Phrase("title", ["foo", "bar"]), Phrase("body", ["foo", "bar"])]
    )


def test_parse_query_returns_the_text_its_offsets_refer_to() -> None:
    parsed = parse_query("  Title:“treaty”  ", SCHEMA)
    assert parsed.text == 'title:"treaty"'


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)


# Malformed queries and their messages

UNKNOWN_FIELD = (
    "Unknown field 'foo'. You can search title:, source:, year: and lang:. "
    "To search for a word followed by a colon, put it in quotes."
)
YEAR = (
    "year: takes a 4-digit year or a range of them, "
    "as in year:2024, year:[2016 TO 2018] or year:[2016 TO]."
)
WILDCARD = "Put at least 2 letters before a *, as in negotiat*."
LEADING_WILDCARD = f"A search term cannot start with *. {WILDCARD}"
FUZZY = "A fuzzy search allows at most 2 differences: word~ or word~2."
BRACKETS_ONLY_FOR_YEARS = (
    "Brackets are only for year ranges, as in year:[2016 TO 2018]. "
    "To search for text in brackets, put it in quotes."
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type something to search for."),
        ("   \t ", "Type something to search for."),
        ("!!! ...", "Type something to search for. The query has no words in it."),
        ("foo:bar", UNKNOWN_FIELD),
        ("treaty foo:bar", UNKNOWN_FIELD),
        ("title: treaty", "Put what to search for right after title:, as in title:treaty."),
        ("year:", "Put what to search for right after year:, as in year:2024."),
        ("title:year:2024", "Put what to search for right after title:, as in title:treaty."),
        ('"foreign policy', 'Unbalanced quotes: a phrase is missing its closing ".'),
        ('"a" "b" "c', 'Unbalanced quotes: a phrase is missing its closing ".'),
        ("(treaty OR accord", "Unbalanced parentheses: a '(' is never closed."),
        ("treaty) accord", "Unbalanced parentheses: a ')' has no matching '('."),
        ("year:[2016 TO 2018", "Unbalanced brackets: a '[' is never closed."),
        ("2018]", "Unbalanced brackets: a ']' has no matching '['."),
        ("(year:[2016 TO 2018)]", "Unbalanced parentheses: a ')' has no matching '('."),
        ("[treaty]", BRACKETS_ONLY_FOR_YEARS),
        ("title:[a TO c]", BRACKETS_ONLY_FOR_YEARS),
        ("year:[[2016 TO 2018]]", YEAR),
        ("*", LEADING_WILDCARD),
        ("*a*", LEADING_WILDCARD),
        ("*stan", LEADING_WILDCARD),
        ("title:*", LEADING_WILDCARD),
        ('"treaty"*', LEADING_WILDCARD),
        ("a*", WILDCARD),
        ("a-*", WILDCARD),
        ("ab~*", WILDCARD),
        ("year:abc", YEAR),
        ("year:24", YEAR),
        ("year:20245", YEAR),
        ("year:20*", YEAR),
        ("year:2024~", YEAR),
        ('year:"2024"', YEAR),
        ("year:(2016 OR 2017)", YEAR),
        ("year:[abc TO 2018]", YEAR),
        ("year:[2016 TO abc]", YEAR),
        ("year:[TO]", YEAR),
        (
            "year:[2018 TO 2016]",
            "The range year:[2018 TO 2016] is backwards; the first year comes first.",
        ),
        ("negotiatons~3", FUZZY),
        ("negotiatons~9", FUZZY),
        ("negotiatons~12", FUZZY),
        (
            "abc~2",
            "'abc~2' would match almost any short word; a fuzzy search needs at least 4 letters.",
        ),
        (
            "ab~",
            "'ab~1' would match almost any short word; a fuzzy search needs at least 3 letters.",
        ),
        ("AND", "AND needs something to search for on each side, as in treaty AND agreement."),
        (
            "AND treaty",
            "AND needs something to search for on each side, as in treaty AND agreement.",
        ),
        ("treaty OR", "OR needs something to search for on each side, as in treaty OR agreement."),
        ("a OR OR b", "OR needs something to search for on each side, as in treaty OR agreement."),
        ("(OR b)", "OR needs something to search for on each side, as in treaty OR agreement."),
        ("treaty NOT", "Put what to leave out right after NOT, as in NOT Armenia."),
        ("NOT NOT treaty", "Put what to leave out right after NOT, as in NOT Armenia."),
        ("(a NOT)", "Put what to leave out right after NOT, as in NOT Armenia."),
    ],
)
def test_malformed_query_message(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(text)
    assert str(raised.value) == message


def test_too_long_query_says_how_long() -> None:
    text = "treaty " * 80
    with pytest.raises(QueryError) as raised:
        parse(text)
    length = len(text.strip())
    assert str(raised.value) == (
        f"Query is too long ({length} characters; the limit is {MAX_QUERY_LENGTH})."
    )


def test_query_at_the_length_limit_is_accepted() -> None:
    parse("a" * MAX_QUERY_LENGTH)


def test_deep_nesting_is_refused_before_it_overflows_the_stack() -> None:
    with pytest.raises(QueryError) as raised:
        parse("(" * 200 + "treaty" + ")" * 200)
    assert str(raised.value) == (
        f"Too many nested parentheses (the limit is {MAX_NESTING} levels)."
    )
    parse("(" * MAX_NESTING + "treaty" + ")" * MAX_NESTING)
