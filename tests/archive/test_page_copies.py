"""Text copies of web pages: menus, crumbs and footers go; the release, headline and date stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.ingest import parse_document
from archive.ingest.cleaning import page_clutter
from archive.ingest.cleaning.blocks import Block, BlockKind
from archive.ingest.cleaning.page_clutter import remove_page_clutter

MENU = "\n".join(
    f"     * {item}"
    for item in (
        "Home", "About us", "Topics", "Press", "Publications", "Contact", "Careers",
        "Accessibility", "Sign language", "Easy language", "Search", "English",
    )
)  # fmt: skip
FOOTER = "\n".join(
    f"  • {item}"
    for item in ("Imprint", "Privacy", "Accessibility statement", "Sitemap", "Contact")
)
BODY = (
    "The Federal Office published a new map today showing where the gas occurs in the\n"
    "ground and how much of it there is, so that builders can plan new houses with it.\n"
    "\n"
    "The map replaces one that was made ten years ago, and it is much more detailed\n"
    "than the old one, which showed only the average values of each district.\n"
    "\n"
    "Anyone who wants to know more can call the office or read the questions and answers\n"
    "on its pages, where the methods behind the map are explained in some detail.\n"
)


def page_copy(header: str) -> bytes:
    return (
        f"Skip to main content\n\n{MENU}\n\n   [Search term         ] Search\n\n"
        "You are here:\n\n    1. Home\n    2. Press\n"
        "    3. New map shows the gas in the ground\n\n"
        f"{header}\n\n{BODY}\n"
        f"   Share on Facebook   Share on Twitter   Print\n\n{FOOTER}\n\n"
        "   © Federal Office 2022\n"
    ).encode()


def test_menus_crumbs_and_footer_go_and_every_paragraph_stays() -> None:
    document = parse_document(
        page_copy("New map shows the gas in the ground\n\nDate 25.01.2022"), "map.txt"
    )
    for furniture in (
        "Skip to main content",
        "Sign language",
        "[Search term",
        "Share on",
        "Imprint",
        "©",
    ):
        assert furniture not in document.text
    for paragraph in BODY.split("\n\n"):
        assert " ".join(paragraph.split()) in " ".join(document.text.split())


def test_the_headline_above_the_date_line_is_the_title() -> None:
    document = parse_document(
        page_copy("New map shows the gas in the ground\n\nDate 25.01.2022"), "map.txt"
    )
    assert document.title == "New map shows the gas in the ground"
    assert document.date is not None and document.date.iso == "2022-01-25"
    assert not document.text.startswith("New map shows")  # not twice


def test_a_subtitle_between_headline_and_date_stays_in_the_text() -> None:
    document = parse_document(
        page_copy(
            "New map shows the gas in the ground\n\nBuilders can now plan with local values\n\n"
            "Datum:26. Januar 2022"
        ),
        "map.txt",
    )
    assert document.title == "New map shows the gas in the ground"
    assert "Builders can now plan with local values" in document.text


def test_a_navigation_bar_line_is_never_the_title() -> None:
    header = (
        "Home How Can We Help? Topics Charities About Our Office News Contact Us Search\n\n"
        "New map shows the gas in the ground"
    )
    document = parse_document(page_copy(header), "map.txt")
    assert document.title == "New map shows the gas in the ground"


def test_a_closing_paragraph_full_of_numbers_is_still_the_article() -> None:
    closing = (
        "Consumers may also call the office at (651) 296-3353 (Metro area), (800) 657-3787\n"
        "(Greater Minnesota), or (800) 627-3529 (Minnesota Relay)."
    )
    raw = page_copy("New map shows the gas in the ground").replace(
        b"   Share on Facebook", f"{closing}\n\n   Share on Facebook".encode()
    )
    document = parse_document(raw, "map.txt")
    assert "(800) 627-3529 (Minnesota Relay)" in document.text


def paragraphs(*texts: str) -> list[Block]:
    return [Block(BlockKind.PARAGRAPH, (text,)) for text in texts]


def test_a_text_that_is_not_a_page_copy_is_left_whole() -> None:
    blocks = paragraphs(
        "SAUDI FEBRUARY CRUDE OUTPUT PUT AT 3.5 MLN BPD",
        "Saudi crude oil output last month fell to an average of 3.5 mln barrels per day "
        "(bpd) from 3.8 mln bpd in January, Gulf oil sources said.",
        "They said exports from the Ras Tanurah and Ju'aymah terminals averaged 1.9 mln bpd.",
        "Bread wheat prev 1,655.8, Feb 872.0, March 164.6, total 2,692.4 (4,161.0).",
        "Maize Mar 48.0, total 48.0 (nil).",
        "Sorghum nil (nil)",
        "Oilseed export registrations were: Sunflowerseed total 15.0 (7.9).",
    )
    result = remove_page_clutter(blocks, "en")
    assert not result.is_page_copy
    assert list(result.article) == blocks


def test_a_newswire_table_is_not_taken_for_a_menu() -> None:
    grains = ["Bread wheat", "Maize", "Sorghum", "Oats", "Barley", "Rye", "Millet"]
    rows = [f"    {grain} prev {n},655.8, Feb 872.0, March 164.6" for n, grain in enumerate(grains)]
    text = (
        "ARGENTINE GRAIN REGISTRATIONS\n\nArgentine grain board figures show crop registrations "
        "of grains, oilseeds and their products to February 11, in thousands of tonnes:\n\n"
        + "\n\n".join(rows)
    )
    document = parse_document(text.encode(), "grain.txt")
    for row in rows:
        assert " ".join(row.split()) in document.text


@pytest.mark.parametrize(
    "line",
    [
        "Skip Links",
        "Willkommen auf den Seiten des Auswärtigen Amts",
        "Télécharger le PDF",
        "Read more about the ministry",
        "Back to overview",
    ],
)
def test_a_page_phrase_above_the_headline_is_never_the_title(line: str) -> None:
    document = parse_document(
        page_copy(f"New map shows the gas in the ground\n\n{line}"), "map.txt"
    )
    assert document.title == "New map shows the gas in the ground"


def test_a_paragraph_apart_from_the_article_is_kept_when_it_is_long_prose() -> None:
    lede = (
        "In the current test eighteen different child seats were examined for safety, "
        "handling, ergonomics and harmful substances, and the results were published today "
        "by the automobile club, which has run such tests for many years together with other "
        "clubs and consumer organisations across Europe."
    )
    widgets = "\n\n".join(f"   Tip {n}" for n in range(10))
    raw = page_copy(f"Child seats tested\n\n{lede}\n\n{widgets}")
    assert lede in " ".join(parse_document(raw, "seats.txt").text.split())


# -- a text with too few short blocks is not shown to jusText ------------------------------------

_LINES = st.sampled_from(
    [
        "Home",
        "News",
        "Contact us",
        "Share",
        "* Press releases",
        "• Sitemap",
        "Print this page",
        "[ ] Accept cookies",
        "12 March 2021",
        "Feb 872.0, March 164.6",
        "The minister met his counterpart to discuss the negotiations on the pipeline.",
        "Both sides agreed that the talks on the peace process should continue next "
        "month in Vienna, under the auspices of the OSCE Minsk Group co-chairs.",
        "The ministry of foreign affairs said in a statement that it welcomed the decision.",
    ]
)
_BLOCKS = st.lists(
    st.builds(
        Block,
        st.sampled_from([BlockKind.PARAGRAPH, BlockKind.BULLET]),
        st.lists(_LINES, min_size=1, max_size=3).map(tuple),
    ),
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(_BLOCKS)
def test_skipping_justext_for_texts_with_few_short_blocks_changes_nothing(
    blocks: list[Block],
) -> None:
    """The shortcut gives what jusText's verdicts would: it only skips a certain answer."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_clutter, "_too_few_for_edges", lambda _blocks: False)
        judged = remove_page_clutter(blocks, "en")
    assert remove_page_clutter(blocks, "en") == judged


def test_a_release_as_written_is_not_shown_to_justext(monkeypatch: pytest.MonkeyPatch) -> None:
    def classify(_blocks: object, _language: object) -> list[str]:
        raise AssertionError("jusText asked")

    monkeypatch.setattr(page_clutter, "_classify", classify)
    blocks = paragraphs(
        "SAUDI FEBRUARY CRUDE OUTPUT PUT AT 3.5 MLN BPD",
        "Saudi crude oil output last month fell to an average of 3.5 mln barrels per day "
        "(bpd) from 3.8 mln bpd in January, Gulf oil sources said.",
        "Reuter",
    )
    result = remove_page_clutter(blocks, "en")
    assert not result.is_page_copy and list(result.article) == blocks
