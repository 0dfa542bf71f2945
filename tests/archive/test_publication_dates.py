"""Which evidence of a publication date wins, and what never counts as one."""

from __future__ import annotations

import pytest

from archive.ingest.dates.publication_date import infer_publication_date
from archive.models import DateOrigin, PublicationDate


def iso(text: str, **kwargs: object) -> str | None:
    date = infer_publication_date(text, **kwargs)  # type: ignore[arg-type]
    return None if date is None else (date.iso or str(date.year))


def test_metadata_wins_over_the_text() -> None:
    claim = PublicationDate(2022, 4, 21, DateOrigin.EXPLICIT, "the page's metadata")
    date = infer_publication_date("Washington, 20 April 2022 - The talks.", claims=(claim,))
    assert date == claim and date is not None and date.evidence == "the page's metadata"


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        (
            "MOUNTAIN VIEW, Calif. - June 5, 2002 - Mozilla.org today announced",
            "2002-06-05",
            "dateline",
        ),
        (
            "Bern, 17.08.2007 - Rede von Moritz Leuenberger, Basel, 18. August 2007",
            "2007-08-17",
            "dateline",
        ),
        (
            "April 17, 2025 (SAINT PAUL) — Minnesota Attorney General Ellison today",
            "2025-04-17",
            "dateline",
        ),
        (
            "Datum:26. Januar 2022\nAusgabejahr:2022\n\nBedrohungen, Beleidigungen.",
            "2022-01-26",
            "date line",
        ),
        (
            "Erschienen am:\n13.10.2021\nHerausgeber:\n\nDie Delegierten wählten.",
            "2021-10-13",
            "date line",
        ),
        ("Ort Saarbrücken Datum 28.01.2022\n\nMehr Sicherheit für KI.", "2022-01-28", "date line"),
        (
            "Im Wortlaut, Deutschlandfunk, 02. November 2021\n\nViele Menschen.",
            "2021-11-02",
            "dateline",
        ),
        (
            "Basın bülteni\n25 Mart 2014\n\nÖnümüzdeki 24 saat içerisinde.",
            "2014-03-25",
            "date line",
        ),
        (
            "Пресс-релиз\n30.03.2010\n\nФонд свободного программного обеспечения.",
            "2010-03-30",
            "date line",
        ),
        ("Publié le 6 novembre 2019\n\nLe décret validant les statuts.", "2019-11-06", "date line"),
    ],
)
def test_a_date_in_the_opening_lines_is_explicit(text: str, expected: str, evidence: str) -> None:
    date = infer_publication_date(text)
    assert date is not None
    assert (date.iso, date.origin, date.evidence) == (expected, DateOrigin.EXPLICIT, evidence)


def test_a_stamp_is_never_the_publication_date() -> None:
    text = (
        "You are currently viewing a snapshot of www.mozilla.org taken on April 21, 2008.\n"
        "Last modified September 16, 2004\n\n"
        "MOUNTAIN VIEW, Calif. - June 5, 2002 - Mozilla.org announced the release."
    )
    assert iso(text) == "2002-06-05"


def test_a_dateline_is_preferred_to_a_repost_sites_date_line() -> None:
    text = "Posted on 12 May 2021\n\nGENEVA, 10 May 2021 – The organisation warned today."
    assert iso(text) == "2021-05-10"


def test_a_date_elsewhere_on_a_web_page_is_used_only_when_the_text_opens_without_one() -> None:
    fallback = (PublicationDate(2016, 12, 23, DateOrigin.EXPLICIT, "a date on the web page"),)
    date = infer_publication_date("Python 3.6.0 is now available!", fallback=fallback)
    assert date is not None
    assert (date.iso, date.origin) == ("2016-12-23", DateOrigin.INFERRED)
    assert iso("Bern, 17.08.2007 - Rede.", fallback=fallback) == "2007-08-17"


def test_a_month_and_year_dateline_gives_the_month() -> None:
    date = infer_publication_date("HYDERABAD, INDIA — February 2026 — As the tech world grapples.")
    assert date is not None and date.iso == "2026-02" and date.day is None


def test_the_first_full_date_of_the_opening_is_an_inferred_date() -> None:
    date = infer_publication_date("The minister met his counterpart on 3 March 1999 in Baku.")
    assert date is not None
    assert (date.iso, date.origin) == ("1999-03-03", DateOrigin.INFERRED)


def test_a_future_date_in_the_opening_is_not_the_publication_date() -> None:
    text = "The summit will be held on 3 March 2030 in Baku. The talks were useful, in 2024."
    assert iso(text) != "2030-03-03"


@pytest.mark.parametrize(
    "text",
    [
        "Press Release DH/2021. The ministry said the talks were constructive.",
        "Les pays s'engagent à réduire les émissions à l'horizon 2030.",
        "The committee has not tightened its policy since early 1989.",
        "The debentures are due 2012.",
    ],
)
def test_years_that_are_no_publication_year_are_never_taken(text: str) -> None:
    date = infer_publication_date(text)
    assert date is None or date.year not in (2012, 2021, 2030, 1989)


def test_a_year_reported_in_the_past_tense_is_the_inferred_year() -> None:
    date = infer_publication_date("The foreign policy was continued in 2017 with new partners.")
    assert date is not None
    assert (date.year, date.month, date.origin) == (2017, None, DateOrigin.INFERRED)
