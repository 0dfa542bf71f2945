"""Regular expressions for dates as press releases write them ("22 December 2018")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Longest names first so that "Sept" is not read as "Sep" followed by "t".
_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

# "22 December 2018", "December 22, 2018", "2018-12-22"; the year is optional in the
# first two so that datelines like "Baku, December 22" match too.
DAY_MONTH = re.compile(
    rf"(?<!\w)(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?(?:\s+(?P<year>{_YEAR}))?(?![\w-])",
    re.IGNORECASE,
)
MONTH_DAY = re.compile(
    rf"(?<![\w-])(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?(?![\w-])",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])")

# A dateline opens a news story: one to three capitalised place names, a date with or
# without its year, and perhaps the agency: "Baku, December 22, AZERTAC",
# "BAKU, Azerbaijan, July 8." or "Baku, 22 December 2018 –".
_AGENCY = r"[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2}"
_PLACE = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?:,\s*{_PLACE}){{0,2}}),\s+"
    rf"(?P<date>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)"
    rf"(?:\s*,\s*(?P<agency>{_AGENCY})|\s*\((?P<agency_in_parentheses>{_AGENCY})\))?"
    r"\s*(?:[.:—–-]+\s*|$)",
)


@dataclass(frozen=True)
class DateMention:
    """A date found in text; ``year`` is ``None`` for "December 22"."""

    year: int | None
    month: int
    day: int
    start: int


def _to_int(day: str) -> int:
    return int(day.lower().rstrip("stndrh"))  # the patterns ignore case: "4TH" too


def _mention(match: re.Match[str]) -> DateMention | None:
    """Validate a match of one of the date patterns."""
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.rstrip(".").lower()]
    day = _to_int(match.group("day"))
    year_text = match.group("year")
    year = int(year_text) if year_text else None
    try:
        datetime.date(year or 2000, month, day)  # 2000 is a leap year: 29 February is fine.
    except ValueError:
        return None
    return DateMention(year, month, day, match.start())


def find_dates(text: str) -> list[DateMention]:
    """Every valid date mentioned in ``text``, in order, with or without a year.

    Args:
        text: Any text.

    Returns:
        The dates found, sorted by position.
    """
    mentions: dict[int, DateMention] = {}
    for pattern in (ISO_DATE, DAY_MONTH, MONTH_DAY):
        for match in pattern.finditer(text):
            mention = _mention(match)
            # Where two patterns overlap ("8 July 9"), the one with a year wins.
            if mention is not None:
                known = mentions.get(mention.start)
                if known is None or (known.year is None and mention.year is not None):
                    mentions[mention.start] = mention
    return [mentions[start] for start in sorted(mentions)]


def parse_full_date(text: str) -> datetime.date | None:
    """Parse ``text`` if it is nothing but one full date ("28 December 2024").

    Args:
        text: A short string such as a heading or a line.

    Returns:
        The date, or ``None`` when the text holds anything else or lacks the year.
    """
    stripped = text.strip().strip("*_#").strip().rstrip(".")
    for pattern in (ISO_DATE, DAY_MONTH, MONTH_DAY):
        match = pattern.fullmatch(stripped)
        if match is not None:
            mention = _mention(match)
            if mention is not None and mention.year is not None:
                return datetime.date(mention.year, mention.month, mention.day)
    return None
