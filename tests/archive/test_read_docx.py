"""Word documents: what a user gets from importing a .docx, and refusals of hostile files."""

from __future__ import annotations

import csv
import datetime
import io
import re
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml

from archive.ingest import IngestError, parse_document
from archive.ingest.docx import package as docx_package
from archive.ingest.readers.docx import read_docx
from archive.models import SourceFormat

CORPUS = Path("/work/shared/corpora/releases-dev")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _saved(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _document_with(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return _saved(document)


def _append_xml(document: object, xml: str) -> None:
    """Add raw WordprocessingML (a paragraph) at the end of the body."""
    body = document.element.body  # type: ignore[attr-defined]
    body.insert(len(body) - 1, parse_xml(xml))  # before the section properties


def _blocks(text: str) -> list[str]:
    return text.split("\n\n")


# --- What a user reads ------------------------------------------------------------


def test_heading_styles_become_markdown_headings() -> None:
    document = docx.Document()
    document.add_paragraph("Annual results 2020", style="Title")
    document.add_heading("Sales grew", level=1)
    document.add_paragraph("Revenue rose in every region.")
    document.add_heading("In Europe", level=2)
    document.add_paragraph("Most of all in Europe.")
    parsed = parse_document(_saved(document), "results.docx")
    assert parsed.format is SourceFormat.DOCX
    assert parsed.markdown.split("\n\n")[:4] == [
        "# Annual results 2020",
        "# Sales grew",
        "Revenue rose in every region.",
        "## In Europe",
    ]
    assert parsed.title == "Annual results 2020"


def test_custom_and_localised_heading_styles_are_headings() -> None:
    document = docx.Document()
    based_on_heading = document.styles.add_style("Pressetitel", WD_STYLE_TYPE.PARAGRAPH)
    based_on_heading.base_style = document.styles["Heading 2"]
    localised = document.styles.add_style("Überschrift 3", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Neue Wege", style=based_on_heading)
    document.add_paragraph("Erste Schritte", style=localised)
    document.add_paragraph("Der Text der Mitteilung.")
    markdown = parse_document(_saved(document), "pm.docx").markdown
    assert _blocks(markdown)[:2] == ["## Neue Wege", "### Erste Schritte"]


def test_list_paragraphs_become_nested_markdown_lists() -> None:
    document = docx.Document()
    document.add_paragraph("The plan has three parts:")
    document.add_paragraph("more trains", style="List Bullet")
    document.add_paragraph("at night too", style="List Bullet 2")
    document.add_paragraph("cheaper tickets", style="List Bullet")
    document.add_paragraph("consult the public", style="List Number")
    document.add_paragraph("decide in May", style="List Number")
    parsed = parse_document(_saved(document), "plan.docx")
    assert "- more trains\n    - at night too\n- cheaper tickets" in parsed.markdown
    assert "1. consult the public\n1. decide in May" in parsed.markdown
    assert "more trains\nat night too\ncheaper tickets" in parsed.text
    assert "consult the public\ndecide in May" in parsed.text
    assert "1." not in parsed.text


def test_table_becomes_a_markdown_table_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("Sales by region:")
    table = document.add_table(rows=3, cols=2)
    for row, values in enumerate([("Region", "Sales"), ("Europe | EU", "12"), ("Asia", "*7*")]):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    document.add_paragraph("Figures in millions.")
    parsed = parse_document(_saved(document), "sales.docx")
    assert "| Region | Sales |\n| --- | --- |\n| Europe \\| EU | 12 |" in parsed.markdown
    assert _blocks(parsed.text) == [
        "Sales by region:",
        "Region\tSales\nEurope | EU\t12\nAsia\t*7*",
        "Figures in millions.",
    ]


def test_layout_table_is_read_as_paragraphs() -> None:
    document = docx.Document()
    frame = document.add_table(rows=1, cols=2)
    frame.cell(0, 0).text = "Press contact: Jane Roe"
    long_text = "The council approved the new budget today. " * 10
    frame.cell(0, 1).text = long_text.strip()
    parsed = parse_document(_saved(document), "frame.docx")
    assert "|" not in parsed.markdown
    assert _blocks(parsed.text) == ["Press contact: Jane Roe", long_text.strip()]


def test_bold_and_italic_runs_become_emphasis_where_safe() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Prices rose ")
    paragraph.add_run("sharply").bold = True
    paragraph.add_run(" in ")
    paragraph.add_run("all").italic = True
    paragraph.add_run(" regions, half")
    paragraph.add_run("way").bold = True  # bold inside a word: no markers
    paragraph.add_run(" through the year.")
    parsed = parse_document(_saved(document), "prices.docx")
    assert parsed.markdown == "Prices rose **sharply** in *all* regions, halfway through the year."
    assert parsed.text == "Prices rose sharply in all regions, halfway through the year."


def test_markdown_characters_in_the_text_are_shown_literally() -> None:
    lines = [
        "*not emphasis* and _not either_",
        "# not a heading",
        "1. not a list",
        "<b>not a tag</b> and 3 < 4 & &amp; too",
        "[not](a link) `not code`",
        "C#",
    ]
    parsed = parse_document(_document_with(*lines), "literal.docx")
    assert _blocks(parsed.text) == lines


def test_header_and_footer_parts_stay_out_of_the_text() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ACME Corporation letterhead"
    document.sections[0].footer.paragraphs[0].text = "© ACME Corporation 2020, page 1"
    document.add_paragraph("ACME opens a new plant in Leeds.")
    parsed = parse_document(_saved(document), "plant.docx")
    assert parsed.text == "ACME opens a new plant in Leeds."


def test_line_breaks_are_kept_and_empty_paragraphs_are_only_spacing() -> None:
    document = docx.Document()
    address = document.add_paragraph("City Hall")
    address.add_run().add_break()
    address.add_run("1 Main Street")
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("The mayor announced a plan.")
    parsed = parse_document(_saved(document), "plan.docx")
    assert "City Hall  \n1 Main Street" in parsed.markdown
    assert parsed.text == "City Hall\n1 Main Street\n\nThe mayor announced a plan."


def test_hyperlink_keeps_its_text_and_address() -> None:
    document = docx.Document()
    relationship = document.part.relate_to(
        "https://example.org/report(2020)", RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    _append_xml(
        document,
        f'<w:p {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><w:r><w:t xml:space="preserve">Read </w:t></w:r>'
        f'<w:hyperlink r:id="{relationship}"><w:r><w:t>the full report</w:t></w:r>'
        "</w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>",
    )
    parsed = parse_document(_saved(document), "link.docx")
    assert parsed.markdown == "Read [the full report](https://example.org/report%282020%29)."
    assert parsed.text == "Read the full report."


def test_tracked_deletions_and_comments_do_not_appear() -> None:
    document = docx.Document()
    _append_xml(
        document,
        f'<w:p {W_NS}><w:r><w:t xml:space="preserve">The budget is </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>five</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>six</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> million.</w:t></w:r></w:p>',
    )
    paragraph = document.add_paragraph("The vote is on Friday.")
    document.add_comment(paragraph.runs, text="Check the date with the clerk", author="B")
    parsed = parse_document(_saved(document), "budget.docx")
    assert parsed.text == "The budget is six million.\n\nThe vote is on Friday."


def test_text_box_is_read_once_after_its_paragraph() -> None:
    document = docx.Document()
    box = (
        '<w:txbxContent><w:p><w:r><w:t>"We are delighted," said the mayor.</w:t></w:r>'
        "</w:p></w:txbxContent>"
    )
    _append_xml(
        document,
        f'<w:p {W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">'
        "<w:r><w:t>The bridge opens today.</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f"</mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>",
    )
    parsed = parse_document(_saved(document), "bridge.docx")
    assert _blocks(parsed.text) == [
        "The bridge opens today.",
        '"We are delighted," said the mayor.',
    ]


def test_footnotes_follow_the_text_with_their_markers() -> None:
    document = docx.Document()
    notes = (
        f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
        "<w:separator/></w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Source: national statistics office.</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        notes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    _append_xml(
        document,
        f"<w:p {W_NS}><w:r><w:t>Unemployment fell to 4 percent.</w:t></w:r>"
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
    )
    parsed = parse_document(_saved(document), "jobs.docx")
    assert _blocks(parsed.text) == [
        "Unemployment fell to 4 percent.[1]",
        "[1] Source: national statistics office.",
    ]


def test_plausible_word_title_is_the_title_and_placeholders_are_not() -> None:
    document = docx.Document()
    document.core_properties.title = "City opens a new library"
    document.add_paragraph("Monday, 4 May 2020")
    document.add_paragraph("The city opens a new library in the old post office.")
    assert parse_document(_saved(document), "x.docx").title == "City opens a new library"
    for stale in ("Document1", "Pressemitteilung", "Press release template", "Quarterly tax"):
        document.core_properties.title = stale
        extracted = read_docx(_saved(document), "x.docx")
        assert extracted.title is None, stale


def test_word_title_comes_with_its_evidence_and_the_language_is_declared() -> None:
    document = docx.Document()
    document.core_properties.title = "Neue Bibliothek eröffnet"
    document.core_properties.language = "de-DE"
    document.add_paragraph("Die Stadt hat heute die neue Bibliothek eröffnet.")
    extracted = read_docx(_saved(document), "x.docx")
    assert (extracted.title, extracted.title_evidence) == (
        "Neue Bibliothek eröffnet",
        "Word document title",
    )
    assert extracted.language == "de"
    assert extracted.is_markdown and extracted.encoding == "docx"


def test_file_creation_date_is_not_the_publication_date() -> None:
    document = docx.Document()
    document.core_properties.created = datetime.datetime(2001, 2, 3, 10, 0)
    document.core_properties.modified = datetime.datetime(2001, 2, 4, 10, 0)
    document.add_paragraph("The museum reopens after a long renovation.")
    parsed = parse_document(_saved(document), "museum.docx")
    assert parsed.date is None
    assert read_docx(_saved(document), "museum.docx").dates == ()


# --- Hostile and unreadable files -------------------------------------------------


def _reason(raw: bytes, name: str = "release.docx") -> str:
    with pytest.raises(IngestError) as caught:
        read_docx(raw, name)
    return caught.value.reason


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _word_members(*paragraphs: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(_document_with(*paragraphs))) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def test_garbage_named_docx_is_refused_with_a_plain_reason() -> None:
    garbage = bytes(range(256)) * 40
    assert _reason(garbage).startswith("not a readable Word document: the file is not a zip")
    with pytest.raises(IngestError):
        parse_document(garbage, "release.docx")


def test_damaged_zip_is_refused() -> None:
    raw = _document_with("A perfectly good release.")
    assert _reason(raw[: len(raw) // 2]).startswith("not a readable Word document")


def test_damaged_compressed_part_is_refused() -> None:
    raw = bytearray(_document_with("A perfectly good release. " * 100))
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        member = archive.getinfo("word/document.xml")
    data_start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for offset in range(data_start + 10, data_start + 60):
        raw[offset] ^= 0x5A
    assert _reason(bytes(raw)).startswith(
        "not a readable Word document: word/document.xml is damaged"
    )


def test_zip_without_a_word_document_is_refused() -> None:
    raw = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert (
        _reason(raw) == "not a readable Word document: a zip archive without a Word document in it"
    )
    with pytest.raises(IngestError):
        parse_document(raw, "release.docx")


def test_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    members = _word_members("A release.")
    members["word/document.xml"] = bytes(20 * 2**20)
    bomb = _zip(members)
    assert len(bomb) < 200_000
    reason = _reason(bomb)
    assert "zip bomb" in reason
    with pytest.raises(IngestError, match="zip bomb"):
        parse_document(bomb, "release.docx")


def test_zip_lying_about_its_sizes_is_never_unpacked_in_full() -> None:
    """A member that declares 1 KB but inflates to 100 MB must not be inflated whole."""
    members = _word_members("A release.")
    members["word/document.xml"] = bytes(100 * 2**20)
    bomb = bytearray(_zip(members))
    # The central directory entry: its signature, 42 bytes of fields, then the name.
    entry = re.search(rb"PK\x01\x02.{42}word/document\.xml", bomb, re.DOTALL)
    assert entry is not None
    start = entry.start()
    # The central directory entry claims 1000 bytes, with the checksum of 1000 zeros.
    bomb[start + 16 : start + 20] = zlib.crc32(bytes(1000)).to_bytes(4, "little")
    bomb[start + 24 : start + 28] = (1000).to_bytes(4, "little")
    tracemalloc.start()
    try:
        with pytest.raises(IngestError):
            read_docx(bytes(bomb), "release.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20


def test_document_unpacking_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_package, "MAX_UNPACKED_BYTES", 200_000)
    reason = _reason(_document_with("Short, but the template's styles are large."))
    assert "unpacks to more than" in reason


def test_empty_document_has_no_text() -> None:
    assert _reason(_document_with("", "  ")) == "the document has no text"


def test_old_binary_word_document_is_named() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le")
    reason = _reason(ole)
    assert "old Word document (.doc)" in reason
    assert "save it as .docx" in reason


def test_password_protected_document_is_named() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    assert "password" in _reason(ole)


def test_macro_enabled_document_is_named() -> None:
    raw = _document_with("A release saved with macros.")
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    reason = _reason(_zip(members))
    assert reason.startswith("a macro-enabled Word document (.docm)")


# --- The labelled corpus ----------------------------------------------------------


def _corpus_rows() -> list[dict[str, str]]:
    if not (CORPUS / "MANIFEST.tsv").exists():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as manifest:
        rows = csv.DictReader(manifest, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row for row in rows if row["file"].endswith(".docx")]


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared labelled corpus is not here")
@pytest.mark.parametrize("row", _corpus_rows(), ids=lambda row: row["file"][:2])
def test_corpus_word_documents(row: dict[str, str]) -> None:
    parsed = parse_document((CORPUS / row["file"]).read_bytes(), row["file"])
    assert row["body_phrase"] in parsed.text
    assert row["clutter_phrase"] not in parsed.text
    assert parsed.title == row["true_title"]
