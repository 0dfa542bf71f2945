"""Cleaning plain text: the date header, news-site chrome, and escaping into Markdown."""

from __future__ import annotations

import datetime

import pytest

from archive.ingest import IngestError, markdown_to_text, parse_document
from archive.ingest.cleaning.blocks import Block, BlockKind, split_plain_blocks
from archive.ingest.cleaning.news_chrome import strip_news_chrome
from archive.ingest.cleaning.plain_to_markdown import blocks_to_markdown, escape_markdown_line
from archive.ingest.dates.header import split_date_header
from archive.models import SourceFormat

STORY = "The talks were held in a constructive atmosphere, the ministry said."


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n  ", "\u3000\n".encode()])
def test_empty_and_whitespace_only_files_are_rejected(raw: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(raw, "empty.txt")
    assert caught.value.reason in {"empty file", "the file contains only whitespace"}


def test_date_header_sharing_the_first_line_with_the_story() -> None:
    date, rest = split_date_header(" date 2025-07-08 BAKU, Azerbaijan, July 8. The IX meeting")
    assert date == datetime.date(2025, 7, 8)
    assert rest == "BAKU, Azerbaijan, July 8. The IX meeting"


def test_date_header_on_its_own_line() -> None:
    assert split_date_header("Date: 2019-03-01\nText") == (datetime.date(2019, 3, 1), "Text")


def test_an_impossible_date_is_not_a_header() -> None:
    assert split_date_header(" date 2025-13-40 Text") == (None, " date 2025-13-40 Text")


def test_date_header_never_reaches_the_body() -> None:
    document = parse_document(f" date 2025-07-08 {STORY}\n\nMore.".encode(), "a.txt")
    assert "date 2025" not in document.markdown
    assert document.text.startswith("The talks were held")


def test_site_name_and_repeated_title_are_removed() -> None:
    page = (
        "The Azerbaijan State News Agency\n\n\nMinister meets envoy\n\nMinister meets envoy\n\n"
        f"{STORY}\n\nShare news on social media\n\nFollow us on social network\n\nOther headline"
    )
    article = strip_news_chrome(page)
    assert article.site_name == "The Azerbaijan State News Agency"
    assert article.title == "Minister meets envoy"
    assert article.text == STORY
    assert article.is_news_page


def test_everything_after_you_might_also_like_is_removed() -> None:
    article = strip_news_chrome(f"Title line\n\n{STORY}\n\n\nYou Might Also Like\n\nUnrelated")
    assert article.text == f"Title line\n\n{STORY}"
    assert not article.is_news_page


def test_a_chrome_phrase_inside_a_sentence_is_kept() -> None:
    text = f"{STORY}\n\nReaders may share news on social media freely, he added."
    assert strip_news_chrome(text).text == text


def test_news_page_format_is_detected() -> None:
    page = f"Trend News Agency\n\nHeadline here\n\nHeadline here\n\n{STORY}\n\nMore.\n"
    document = parse_document(page.encode(), "page.txt")
    assert document.format is SourceFormat.NEWS_PAGE
    assert document.title == "Headline here"
    assert "Trend News Agency" not in document.text


@pytest.mark.parametrize(
    "line",
    [
        "President Ilham Aliyev`s leadership and Azerbaijan`s position",
        "*not emphasis* and _not either_ and **nor this**",
        "[not a link](http://example.com) and ![no image](x.png)",
        "<b>not a tag</b> & &copy; &#169; stay literal",
        "&#0 and &#x41 without semicolons",
        "# not a heading",
        "> not a quote",
        "1987. was not a list item",
        "+ not a list",
        "=== not an underline",
        "~~~ not a fence",
        "a | table | row",
        "C:\\path\\to\\file",
        "snake_case_word stays",
    ],
)
def test_plain_text_is_never_misread_as_markup(line: str) -> None:
    markdown = blocks_to_markdown([Block(BlockKind.PARAGRAPH, (line,))])
    assert markdown_to_text(markdown) == line


def test_backtick_apostrophes_are_escaped() -> None:
    assert escape_markdown_line("Aliyev`s") == "Aliyev\\`s"


def test_intraword_underscore_is_left_readable() -> None:
    assert escape_markdown_line("file_name") == "file_name"


def test_line_that_looks_like_a_setext_underline_stays_text() -> None:
    blocks = [Block(BlockKind.PARAGRAPH, ("Heading?", "---", "==="))]
    assert markdown_to_text(blocks_to_markdown(blocks)) == "Heading?\n---\n==="


def test_bullet_lines_become_one_markdown_list() -> None:
    blocks = split_plain_blocks(
        "Signed documents:\n\n- The Convention;\n\n- The Protocol.\n\nAfter."
    )
    markdown = blocks_to_markdown(blocks)
    assert markdown == "Signed documents:\n\n- The Convention;\n- The Protocol.\n\nAfter."
    assert (
        markdown_to_text(markdown)
        == "Signed documents:\n\nThe Convention;\nThe Protocol.\n\nAfter."
    )


def test_wrapped_plain_paragraph_is_joined() -> None:
    text = (
        "Standard Oil Co and BP North America Inc said they plan to form a\n"
        "venture to manage the money market borrowing and investment\n"
        "activities of both companies.\n"
        "    BP North America is a subsidiary of British Petroleum Co Plc.\n"
    )
    blocks = split_plain_blocks(text)
    assert [block.lines for block in blocks] == [
        (
            "Standard Oil Co and BP North America Inc said they plan to form a venture to "
            "manage the money market borrowing and investment activities of both companies.",
        ),
        ("BP North America is a subsidiary of British Petroleum Co Plc.",),
    ]


def test_lines_set_apart_on_purpose_stay_apart() -> None:
    text = "Ministry of Foreign Affairs\nShikhali Gurbanov str. 50\nBaku AZ1009"
    (block,) = split_plain_blocks(text)
    assert block.lines == (
        "Ministry of Foreign Affairs",
        "Shikhali Gurbanov str. 50",
        "Baku AZ1009",
    )
    markdown = blocks_to_markdown([block])
    assert markdown_to_text(markdown) == text


def test_a_paragraph_drowning_in_markup_imports_with_its_words() -> None:
    document = parse_document(("[a " * 20_000).encode(), "brackets.md")
    assert document.text.count("a") == 20_000


@pytest.mark.parametrize("markdown", ["- " * 3000 + "x", "1. " * 3000 + "x"])
def test_markdown_nested_too_deeply_imports_as_plain_text(markdown: str) -> None:
    document = parse_document(markdown.encode(), "deep.md")
    assert document.text.endswith("x")


def test_a_heading_that_looks_like_a_list_is_still_a_title() -> None:
    document = parse_document(b"# - 1987. [x]\n\nText.", "a.md")
    assert document.title == "- 1987. [x]"


def test_a_follow_us_line_above_the_article_does_not_end_it() -> None:
    story = " ".join([STORY] * 3)
    page = (
        "Local News\n\nFollow Us:\n\nWelcome,\nYour Account\n\n"
        f"Salon bans men after an incident\n\n{story}\n\n{story}\n\n{story}"
    )
    article = strip_news_chrome(page)
    assert article.text.count(STORY) == 9
