"""The shapes dates take in press releases, as regular expressions.

Each pattern names its parts ``day``, ``month`` and ``year`` (or ``first`` and
``second`` where day and month may come in either order); :mod:`date_patterns` reads
and validates the matches. Month names come from CLDR (:mod:`date_words`), in any of
the archive's languages and in any case.
"""

from __future__ import annotations

import re

from archive.ingest.dates.words import (
    MONTH_FIRST_MONTH_NAME,
    MONTH_NAME,
    WEEKDAY_NAME,
    WIDE_MONTH_NAME,
)

# A day, perhaps ordinal: "22", "1st", "1er" (French), "1º" (Portuguese), "4TH".
DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|°)?"
_ORDINAL = r"(?:st|nd|rd|th|er|º|°)"


def _first_digit(not_after: str) -> str:
    """A digit that does not follow ``not_after`` (a character class or sequence).

    Patterns that start with this, rather than with a look-behind, let the regular
    expression engine skip straight to the next digit: five times faster on prose.
    """
    return rf"\d(?<!{not_after}\d)"


_DIGIT_NOT_IN_WORD = _first_digit(r"\w")
_DIGIT_NOT_IN_CODE = _first_digit(r"[\w-]")  # Not in "Wave-2024".
_DIGIT_NOT_IN_NUMBER = _first_digit(r"[\w/.-]")  # Not in "1/12/06/2024" or "1.12/06".
_DIGIT_NOT_IN_DECIMAL = _first_digit(r"[\w.,]")  # Not in "1.12.06.2024".

YEAR = r"(?:1[89]\d\d|20\d\d)"
# "22 April '96": a two-digit year only with its apostrophe, or "12.06.24" would be read.
_YEAR_OR_ELIDED = rf"(?:{YEAR}|['’‘]\d\d)"
# Words that follow a year: Russian "г." / "года", Ukrainian "р." / "року", Polish
# "r." / "roku", Azerbaijani "-ci il", Turkish "yılı". CLDR's long date patterns hold
# only the abbreviations ("d MMMM y 'г'."), so the inflected words are listed here.
_YEAR_WORDS = r"(?:\s*(?:г\.?|года|году|р\.?|року|r\.|roku)|-c[iıuü](?:\s+il)?|\s+yılı)"
# Linking words: Spanish and Portuguese "12 de junio de 2024", English "22nd of May".
_OF = r"(?:(?:de|del|of)\s+)"
# A date ends at a word's end and not inside a number ("November 1.246 migrants").
END = r"(?![\w-]|[.,]\d)"

# "22 December 2018", "22. Dezember 2018", "12 de junio de 2024", "12 июня 2024 г.",
# "8 iyul 2025-ci il", "22 April '96"; the year is optional ("Baku, 22 December").
DAY_MONTH = re.compile(
    rf"(?P<day>{_DIGIT_NOT_IN_WORD}(?<!\d[.,]\d)\d?{_ORDINAL}?)(?:\.\s*|\s+)"
    rf"{_OF}?(?P<month>{MONTH_NAME})\.?"
    rf"(?:,?\s+{_OF}?(?P<year>{_YEAR_OR_ELIDED}){_YEAR_WORDS}?)?{END}",
    re.IGNORECASE,
)
# "December 22, 2018", "Feb. 10, 2016", "July 22,  2019": English month names only,
# as only English writes the month first. The year is optional ("Baku, December 22").
MONTH_DAY = re.compile(
    rf"(?<![\w-])(?P<month>{MONTH_FIRST_MONTH_NAME})(?:\.\s*|\s+)(?P<day>{DAY})"
    rf"(?:,?\s+(?P<year>{_YEAR_OR_ELIDED}))?{END}",
    re.IGNORECASE,
)
# "2018-12-22", also as the start of a timestamp ("2019-11-06T12:00:00Z").
ISO_DATE = re.compile(
    rf"(?P<year>{_DIGIT_NOT_IN_CODE}\d{{3}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})"
    r"(?:(?![\w-])|(?=T\d))"
)
# "2024/06/12": year first, so day and month are certain.
YEAR_FIRST_SLASH_DATE = re.compile(
    rf"(?P<year>{_DIGIT_NOT_IN_NUMBER}\d{{3}}(?<={YEAR}))/(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})"
    r"(?![\w/]|[.,]\d)"
)
# "12.06.2024", "12. 06. 2024", "1.2.2024": with dots the day comes first. Only with
# four digits in the year: "12.06.24" is as likely a version or a score.
DOTTED_DATE = re.compile(
    rf"(?P<day>{_DIGIT_NOT_IN_DECIMAL}\d?)\.\s?(?P<month>\d{{1,2}})\.\s?(?P<year>{YEAR}){END}"
)
# "12/06/2024", "04/21/2022", "12-06-2024": day first in Europe, month first in the
# United States; the matches are read only where the order is certain or known.
SLASH_DATE = re.compile(
    rf"(?P<first>{_DIGIT_NOT_IN_NUMBER}\d?)(?P<separator>[/-])(?P<second>\d{{1,2}})"
    rf"(?P=separator)(?P<year>{YEAR})(?![\w/-]|[.,]\d)"
)
# "February 2026", "im Februar 2026", "en febrero de 2026": a month spelt out in full,
# then the year. Whether a day comes before it is for the reader to check.
MONTH_YEAR = re.compile(
    rf"(?<![\w-])(?P<month>{WIDE_MONTH_NAME})\.?,?\s+{_OF}?(?P<year>{YEAR}){_YEAR_WORDS}?{END}",
    re.IGNORECASE,
)
# What comes before a month when the month is part of a full date ("12 de junio").
DAY_BEFORE_MONTH = re.compile(rf"\d(?:st|nd|rd|th|er|º|°)?\.?\s*{_OF}?\Z", re.IGNORECASE)
# A weekday before a date: "Friday, December 23, 2016", "vendredi 23 décembre 2016".
LEADING_WEEKDAY = re.compile(rf"(?:{WEEKDAY_NAME})\.?,?\s+", re.IGNORECASE)


def unnamed(pattern: re.Pattern[str]) -> str:
    """The source of ``pattern`` with its named groups made anonymous.

    So that several date shapes can be combined into one larger pattern (a dateline),
    which could not hold two groups of the same name.

    Args:
        pattern: One of the patterns above.

    Returns:
        Its source, each ``(?P<name>`` turned into ``(?:``; a repeated separator
        (``(?P=separator)``) may then be either separator.
    """
    source = pattern.pattern.replace("(?P=separator)", "[/-]")
    return re.sub(r"\(\?P<\w+>", "(?:", source)
