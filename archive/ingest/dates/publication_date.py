"""Work out when a document was published, from what its metadata and its text say.

Evidence is ranked, and the document records which kind won (``PublicationDate.evidence``):

1. what the file's metadata states: front matter, a `` date`` header, a web page's
   ``article:published_time`` or JSON-LD ``datePublished``;
2. the opening lines of the text: a dateline with its year ("MOUNTAIN VIEW, Calif. -
   June 5, 2002 -"), then a labelled date ("Datum: 26. Januar 2022", "Erschienen am"),
   a line that is a date, or a short line with one date ("Im Wortlaut, Deutschlandfunk,
   02. November 2021"); a "last updated" or "snapshot taken on" stamp never counts;
3. a date a web page shows elsewhere (inferred: it may be a related article's);
4. the first full date in the opening paragraph (inferred);
5. a dateline without its year, completed with the year the text points to (inferred);
6. a dateline's month and year ("HYDERABAD, INDIA — February 2026");
7. the year alone, inferred from the years the text reports in the past tense, never
   from a document number, an amount, a target or deadline, or a stamp.

A document with no evidence stays undated: a file's modification time says when it was
copied, not when it was published.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence

from archive.ingest.dates.decoys import year_is_not_a_report
from archive.ingest.dates.labels import in_stamp, labelled_date
from archive.ingest.dates.patterns import (
    DATELINE,
    DateMention,
    find_dates,
    find_month_years,
    parse_full_date,
)
from archive.models import DateOrigin, PublicationDate

# How far into the text date lines and datelines are looked for.
_OPENING_LINES = 15
_DATELINE_LINES = 5
# A dateline with its year opens the story: among the first lines, after a title,
# subtitle, byline or letterhead.
_DATELINE_SEARCH_LINES = 8
# A line this short around its one date is a date line ("Bern, 17.08.2007", "Ort
# Saarbrücken Datum 28.01.2022"), not a sentence that mentions a date.
_MAX_DATE_LINE_WORDS = 8
_MIN_SENTENCE_WORDS = 6
_OPENING_SCAN_CHARS = 6000
_HAS_DIGIT = re.compile(r"\d")
_DIGIT_REACH = 160
# The opening paragraph, where a first full date is likely the publication's.
_OPENING_CHARS = 400
# A date that opens a line with the place after it: "April 17, 2025 (SAINT PAUL) —".
_LINE_START_CHARS = 40
_PLACE_AFTER_DATE = re.compile(r"\s*(?:\(|[—–]|-\s)")

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
# "since early 1989", "seit 2019", "depuis 2015": the text was written after that year,
# but says nothing of how long after.
_SINCE = re.compile(
    r"(?:\b(?:since|seit|depuis|desde|dal|dall'|sin|от|с|із|з|od)\s+(?:(?:early|late|mid|the|"
    r"end\s+of|anfang|ende|début|fin|(?:de\s+)?principios\s+de|finales\s+de)\s+)?"
    r"(?:(?:de\s+|del\s+|l')?(?:year|jahr|année|año|anno)\s+)?)$",
    re.IGNORECASE,
)
_SINCE_AFTER = re.compile(
    r"^(?:['’]?(?:dan|den|tan|ten)\s+(?:beri|bu\s+yana)|-?(?:ci|cı|cu|cü)\s+ildən)", re.I
)
_PAST_WEIGHT, _NEUTRAL_WEIGHT, _FULL_DATE_BONUS = 2, 1, 1
_MIN_YEAR_SCORE = 2


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
            if year_is_not_a_report(sentence, match.start(), match.end()):
                continue  # "DH/2021", "€2021", "à l'horizon 2030", "Last updated 2019"
            if _SINCE.search(sentence, max(0, match.start() - 30), match.start()) or (
                _SINCE_AFTER.match(sentence[match.end() : match.end() + 20])
            ):
                reported.add(int(match.group("year")))  # a lower bound, not the year
                continue
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
    text: str,
    *,
    header_date: datetime.date | None = None,
    claims: Sequence[PublicationDate] = (),
    fallback: Sequence[PublicationDate] = (),
) -> PublicationDate | None:
    """Find a document's publication date, or infer as much of it as the evidence allows.

    Args:
        text: The document's plain text (its title first, when the title is not part
            of the text).
        header_date: The date of a metadata header, if the file had one.
        claims: Dates the file's metadata states, most trusted first.
        fallback: Dates the metadata suggests less firmly (a date found somewhere on a
            web page), used when the text opens with no date.

    Returns:
        An explicit date, an inferred date, month or year, or ``None`` for an undated
        text.
    """
    if claims:
        return claims[0]
    if header_date is not None:
        return _dated(header_date, DateOrigin.EXPLICIT, "date header")
    # Only the opening is read line by line; the year inference reads the whole text.
    lines = [line for line in text[:_OPENING_SCAN_CHARS].split("\n") if line.strip()]
    opening = lines[:_OPENING_LINES]
    found = _dateline_date(opening) or _date_line(opening)
    if found is not None:
        return found
    if fallback:
        first = fallback[0]
        return PublicationDate(
            first.year, first.month, first.day, DateOrigin.INFERRED, first.evidence
        )
    first_date = _first_full_date(text[:_OPENING_CHARS])
    if first_date is not None:
        return first_date
    year = infer_year(text)
    dateline = _dateline_without_year(lines)
    if year is not None and dateline is not None:
        try:
            datetime.date(year, dateline.month, dateline.day)
        except ValueError:  # 29 February
            return PublicationDate(year, dateline.month, None, DateOrigin.INFERRED, "dateline")
        return PublicationDate(year, dateline.month, dateline.day, DateOrigin.INFERRED, "dateline")
    month = _dateline_month(opening)
    if month is not None and (year is None or month.year >= year):
        return month
    if year is None:
        return None
    return PublicationDate(year, origin=DateOrigin.INFERRED, evidence="years in the text")


def _dated(date: datetime.date, origin: DateOrigin, evidence: str) -> PublicationDate:
    return PublicationDate(date.year, date.month, date.day, origin, evidence)


def _mention_date(mention: DateMention, origin: DateOrigin, evidence: str) -> PublicationDate:
    assert mention.year is not None
    return PublicationDate(mention.year, mention.month, mention.day, origin, evidence)


def _dateline_date(lines: list[str]) -> PublicationDate | None:
    """A dateline with its year near the top: "Bern, 17.08.2007 - Rede ...", or a line
    that opens with its date: "April 17, 2025 (SAINT PAUL) — Minnesota ...".
    """
    for line in lines[:_DATELINE_SEARCH_LINES]:
        if not _HAS_DIGIT.search(line, 0, _DIGIT_REACH):
            continue  # every dateline has a day or a year in its first words
        stripped = line.strip().lstrip("*_#>•·–—- ")
        match = DATELINE.match(stripped)
        mentions = find_dates(match.group("date")) if match is not None else []
        if not mentions:
            mentions = [
                mention
                for mention in find_dates(stripped[:_LINE_START_CHARS])
                if mention.start == 0 and _PLACE_AFTER_DATE.match(stripped, mention.end)
            ]
        if mentions and mentions[0].year is not None:
            return _mention_date(mentions[0], DateOrigin.EXPLICIT, "dateline")
    return None


def _date_line(lines: list[str]) -> PublicationDate | None:
    """A labelled date, a line that is a date, or a short line around one date."""
    for index, line in enumerate(lines):
        if not _HAS_DIGIT.search(line) and not (
            index + 1 < len(lines) and _HAS_DIGIT.search(lines[index + 1], 0, _DIGIT_REACH)
        ):
            continue  # no date in it, nor a label's date on the next line
        labelled = labelled_date(line)
        if labelled is None and index + 1 < len(lines):
            labelled = (
                labelled_date(f"{line} {lines[index + 1]}") if line.rstrip().endswith(":") else None
            )
        if labelled is not None:
            return _dated(labelled, DateOrigin.EXPLICIT, "date line")
        stripped = line.strip().strip("*_#>•·|–—- ")
        whole = parse_full_date(stripped.rstrip(".,;"))
        if whole is not None:
            return _dated(whole, DateOrigin.EXPLICIT, "date line")
        mentions = [m for m in find_dates(stripped) if m.year is not None]
        if _is_sentence(stripped):
            continue
        if len(mentions) == 1 and not in_stamp(stripped, mentions[0]):
            words = len((stripped[: mentions[0].start] + stripped[mentions[0].end :]).split())
            if words <= _MAX_DATE_LINE_WORDS and not stripped.endswith(("?", "!")):
                return _mention_date(mentions[0], DateOrigin.EXPLICIT, "date line")
    return None


def _is_sentence(line: str) -> bool:
    """A sentence that mentions a date ("The minister met him on 3 March 1999 in Baku.")."""
    return line.endswith((".", "!", "?")) and len(line.split()) >= _MIN_SENTENCE_WORDS


def _first_full_date(opening: str) -> PublicationDate | None:
    """The first full date of the opening paragraph, unless a stamp's or a future one's."""
    for mention in find_dates(opening):
        if mention.year is None or in_stamp(opening, mention):
            continue
        sentence_start = max(opening.rfind(".", 0, mention.start), 0)
        if _FUTURE.search(opening, sentence_start, mention.start):
            continue
        return _mention_date(mention, DateOrigin.INFERRED, "first date in the text")
    return None


def _dateline_without_year(lines: list[str]) -> DateMention | None:
    """The date of a dateline near the top that gives no year ("Baku, December 22")."""
    for line in lines[:_DATELINE_LINES]:
        match = DATELINE.match(line.strip())
        if match is not None:
            mentions = find_dates(match.group("date"))
            if mentions:
                return mentions[0]
    return None


def _dateline_month(lines: list[str]) -> PublicationDate | None:
    """A month and year where a dateline stands: "HYDERABAD, INDIA — February 2026 —"."""
    for line in lines[:_DATELINE_LINES]:
        for month in find_month_years(line[:120]):
            if not in_stamp(line, month):
                return PublicationDate(
                    month.year, month.month, None, DateOrigin.EXPLICIT, "dateline"
                )
    return None
