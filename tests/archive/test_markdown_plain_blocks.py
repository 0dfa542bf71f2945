"""Reading simple Markdown blocks directly gives exactly the text rendering gives."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest import markdown_to_text, parse_document
from archive.ingest.cleaning.plain_to_markdown import escape_markdown_line
from archive.ingest.markdown_plain_blocks import split_runs
from archive.ingest.markdown_text import rendered_markdown_to_text
from archive.sample import bundled_sample_files

# MARKDOWN_DIFFERENTIAL_EXAMPLES=50000 makes a thorough local run.
_SETTINGS = settings(
    max_examples=int(os.environ.get("MARKDOWN_DIFFERENTIAL_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces that are, or come close to being, markup the direct reading must get right.
_PIECES = st.sampled_from(
    [
        *"abcXé019 .,;:()!?'\"-+=~#>*_`[]<&|\\\t\xa0\u2028",
        "\n", "\n", "\n\n", "  \n", "   \n", "\n\n\n",
        "**", "***", "**bold**", "** x**", "`", "``",
        "# ", "## ", "###### ", "####### ", "- ", "* ", "+ ", "1. ", "12) ", "4.2 ", "1.\n",
        "> ", "    ", "---", "===", "___",
        "<sup>", "</sup>", "<b>", "<br>", "<span class=x>", "<!-- c -->",
        "&amp;", "&lt;", "&gt;", "&copy;", "&copy", "&#61;", "&#x41;", "&#32;", "&nbsp;",
        "&bogus;", "&#10;", "&ü;",
        "\\*", "\\\\", "\\`", "\\#", "\\&", "\\ ", "\\|",
        "[a](b)", "[a]: b", "![i](j)", "```", "~~~", "| a | b |\n|---|---|\n",
        "\x02", "\x03", "\x00",
    ]
)  # fmt: skip
_MARKDOWN = st.lists(_PIECES, max_size=60).map("".join)
_WORDS = st.text(alphabet=st.sampled_from(list("abc é.,*`<>&#;-_[]|\\ 0123456789")), max_size=30)


@_SETTINGS
@given(markdown=_MARKDOWN)
def test_reading_directly_equals_rendering_for_markup_heavy_markdown(markdown: str) -> None:
    assert markdown_to_text(markdown) == rendered_markdown_to_text(markdown)


@_SETTINGS
@given(lines=st.lists(_WORDS, min_size=1, max_size=8), bold=st.booleans())
def test_reading_directly_equals_rendering_for_escaped_plain_text(
    lines: list[str], bold: bool
) -> None:
    markdown = "  \n".join(escape_markdown_line(line) for line in lines)
    if bold:
        markdown = f"**{markdown.strip()}**"
    assert markdown_to_text(markdown) == rendered_markdown_to_text(markdown)


def test_the_seeds_read_the_same_as_rendered() -> None:
    for name, raw in bundled_sample_files():
        markdown = parse_document(raw, name).markdown
        assert markdown_to_text(markdown) == rendered_markdown_to_text(markdown), name


def test_plain_paragraphs_are_read_without_rendering() -> None:
    markdown = (
        "# Title **now**\n\nA plain paragraph\nwrapped.\n\nSecond  \nline &amp; 29<sup>th</sup>."
    )
    runs = split_runs(markdown)
    assert runs is not None
    assert [run.text for run in runs] == [
        "Title now",
        "A plain paragraph wrapped.",
        "Second\nline & 29th.",
    ]


def test_only_blocks_with_other_markup_are_rendered() -> None:
    markdown = "Plain.\n\n- a list\n- of items\n\n> quoted\n\nPlain again."
    runs = split_runs(markdown)
    assert runs is not None
    assert [run.markdown for run in runs] == [None, "- a list\n- of items\n\n> quoted", None]
    assert markdown_to_text(markdown) == "Plain.\n\na list\nof items\n\nquoted\n\nPlain again."


@pytest.mark.parametrize(
    "markdown",
    [
        "Text\n\n<div>\n\nraw</div>",
        "a\n\n```\nx\n\ny\n```",
        "See [x].\n\n[x]: http://e.org",
        "a\n  \nb",
    ],
)
def test_markup_that_spans_blank_lines_renders_the_whole_document(markdown: str) -> None:
    assert split_runs(markdown) is None
    assert markdown_to_text(markdown) == rendered_markdown_to_text(markdown)
