"""Join lines that a line wrap split, undoing hyphenation only where it was added.

"inde-" + "pendence" must become "independence", but "Nagorno-" + "Karabakh" must
stay "Nagorno-Karabakh". The document itself is the best dictionary: a compound it
spells elsewhere with a hyphen keeps it, a word it spells elsewhere in one piece is
joined. Only without such evidence do capitalisation and word shapes decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
# A line that ends inside a word: a letter, then a hyphen, then nothing.
_BROKEN_WORD_END = re.compile(r"(?P<head>[^\W\d_]+)[-‐]$")
# What a line ends with if a hyphen ends it ("$" also matches before a final newline).
_HYPHEN_ENDINGS = ("-", "‐", "-\n", "‐\n")
_FIRST_WORD = re.compile(r"[^\W_]+")
_MIN_PART_LENGTH = 3
_MIN_COMPOUND_TAIL = 5
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ary", "ous")


@dataclass(frozen=True)
class Vocabulary:
    """The words a document spells out whole, lower-cased.

    Attributes:
        words: Words without a hyphen ("independence").
        compounds: Hyphenated words ("nagorno-karabakh").
    """

    words: frozenset[str]
    compounds: frozenset[str]


def ends_with_broken_word(line: str) -> bool:
    """Whether ``line`` (already stripped) ends with a word cut by a hyphen."""
    # Most lines do not end in a hyphen: say so without scanning the whole line.
    if not line.endswith(_HYPHEN_ENDINGS):
        return False
    return _BROKEN_WORD_END.search(line) is not None


def build_vocabulary(lines: Iterable[str]) -> Vocabulary:
    """Collect the whole words of a document, leaving out the pieces of broken words.

    Args:
        lines: The document's lines, in order (blank lines included).

    Returns:
        The vocabulary to judge hyphenated line breaks with.
    """
    words: set[str] = set()
    compounds: set[str] = set()
    after_break = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue  # A page break may sit between the two halves of a word.
        matches = list(_WORD.finditer(stripped))
        broken = ends_with_broken_word(stripped)
        for index, match in enumerate(matches):
            if (index == 0 and after_break) or (broken and index == len(matches) - 1):
                continue
            word = match.group().lower()
            (compounds if "-" in word or "‐" in word else words).add(word)
        after_break = broken
    return Vocabulary(frozenset(words), frozenset(compounds))


def keeps_hyphen(head: str, tail: str, vocabulary: Vocabulary) -> bool:
    """Decide whether the hyphen between ``head-`` and ``tail`` is a real one.

    Args:
        head: The letters before the hyphen at the end of a line ("inde").
        tail: The first word of the next line ("pendence").
        vocabulary: The document's own words.

    Returns:
        True for a compound ("Nagorno-Karabakh"), False for a word split by a wrap.
    """
    if f"{head}-{tail}".lower() in vocabulary.compounds:
        return True
    if f"{head}{tail}".lower() in vocabulary.words:
        return False
    if tail[:1].isupper() or tail[:1].isdigit():
        return True
    tail_is_word = tail.lower() in vocabulary.words
    # Two whole words on both sides ("policy-making"), never a syllable.
    long_enough = len(head) >= _MIN_PART_LENGTH and len(tail) >= _MIN_PART_LENGTH
    if long_enough and tail_is_word and head.lower() in vocabulary.words:
        return True
    # An adjective before a word the text uses ("financial-economic"): syllables
    # rarely end in these suffixes right before a whole word of five letters or more.
    return (
        tail_is_word
        and len(tail) >= _MIN_COMPOUND_TAIL
        and len(head) >= _MIN_COMPOUND_TAIL
        and head.lower().endswith(_ADJECTIVE_ENDINGS)
    )


def join_wrapped_lines(lines: Sequence[str], vocabulary: Vocabulary) -> str:
    """Join the lines of one paragraph into a single line.

    Args:
        lines: Stripped, non-empty lines that a wrap separated.
        vocabulary: The document's own words, for hyphenated breaks.

    Returns:
        The paragraph as one line.
    """
    parts: list[str] = []
    for line in lines:
        if not parts:
            parts.append(line)
            continue
        # Only the previous line is searched: the paragraph may be very long.
        broken = _BROKEN_WORD_END.search(parts[-1]) if ends_with_broken_word(parts[-1]) else None
        tail = _FIRST_WORD.match(line)
        if broken is not None and tail is not None:
            if not keeps_hyphen(broken.group("head"), tail.group(), vocabulary):
                parts[-1] = parts[-1][:-1]
            parts.append(line)
        else:
            parts.extend((" ", line))
    return "".join(parts)
