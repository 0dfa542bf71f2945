"""Dates as press releases write them, in the archive's languages, and what is no date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.ingest.dates.decoys import YearDecoy, year_decoy, year_is_not_a_report
from archive.ingest.dates.labels import (
    DATE_LABEL,
    STAMP_LABEL,
    in_stamp,
    labelled_date,
    stamp_before,
)
from archive.ingest.dates.patterns import (
    DATELINE,
    DateMention,
    MonthYear,
    find_dates,
    find_month_years,
    parse_full_date,
)
from archive.ingest.dates.words import MONTHS, month_number, slash_order_for_locale


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English
        ("22 December 2018", (2018, 12, 22)),
        ("December 22, 2018", (2018, 12, 22)),
        ("Friday, December 23, 2016", (2016, 12, 23)),
        ("July 22,  2019", (2019, 7, 22)),
        ("Feb. 10, 2016", (2016, 2, 10)),
        ("Sept. 30, 2016", (2016, 9, 30)),
        ("22nd of May 2019", (2019, 5, 22)),
        ("22 April '96", (1996, 4, 22)),
        ("4TH SEPTEMBER 1987", (1987, 9, 4)),
        # German, Austrian German
        ("22. Dezember 2018", (2018, 12, 22)),
        ("1. Februar 2022", (2022, 2, 1)),
        ("26. Jan 2022", (2022, 1, 26)),
        ("Freitag, 23. Dezember 2016", (2016, 12, 23)),
        ("13. Jänner 2020", (2020, 1, 13)),
        ("5. März 2021", (2021, 3, 5)),
        # French
        ("1er juin 2024", (2024, 6, 1)),
        ("06 Novembre 2019", (2019, 11, 6)),
        ("vendredi 23 décembre 2016", (2016, 12, 23)),
        ("3 févr. 2020", (2020, 2, 3)),
        ("15 aout 2021", (2021, 8, 15)),
        # Spanish, Italian, Portuguese
        ("12 de junio de 2024", (2024, 6, 12)),
        ("26 abril 2022", (2022, 4, 26)),
        ("12 de Junho de 2024", (2024, 6, 12)),
        ("1º de maio de 2023", (2023, 5, 1)),
        ("12 giugno 2024", (2024, 6, 12)),
        # Russian, Ukrainian
        ("12 июня 2024 г.", (2024, 6, 12)),
        ("12 июня 2024 года", (2024, 6, 12)),
        ("1 ЯНВАРЯ 2020", (2020, 1, 1)),
        ("12 червня 2024 р.", (2024, 6, 12)),
        # Turkish, Azerbaijani
        ("25 Mart 2014", (2014, 3, 25)),
        ("12 EKİM 2020", (2020, 10, 12)),
        ("5 MAYIS 2021", (2021, 5, 5)),
        ("8 iyul 2025", (2025, 7, 8)),
        ("8 iyul 2025-ci il", (2025, 7, 8)),
        # Dutch, Polish
        ("12 juni 2024", (2024, 6, 12)),
        ("12 czerwca 2024 r.", (2024, 6, 12)),
        # Numbers
        ("2024-06-12", (2024, 6, 12)),
        ("2024/06/12", (2024, 6, 12)),
        ("12.06.2024", (2024, 6, 12)),
        ("12. 06. 2024", (2024, 6, 12)),
        ("1.2.2024", (2024, 2, 1)),
        ("04/21/2022", (2022, 4, 21)),
        ("21/04/2022", (2022, 4, 21)),
        ("05/05/2022", (2022, 5, 5)),
    ],
)
def test_a_full_date_is_read(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_full_date(text) == datetime.date(*expected)
    assert [(m.year, m.month, m.day) for m in find_dates(f"Issued on {text}.")] == [expected]


def test_a_mention_knows_where_it_is() -> None:
    text = "Baku, 22 December 2018 – talks"
    assert find_dates(text) == [DateMention(2018, 12, 22, start=6, end=22)]


def test_a_timestamp_starts_with_a_date() -> None:
    assert [m.day for m in find_dates("2019-11-06T12:00:00Z")] == [6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Baku, December 22, AZERTAC", (12, 22)),
        ("Москва, 22 декабря. /ТАСС/.", (12, 22)),
        ("Paris, le 8 juin –", (6, 8)),
        ("NORTH SIDE SAVINGS BANK 4TH SEPT", (9, 4)),
        ("BERLIN, 22. Dez. –", (12, 22)),
        ("Bakı, 8 iyul, AZƏRTAC", (7, 8)),
        ("22 Декабря", (12, 22)),
    ],
)
def test_a_date_without_a_year_is_a_mention_without_a_year(
    text: str, expected: tuple[int, int]
) -> None:
    mention = find_dates(text)[0]
    assert (mention.year, mention.month, mention.day) == (None, *expected)


@pytest.mark.parametrize(
    "text",
    [
        "12/06/2024",  # 12 June or 6 December: no order given.
        "31.02.2024",
        "30 February 2024",
        "12.06.24",  # Two-digit year: a version or a score as likely.
        "we may 2 more",
        "they march 20 km to the capital",
        "Article 2 may be amended.",
        "Top 5 Set Pieces",  # Italian and Portuguese "set" (Sept.) is lower case.
        "Nehmen Sie 2 Sie mit",  # Polish "sie" (Aug.) is lower case.
        "Mart Saarma 12 yaşında",  # A person named Mart, not March.
        "They set 5 goals; the 3 mar marks",
        "im November 1.246 unerlaubte Einreisen",
        "The term is 2019-2022.",
        "Tel. +49 30 284447-42, Fax 0800 6 888 000",
        "FAQs Nr. 1.1.12 und 1.1.13",
        "Version 2.1.2024.5",
        "COP29 in 2024",
        "February 2026",  # A month without a day: see find_month_years.
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text) == []
    assert parse_full_date(text) is None


def test_a_slash_date_is_read_in_the_order_it_is_told() -> None:
    assert find_dates("12/06/2024", slash_order="dmy")[0].month == 6
    assert find_dates("12/06/2024", slash_order="mdy")[0].month == 12
    assert parse_full_date("12-06-2024", slash_order="dmy") == datetime.date(2024, 6, 12)


def test_cldr_says_which_order_a_locale_writes() -> None:
    assert slash_order_for_locale("en_US") == "mdy"
    assert slash_order_for_locale("en_GB") == "dmy"
    assert slash_order_for_locale("fr") == "dmy"
    assert slash_order_for_locale("ja") is None  # Year first.
    assert slash_order_for_locale("not a locale") is None


@pytest.mark.parametrize(
    ("name", "month"),
    [("января", 1), ("январь", 1), ("janv.", 1), ("MAYIS", 5), ("Eylül", 9), ("lutego", 2)],
)
def test_month_names_come_in_every_form(name: str, month: int) -> None:
    assert month_number(name) == month


def test_no_month_name_means_two_months() -> None:
    assert set(MONTHS.values()) == set(range(1, 13))
    assert month_number("Monday") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HYDERABAD, INDIA — February 2026 —", [(2026, 2)]),
        ("im Februar 2026 und im März", [(2026, 2)]),
        ("en febrero de 2026", [(2026, 2)]),
        ("Seit August 2021 ist die Bundespolizei", [(2021, 8)]),
        ("12 de junio de 2024", []),
        ("Nr. 34 vom 08. November 2021", []),
        ("weil sie 2022 kamen", []),  # Polish "sie" (Aug.) is only an abbreviation.
    ],
)
def test_a_month_without_a_day(text: str, expected: list[tuple[int, int]]) -> None:
    found = find_month_years(text)
    assert [(m.year, m.month) for m in found] == expected
    assert all(isinstance(m, MonthYear) for m in found)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("BERLIN, 25. Januar 2022 – Die Bundesregierung", "25. Januar 2022"),
        ("MOUNTAIN VIEW, Calif. - November 9, 2004 - The Mozilla", "November 9, 2004"),
        ("SAN FRANCISCO, Feb. 10, 2016 — The Node.js", "Feb. 10, 2016"),
        ("**NODE.JS INTERACTIVE 2016, AUSTIN, TX., Nov. 30, 2016** —", "Nov. 30, 2016"),
        ("HYDERABAD, INDIA — February 2026 — As the", "February 2026"),
        ("Bern, 17.08.2007 - Rede von Moritz Leuenberger", "17.08.2007"),
        ("BAKU, Azerbaijan, July 8. The meeting", "July 8"),
        ("Bakı, 8 iyul 2025-ci il, AZƏRTAC", "8 iyul 2025-ci il"),
        ("МОСКВА, 12 июня. /ТАСС/", "12 июня"),
    ],
)
def test_a_dateline(line: str, date: str) -> None:
    match = DATELINE.match(line)
    assert match is not None
    assert match.group("date") == date


@pytest.mark.parametrize(
    "line",
    ["July 22,  2019 (SAINT PAUL) — Minnesota", "April 17, 2025 (SAINT PAUL) Â â   Minnesota"],
)
def test_a_dateline_may_put_the_date_first_and_the_place_in_parentheses(line: str) -> None:
    match = DATELINE.match(line)
    assert match is not None
    assert match.group("place_in_parentheses") == "SAINT PAUL"
    assert match.group("agency") is None


def test_a_dateline_keeps_its_agency() -> None:
    match = DATELINE.match("Baku, December 22, AZERTAC")
    assert match is not None
    assert match.group("agency") == "AZERTAC"


@pytest.mark.parametrize(
    "line", ["July 22, 2019 Press Release", "The minister met the envoy on 12 June 2024."]
)
def test_not_a_dateline(line: str) -> None:
    assert DATELINE.match(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" Date: 13 April 1990", (1990, 4, 13)),
        ("Dated 5 May 2020", (2020, 5, 5)),
        ("Posted on Friday, December 23, 2016", (2016, 12, 23)),
        ("**Published:** 12 June 2024", (2024, 6, 12)),
        ("Released: 12 June 2024", (2024, 6, 12)),
        ("For immediate release — January 31, 1996", (1996, 1, 31)),
        ("For immediate release: March 18, 2008", (2008, 3, 18)),
        ("News date : 04/21/2022 Category : Press Releases", (2022, 4, 21)),
        ("EMBARGO -3pm, 22 April '96", (1996, 4, 22)),
        ("  • Datum:26. Januar 2022", (2022, 1, 26)),
        ("   Datum 25.01.2022", (2022, 1, 25)),
        ("Veröffentlicht am 12.06.2024", (2024, 6, 12)),
        ("Erschienen am 26. Jan 2022", (2022, 1, 26)),
        ("Pressemitteilung vom 25. Januar 2022 | Berlin –", (2022, 1, 25)),
        ("Aktuell | Datum: 12.06.2024", (2024, 6, 12)),
        ("Publié le 12 juin 2024", (2024, 6, 12)),
        ("Date de publication : 1er juin 2024", (2024, 6, 1)),
        ("Fecha: 12 de junio de 2024", (2024, 6, 12)),
        ("Publicado el 12 de junio de 2024", (2024, 6, 12)),
        ("Pubblicato il 12 giugno 2024", (2024, 6, 12)),
        ("Data: 12/06/2024", None),  # The order of a slash date is not known here.
        ("Publicado em 12 de junho de 2024", (2024, 6, 12)),
        ("Дата: 12.06.2024", (2024, 6, 12)),
        ("Опубликовано 12 июня 2024 г.", (2024, 6, 12)),
        ("Tarih: 25 Mart 2014", (2014, 3, 25)),
        ("Yayın tarihi: 25 Mart 2014", (2014, 3, 25)),
        ("Tarix: 8 iyul 2025-ci il", (2025, 7, 8)),
        ("Gepubliceerd op 12 juni 2024", (2024, 6, 12)),
        ("Opublikowano 12 czerwca 2024", (2024, 6, 12)),
        # Not a publication date:
        ("Stand: 25.01.2022", None),
        ("Date modified: 12 June 2024", None),
        ("Дата обновления: 12.06.2024", None),
        ("Published by the Ministry on 12 June 2024", None),
        ("He released the report on 12 June 2024", None),
        ("Date: February 2026", None),
    ],
)
def test_a_labelled_date(line: str, expected: tuple[int, int, int] | None) -> None:
    assert labelled_date(line) == (datetime.date(*expected) if expected else None)


def test_a_labelled_slash_date_is_read_in_the_order_it_is_told() -> None:
    assert labelled_date("Data: 12/06/2024", slash_order="dmy") == datetime.date(2024, 6, 12)


def test_the_labels_are_exported_as_patterns() -> None:
    assert DATE_LABEL.search("text\n- Published on 12 June 2024") is not None
    assert STAMP_LABEL.search("Zuletzt aktualisiert am 3. Mai 2023") is not None


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Last modified September 16, 2004 Document History", "Last modified"),
        ("Page last updated: 3 March 2020", "Page last updated"),
        ("Updated on Friday, 12 June 2024", "Updated on"),
        (
            "You are currently viewing a snapshot of www.mozilla.org taken on April\n   21, 2008.",
            "snapshot of www.mozilla.org taken on",
        ),
        ("Archived from the original on 12 June 2024", "Archived from"),
        ("Accessed 12 June 2024", "Accessed"),
        ("Retrieved 12 June 2024", "Retrieved"),
        ("Printed on 12 June 2024", "Printed on"),
        ("Letzte Änderung 14.02.2019", "Letzte Änderung"),
        ("Zuletzt aktualisiert am 3. Mai 2023", "Zuletzt aktualisiert am"),
        ("   Stand: 25.01.2022", "Stand:"),
        ("Abgerufen am 12.06.2024", "Abgerufen am"),
        ("Gedruckt am 12.06.2024", "Gedruckt am"),
        ("Mis à jour le 12 juin 2024", "Mis à jour le"),
        ("Dernière mise à jour : 12 juin 2024", "Dernière mise à jour"),
        ("Actualizado el 12 de junio de 2024", "Actualizado el"),
        ("Última actualización: 12 de junio de 2024", "Última actualización"),
        ("Aggiornato il 12 giugno 2024", "Aggiornato il"),
        ("Atualizado em 12 de junho de 2024", "Atualizado em"),
        ("Обновлено 12 июня 2024", "Обновлено"),
        ("Güncellendi 12 Haziran 2024", "Güncellendi"),
        ("Son güncelleme: 12 Haziran 2024", "Son güncelleme"),
        ("Bijgewerkt op 12 juni 2024", "Bijgewerkt op"),
    ],
)
def test_a_stamp_is_not_the_publication_date(text: str, stamp: str) -> None:
    mention = find_dates(text)[0]
    assert in_stamp(text, mention)
    assert stamp_before(text, mention.start) == stamp


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held on 12 June 2024.",
        "Last updated. The minister met the envoy on 12 June 2024.",
        "Updated 2 May 2020, first published 12 June 2024",
        "Last updated\n\nBaku, 12 June 2024 – The minister",
        "Stand der Technik ist seit dem 12.06.2024 neu.",
    ],
)
def test_a_date_after_a_stamp_is_not_always_stamped(text: str) -> None:
    assert not in_stamp(text, find_dates(text)[-1])


def _decoy(text: str, year: str) -> YearDecoy | None:
    start = text.index(year)
    return year_decoy(text, start, start + len(year))


@pytest.mark.parametrize(
    ("text", "year", "decoy"),
    [
        ("Press Release DH/2021", "2021", YearDecoy.REFERENCE_NUMBER),
        ("See No. 12/2021 of the Council.", "2021", YearDecoy.REFERENCE_NUMBER),
        ("Drucksache 19/2021", "2021", YearDecoy.REFERENCE_NUMBER),
        ("SG/SM/2021", "2021", YearDecoy.REFERENCE_NUMBER),
        ("Regulation (EU) 2019/2088", "2019", YearDecoy.REFERENCE_NUMBER),
        ("Pressemitteilung Nr. 2021-045", "2021", YearDecoy.REFERENCE_NUMBER),
        ("The fund received €2021 in gifts.", "2021", YearDecoy.AMOUNT),
        ("a total of 2021 EUR", "2021", YearDecoy.AMOUNT),
        ("Emissions must be halved by 2030.", "2030", YearDecoy.TARGET),
        ("until 2030", "2030", YearDecoy.TARGET),
        ("by the end of 2025", "2025", YearDecoy.TARGET),
        ("à l'horizon 2030", "2030", YearDecoy.TARGET),
        ("d'ici 2030", "2030", YearDecoy.TARGET),
        ("d'ici à 2030", "2030", YearDecoy.TARGET),
        ("bis 2030", "2030", YearDecoy.TARGET),
        ("bis zum Jahr 2030", "2030", YearDecoy.TARGET),
        ("BIS ZUM JAHR 2030", "2030", YearDecoy.TARGET),
        ("hasta 2030", "2030", YearDecoy.TARGET),
        ("para el año 2030", "2030", YearDecoy.TARGET),
        ("entro il 2030", "2030", YearDecoy.TARGET),
        ("até 2030", "2030", YearDecoy.TARGET),
        ("к 2030 году", "2030", YearDecoy.TARGET),
        ("до 2030 года", "2030", YearDecoy.TARGET),
        ("2030 yılına kadar", "2030", YearDecoy.TARGET),
        ("2030 YILINA KADAR", "2030", YearDecoy.TARGET),
        ("2030-cu ilə qədər", "2030", YearDecoy.TARGET),
        ("Vision 2030", "2030", YearDecoy.TARGET),
        ("die Agenda 2030", "2030", YearDecoy.TARGET),
        ("the 2030 Agenda for Sustainable Development", "2030", YearDecoy.TARGET),
        ("the 2017 draft budget", "2017", YearDecoy.PLAN),
        ("the budget for 2017", "2017", YearDecoy.PLAN),
        ("Haushalt 2017", "2017", YearDecoy.PLAN),
        ("fiscal year 2017", "2017", YearDecoy.PLAN),
        ("the FY2017 appropriations", "2017", YearDecoy.PLAN),
        ("бюджет на 2017 год", "2017", YearDecoy.PLAN),
        ("2017 yılı bütçesi", "2017", YearDecoy.PLAN),
        ("2017-ci il dövlət büdcəsi", "2017", YearDecoy.PLAN),
        ("© Bundeskriminalamt 2022", "2022", YearDecoy.STAMP),
        ("Copyright © caritas 2021", "2021", YearDecoy.STAMP),
        ("© Bundespolizei 1999-2021", "2021", YearDecoy.STAMP),
        ("Last updated 2019", "2019", YearDecoy.STAMP),
        ("LAST UPDATED 2019", "2019", YearDecoy.STAMP),
    ],
)
def test_a_decoy_year(text: str, year: str, decoy: YearDecoy) -> None:
    assert _decoy(text, year) is decoy


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In 2017 the ministry signed 90 agreements.", "2017"),
        ("В 2017 году министерство подписало 90 соглашений.", "2017"),
        ("2020-ci ildə nazirlik 90 saziş imzalayıb.", "2020"),
        ("In 2020 people voted in record numbers.", "2020"),
        ("Im Jahr 2021 wurde das Gesetz beschlossen.", "2021"),
        ("The statement of 12/06/2021 was clear.", "2021"),
        ("The summit was held on 2024/06/12.", "2024"),
        ("The Committee met in 2019. By then inflation had fallen.", "2019"),
    ],
)
def test_a_reported_year_is_no_decoy(text: str, year: str) -> None:
    start = text.index(year)
    assert not year_is_not_a_report(text, start, start + len(year))


# Pieces dates are made of, so that random texts come close to dates often.
_DATE_PIECES = st.sampled_from(
    [
        *("12", "1", "31", "2024", "'96", "1er", "4TH", ".", "/", "-", ",", " ", "\n", "de"),
        *("June", "juin", "июня", "İyun", "EKİM", "Mayıs", "Sept.", "may", "г.", "-ci il", "T09"),
        *("Last updated ", "Datum: ", "© ", "by ", "Friday, ", "(PARIS)", "—", "İ", "ı"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_DATE_PIECES | st.text(max_size=3), max_size=30))
def test_any_text_gives_valid_dates_in_order(pieces: list[str]) -> None:
    text = "".join(pieces)
    mentions = find_dates(text, slash_order="dmy")
    assert [m.start for m in mentions] == sorted({m.start for m in mentions})
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        datetime.date(mention.year or 2000, mention.month, mention.day)
        in_stamp(text, mention)
        year_decoy(text, mention.start, mention.end)
    for month in find_month_years(text):
        assert 1 <= month.month <= 12 and 0 <= month.start < month.end <= len(text)
    for line in text.split("\n"):
        labelled_date(line)
        parse_full_date(line)
        DATELINE.match(line)
