"""The archive's vocabulary: every distinct folded, unstemmed word, in a sorted list.

Prefix, wildcard and fuzzy terms are expanded against it, and "did you mean" suggestions
are drawn from it, so a suggestion is a word as it occurs in the archive ("negotiations",
never the stem "negoti").

It lives in a small text file next to the Whoosh index instead of in a Whoosh field: an
unstemmed field (or Whoosh's ``spelling=True``, which adds one) costs a posting per
distinct word per document, which nearly doubled the time to index; the vocabulary costs
one regex pass per document and one line per distinct word. Words of deleted documents
stay until the next rebuild; that is harmless, because an expanded word that no document
has matches nothing and a suggestion is only offered if it finds something.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton

from archive.search.analysis import WORD_PATTERN, fold_pattern, normalize_word

# Longer "words" are junk (encoded data, runs of underscores) and only bloat the list.
MAX_WORD_LENGTH = 40
_HAS_LETTER = re.compile(r"[^\W\d_]")


def words_of(text: str) -> set[str]:
    """Return the distinct vocabulary words of ``text``: folded, unstemmed, with a letter.

    Numbers are left out: nobody misspells them, and they would crowd the list.
    """
    words = {normalize_word(raw) for raw in set(WORD_PATTERN.findall(text))}
    return {word for word in words if len(word) <= MAX_WORD_LENGTH and _HAS_LETTER.search(word)}


def literal_prefix_length(pattern: str) -> int:
    """How many letters of a wildcard pattern come before its first ``*``."""
    star = pattern.find("*")
    return len(pattern) if star < 0 else star


class Vocabulary:
    """A sorted list of words, searchable by prefix, wildcard and edit distance.

    Args:
        words: The words, in any order.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words = sorted(set(words))

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """Read a vocabulary saved by :meth:`save`; a missing file is an empty one."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        vocabulary = cls()
        # Saved sorted and deduplicated, so the list is taken as it is.
        vocabulary._words = text.split("\n") if text else []
        return vocabulary

    def save(self, path: Path) -> None:
        """Write the vocabulary atomically (readers see the old file or the new one)."""
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text("\n".join(self._words), encoding="utf-8")
        os.replace(temporary, path)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        index = bisect_left(self._words, word) if isinstance(word, str) else len(self._words)
        return index < len(self._words) and self._words[index] == word

    def with_words(self, words: Iterable[str]) -> Vocabulary:
        """Return this vocabulary with ``words`` added, or itself if it has them all."""
        new_words = {word for word in words if word not in self}
        if not new_words:
            return self
        return Vocabulary([*self._words, *new_words])

    def starting_with(self, prefix: str) -> Iterator[str]:
        """Yield the words that start with ``prefix``, in order."""
        words = self._words
        for index in range(bisect_left(words, prefix), len(words)):
            if not words[index].startswith(prefix):
                return
            yield words[index]

    def matching(self, pattern: str) -> Iterator[str]:
        """Yield the words matching a pattern where ``*`` stands for any letters."""
        regex = re.compile(".*".join(re.escape(part) for part in pattern.split("*")))
        for word in self.starting_with(pattern[: literal_prefix_length(pattern)]):
            if regex.fullmatch(word):
                yield word

    def within(self, word: str, max_distance: int, shared_prefix: int) -> Iterator[str]:
        """Yield the words within ``max_distance`` edits of ``word`` (itself included).

        Args:
            word: A folded word.
            max_distance: Damerau-Levenshtein distance.
            shared_prefix: How many first letters the words must share with ``word``.
        """
        automaton = levenshtein_automaton(fold_pattern(word), max_distance, shared_prefix)
        yield from find_all_matches(automaton.to_dfa(), self._next_word_from)

    def _next_word_from(self, text: str) -> str | None:
        """The first word not sorting before ``text`` (how the automaton skips ahead)."""
        index = bisect_left(self._words, text)
        return self._words[index] if index < len(self._words) else None
