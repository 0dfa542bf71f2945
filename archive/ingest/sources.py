"""Name the agency or ministry a document comes from, when the text says so."""

from __future__ import annotations

import re
from collections import Counter

from archive.ingest.dates.patterns import DATELINE

# Canonical name → the spellings found in datelines and credits.
KNOWN_AGENCIES: dict[str, tuple[str, ...]] = {
    "AZERTAC": ("AZERTAC", "AzerTAc", "Azertac"),
    "Trend": ("Trend News Agency", "Trend"),
    "APA": ("APA",),
    "Report.az": ("Report.az", "Report"),
    "News.az": ("News.az",),
    "Azernews": ("Azernews", "AzerNews"),
    "Reuters": ("Reuters",),
    "AP": ("Associated Press", "AP"),
    "AFP": ("Agence France-Presse", "AFP"),
    "TASS": ("TASS",),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti",),
    "Xinhua": ("Xinhua",),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu"),
}
_ALIAS_TO_NAME = {alias: name for name, aliases in KNOWN_AGENCIES.items() for alias in aliases}
_ALIASES = "|".join(re.escape(alias) for alias in sorted(_ALIAS_TO_NAME, key=len, reverse=True))

# Credits: ", Trend reports." / "— AFP" at a paragraph's end / "Source: Reuters".
_CREDITS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"[,;(—–-]\s*(?P<name>{_ALIASES})\s+(?:reports|reported|informs|writes)\b"),
    re.compile(rf"[—–-]\s*(?P<name>{_ALIASES})\s*$", re.MULTILINE),
    re.compile(rf"^\s*(?:Source|Via)\s*:\s*(?P<name>{_ALIASES})\b", re.MULTILINE | re.I),
)
_DATELINE_PARAGRAPHS = 3

# A text that presents itself as the ministry's own press release.
MINISTRY = "Ministry of Foreign Affairs"
_MINISTRY_NAME = (
    r"(?:(?P<adjective>[A-Z][a-z]+)\s+)?(?:Foreign\s+Ministry|Ministry\s+of\s+Foreign\s+Affairs)"
    r"(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<country>[A-Z][a-z]+))?"
)
_PRESS_RELEASE = re.compile(
    rf"press\s+release\s+(?:of|by|from|issued\s+by)\s+(?:the\s+)?{_MINISTRY_NAME}", re.I
)
_MINISTRY_TITLE = re.compile(r"^(?:Foreign\s+)?(?:Ministry|MFA)\s*:", re.I)
_MINISTRY_MENTION = re.compile(_MINISTRY_NAME)
_OPENING_CHARS = 2000
# Adjectives a ministry is named with ("the Azerbaijani Foreign Ministry").
_COUNTRY_ADJECTIVES: dict[str, str] = {
    "Azerbaijani": "Azerbaijan", "Armenian": "Armenia", "Georgian": "Georgia",
    "Russian": "Russia", "Turkish": "Türkiye", "Iranian": "Iran", "Kazakh": "Kazakhstan",
    "Uzbek": "Uzbekistan", "Ukrainian": "Ukraine", "Chinese": "China", "French": "France",
    "German": "Germany", "British": "United Kingdom", "Italian": "Italy",
}  # fmt: skip
# First words of longer state names ("the United States", "the Islamic Republic of
# Iran"): one word cannot name the country, so the ministry stays unnamed.
_NOT_COUNTRY_NAMES = frozenset({"United", "Islamic", "Kingdom", "People", "Federal", "State"})


def _agency_credit(text: str) -> str | None:
    paragraphs = [p for p in text.split("\n\n") if p.strip()][:_DATELINE_PARAGRAPHS]
    for paragraph in paragraphs:
        dateline = DATELINE.match(paragraph.strip())
        if dateline is not None:
            credited = dateline.group("agency") or dateline.group("agency_in_parentheses")
            if credited in _ALIAS_TO_NAME:
                return _ALIAS_TO_NAME[credited]
    found = [match for pattern in _CREDITS for match in pattern.finditer(text)]
    if found:
        return _ALIAS_TO_NAME[min(found, key=lambda match: match.start()).group("name")]
    return None


def _country(match: re.Match[str]) -> str | None:
    """The country a ministry mention names, if one word can say which."""
    word = match.group("country") or match.group("adjective") or ""
    if word in _COUNTRY_ADJECTIVES:
        return _COUNTRY_ADJECTIVES[word]  # "the Russian Federation", "Azerbaijani".
    if match.group("country") and word not in _NOT_COUNTRY_NAMES:
        return word
    return None


def _ministry(text: str, title: str) -> str | None:
    opening = f"{title}\n\n{text[:_OPENING_CHARS]}"
    release = _PRESS_RELEASE.search(opening)
    if release is None and not _MINISTRY_TITLE.match(title):
        return None
    countries = Counter(
        country
        for match in ([release] if release else []) + list(_MINISTRY_MENTION.finditer(opening))
        if (country := _country(match)) is not None
    )
    if not countries:
        return MINISTRY
    return f"{MINISTRY} of {countries.most_common(1)[0][0]}"


def detect_source(text: str, title: str = "") -> str | None:
    """The agency credited in a text, or the ministry whose press release it is.

    An agency credit ("Baku, December 22, AZERTAC", "…, Trend reports.") wins over a
    ministry mention: the agency published the text, quoting the ministry.

    Args:
        text: The document's plain text.
        title: The document's title (a "Ministry: …" title names the source).

    Returns:
        A canonical name such as ``"AZERTAC"`` or
        ``"Ministry of Foreign Affairs of Azerbaijan"``, or ``None``.
    """
    return _agency_credit(text) or _ministry(text, title)
