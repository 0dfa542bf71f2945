"""Titles, sources and format detection."""

from __future__ import annotations

import pytest

from archive.ingest import SUPPORTED_SUFFIXES, detect_format, parse_document
from archive.ingest.sources import detect_source
from archive.ingest.titles.derived import (
    clean_title,
    shorten_title,
    title_from_markdown,
    title_from_text,
)
from archive.models import SourceFormat

PARAGRAPH = "The sides discussed the bilateral agenda and regional issues at length."


def test_supported_suffixes() -> None:
    assert isinstance(SUPPORTED_SUFFIXES, frozenset)
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx", ".rtf"} <= (
        SUPPORTED_SUFFIXES
    )


# Titles


def test_title_is_the_first_heading_without_markup() -> None:
    markdown = "#### 28 December 2024\n\n### **PRESS RELEASE** of the <b>Ministry</b>\n\n## Other"
    assert title_from_markdown(markdown) == "PRESS RELEASE of the Ministry"


def test_setext_heading_is_a_title_too() -> None:
    assert title_from_markdown("Statement by the Ministry\n=========\n\nText.") == (
        "Statement by the Ministry"
    )


def test_a_hash_inside_a_code_block_is_no_heading() -> None:
    assert title_from_markdown("```\n# not a title\n```\n\n# Real title") == "Real title"


def test_markdown_keeps_its_heading_in_the_body() -> None:
    document = parse_document(f"# Joint statement\n\n{PARAGRAPH}".encode(), "s.md")
    assert document.title == "Joint statement"
    assert document.markdown.startswith("# Joint statement")
    assert document.format is SourceFormat.MARKDOWN


def test_title_line_of_plain_text_is_not_repeated_in_the_body() -> None:
    document = parse_document(f"Minister meets envoy\n\n{PARAGRAPH}".encode(), "a.txt")
    assert document.title == "Minister meets envoy"
    assert document.text == PARAGRAPH


def test_a_first_sentence_is_not_taken_for_a_title_line() -> None:
    document = parse_document(f"{PARAGRAPH}\n\nMore text.".encode(), "a.txt")
    assert document.text.startswith(PARAGRAPH)
    assert document.title == PARAGRAPH


def test_derived_title_skips_the_dateline() -> None:
    title = title_from_text(["BAKU, Azerbaijan, July 8. The IX meeting began. It went on."])
    assert title == "The IX meeting began."


def test_derived_title_is_not_fooled_by_abbreviations() -> None:
    title = title_from_text(["H.E. Mr. Ilham Aliyev received the U.S. envoy. Then more."])
    assert title == "H.E. Mr. Ilham Aliyev received the U.S. envoy."


def test_long_title_is_cut_at_a_word_boundary_with_an_ellipsis() -> None:
    title = shorten_title(" ".join(["diplomacy"] * 30))
    assert len(title) <= 120
    assert title.endswith("diplomacy…")


def test_bidi_controls_and_nul_never_reach_a_title() -> None:
    raw = "Minister\u202e meets\u2066 envoy\u200f\x00  today\n\n".encode() + PARAGRAPH.encode()
    document = parse_document(raw, "a.txt")
    assert document.title == "Minister meets envoy today"


def test_clean_title_collapses_whitespace() -> None:
    assert clean_title("  A\t\u200b title \n here ") == "A title here"


# Sources


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Baku, December 22, AZERTAC\n\nText.", "AZERTAC"),
        ("The meeting began, the Foreign Ministry said, Trend reports.", "Trend"),
        ("New York, Sept. 3 (Reuters) - Oil rose.", "Reuters"),
        ("Oil prices rose on Monday. — AFP", "AFP"),
        (
            "According to the press release of the Ministry of Foreign Affairs of Georgia, ...",
            ("Ministry of Foreign Affairs of Georgia"),
        ),
        ("A trend reports nothing. Markets were calm.", None),
        ("The Ministry of Economy and the Foreign Ministry will meet.", None),
    ],
)
def test_source_from_credits(text: str, source: str | None) -> None:
    assert detect_source(text) == source


def test_agency_credit_wins_over_a_quoted_ministry() -> None:
    text = "The Azerbaijani Foreign Ministry said in a statement, Trend reports."
    assert detect_source(text, "Press release of the Foreign Ministry") == "Trend"


def test_a_ministry_title_names_the_ministry() -> None:
    assert detect_source("The Azerbaijani Foreign Ministry said.", "Ministry: a title") == (
        "Ministry of Foreign Affairs of Azerbaijan"
    )


# Formats


@pytest.mark.parametrize(
    "text",
    [
        "### Heading\n\nText with **bold** words.",
        "Text with **bold** and 29<sup>th</sup> session.",
        "Intro.\n\n## One\n\nText.\n\n## Two\n\nText.",
        "See [the statement](https://mfa.gov.az) and **this**.",
    ],
)
def test_markdown_in_a_txt_file_is_detected(text: str) -> None:
    assert detect_format(text, "a.txt") is SourceFormat.MARKDOWN


def test_md_suffix_is_markdown() -> None:
    assert detect_format(PARAGRAPH, "a.markdown") is SourceFormat.MARKDOWN


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH,
        "President Ilham Aliyev`s visit *was* important #1 priority.",
        "- first\n- second\n\nAfter.",
    ],
)
def test_plain_text_is_plain(text: str) -> None:
    assert detect_format(text, "a.txt") is SourceFormat.PLAIN


def test_a_title_of_punctuation_is_cut_but_not_emptied() -> None:
    title = shorten_title("- " * 200)
    assert title.endswith("…") and len(title) > 1


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Press release of the Ministry of Foreign Affairs of the Russian Federation.",
            "Ministry of Foreign Affairs of Russia",
        ),
        (
            "Press release of the Ministry of Foreign Affairs of the United Kingdom.",
            "Ministry of Foreign Affairs",
        ),
    ],
)
def test_ministry_country_names(text: str, source: str) -> None:
    assert detect_source(text) == source
