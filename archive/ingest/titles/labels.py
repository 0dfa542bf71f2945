"""Words about titles shared by every format: comparing them, and telling a label from a headline.

A page or letterhead often shows a label where a reader expects the headline: "Press
release", "Medienmitteilungen", "Communiqué de presse", or a date with such a label.
These never become a document's title.
"""

from __future__ import annotations

import re
import unicodedata

from archive.ingest.dates.labels import labelled_date
from archive.ingest.dates.patterns import find_dates, parse_full_date
from archive.ingest.dates.words import WEEKDAYS, month_key, month_number

# Labels a press office puts above or instead of a headline, in the languages of the
# archive; compared after title_key() (folded case, no punctuation), singular and plural.
PRESS_LABELS: frozenset[str] = frozenset(
    {
        # English
        "press release", "press releases", "news release", "news releases", "media release",
        "media releases", "press statement", "statement", "statements", "news", "latest news",
        "press", "press room", "newsroom", "media", "media centre", "media center",
        "for immediate release", "home", "announcement", "announcements", "press briefing",
        # German
        "pressemitteilung", "pressemitteilungen", "medienmitteilung", "medienmitteilungen",
        "presseinformation", "presseinformationen", "pressemeldung", "pressemeldungen",
        "meldung", "meldungen", "mitteilung", "mitteilungen", "nachrichten", "aktuelles",
        "aktuelle meldungen", "presse", "startseite", "pressestelle",
        # French
        "communiqué", "communiqués", "communiqué de presse", "communiqués de presse",
        "actualités", "actualité", "accueil", "salle de presse",
        # Spanish, Portuguese, Italian
        "comunicado", "comunicados", "comunicado de prensa", "comunicados de prensa",
        "nota de prensa", "notas de prensa", "noticias", "noticia", "prensa", "inicio",
        "comunicado de imprensa", "nota à imprensa", "notícias", "imprensa",
        "comunicato stampa", "comunicati stampa", "notizie", "stampa",
        # Russian, Ukrainian
        "пресс-релиз", "пресс релиз", "пресс-релизы", "новости", "сообщение для печати",
        "заявление", "главная", "новини", "прес-реліз",
        # Turkish, Azerbaijani
        "basın bülteni", "basın açıklaması", "haberler", "duyurular", "duyuru", "ana sayfa",
        "xəbərlər", "mətbuat xəbəri", "press-reliz", "bəyanat",
        # Dutch, Polish
        "persbericht", "persberichten", "nieuws", "komunikat prasowy", "aktualności",
    }
)  # fmt: skip

_SOFT_HYPHEN = "\u00ad"
_DIGIT = re.compile(r"\d")
# What is left of "Pressemitteilung vom 25. Januar" once labels and numbers go.
_MONTH_NAME_WORDS = 2
# Words besides its date a date line may hold ("Ort Saarbrücken Datum").
_MAX_DATE_LINE_WORDS = 4
_NON_WORD = re.compile(r"[\W_]+")
_LEADING_DATE_WORDS = range(5, 0, -1)
_TRAILING_DOT = re.compile(r"[.:,;|–—-]+$")


def title_key(text: str) -> str:
    """A title reduced for comparison: case folded, no punctuation or soft hyphens."""
    text = unicodedata.normalize("NFKC", text.replace(_SOFT_HYPHEN, "")).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def _without_labels_and_dates(text: str) -> str:
    key = _LABEL_WORDS.sub(" ", title_key(text))
    key = re.sub(r"\b\d+\b", " ", key)
    return " ".join(key.split())


def is_generic_title(text: str) -> bool:
    """Whether a candidate title is only a label, a date, or both ("July 22, 2019 Press Release").

    Args:
        text: A candidate title.

    Returns:
        True when nothing but press-office labels, dates and numbers is left of it.
    """
    key = title_key(text)
    if not key:
        return True
    if key in _PRESS_LABEL_KEYS:
        return True
    has_digit = _DIGIT.search(text) is not None  # every full date has a day or a year
    if has_digit and parse_full_date(text) is not None:
        return True
    rest = without_leading_date(text) if has_digit else text
    if rest != text and (not rest or title_key(rest) in _PRESS_LABEL_KEYS):
        return True
    remaining = _without_labels_and_dates(text)
    if not any(char.isalpha() for char in remaining):
        return True
    return len(remaining.split()) <= _MONTH_NAME_WORDS and _only_month_names(remaining)


def is_date_line(text: str) -> bool:
    """Whether a short line is there to state a date: "Date: 13 April 1990", "10.11.2021",
    "Ort Saarbrücken Datum 28.01.2022", " date 1987-03-03".

    A headline that names a day without its year ("U.S. ANALYSTS - March 3") is not.
    """
    stripped = text.strip(" *_#|•·–—-")
    if labelled_date(stripped) is not None or parse_full_date(stripped.rstrip(".,;")):
        return True
    dated = [mention for mention in find_dates(stripped) if mention.year is not None]
    if len(dated) != 1:
        return False
    rest = stripped[: dated[0].start] + stripped[dated[0].end :]
    return len(rest.split()) <= _MAX_DATE_LINE_WORDS


def _only_month_names(remaining: str) -> bool:
    return bool(remaining) and parse_full_date(f"1 {remaining} 2000") is not None


def _is_date_word(word: str) -> bool:
    word = word.strip(".,;:")
    return month_number(word) is not None or month_key(word) in WEEKDAYS


def without_leading_date(text: str) -> str:
    """``text`` without a full date glued to its start ("1. Februar 2022 Bundesministerin…").

    Args:
        text: A title or line.

    Returns:
        The text after the date, or ``text`` itself when it does not start with one.
    """
    words = text.split()
    if not words or not (words[0][:1].isdigit() or _is_date_word(words[0])):
        return text  # every date opens with a number, a month or a weekday
    for count in _LEADING_DATE_WORDS:
        if len(words) <= count:
            continue
        head = _TRAILING_DOT.sub("", " ".join(words[:count]))
        if parse_full_date(head) is not None:
            rest = " ".join(words[count:]).lstrip("|–—-:, ")
            return rest
    return text


_PRESS_LABEL_KEYS: frozenset[str] = frozenset(title_key(label) for label in PRESS_LABELS)
_LABEL_WORDS = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(key) for key in sorted(_PRESS_LABEL_KEYS, key=len, reverse=True))
    + r")(?!\w)"
)
