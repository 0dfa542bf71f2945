"""RTF documents: the text in the declared code page, the title, and refusals."""

from __future__ import annotations

import random

import pytest

from archive.ingest import IngestError, parse_document
from archive.ingest.readers.rtf import read_rtf
from archive.models import SourceFormat

RUSSIAN = "Министерство сообщило о решении"


def _cp1251_escapes(text: str) -> bytes:
    return "".join(
        f"\\'{byte:02x}" if byte > 0x7F else chr(byte) for byte in text.encode("cp1251")
    ).encode("ascii")


def _reason(raw: bytes) -> str:
    with pytest.raises(IngestError) as caught:
        read_rtf(raw, "release.rtf")
    return caught.value.reason


def test_cyrillic_in_the_declared_code_page() -> None:
    raw = (
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}"
        rb"\f0 " + _cp1251_escapes(RUSSIAN) + rb".\par}"
    )
    parsed = parse_document(raw, "release.rtf")
    assert parsed.format is SourceFormat.RTF
    assert parsed.text == RUSSIAN + "."


def test_ansi_fonts_in_a_cyrillic_document_are_read_as_cyrillic() -> None:
    # Many writers mark every font \fcharset0 and mean the document's \ansicpg1251.
    raw = (
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}"
        rb"\f0 " + _cp1251_escapes(RUSSIAN) + rb".\par}"
    )
    assert read_rtf(raw, "release.rtf").body == RUSSIAN + "."


def test_ansi_fonts_keep_western_letters_in_a_cyrillic_document() -> None:
    raw = (
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}"
        rb"\f0 Gr\'fc\'dfe aus M\'fcnchen.\par}"
    )
    assert read_rtf(raw, "release.rtf").body == "Grüße aus München."


def test_german_umlauts_from_hex_escapes() -> None:
    raw = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}"
        rb"\f0\pard Gr\'fc\'dfe aus M\'fcnchen, sagte der B\'fcrgermeister.\par}"
    )
    assert read_rtf(raw, "release.rtf").body == "Grüße aus München, sagte der Bürgermeister."


def test_font_without_a_character_set_uses_the_document_code_page() -> None:
    # striprtf alone gives font 0 the next font's \fcharset204 and reads "ь" for "ü".
    raw = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}{\f1\fcharset204 Times;}}"
        rb"\f0 M\'fcnchen\par}"
    )
    assert read_rtf(raw, "release.rtf").body == "München"


def test_unicode_escapes_and_characters_beyond_the_basic_plane() -> None:
    raw = (
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Calibri;}}\uc1"
        rb"\u1055?\u1088?\u1080?\u1074?\u1077?\u1090? \u-10179?\u-8704? \u8364? 5\par}"
    )
    assert read_rtf(raw, "release.rtf").body == "Привет 😀 € 5"


def test_paragraphs_line_breaks_and_table_cells() -> None:
    raw = (
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}"
        rb"\pard City Hall\line 1 Main Street\par"
        rb"\pard The mayor announced a plan.\par"
        rb"\trowd\cellx2000\cellx4000 Region\cell Sales\cell\row"
        rb"\trowd\cellx2000\cellx4000 Europe\cell 12\cell\row}"
    )
    assert read_rtf(raw, "release.rtf").body.split("\n\n") == [
        "City Hall\n1 Main Street",
        "The mayor announced a plan.",
        "Region\tSales",
        "Europe\t12",
    ]
    parsed = parse_document(raw, "release.rtf")
    assert "City Hall\n1 Main Street\n\nThe mayor announced a plan." in parsed.text


def test_info_title_is_the_title() -> None:
    raw = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}"
        rb"{\info{\title Neue Br\'fccke f\'fcr M\'fcnchen}{\author Press office}}"
        rb"\f0 Monday, 4 May 2020\par Die neue Br\'fccke f\'fcr M\'fcnchen ist fertig.\par}"
    )
    extracted = read_rtf(raw, "release.rtf")
    assert (extracted.title, extracted.title_evidence) == ("Neue Brücke für München", "RTF title")
    assert parse_document(raw, "release.rtf").title == "Neue Brücke für München"
    assert "Press office" not in extracted.body


def test_cyrillic_info_title_in_the_declared_code_page() -> None:
    raw = (
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}"
        rb"{\info{\title " + _cp1251_escapes(RUSSIAN) + rb"}}"
        rb"\f0 " + _cp1251_escapes(RUSSIAN) + rb" \'e2\'f7\'e5\'f0\'e0.\par}"
    )
    assert read_rtf(raw, "release.rtf").title == RUSSIAN


def test_placeholder_info_title_is_not_the_title() -> None:
    raw = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\info{\title Document1}}"
        rb"The bridge is finished.\par}"
    )
    assert read_rtf(raw, "release.rtf").title is None


def test_headers_footers_and_footnotes_stay_out_of_the_text() -> None:
    raw = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\header ACME letterhead\par}"
        rb"{\footer Page 1 of 2\par}The plant opens in Leeds."
        rb"{\footnote Internal note.}\par}"
    )
    assert read_rtf(raw, "release.rtf").body == "The plant opens in Leeds."


def test_hyperlink_keeps_its_text_only() -> None:
    raw = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}Read {\field{\*\fldinst{HYPERLINK "
        rb'"https://example.org/report"}}{\fldrslt{the report}}} today.\par}'
    )
    assert read_rtf(raw, "release.rtf").body == "Read the report today."


def test_deeply_nested_groups_are_read() -> None:
    raw = b"{\\rtf1\\ansi " + b"{" * 100_000 + b"Deep text" + b"}" * 100_000 + b"\\par}"
    assert read_rtf(raw, "release.rtf").body == "Deep text"


def test_impossible_unicode_escape_costs_one_character() -> None:
    raw = rb"{\rtf1\ansi Caf\u99999999999? opens today.\par}"
    assert read_rtf(raw, "release.rtf").body == "Caf\ufffd opens today."


def test_blank_rtf_has_no_text() -> None:
    blank = rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\info{\title Empty}}\pard\par\par}"
    assert _reason(blank) == "the RTF document has no text"
    with pytest.raises(IngestError, match="no text"):
        parse_document(blank, "blank.rtf")


@pytest.mark.parametrize(
    "raw",
    [
        b"{\\rtf1\\ansi " + random.Random(7).randbytes(8192) + b"}",  # damaged
        b"{\\rtf1\\ansi Text" + bytes(8192),  # the rest of the file zeroed
    ],
    ids=["random", "zeroed"],
)
def test_garbage_after_an_rtf_header_is_refused(raw: bytes) -> None:
    assert _reason(raw) == "not a readable RTF document: it holds binary data, not text"
    with pytest.raises(IngestError):
        parse_document(raw, "release.rtf")


def test_bytes_that_are_not_rtf_are_refused() -> None:
    assert _reason(b"PK\x03\x04 not rtf at all").startswith("not an RTF document")


@pytest.mark.parametrize(
    "raw",
    [rb"{\rtf1\ansi Text {\pict\bin garbage}\par}", rb"{\rtf1\ansi \uc Text\par}"],
)
def test_damaged_control_words_are_refused_with_a_plain_reason(raw: bytes) -> None:
    assert _reason(raw).startswith("not a readable RTF document")
