"""Titles, dates and languages of text files: front matter, date lines, letterheads, labels."""

from __future__ import annotations

import pytest

from archive.ingest import parse_document
from archive.ingest.front_matter import split_front_matter
from archive.ingest.language import detect_language
from archive.ingest.titles.declared import plausible_title
from archive.models import DateOrigin

BODY = (
    "Australia will provide $200,000 to further assist with demining operations in "
    "Afghanistan, the Minister for Foreign Affairs announced today. The team has been "
    "working there since 1991."
)


def test_yaml_front_matter_is_metadata_and_never_body() -> None:
    raw = (
        "---\ntitle: Node.js Foundation to Add Express\ndate: '2016-02-10T21:00:00.000Z'\n"
        "author: The Node.js Project\n---\n\n" + BODY
    ).encode()
    document = parse_document(raw, "release.md")
    assert document.title == "Node.js Foundation to Add Express"
    assert document.title_evidence == "front matter"
    assert document.date is not None
    assert (document.date.iso, document.date.evidence) == ("2016-02-10", "front matter")
    assert document.source == "The Node.js Project"
    assert "date:" not in document.text and "---" not in document.markdown


def test_toml_front_matter_is_read() -> None:
    raw = f'+++\ntitle = "Demining in Afghanistan"\ndate = 1993-06-08\n+++\n\n{BODY}'.encode()
    document = parse_document(raw, "release.md")
    assert document.title == "Demining in Afghanistan"
    assert document.date is not None and document.date.iso == "1993-06-08"


def test_front_matter_in_a_text_file_is_read_too() -> None:
    raw = f'---\ntitle: "Boat people"\ndate: "1990-04-13"\n---\n\n{BODY}'.encode()
    document = parse_document(raw, "release.txt")
    assert document.title == "Boat people"
    assert document.date is not None and document.date.iso == "1990-04-13"


def test_a_front_matter_title_the_text_spells_better_yields_to_the_text() -> None:
    raw = (
        "---\ntitle: Australia assists demanding operations in Afghanistan\n---\n\n"
        f"33\n\nM85 8 June 1993\n\nAUSTRALIA ASSISTS DEMINING OPERATIONS IN AFGHANISTAN\n\n{BODY}"
    ).encode()
    document = parse_document(raw, "release.md")
    assert document.title == "AUSTRALIA ASSISTS DEMINING OPERATIONS IN AFGHANISTAN"


@pytest.mark.parametrize(
    "block",
    [
        "---\ntitle: [unclosed\n---\n",  # not YAML
        "---\n- a\n- list\n---\n",  # YAML, but not a mapping
    ],
)
def test_a_block_that_is_not_front_matter_stays_in_the_text(block: str) -> None:
    front, rest = split_front_matter(block + BODY)
    assert front is None
    assert rest.startswith("---")


def test_front_matter_values_of_the_wrong_type_are_ignored() -> None:
    front, _ = split_front_matter("---\ntitle: [1, 2]\ndate: {a: b}\nsource: 12\n---\n" + BODY)
    assert front is not None
    assert (front.title, front.date, front.source) == (None, None, None)


def test_a_letterhead_and_a_label_are_passed_over_for_the_headline() -> None:
    raw = (
        "MINISTER FOR FOREIGN AFFAIRS AND TRADE\n\nNEWS RELEASE\n\nDate: 13 April 1990\n\n"
        f"AUSTRALIA PROVIDES $1.5m FOR BOAT PEOPLE IN INDONESIA\n\n{BODY}"
    ).encode()
    document = parse_document(raw, "release.txt")
    assert document.title == "AUSTRALIA PROVIDES $1.5m FOR BOAT PEOPLE IN INDONESIA"
    assert document.date is not None
    assert (document.date.iso, document.date.origin) == ("1990-04-13", DateOrigin.EXPLICIT)


def test_a_date_line_after_the_title_is_read_and_never_joins_it() -> None:
    raw = (
        b"STANDARD OIL <SRD> TO FORM FINANCIAL UNIT\n date 1987-02-26\n"
        b"Standard Oil Co and BP North America Inc said they plan to form a venture to\n"
        b"manage the money market borrowing and investment activities of both companies.\n"
        b"The debentures are due 2012.\n"
    )
    document = parse_document(raw, "reuters.txt")
    assert document.title == "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"
    assert document.date is not None and document.date.iso == "1987-02-26"


def test_a_headline_that_names_a_day_is_not_a_date_line() -> None:
    raw = b"U.S. FINANCIAL ANALYSTS - March 3\n date 1987-03-03\n\n" + BODY.encode()
    assert parse_document(raw, "x.txt").title == "U.S. FINANCIAL ANALYSTS - March 3"


def test_a_generic_heading_is_not_the_title() -> None:
    raw = (
        "# PRESS RELEASE\n\n**FOR IMMEDIATE RELEASE**\n\n"
        "## One Convergence Introduces Sea-Claw\n\n"
        f"**HYDERABAD, INDIA — February 2026** — {BODY}"
    ).encode()
    document = parse_document(raw, "release.md")
    assert document.title == "One Convergence Introduces Sea-Claw"
    assert document.date is not None and document.date.iso == "2026-02"


def test_lines_of_a_derived_title_are_never_glued_together() -> None:
    raw = b"The talks were held in Baku\nand ended with a declaration. More followed later."
    assert parse_document(raw, "x.txt").title.startswith("The talks were held in Baku and ended")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die künftige Zusammenarbeit mit dem Welternährungsprogramm stand im Mittelpunkt.", "de"),
        ("L'Université PSL devient une université de plein exercice, selon le décret.", "fr"),
        ("Угроза открытым стандартам в Европе: фонд призывает к действиям.", "ru"),
        ("Belge Özgürlüğü Günü birlikte çalışabilirlik mesajlarını dünyaya yayıyor.", "tr"),
        ("Azərbaycan Respublikasının Xarici İşlər Nazirliyi bəyanat yayıb.", "az"),
        ("El Comité Central del Partido sesionó este martes en La Habana.", "es"),
    ],
)
def test_the_language_is_detected(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_declared_language_stands_unless_the_text_clearly_says_otherwise() -> None:
    assert detect_language("OK", declared="de-AT") == "de"
    german = "Die künftige Zusammenarbeit mit dem Welternährungsprogramm stand im Mittelpunkt."
    assert detect_language(german, declared="en") == "de"


def test_the_language_is_stored_with_the_document() -> None:
    raw = (
        "Die Bundesregierung hat heute beschlossen, die Zusammenarbeit mit dem "
        "Welternährungsprogramm fortzusetzen und die Mittel für das kommende Jahr zu erhöhen."
    ).encode()
    assert parse_document(raw, "x.txt").language == "de"


@pytest.mark.parametrize(
    "declared",
    [
        "Microsoft Word - pm_0412.docx",
        "Dokument1",
        "untitled",
        "Pressemitteilung",
        "Press release template",
        "C:\\Users\\press\\release.docx",
        "A title about something else entirely",
    ],
)
def test_a_declared_title_that_is_no_title_is_not_used(declared: str) -> None:
    assert plausible_title(declared, BODY) is None


def test_a_declared_title_the_text_bears_out_is_used() -> None:
    declared = "Australia assists  demining in Afghanistan"
    assert plausible_title(declared, BODY) == "Australia assists demining in Afghanistan"


def test_a_line_taken_for_a_headline_stays_in_the_text_when_the_title_is_another() -> None:
    raw = (
        "---\ntitle: Demining in Afghanistan\n---\n\nTalks in Kabul ended today\n\n" + BODY
    ).encode()
    document = parse_document(raw, "release.md.txt")
    assert document.title == "Demining in Afghanistan"
    assert document.text.startswith("Talks in Kabul ended today")


def test_a_letterhead_above_a_press_label_is_the_source_not_the_text() -> None:
    raw = (
        "BOARD OF GOVERNORS OF THE FEDERAL RESERVE SYSTEM\n\nPress Release\n\n"
        "For immediate release — January 31, 1996\n\n"
        "The Federal Reserve today announced a reduction in the discount rate from 5-1/4 "
        "percent to 5 percent, effective immediately, the Board said in a statement."
    ).encode()
    document = parse_document(raw, "release.txt")
    assert document.source == "BOARD OF GOVERNORS OF THE FEDERAL RESERVE SYSTEM"
    assert "BOARD OF GOVERNORS" not in document.text
    assert "Press Release" not in document.text
    assert document.date is not None and document.date.iso == "1996-01-31"


def test_fragments_of_an_ocr_text_are_never_taken_for_its_headline() -> None:
    lines = [
        "Australia will provide $1.5 million for urgently needed",
        "upgrading of the Galang holding centre for Indo-Chinese",
        "boat people in Indonesia, the Minister announced today",
    ] * 4
    document = parse_document("\n\n".join(lines).encode(), "ocr.txt")
    for line in lines:
        assert line in document.text
