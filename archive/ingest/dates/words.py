"""Month and weekday names of the archive's languages, from CLDR (through Babel).

The tables are built once, at import. Every name is kept in its wide and abbreviated
forms, format ("января") and stand-alone ("январь") contexts, and, for names in Latin
script, without its accents too ("fevrier", "Marz", "agustos"), as text copied through
plain ASCII writes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_day_names, get_month_names

# English, French, German, Spanish, Italian, Portuguese, Russian, Turkish, Azerbaijani,
# Dutch, Polish and Ukrainian: the languages the archive's releases are written in.
LANGUAGES: tuple[str, ...] = (
    "en",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "ru",
    "tr",
    "az",
    "nl",
    "pl",
    "uk",
)
# Regional spellings the languages' main locales lack: British "Sept", Austrian
# "Jänner", Canadian French "juill.", Mexican "sep".
_REGIONAL_LOCALES = ("en_GB", "de_AT", "fr_CA", "es_MX")
# Languages that put the month before the day ("December 22, 2018").
MONTH_FIRST_LANGUAGES: tuple[str, ...] = ("en", "en_GB")

SlashOrder = Literal["dmy", "mdy"]

_Width = Literal["wide", "abbreviated"]
_WIDTHS: tuple[_Width, ...] = ("wide", "abbreviated")
_CONTEXTS: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")


def fold_case(text: str) -> str:
    """``text`` in lower case, Turkish dotted and dotless i as "i", and just as long.

    Folded text can be searched with case-sensitive patterns written in lower case,
    several times faster than with ``re.IGNORECASE``; positions in it are positions in
    ``text`` (``str.lower`` alone would make "İ" two characters).

    Args:
        text: Any text.

    Returns:
        The folded text.
    """
    return text.replace("İ", "i").lower().replace("ı", "i")


def month_key(name: str) -> str:
    """The form a month or weekday name is looked up by: lower case, no trailing dot.

    Turkish dotted and dotless i fold to "i", so "MAYIS", "Mayıs" and "mayis" agree.

    Args:
        name: A name as written in a text ("Janv.", "EKİM").

    Returns:
        The lookup key ("janv", "ekim").
    """
    return fold_case(name.rstrip("."))


def _without_accents(name: str) -> str | None:
    """The name with its accents removed, when that leaves plain ASCII ("fevrier")."""
    stripped = "".join(
        char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)
    )
    return stripped if stripped != name and stripped.isascii() else None


def _spellings(names: Iterable[str]) -> set[str]:
    spellings: set[str] = set()
    for name in names:
        bare = month_key(name)
        spellings.add(bare)
        plain = _without_accents(bare)
        if plain is not None:
            spellings.add(plain)
    return spellings


def _month_names(
    languages: Iterable[str], widths: Iterable[_Width], *, capitalised: bool | None = None
) -> dict[str, int]:
    """Every spelling of every month in ``languages``; names that mean two months are left out.

    With ``capitalised``, only the names CLDR writes with (or without) a capital.
    """
    months: dict[str, set[int]] = {}
    for language in languages:
        for width in widths:
            for context in _CONTEXTS:
                for number, name in get_month_names(width, context, language).items():
                    if capitalised is not None and name[0].isupper() != capitalised:
                        continue
                    for spelling in _spellings([name]):
                        months.setdefault(spelling, set()).add(number)
    # A spelling that names two months cannot be read; none does among LANGUAGES today.
    return {name: numbers.pop() for name, numbers in months.items() if len(numbers) == 1}


def _weekday_names(languages: Iterable[str]) -> set[str]:
    names: set[str] = set()
    for language in languages:
        for width in _WIDTHS:
            for context in _CONTEXTS:
                names |= _spellings(get_day_names(width, context, language).values())
    # One-letter abbreviations (Azerbaijani "b.", "ç.") would make any letter a weekday.
    return {name for name in names if len(name) > 1}


def alternation(names: Iterable[str]) -> str:
    """A regular-expression alternation of ``names``, longest first.

    Longest first so that "Sept" is not read as "Sep" followed by "t".

    Args:
        names: Literal words.

    Returns:
        A non-capturing group, e.g. ``(?:september|sept|sep)``.
    """
    ordered = sorted(set(names), key=lambda name: (-len(name), name))
    return "(?:" + "|".join(re.escape(name) for name in ordered) + ")"


# Every spelling of a month, in any of the languages, mapped to its number (1-12).
MONTHS: dict[str, int] = _month_names(LANGUAGES + _REGIONAL_LOCALES, _WIDTHS)
# Only the full names: a month named without a day ("im Februar 2026") must be spelt
# out, or "sie 2022" (Polish "Aug") would be a month in German prose.
WIDE_MONTHS: frozenset[str] = frozenset(_month_names(LANGUAGES + _REGIONAL_LOCALES, ("wide",)))
# Month names of the languages that write "December 22, 2018".
MONTH_FIRST_MONTHS: frozenset[str] = frozenset(_month_names(MONTH_FIRST_LANGUAGES, _WIDTHS))
# Names a language writes with a capital ("Dezember", "Sept", "Mart"), and full names
# only written in lower case ("juin", "декабря", "iyul"), English ones left out: "may"
# and "march" are words too ("Article 2 may be amended").
CAPITALISED_MONTHS: frozenset[str] = frozenset(
    _month_names(LANGUAGES + _REGIONAL_LOCALES, _WIDTHS, capitalised=True)
)
LOWER_CASE_MONTHS: frozenset[str] = (
    frozenset(_month_names(LANGUAGES + _REGIONAL_LOCALES, ("wide",), capitalised=False))
    - MONTH_FIRST_MONTHS
)
WEEKDAYS: frozenset[str] = frozenset(_weekday_names(LANGUAGES + _REGIONAL_LOCALES))

# Regular-expression sources (no flags of their own: compile them with re.IGNORECASE).
MONTH_NAME = alternation(MONTHS)
WIDE_MONTH_NAME = alternation(WIDE_MONTHS)
MONTH_FIRST_MONTH_NAME = alternation(MONTH_FIRST_MONTHS)
WEEKDAY_NAME = alternation(WEEKDAYS)


def month_number(name: str) -> int | None:
    """The number of the month ``name`` spells, in any of :data:`LANGUAGES`.

    Args:
        name: A month name as written ("Dezember", "janv.", "ИЮНЯ").

    Returns:
        1 to 12, or ``None`` for a word that is no month name.
    """
    return MONTHS.get(month_key(name))


def slash_order_for_locale(locale: str) -> SlashOrder | None:
    """Whether a locale writes short numeric dates day first or month first (CLDR).

    Args:
        locale: A language or locale code: "en_US", "en_GB", "de", "fr-CA".

    Returns:
        ``"mdy"`` for "M/d/yy" locales (plain "en" is American English), ``"dmy"`` for
        day-first ones, ``None`` for year-first locales or an unknown code.
    """
    try:
        pattern = get_date_format("short", Locale.parse(locale.replace("-", "_"))).pattern
    except (UnknownLocaleError, ValueError):
        return None
    letters = [char for char in pattern if char in "dMy"]
    if not letters or letters[0] == "y":
        return None
    return "mdy" if letters[0] == "M" else "dmy"
