"""Finding the words to mark with one pattern marks exactly the words tokenizing finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.search.analysis import WORD_PATTERN, index_term, whole_words_pattern
from archive.search.snippets import _find_marks, _Mark

PIECES = [
    "policy",
    "Policy",
    "policies",
    "policy's",
    "policy'x",
    "x'policy",
    "POLİCY",
    "poli\u0301cy",
    "foreign",
    "Foreign",
    "foreign-policy",
    "Aliyev’s",
    "aliyev",
    "Bakı",
    "baki",
    "'",
    "’",
    "''",
    "-",
    " ",
    "\n",
    ".",
    "é",
    "\u0301",
    "12",
    "_",
]
STEMS = [
    frozenset({"polici"}),
    frozenset({"foreign", "polici"}),
    frozenset({"aliyev", "baki"}),
    frozenset({"policyx", "xpolici"}),
    frozenset({"nothing"}),
]


def _reference_marks(text: str, stems: frozenset[str], scanned: int, most: int) -> list[_Mark]:
    """What tokenizing every word gives (how marks were found before)."""
    marks = []
    for match in WORD_PATTERN.finditer(text, 0, scanned):
        key = index_term(match.group())
        if key in stems:
            marks.append(_Mark(match.start(), match.end(), key))
            if len(marks) >= most:
                break
    return marks


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    stems=st.sampled_from(STEMS),
    scanned=st.integers(min_value=0, max_value=200),
    most=st.integers(min_value=1, max_value=6),
)
def test_same_marks_as_tokenizing_every_word(
    pieces: list[str], stems: frozenset[str], scanned: int, most: int
) -> None:
    text = "".join(pieces)
    assert _find_marks(text, stems, scanned=scanned, most=most) == _reference_marks(
        text, stems, scanned, most
    )


def test_pattern_finds_whole_words_only() -> None:
    pattern = whole_words_pattern(["policy", "policy's"])
    text = "policy policy's policy'x x'policy policyx xpolicy (policy)"
    assert [match.group() for match in pattern.finditer(text)] == ["policy", "policy's", "policy"]
