"""Judge which of several decodings of the same bytes reads like real text.

Detectors such as charset-normalizer need a few hundred bytes to be confident; a
40-byte Russian sentence in cp1251 or "Café in Zürich" in latin-1 is routinely
misjudged. Wrong decodings betray themselves through characters no writer produces:
C1 control codes, Latin and Cyrillic letters mixed inside one word, symbols wedged
between letters, capitals in the middle of lowercase words. Counting those is cheap
and works on a single word.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# Scoring the first part of a long file is enough: a wrong decoding shows at once.
_SAMPLE_CHARS = 65_536

_C1_CONTROLS = re.compile(r"[\x80-\x9f]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"\S+")
# Characters that legitimately sit between letters: apostrophes, dashes, dots.
_WORD_JOINERS = frozenset("'’‘`´-‐‑‒–—.·")

# Penalties, in "implausible characters".
_C1_PENALTY = 5.0
_CONTROL_PENALTY = 3.0
_REPLACEMENT_PENALTY = 4.0
_MIXED_SCRIPT_PENALTY = 2.0
_ODD_CHARACTER_PENALTY = 1.0


def _script(char: str) -> str | None:
    """The writing system of a letter, coarsely; ``None`` for non-letters."""
    if not char.isalpha():
        return None
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x0370 <= code <= 0x03FF:
        return "greek"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0590 <= code <= 0x05FF:
        return "hebrew"
    if 0x0600 <= code <= 0x06FF:
        return "arabic"
    return "other"


def _is_wedged_symbol(previous: str, char: str, following: str) -> bool:
    """A non-ASCII symbol between two letters ("Ì¸Ñ"), not an apostrophe or a dash."""
    if ord(char) <= 0x7F or char.isalpha() or char in _WORD_JOINERS:
        return False
    if unicodedata.category(char)[0] == "M":
        return False  # A combining accent belongs to its letter.
    return previous.isalpha() and following.isalpha()


def _token_penalty(token: str) -> float:
    """Implausibility of one whitespace-separated word."""
    letters = [char for char in token if char.isalpha()]
    if not letters:
        return 0.0
    penalty = 0.0
    scripts = {_script(char) for char in letters}
    if len(scripts) > 1:
        penalty += _MIXED_SCRIPT_PENALTY
    # A word made mostly of accented Latin letters ("Ìèíèñòåðñòâî") is Cyrillic or
    # Greek read through a Western code page.
    if scripts == {"latin"} and len(letters) >= 3:
        accented = sum(1 for char in letters if ord(char) > 0x7F)
        if accented * 2 > len(letters):
            penalty += _ODD_CHARACTER_PENALTY
    for index in range(1, len(token) - 1):
        if _is_wedged_symbol(token[index - 1], token[index], token[index + 1]):
            penalty += _ODD_CHARACTER_PENALTY
    for previous, char in itertools.pairwise(token):
        # "мИНИСТЕРСТВО": the case pattern of a text read through the wrong Cyrillic
        # code page. ASCII camelCase ("iPhone") is left alone.
        if previous.islower() and char.isupper() and (ord(previous) > 0x7F or ord(char) > 0x7F):
            penalty += _ODD_CHARACTER_PENALTY
    return penalty


def implausibility(text: str) -> float:
    """Score how unlike real writing a decoded text is; lower is more plausible.

    Args:
        text: One candidate decoding.

    Returns:
        A penalty roughly counting implausible characters and words.
    """
    sample = text[:_SAMPLE_CHARS]
    score = _C1_PENALTY * len(_C1_CONTROLS.findall(sample))
    score += _CONTROL_PENALTY * len(_CONTROLS.findall(sample))
    score += _REPLACEMENT_PENALTY * sample.count("\ufffd")
    upper = lower = 0
    for token in _TOKEN.findall(sample):
        if token.isascii():
            continue  # Only words with a non-ASCII character differ between decodings.
        score += _token_penalty(token)
        for char in token:
            if ord(char) > 0x7F:
                upper += char.isupper()
                lower += char.islower()
    # Prose is mostly lowercase; a text that turns out mostly capitals was probably
    # read through a code page that swaps the cases (KOI8-R versus cp1251).
    if upper > lower and upper >= 10:
        score += 0.5 * (upper - lower)
    return score
