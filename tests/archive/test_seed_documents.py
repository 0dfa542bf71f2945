"""What the importer makes of each bundled seed: the cases it was written for."""

from __future__ import annotations

import re

import pytest

from archive.ingest import parse_document
from archive.models import DateOrigin, ParsedDocument, PublicationDate, SourceFormat
from tests.conftest import seed_path


def _parse(prefix: str) -> ParsedDocument:
    path = seed_path(prefix)
    return parse_document(path.read_bytes(), path.name)


@pytest.fixture(scope="module")
def seeds() -> dict[str, ParsedDocument]:
    return {prefix: _parse(prefix) for prefix in ("000", "001", "002", "003", "004")}


def test_000_date_header_dateline_and_agency(seeds: dict[str, ParsedDocument]) -> None:
    document = seeds["000"]
    assert document.date == PublicationDate(2025, 7, 8, DateOrigin.EXPLICIT)
    assert document.source == "Trend"
    assert document.format is SourceFormat.PLAIN
    assert document.title.startswith("The IX meeting of heads of diplomatic services")
    assert len(document.title) <= 120
    assert "date 2025-07-08" not in document.markdown
    assert document.markdown.startswith("BAKU, Azerbaijan, July 8. The IX meeting")


def test_001_news_page(seeds: dict[str, ParsedDocument]) -> None:
    document = seeds["001"]
    assert document.title == (
        "Hikmat Hajiyev: Azerbaijan has continued its successful foreign policy under "
        "President Ilham Aliyev`s leadership this year too"
    )
    assert document.date == PublicationDate(2018, 12, 22, DateOrigin.INFERRED)
    assert document.source == "AZERTAC"
    assert document.format is SourceFormat.NEWS_PAGE
    for chrome in (
        "The Azerbaijan State News Agency",
        "Share news on social media",
        "Follow us on social network",
        "Georgia welcomes agreement",
    ):
        assert chrome not in document.text
    assert document.title not in document.text
    assert document.text.startswith("Baku, December 22, AZERTAC\n\nAzerbaijan has continued")
    # Backticks used as apostrophes are text, not code spans.
    assert "Aliyev`s" in document.text
    assert "<code>" not in document.markdown


def test_001_bullets_stay_a_list(seeds: dict[str, ParsedDocument]) -> None:
    markdown = seeds["001"].markdown
    assert "- The Convention on the legal status of the Caspian Sea;\n- “Protocol" in markdown


def test_002_title_line_year_and_ministry(seeds: dict[str, ParsedDocument]) -> None:
    document = seeds["002"]
    assert document.title == (
        "Ministry: Azerbaijan's foreign policy is served to goals of protection of national "
        "interests"
    )
    assert document.date == PublicationDate(2017, origin=DateOrigin.INFERRED)
    assert document.date is not None and document.date.iso is None
    assert document.source == "Ministry of Foreign Affairs of Azerbaijan"
    assert "You Might Also Like" not in document.text
    assert not document.text.startswith("Ministry:")


def test_003_markdown_keeps_its_outline(seeds: dict[str, ParsedDocument]) -> None:
    document = seeds["003"]
    assert document.format is SourceFormat.MARKDOWN
    assert document.title == (
        "PRESS RELEASE of the Ministry of Foreign Affairs of the Republic of Azerbaijan on "
        "the results of 2024"
    )
    assert document.date == PublicationDate(2024, 12, 28, DateOrigin.EXPLICIT)
    assert document.source == "Ministry of Foreign Affairs of Azerbaijan"
    headings = re.findall(r"^#{1,6} ", document.markdown, re.MULTILINE)
    assert 10 <= len(headings) <= 20
    assert "#### **Introduction**" in document.markdown
    assert "29<sup>th</sup>" in document.markdown
    assert "29th Conference" in document.text
    assert "<sup>" not in document.text and "**" not in document.text


def test_004_pdf_text_is_reflowed(seeds: dict[str, ParsedDocument]) -> None:
    document = seeds["004"]
    assert document.format is SourceFormat.PDF_TEXT
    assert document.date == PublicationDate(2016, origin=DateOrigin.INFERRED)
    assert document.source is None
    assert document.title.startswith("Celebrating the 25th anniversary of its state independence")
    assert document.title.endswith("…") and len(document.title) <= 120
    assert "independence" in document.text
    assert "inde-" not in document.text
    assert "sov-" not in document.text
    assert "Nagorno-Karabakh" in document.text
    assert "25 years of independence\n" not in document.text


def test_004_bullets_are_list_items(seeds: dict[str, ParsedDocument]) -> None:
    markdown = seeds["004"].markdown
    assert (
        "- Maintaining and strengthening the independence and sovereignty of Azerbaijan\n\n"
        "It is to be regretted that the principle of states’ sovereignty"
    ) in markdown
    bullets = re.findall(r"^- ", markdown, re.MULTILINE)
    assert len(bullets) == 10


def test_004_no_line_is_a_wrapped_fragment(seeds: dict[str, ParsedDocument]) -> None:
    for line in seeds["004"].markdown.split("\n"):
        if not line or line.startswith("- "):
            continue
        # Every paragraph is whole: it ends a sentence and starts with a capital.
        assert re.search(r"[.!?:”]$", line), line
        assert line[0].isupper() or line[0].isdigit(), line


def test_parsing_is_deterministic() -> None:
    assert _parse("004") == _parse("004")
