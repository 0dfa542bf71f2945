"""Publication dates: explicit metadata first, then datelines, then evidence."""

from __future__ import annotations

import datetime

import pytest

from archive.ingest import infer_publication_date
from archive.ingest.dates.publication_date import infer_year
from archive.models import DateOrigin, PublicationDate


def test_header_date_is_explicit_and_wins() -> None:
    date = infer_publication_date(
        "Baku, 22 December 2018. Text.", header_date=datetime.date(2025, 7, 8)
    )
    assert date == PublicationDate(2025, 7, 8, DateOrigin.EXPLICIT)


def test_a_line_that_is_a_full_date_is_explicit() -> None:
    text = "PRESS RELEASE on the results of 2024\n\n28 December 2024\n\nIntroduction"
    assert infer_publication_date(text) == PublicationDate(2024, 12, 28, DateOrigin.EXPLICIT)


def test_dateline_with_a_year_is_explicit() -> None:
    text = "Baku, 22 December 2018 – The minister met the envoy."
    assert infer_publication_date(text) == PublicationDate(2018, 12, 22, DateOrigin.EXPLICIT)


def test_dateline_without_a_year_takes_the_year_from_the_text() -> None:
    text = "Baku, December 22, AZERTAC\n\nIn 2018 the country signed 90 agreements."
    assert infer_publication_date(text) == PublicationDate(2018, 12, 22, DateOrigin.INFERRED)


def test_dateline_without_any_year_evidence_leaves_the_text_undated() -> None:
    assert infer_publication_date("Baku, December 22, AZERTAC\n\nThe talks went on.") is None


def test_past_tense_year_is_evidence() -> None:
    text = "Foreign policy was continued in 2017. The country will host a summit in 2019."
    assert infer_publication_date(text) == PublicationDate(2017, origin=DateOrigin.INFERRED)


def test_future_years_ranges_and_deadlines_are_not_evidence() -> None:
    text = (
        "Azerbaijan will chair the Movement in 2019. The term is 2019-2022. "
        "Emissions fell and must be halved by 2030."
    )
    assert infer_year(text) is None


def test_anniversary_of_independence_gives_the_year() -> None:
    text = (
        "Celebrating the 25th anniversary of its state independence, the Republic of "
        "Azerbaijan has gained great achievements. In 2008, we initiated the Baku Process."
    )
    assert infer_publication_date(text) == PublicationDate(2016, origin=DateOrigin.INFERRED)


def test_the_latest_full_date_counts() -> None:
    text = "The summit was held on 12 August 2018. The forum was held in 2017."
    assert infer_year(text) == 2018


def test_years_mentioned_without_a_past_tense_still_count() -> None:
    text = "The 2019 plan is ambitious. The 2019 budget is large. The 2019 programme is broad."
    assert infer_year(text) == 2019


def test_an_ordinal_day_in_capitals_is_read() -> None:
    text = (
        "NORTH SIDE SAVINGS BANK 4TH SEPT 30\n\nThe results were published on 4TH SEPTEMBER 1987."
    )
    assert infer_year(text) == 1987


def test_text_cannot_predate_what_it_reports() -> None:
    text = "Sales in 1986 rose, in 1986 profit grew, in 1986 exports fell; in 1987 it was sold."
    assert infer_year(text) == 1987


@pytest.mark.parametrize(
    "text",
    ["No date at all here.", "The hall seats 2018 people.", ""],
)
def test_no_evidence_means_undated(text: str) -> None:
    assert infer_publication_date(text) is None
