"""Work out when a document was published, from what its text says.

The order of trust: explicit metadata (a ``date`` header, a heading or line that is a
full date, a dateline with its year); then a dateline without a year, completed with
the year the text points to; then the year alone, inferred from the text. A document
with no evidence stays undated: a file's modification time says when it was copied,
not when it was published.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from archive.ingest.date_patterns import DATELINE, DateMention, find_dates, parse_full_date
from archive.models import DateOrigin, PublicationDate

# How far into the text metadata-like lines are looked for.
_HEADER_LINES = 10
_DATELINE_LINES = 5

# Years whose anniversaries press releases count from ("the 25th anniversary of its
# state independence" → 1991 + 25). Kept small on purpose: add a country when needed.
INDEPENDENCE_YEARS: dict[str, int] = {
    "Azerbaijan": 1991, "Armenia": 1991, "Georgia": 1991, "Kazakhstan": 1991,
    "Kyrgyzstan": 1991, "Tajikistan": 1991, "Turkmenistan": 1991, "Uzbekistan": 1991,
    "Ukraine": 1991, "Belarus": 1991, "Moldova": 1991,
}  # fmt: skip
_COUNTRY = re.compile("|".join(INDEPENDENCE_YEARS))
_ANNIVERSARY = re.compile(
    r"\b(?P<years>\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+[^.;]{0,80}?\bindependence\b",
    re.IGNORECASE,
)

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
# A year on its own: not inside a range ("2019-2022", "2017-19"), a name ("Wave-2024")
# or a decade ("1990s").
_YEAR = re.compile(r"(?<![\w-])(?P<year>19[5-9]\d|20\d\d)(?![\w-])")
_FUTURE = re.compile(
    r"\b(?:will|shall|would|next\s+year|upcoming|forthcoming|plans?\s+to|to\s+be\s+held|"
    r"to\s+hold|going\s+to)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|had|has|have|did|been)\b|\b[a-z]{3,}ed\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|until|till|through|before)\s+$", re.IGNORECASE)
_PAST_WEIGHT, _NEUTRAL_WEIGHT, _FULL_DATE_BONUS = 2, 1, 1
_MIN_YEAR_SCORE = 2


def _explicit_date_line(lines: list[str]) -> datetime.date | None:
    """A line near the top that is only a full date ("#### 28 December 2024")."""
    for line in lines[:_HEADER_LINES]:
        date = parse_full_date(re.sub(r"^\s*date\s*:", "", line, flags=re.IGNORECASE))
        if date is not None:
            return date
    return None


def _dateline(lines: list[str]) -> DateMention | None:
    """The date of a dateline near the top ("Baku, December 22"), year or no year."""
    for line in lines[:_DATELINE_LINES]:
        match = DATELINE.match(line.strip())
        if match is not None:
            mentions = find_dates(match.group("date"))
            if mentions:
                return mentions[0]
    return None


def _anniversary_year(text: str) -> int | None:
    """The year an ordinal anniversary of independence points to."""
    mentioned = Counter(_COUNTRY.findall(text))
    years: Counter[int] = Counter()
    for match in _ANNIVERSARY.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), 0)
        sentence_end = text.find(".", match.end())
        nearby = _COUNTRY.findall(text[sentence_start : sentence_end if sentence_end > 0 else None])
        country = nearby[0] if nearby else (mentioned.most_common(1) or [(None, 0)])[0][0]
        if country is not None:
            years[INDEPENDENCE_YEARS[country] + int(match.group("years"))] += 1
    if not years:
        return None
    return max(years, key=lambda year: (years[year], year))


def infer_year(text: str) -> int | None:
    """The year a text was most likely written in, from the evidence it contains.

    An anniversary of independence is decisive. Otherwise each year mentioned scores
    by its sentence: past tense counts double, future tense not at all, and a full date
    adds a point; the best score wins, the later year on a tie. The result is never
    earlier than a year whose events the text reports in the past tense.

    Args:
        text: The document's plain text.

    Returns:
        The year, or ``None`` when the text gives too little evidence.
    """
    anniversary = _anniversary_year(text)
    if anniversary is not None:
        return anniversary
    scores: Counter[int] = Counter()
    reported: set[int] = set()  # Years of events told in the past tense.
    for sentence in _SENTENCE_BREAK.split(text):
        if _FUTURE.search(sentence):
            continue
        past = _PAST.search(sentence) is not None
        for match in _YEAR.finditer(sentence):
            if _DEADLINE.search(sentence, max(0, match.start() - 10), match.start()):
                continue  # "by 2030" is a target, not a report.
            year = int(match.group("year"))
            scores[year] += _PAST_WEIGHT if past else _NEUTRAL_WEIGHT
            if past:
                reported.add(year)
        for mention in find_dates(sentence):
            if mention.year is not None:
                scores[mention.year] += _FULL_DATE_BONUS
    if not scores:
        return None
    year = max(scores, key=lambda candidate: (scores[candidate], candidate))
    if scores[year] < _MIN_YEAR_SCORE:
        return None
    # A text cannot report in the past tense what happened after it was written.
    return max([year, *reported])


def infer_publication_date(
    text: str, *, header_date: datetime.date | None = None
) -> PublicationDate | None:
    """Find a document's publication date, or infer as much of it as the text allows.

    Args:
        text: The document's plain text (its title first, when the title is not part
            of the text).
        header_date: The date of a metadata header, if the file had one.

    Returns:
        An explicit date, an inferred date or year, or ``None`` for an undated text.
    """
    if header_date is not None:
        return _explicit(header_date)
    lines = [line for line in text.split("\n") if line.strip()]
    line_date = _explicit_date_line(lines)
    if line_date is not None:
        return _explicit(line_date)
    dateline = _dateline(lines)
    if dateline is not None and dateline.year is not None:
        return PublicationDate(dateline.year, dateline.month, dateline.day, DateOrigin.EXPLICIT)
    year = infer_year(text)
    if year is None:
        return None
    if dateline is not None:
        month, day = dateline.month, dateline.day
        try:
            datetime.date(year, month, day)
        except ValueError:
            return PublicationDate(year, month, None, DateOrigin.INFERRED)  # 29 February
        return PublicationDate(year, month, day, DateOrigin.INFERRED)
    return PublicationDate(year, origin=DateOrigin.INFERRED)


def _explicit(date: datetime.date) -> PublicationDate:
    return PublicationDate(date.year, date.month, date.day, DateOrigin.EXPLICIT)
