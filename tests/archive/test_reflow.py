"""Reflowing PDF-extracted text: wraps, hyphenation, page breaks, bullets, headers."""

from __future__ import annotations

from archive.ingest import parse_document
from archive.ingest.cleaning.blocks import BlockKind
from archive.ingest.cleaning.hyphenation import build_vocabulary, join_wrapped_lines, keeps_hyphen
from archive.ingest.cleaning.page_furniture import remove_page_furniture
from archive.ingest.cleaning.reflow import reflow_pdf_text


def _texts(text: str) -> list[tuple[str, str]]:
    return [(block.kind.value, block.text) for block in reflow_pdf_text(text)]


def test_line_break_hyphenation_is_undone() -> None:
    vocabulary = build_vocabulary(["the state inde-", "pendence"])
    assert join_wrapped_lines(["the state inde-", "pendence of"], vocabulary) == (
        "the state independence of"
    )


def test_a_capitalised_continuation_keeps_its_hyphen() -> None:
    vocabulary = build_vocabulary(["confirmed that the Nagorno-", "Karabakh region"])
    assert keeps_hyphen("Nagorno", "Karabakh", vocabulary)


def test_the_document_decides_when_it_spells_the_word_elsewhere() -> None:
    vocabulary = build_vocabulary(["a far-sighted policy", "a well-known far-", "sighted leader"])
    assert keeps_hyphen("far", "sighted", vocabulary)
    vocabulary = build_vocabulary(["cooperation matters", "economic co-", "operation"])
    assert not keeps_hyphen("co", "operation", vocabulary)


def test_an_adjective_before_a_known_word_keeps_its_hyphen() -> None:
    vocabulary = build_vocabulary(["economic growth", "the global financial-", "economic crisis"])
    assert keeps_hyphen("financial", "economic", vocabulary)


def test_trailing_space_wraps_join_and_hard_line_ends_split() -> None:
    text = (
        "The first paragraph is wrapped \n"
        "over three lines and ends \n"
        "here.\n"
        "The second paragraph starts after a hard line end.\n"
    )
    assert _texts(text) == [
        ("paragraph", "The first paragraph is wrapped over three lines and ends here."),
        ("paragraph", "The second paragraph starts after a hard line end."),
    ]


def test_blank_line_after_a_wrap_is_a_page_break() -> None:
    text = (
        "Celebrating the 25th anniversary of its state inde-\n"
        "pendence, the Republic of \n"
        "Azerbaijan has gained great achievements in the \n"
        "\n"
        "foreign policy field. The principle of states’ sov-\n"
        "\n"
        "ereignty is violated.\n"
    )
    assert _texts(text) == [
        (
            "paragraph",
            "Celebrating the 25th anniversary of its state independence, the Republic of "
            "Azerbaijan has gained great achievements in the foreign policy field. The "
            "principle of states’ sovereignty is violated.",
        )
    ]


def test_page_break_after_a_finished_sentence_ends_the_paragraph() -> None:
    text = "One paragraph ends at the page end. \n\nAnother starts on the next page.\n"
    assert len(_texts(text)) == 2


def test_a_page_break_inside_an_open_quotation_continues_it() -> None:
    text = "He said: “Priorities were set in those years. \n\nToday history shows it.”\n"
    assert _texts(text) == [
        ("paragraph", "He said: “Priorities were set in those years. Today history shows it.”")
    ]


def test_bullet_item_ends_at_its_hard_line_end() -> None:
    text = (
        "The priorities are: \n"
        "\n"
        "- Maintaining and strengthening the indepen-\n"
        "dence and sovereignty of Azerbaijan\n"
        "It is to be regretted that the principle is \n"
        "violated.\n"
        " - Developing bilateral relations\n"
        "Interstate relations are based on relations.\n"
    )
    blocks = reflow_pdf_text(text)
    assert [(block.kind, block.text) for block in blocks] == [
        (BlockKind.PARAGRAPH, "The priorities are:"),
        (
            BlockKind.BULLET,
            "Maintaining and strengthening the independence and sovereignty of Azerbaijan",
        ),
        (BlockKind.PARAGRAPH, "It is to be regretted that the principle is violated."),
        (BlockKind.BULLET, "Developing bilateral relations"),
        (BlockKind.PARAGRAPH, "Interstate relations are based on relations."),
    ]


def test_without_trailing_spaces_punctuation_and_width_decide() -> None:
    text = (
        "The domestic and foreign threats facing Azerbaijan\n"
        "in the first years of independence proved once\n"
        "again that it is hard to keep it.\n"
        "Looking through political literature, we witness\n"
        "very pessimistic predictions about the country.\n"
        "\n"
        "In the process of developing diplomacy,\n"
        "\n"
        "Azerbaijan attaches particular importance to it.\n"
    )
    assert [text for _, text in _texts(text)] == [
        "The domestic and foreign threats facing Azerbaijan in the first years of "
        "independence proved once again that it is hard to keep it.",
        "Looking through political literature, we witness very pessimistic predictions "
        "about the country.",
        "In the process of developing diplomacy, Azerbaijan attaches particular importance to it.",
    ]


def test_running_header_and_page_numbers_are_removed() -> None:
    lines = [
        "Foreign Policy Review",
        "The first page ends here.",
        "",
        "12",
        "",
        "Foreign Policy Review",
        "The second page starts here.",
    ]
    assert remove_page_furniture(lines) == [
        "The first page ends here.",
        "",
        "",
        "The second page starts here.",
    ]


def test_the_first_line_echoed_in_the_text_is_kept_as_the_title() -> None:
    lines = ["Foreign policy of Azerbaijan", "", "The foreign policy of Azerbaijan is active."]
    assert remove_page_furniture(lines) == lines


def test_a_header_echoing_the_text_is_removed_even_once() -> None:
    lines = [
        "Our policy served the state for 25 years of independence and more.",
        "",
        "25 years of independence",
        " - Developing bilateral relations",
    ]
    assert "25 years of independence" not in remove_page_furniture(lines)


def test_a_short_last_line_of_a_paragraph_is_not_a_header() -> None:
    lines = ["Wrapped text that continues on the ", "next line", "", "More text."]
    assert remove_page_furniture(lines) == lines


def test_a_double_spaced_ocr_text_is_reflowed_into_paragraphs() -> None:
    raw = (
        b" Australia will provide $1.5 million for urgently needed  \n\n"
        b" upgrading of the Galang holding centre for Indo-Chinese  \n\n"
        b" boat people in Indonesia,  the Minister for Foreign Affairs  \n\n"
        b" and Trade, Senator Gareth Evans announced today.\n\n"
        b" Senator Evans said the recent dramatic increase in  \n\n"
        b" arrivals of Indo-Chinese boat people had placed a severe  \n\n"
        b" strain on the Galang centre, which is the largest in  \n\n"
        b" Indonesia.\n"
    )
    paragraphs = parse_document(raw, "ocr.txt").markdown.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("Senator Gareth Evans announced today.")
    assert "needed upgrading of the Galang" in paragraphs[0]


def test_a_space_at_the_end_of_every_line_says_nothing_about_wraps() -> None:
    lines = [
        "I am very pleased to have this opportunity to address the Ministerial Segment of ",
        "this ESCAP session, and to speak about the reform of the Commission itself. ",
        "ESCAP Reform ",
        "ESCAP's mandate is to contribute to the economic and technological development ",
        "of the Asia Pacific region, and it has served the region well for fifty years. ",
    ]
    markdown = parse_document("\n\n".join(lines).encode(), "ocr.txt").markdown
    assert "\n\nESCAP Reform\n\n" in markdown
