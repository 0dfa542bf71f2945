"""Stop words and numbers: the words a comparison of two sets of documents leaves out.

The lists come from maintained libraries, folded the way the search folds words
(:func:`archive.search.analysis.normalize_word`), one list per language:

- `stopwordsiso <https://github.com/stopwords-iso/stopwords-iso>`_ for every language it
  has: of the importer's twelve (``archive.ingest.dates.words.LANGUAGES``) all but
  Azerbaijani;
- Ukrainian also takes `stop-words <https://github.com/Alir3z4/python-stop-words>`_'s list:
  stopwordsiso's has 73 words and lacks "на", "не", "за", "по", "його";
- Azerbaijani comes from ``azerbaijani-stopwords`` ("və", "üçün", "ilə", "bu"...).

A document's own language's list applies to it; a document of no known language (or of
one without a list) gets the twelve lists together. stopwordsiso's English list is built
from web-search lists and holds words that name things in press releases ("state",
"member", "world", "research"...): :data:`KEPT_WORDS` keeps those.
"""

from __future__ import annotations

import functools
import re

import stopwordsiso
from azerbaijani_stopwords import AZERBAIJANI_STOPWORDS
from stop_words import get_stop_words

from archive.ingest.dates.words import LANGUAGES
from archive.search.analysis import WORD_PATTERN, normalize_word

#: Words some lists hold that press releases use as names of things: "United States",
#: "member states", "world order", "Secretary-General", "research institute".
KEPT_WORDS = frozenset(
    {
        "state",
        "states",
        "member",
        "members",
        "world",
        "information",
        "research",
        "system",
        "interest",
        "interests",
        "group",
        "groups",
        "goods",
        "value",
        "order",
        "general",
        "problem",
        "problems",
        "young",
    }
)

# A folded word that is a number: no letter at all ("2016", "1_000"), or digits with a
# short ending ("1st", "20th", "1er", "90s", "5g").
_NUMBER = re.compile(r"[\W\d_]+|\d+[^\W\d_]{1,3}")


def is_number(word: str) -> bool:
    """Whether a folded word is a number, an ordinal or a decade ("2016", "20th", "90s")."""
    return _NUMBER.fullmatch(word) is not None


def is_left_out(word: str) -> bool:
    """Whether a folded word is never a term, whatever the language: numbers, one letter."""
    return len(word) < 2 or is_number(word)


@functools.cache
def stop_words(language: str | None) -> frozenset[str]:
    """The folded stop words of a language (an ISO 639-1 code), or of all twelve.

    Args:
        language: The document's language; ``None``, or a language without a list,
            gives the lists of the importer's twelve languages together.
    """
    code = (language or "").split("-")[0].casefold()
    words = _library_words(code)
    if not words:
        words = set().union(*(_library_words(each) for each in LANGUAGES))
    return frozenset(_folded(words) - KEPT_WORDS)


def _library_words(code: str) -> set[str]:
    if code == "az":
        return set(AZERBAIJANI_STOPWORDS)
    words = stopwordsiso.stopwords(code) if code else set()
    if code == "uk":
        words |= set(get_stop_words("uk"))
    return words


def _folded(words: set[str]) -> set[str]:
    """Each entry that is one word, folded; entries of several words are left out."""
    folded: set[str] = set()
    for entry in words:
        found = WORD_PATTERN.findall(entry)
        if len(found) == 1:
            folded.add(normalize_word(found[0]))
    return folded
