"""Labels that say what a date is: the publication date, or a stamp that is not one.

"Published on 12 June 2024", "Datum: 25.01.2022" and "For immediate release —
January 31, 1996" name the publication date; "Last modified September 16, 2004",
"Stand: 25.01.2022", "snapshot … taken on April 21, 2008" or "Abgerufen am …" name
when a page was changed, archived, read or printed: later than its publication, and
never evidence of it. The labels are grammar words, typed here for each language of
:data:`date_words.LANGUAGES`.
"""

from __future__ import annotations

import datetime
import re

from archive.ingest.dates.patterns import DateMention, MonthYear, find_dates
from archive.ingest.dates.words import WEEKDAY_NAME, SlashOrder, fold_case

# Where one label begins another ("Date", "Date de publication"), the longer is an
# option of the shorter: the first alternative that matches is the one taken.
_PUBLICATION_LABELS = (
    # English (and French "Date de publication")
    r"date(?:\s+(?:of\s+(?:publication|issue|release)|de\s+(?:publication|parution|diffusion)))?",
    r"dated",
    r"(?:posted|published|issued|released|created)(?:\s+(?:on|at))?",
    r"(?:publication|release|issue|news|press\s+release)\s+date",
    r"press\s+release\s+(?:of|dated)",
    r"for\s+immediate\s+release",
    r"embargo(?:ed)?(?:\s+(?:until|till|to))?",
    # German
    r"datum",
    r"(?:veröffentlicht|erschienen|erstellt|publiziert|herausgegeben)(?:\s+am)?",
    r"(?:presse|medien)?(?:mitteilung|meldung|information)\s+vom",
    r"veröffentlichungsdatum",
    r"sperrfrist",
    # French
    r"(?:publié|paru|diffusé|mis\s+en\s+ligne)e?(?:\s+le)?",
    r"communiqué(?:\s+de\s+presse)?\s+du",
    # Spanish, Italian and Portuguese (and Polish "Data publikacji")
    r"fecha(?:\s+de\s+publicación)?",
    r"publicad[oa](?:\s+(?:el|em))?",
    r"comunicado(?:\s+de\s+prensa)?\s+del?",
    r"data(?:\s+(?:d[ie]\s+(?:pubblicazione|publicação)|publikacji))?",
    r"pubblicat[oa](?:\s+il)?",
    r"comunicato(?:\s+stampa)?\s+del",
    # Russian and Ukrainian
    r"дата(?:\s+(?:публикации|публікації))?",
    r"(?:опубликован|опубліковано|размещено)[оа]?",
    # Turkish and Azerbaijani
    r"tarih(?:i)?",
    r"(?:yayın|yayınlanma|yayımlanma)\s+tarihi",
    r"tarix(?:i)?",
    r"dərc\s+(?:olunub|edilib|tarixi)",
    # Dutch and Polish
    r"(?:gepubliceerd|verschenen)(?:\s+op)?",
    r"publicatiedatum",
    r"opublikowano",
)

_STAMP_LABELS = (
    # English
    r"(?:page\s+)?last\s+(?:modified|updated|update|changed|edited|reviewed|revised)"
    r"(?:\s+(?:on|at))?",
    r"(?:date\s+)?(?:modified|updated|revised)(?:\s+(?:on|at))?",
    r"snapshot\b[^\n]{0,80}?\btaken\s+on",
    r"(?:archived|captured|crawled|saved|accessed|retrieved|viewed|downloaded|printed|generated)"
    r"(?:\s+(?:on|from|at))?",
    r"©",
    r"\(c\)",
    r"copyright",
    # German
    r"letzte\s+(?:änderung|aktualisierung|bearbeitung)(?:\s+am)?",
    r"zuletzt\s+(?:aktualisiert|geändert|bearbeitet)(?:\s+am)?",
    r"(?:aktualisiert|geändert|archiviert|abgerufen|gedruckt)(?:\s+am)?",
    r"stand(?:\s+vom|\s*:|(?=\s+\d))",
    r"(?:änderungs|druck|abruf)datum",
    r"datum\s+der\s+letzten\s+änderung",
    # French
    r"(?:dernière\s+)?mise?\s+à\s+jour(?:\s+le)?",
    r"(?:modifié|actualisé|consulté|archivé|imprimé)e?(?:\s+le)?",
    r"date\s+de\s+(?:mise\s+à\s+jour|modification|consultation)",
    # Spanish, Italian and Portuguese
    r"(?:actualizad|atualizad|modificad|consultad|archivad|arquivad|acessad)[oa](?:\s+(?:el|em))?",
    r"últim[oa]\s+(?:actualización|atualização|actualização|modificación|modificação)",
    r"(?:fecha|data)\s+d[eo]\s+(?:actualización|modificación|atualização|acesso)",
    r"(?:aggiornat|modificat|consultat|archiviat|stampat)[oa](?:\s+(?:il|al))?",
    r"ultim[oa]\s+(?:aggiornamento|modifica)",
    r"data\s+di\s+(?:aggiornamento|modifica)",
    r"acesso\s+em",
    # Russian and Ukrainian
    r"(?:обновлен|изменен|архивирован|оновлен|змінен)[оа]?",
    r"(?:последнее|останнє)\s+(?:обновление|изменение|оновлення|зміна)",
    r"дата\s+(?:обновления|изменения|обращения|оновлення|зміни|звернення)",
    # Turkish and Azerbaijani
    r"güncellendi",
    r"(?:son\s+)?güncelleme(?:\s+tarihi)?",
    r"(?:değiştirilme|erişim)\s+tarihi",
    r"arşivlendi",
    r"yenilənib",
    r"(?:son\s+yenilənmə|yenilənmə\s+tarixi)",
    # Dutch and Polish
    r"(?:laatst\s+)?(?:gewijzigd|bijgewerkt)(?:\s+op)?",
    r"(?:geraadpleegd|gearchiveerd)(?:\s+op)?",
    r"(?:zaktualizowano|zmodyfikowano)",
    r"ostatnia\s+(?:aktualizacja|modyfikacja)",
    r"data\s+(?:aktualizacji|modyfikacji|dostępu)",
)


def _labels(alternatives: tuple[str, ...]) -> str:
    return "(?:" + "|".join(alternatives) + r")(?![^\W_])"


# Where a label may stand: a line's start, after list bullets or Markdown marks, or
# after a separator ("Aktuell | Datum: 12.06.2024").
_LEAD = r"(?:^|(?<=[|•·]))[\s*_#>•·|–—-]*"
# A label that introduces the publication date, at a line's start; group "label".
DATE_LABEL = re.compile(
    rf"{_LEAD}(?P<label>{_labels(_PUBLICATION_LABELS)})", re.IGNORECASE | re.MULTILINE
)
# A label that introduces a date that is not the publication date, anywhere.
STAMP_LABEL = re.compile(rf"(?<!\w){_labels(_STAMP_LABELS)}", re.IGNORECASE)
# The same for text folded by date_words.fold_case: six times faster than IGNORECASE.
_FOLDED_STAMP_LABEL = re.compile(STAMP_LABEL.pattern.replace("ı", "i"))

# Between a label and its date: punctuation, a weekday, a time ("EMBARGO -3pm, 22 April
# '96", "Published: Friday, 12:30, 14 June 2024").
_TIME = r"\d{1,2}(?:[:.h]\d{2}(?:\s*(?:[ap]\.?m\.?|uhr|h))?|\s*(?:[ap]\.?m\.?|uhr))"
_LABEL_GAP = re.compile(
    rf"[\s:：.,;|*_–—-]*(?:(?:(?:{WEEKDAY_NAME})\.?|{_TIME})[\s:：.,;|*_–—-]*)*", re.IGNORECASE
)
# A stamp's date follows it closely: "Letzte Änderung 14.02.2019", "Last updated on
# Friday, 12 June 2024". The gap holds no number, no separator and no new sentence.
_STAMP_REACH = 80
_STAMP_GAP_LENGTH = 40
_STAMP_GAP_WORDS = 4
_NOT_IN_STAMP_GAP = re.compile(r"[\d|•·!?]|\n\s*\n")
_NEW_SENTENCE = re.compile(r"[.]\s+(?P<letter>[^\W\d_])")


def labelled_date(line: str, *, slash_order: SlashOrder | None = None) -> datetime.date | None:
    """The publication date a labelled line gives: "Datum: 25.01.2022" → 2022-01-25.

    The label must open the line (after bullets or Markdown marks) or follow a "|"
    separator, and the full date must come right after it: only punctuation, a
    weekday or a time of day may stand between. Stamps ("Date modified: …",
    "Дата обновления: …") are not publication dates.

    Args:
        line: One line of text (a label and its date on two lines work too).
        slash_order: How to read "04/05/2024", as for :func:`date_patterns.find_dates`.

    Returns:
        The date, or ``None`` when the line has no label with a full date.
    """
    for label in DATE_LABEL.finditer(line):
        label_start = label.start("label")
        if STAMP_LABEL.match(line, label_start) is not None:
            continue
        rest = line[label.end() :]
        for mention in find_dates(rest, slash_order=slash_order)[:1]:
            if mention.year is not None and _LABEL_GAP.fullmatch(rest, 0, mention.start):
                return datetime.date(mention.year, mention.month, mention.day)
    return None


def stamp_before(text: str, start: int) -> str | None:
    """The stamp label that the date or year at ``start`` belongs to, if any.

    Args:
        text: The text the date was found in.
        start: Where the date (or year) starts.

    Returns:
        The label as written ("Last modified", "Stand:", "©"), or ``None`` when
        the date follows no stamp label closely.
    """
    window_start = max(0, start - _STAMP_REACH)
    paragraph_start = text.rfind("\n\n", window_start, start)
    if paragraph_start >= 0:
        window_start = paragraph_start
    while window_start > 0 and text[window_start - 1].isalnum():
        window_start -= 1  # A label must not be found in the tail of a word.
    stamps = list(_FOLDED_STAMP_LABEL.finditer(fold_case(text[window_start:start])))
    if not stamps:
        return None
    stamp_start, stamp_end = window_start + stamps[-1].start(), window_start + stamps[-1].end()
    gap = text[stamp_end:start]
    if len(gap) > _STAMP_GAP_LENGTH or len(gap.split()) > _STAMP_GAP_WORDS:
        return None
    if _NOT_IN_STAMP_GAP.search(gap) or DATE_LABEL.search(gap):
        return None
    if any(match.group("letter").isupper() for match in _NEW_SENTENCE.finditer(gap)):
        return None
    return text[stamp_start:stamp_end]


def in_stamp(text: str, mention: DateMention | MonthYear) -> bool:
    """Whether a date found in ``text`` is a stamp's: "Last updated: 2 May 2020".

    Args:
        text: The text the date was found in.
        mention: A date from :func:`date_patterns.find_dates` or
            :func:`date_patterns.find_month_years` over the same text.

    Returns:
        True when a stamp label stands closely before the date.
    """
    return stamp_before(text, mention.start) is not None
