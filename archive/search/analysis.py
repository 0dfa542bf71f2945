"""Text analysis shared by indexing, querying, highlighting and suggestions.

Every word goes through the same steps, so a query finds what a reader would call the
same word:

1. **Tokenize** the original text into words. Hyphens split words ("Nagorno-Karabakh" is
   the two words "nagorno" and "karabakh" at consecutive positions, so both ``karabakh``
   and the phrase ``"Nagorno-Karabakh"`` find it); apostrophes between letters keep a word
   whole ("Aliyev's", "O'Brien").
2. **Fold** each word (:func:`fold`): case and accents are ignored, with the Turkish and
   Azerbaijani dotted and dotless i handled (``ilham`` finds "İlham", ``baki`` finds
   "Bakı"). A possessive "'s" is dropped and other apostrophes removed.
3. **Stem** it with the compiled Snowball English stemmer, so ``negotiation`` finds
   "negotiations".

There is no stop-word list: phrases such as "Ministry of Foreign Affairs" match exactly.
Tokens keep the character offsets of the original text, so highlights land on the words
as they were written.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

import Stemmer
from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer

# Letters that Unicode decomposition leaves alone (or, for İ, decomposes into "i" plus a
# combining dot that lowercasing keeps), and apostrophe look-alikes that would otherwise
# split or change a word. The acute accent (´) must be replaced before NFKD, which would
# turn it into a space and a combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "İ": "i",
        "ı": "i",
        "Ə": "e",
        "ə": "e",
        "Ø": "o",
        "ø": "o",
        "Ł": "l",
        "ł": "l",
        "Đ": "d",
        "đ": "d",
        "Ð": "d",
        "ð": "d",
        "Ħ": "h",
        "ħ": "h",
        "Þ": "th",
        "þ": "th",
        "ẞ": "ss",
        "ß": "ss",
        "Æ": "ae",
        "æ": "ae",
        "Œ": "oe",
        "œ": "oe",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
    }
)

_APOSTROPHES = "'’‘ʼ`´"
# \w plus the combining diacritics, so text stored decomposed (NFD, common in text copied
# from PDFs or macOS) still forms whole words.
_WORD_CHAR = r"[\w\u0300-\u036f]"
WORD_PATTERN = re.compile(rf"{_WORD_CHAR}+(?:[{_APOSTROPHES}]{_WORD_CHAR}+)*")
# Where a word of WORD_PATTERN can start and end: not inside a run of word characters,
# nor right after or before an apostrophe that joins two runs into one word.
_WORD_START = rf"(?<!{_WORD_CHAR})(?<!{_WORD_CHAR}[{_APOSTROPHES}])"
_WORD_END = rf"(?!{_WORD_CHAR})(?![{_APOSTROPHES}]{_WORD_CHAR})"


def whole_words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding exactly the words of :data:`WORD_PATTERN` spelled as one of ``words``.

    Scanning a text for a few known spellings with one compiled pattern is several times
    faster than tokenizing every word of it in Python.

    Args:
        words: Words as :data:`WORD_PATTERN` finds them (original spelling); not empty.
    """
    # Longest first: "policy's" must be tried before "policy".
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(f"{_WORD_START}(?:{alternatives}){_WORD_END}")


_STARTS_A_WORD = re.compile(_WORD_START)
_ENDS_A_WORD = re.compile(_WORD_END)


def is_whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word of :data:`WORD_PATTERN`."""
    return bool(_STARTS_A_WORD.match(text, start) and _ENDS_A_WORD.match(text, end))


_per_thread = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """This thread's English stemmer: PyStemmer's stemmers are not thread-safe."""
    stemmer: Stemmer.Stemmer | None = getattr(_per_thread, "stemmer", None)
    if stemmer is None:
        stemmer = _per_thread.stemmer = Stemmer.Stemmer("english")
    return stemmer


def fold(text: str) -> str:
    """Fold case and accents the way the search index does.

    ``"İlham"``, ``"Ilham"`` and ``"ılham"`` all become ``"ilham"``; ``"Türkiye"`` becomes
    ``"turkiye"``, ``"Bakı"`` ``"baki"``, ``"Straße"`` ``"strasse"``. Apostrophe
    look-alikes become ``'``.

    The result can be longer or shorter than the input (ß becomes "ss"), so never apply
    its offsets to the original text: use :func:`iter_words` for that.

    Args:
        text: Any text.

    Returns:
        The folded text.
    """
    folded = text.translate(_SPECIAL_LETTERS)
    if not folded.isascii():
        folded = _without_marks(folded)
    folded = folded.casefold()
    # Compatibility forms can decompose to capitals (𝓐 is A), and casefolding can add
    # marks back, so a non-ASCII result goes round once more.
    if not folded.isascii():
        folded = _without_marks(folded.translate(_SPECIAL_LETTERS)).casefold()
    return folded


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=100_000)
def normalize_word(word: str) -> str:
    """Fold one tokenized word into its unstemmed index form.

    A trailing possessive "'s" is dropped and other apostrophes removed, so
    ``"Aliyev`s"`` becomes ``"aliyev"`` and ``"O'Brien"`` ``"obrien"``.

    Args:
        word: One word as matched by :data:`WORD_PATTERN`.

    Returns:
        The folded, unstemmed word.
    """
    folded = fold(word)
    if "'" in folded:
        if folded.endswith("'s"):
            folded = folded[:-2]
        folded = folded.replace("'", "")
    return folded


def stem(word: str) -> str:
    """Stem a word already passed through :func:`normalize_word` (English Snowball)."""
    stemmed: str = _stemmer().stemWord(word)
    return stemmed


@lru_cache(maxsize=100_000)
def index_term(word: str) -> str:
    """The indexed form of one tokenized word: folded and stemmed.

    Equal to what :func:`make_analyzer` makes of the word, in one cached step.

    Args:
        word: One word as matched by :data:`WORD_PATTERN`.
    """
    return stem(normalize_word(word))


def fold_pattern(text: str) -> str:
    """Fold the text of a wildcard, prefix or fuzzy term without tokenizing it."""
    return fold(text).replace("'", "")


class WordSpan(NamedTuple):
    """One word of a text: where it is in the original, and its index forms."""

    start: int
    end: int
    word: str  # folded, unstemmed
    stem: str


def iter_words(text: str) -> Iterator[WordSpan]:
    """Yield the words of ``text`` with their offsets in ``text`` and their index forms.

    Args:
        text: Original (unfolded) text.

    Yields:
        One :class:`WordSpan` per word, in order.
    """
    stem_word = _stemmer().stemWord
    for match in WORD_PATTERN.finditer(text):
        word = normalize_word(match.group())
        yield WordSpan(match.start(), match.end(), word, stem_word(word))


class WordToken(Token):
    """A token that knows whether it may be stemmed.

    The query parser hands wildcard, prefix, fuzzy and range texts to the analyzer whole
    (``tokenize=False``); those are matched against unstemmed words (see
    :mod:`archive.search.expansion`), so they are folded but not stemmed.
    """

    stemmable: bool
    original: str


class WordTokenizer(Tokenizer):
    """Split text into folded words, keeping original positions and offsets."""

    def __call__(
        self,
        value: str,
        *,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield one reused token per word (Whoosh's convention, for speed).

        Args:
            value: The text to analyze.
            positions: Record each token's word position.
            chars: Record each token's character offsets in ``value``.
            keeporiginal: Keep the original spelling in ``token.original``.
            removestops: Passed on to the token (there is no stop filter).
            start_pos: Position of the first word.
            start_char: Offset added to character offsets.
            tokenize: False to yield ``value`` whole (wildcards, prefixes, ranges).
            mode: ``"index"`` or ``"query"``, passed on to the token.
            **kwargs: Further token attributes.

        Yields:
            The same :class:`WordToken`, updated for each word.
        """
        token = WordToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not tokenize:
            token.text = fold_pattern(value)
            token.stemmable = False
            if keeporiginal:
                token.original = value
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return

        token.stemmable = True
        for position, match in enumerate(WORD_PATTERN.finditer(value), start_pos):
            original = match.group()
            token.text = normalize_word(original)
            token.stopped = False
            if keeporiginal:
                token.original = original
            if positions:
                token.pos = position
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class EnglishStemFilter(Filter):
    """Stem tokens with PyStemmer's compiled Snowball English stemmer.

    PyStemmer keeps its own cache of recent words, and is several times faster than
    Whoosh's pure-Python Porter stemmer. Marked as morphological, so Whoosh can skip it
    (``no_morph=True``) where unstemmed words are wanted. Holds no stemmer itself (the
    stemmer is per thread), so it pickles with the schema into the index.
    """

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        """Stem each stemmable token in place.

        Args:
            tokens: Tokens from :class:`WordTokenizer`.

        Yields:
            The same tokens, stemmed where allowed.
        """
        stem_word = _stemmer().stemWord
        for token in tokens:
            if token.stemmable:  # type: ignore[attr-defined]
                token.text = stem_word(token.text)
            yield token


def make_analyzer() -> CompositeAnalyzer:
    """The analyzer of the searchable text fields: words, folded, stemmed."""
    return WordTokenizer() | EnglishStemFilter()


def make_unstemmed_analyzer() -> CompositeAnalyzer:
    """The analyzer of fields of names (the source): words, folded, not stemmed."""
    return CompositeAnalyzer(WordTokenizer())
