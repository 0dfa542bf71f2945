"""Decoding: byte-order marks, UTF-8, short legacy texts, binary files, normalisation."""

from __future__ import annotations

import codecs

import pytest

from archive.ingest import IngestError, decode_bytes, parse_document

RUSSIAN = "Министерство иностранных дел сообщило"  # 37 characters, 37 bytes in cp1251


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF8 + "Café – “Zürich”".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Café – “Zürich”".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "Café – “Zürich”".encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + "Café – “Zürich”".encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_byte_order_mark_decides_the_encoding(raw: bytes, encoding: str) -> None:
    decoded = decode_bytes(raw)
    assert decoded.text == "Café – “Zürich”"
    assert decoded.encoding == encoding


def test_plain_utf8() -> None:
    decoded = decode_bytes("Bakı, Azərbaycan — Привет".encode())
    assert decoded == type(decoded)("Bakı, Azərbaycan — Привет", "utf-8")


def test_short_cp1251_sentence_is_read_as_cyrillic() -> None:
    raw = RUSSIAN.encode("cp1251")
    assert len(raw) < 40
    decoded = decode_bytes(raw)
    assert decoded.text == RUSSIAN
    assert decoded.encoding == "cp1251"


@pytest.mark.parametrize("text", ["Привет, мир!", "Ёлка и ёж", "МИД: заявление"])
def test_very_short_cp1251_texts(text: str) -> None:
    assert decode_bytes(text.encode("cp1251")).text == text


def test_short_latin1_text_is_read_as_western() -> None:
    decoded = decode_bytes("Café in Zürich".encode("latin-1"))
    assert decoded.text == "Café in Zürich"
    assert decoded.encoding in {"cp1252", "iso8859-1"}


def test_cp1252_smart_quotes_are_not_c1_controls() -> None:
    raw = "Über die Straße: “heute” – morgen".encode("cp1252")
    assert decode_bytes(raw).text == "Über die Straße: “heute” – morgen"


def test_invalid_utf8_bytes_in_utf8_text_are_replaced_not_mojibake() -> None:
    raw = "Bakı, Azərbaycan: the Café’s menu".encode() + b"\xff and more text"
    decoded = decode_bytes(raw)
    assert decoded.text == "Bakı, Azərbaycan: the Café’s menu\ufffd and more text"
    assert "replaced" in decoded.encoding


def test_stray_byte_in_ascii_text_decodes_as_legacy() -> None:
    assert decode_bytes(b"Hello \xff world").text == "Hello ÿ world"


def test_nul_bytes_inside_text_are_removed() -> None:
    raw = b"The Ministry\x00 of Foreign Affairs said on Monday that the talks went well."
    assert decode_bytes(raw).text == (
        "The Ministry of Foreign Affairs said on Monday that the talks went well."
    )


def test_mixed_line_endings_become_newlines() -> None:
    raw = b"one\r\ntwo\rthree\nfour\r\n\r\nfive"
    assert decode_bytes(raw).text == "one\ntwo\nthree\nfour\n\nfive"


def test_text_is_nfc_normalised() -> None:
    decomposed = "Cafe\u0301 Zu\u0308rich"
    assert decode_bytes(decomposed.encode()).text == "Café Zürich"


def test_utf16_without_bom_is_read_not_rejected() -> None:
    decoded = decode_bytes("Press release of the Ministry".encode("utf-16-le"))
    assert decoded.text == "Press release of the Ministry"


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
        (b"data\x00\x00\x00\x00\x01" * 50, "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_files_are_rejected_with_a_clear_reason(raw: bytes, what: str) -> None:
    with pytest.raises(IngestError) as caught:
        decode_bytes(raw)
    assert caught.value.reason.startswith("binary file")
    assert what in caught.value.reason


def test_png_renamed_to_txt_is_not_a_document() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + b"\x00" * 64
    with pytest.raises(IngestError, match="PNG image"):
        parse_document(png, "press_release.txt")


def test_broken_utf16_after_its_bom_cannot_be_decoded() -> None:
    raw = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xdc"  # lone surrogate
    with pytest.raises(IngestError, match="could not decode the text"):
        decode_bytes(raw)
