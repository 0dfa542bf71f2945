"""The plain text derived from Markdown: the text search and annotations point into."""

from __future__ import annotations

import pytest

from archive.ingest import markdown_text, markdown_to_text, render_markdown_html


def test_blocks_are_separated_by_one_blank_line_and_items_by_a_newline() -> None:
    markdown = "# Title\n\nFirst *para*\ncontinued.\n\n- one\n- two\n\n> quoted\n\nLast."
    assert markdown_to_text(markdown) == (
        "Title\n\nFirst para continued.\n\none\ntwo\n\nquoted\n\nLast."
    )


def test_inline_markup_goes_and_entities_are_unescaped() -> None:
    markdown = "The 29<sup>th</sup> **Conference** &amp; [COP29](https://cop29.az) &lt;x&gt;"
    assert markdown_to_text(markdown) == "The 29th Conference & COP29 <x>"


def test_script_and_style_content_is_dropped() -> None:
    markdown = "Before\n\n<script>alert('x')</script>\n\n<style>p {}</style>\n\nAfter"
    assert markdown_to_text(markdown) == "Before\n\nAfter"


def test_line_break_tag_starts_a_new_line() -> None:
    assert markdown_to_text("Ministry of Foreign Affairs<br>Baku") == (
        "Ministry of Foreign Affairs\nBaku"
    )


def test_loose_and_nested_lists_keep_one_item_per_line() -> None:
    markdown = "- one\n\n- two\n    - nested\n\nAfter"
    assert markdown_to_text(markdown) == "one\ntwo\nnested\n\nAfter"


def test_table_rows_are_lines_and_cells_are_tab_separated() -> None:
    markdown = "| Year | Visits |\n| --- | --- |\n| 2018 | 16 |"
    assert markdown_to_text(markdown) == "Year\tVisits\n2018\t16"


def test_code_keeps_its_layout() -> None:
    assert markdown_to_text("```\nline one\n  indented\n```") == "line one\n  indented"


def test_text_is_deterministic() -> None:
    markdown = "### A\n\nSome **bold** text.\n\n1. x\n2. y"
    assert markdown_to_text(markdown) == markdown_to_text(markdown)


def test_html_rendering_uses_the_same_extensions() -> None:
    html = render_markdown_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n```\ncode\n```")
    assert "<table>" in html
    assert "<pre><code>code" in html


def test_a_failed_conversion_does_not_change_later_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    before = markdown_to_text("Before\n\n<script>x()</script>\n\nAfter")
    # Past the complexity check, Python-Markdown itself runs out of recursion.
    monkeypatch.setattr(markdown_text, "markdown_too_complex", lambda markdown: False)
    assert markdown_to_text("- " * 3000 + "x").endswith("x")  # shown as plain text
    assert markdown_to_text("Before\n\n<script>x()</script>\n\nAfter") == before
