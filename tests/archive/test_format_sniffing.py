"""Which reader a file goes to: by its bytes where they are certain, by its name otherwise."""

from __future__ import annotations

import pytest

from archive.ingest import SUPPORTED_SUFFIXES, IngestError, parse_document
from archive.ingest.readers.sniffing import sniff_format
from archive.models import SourceFormat


@pytest.mark.parametrize(
    ("raw", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "release.txt", SourceFormat.PDF),  # a PDF whatever its name
        (b"junk before the header %PDF-1.4", "release.pdf", SourceFormat.PDF),
        (b"PK\x03\x04....word/document.xml....", "release.zip", SourceFormat.DOCX),
        (b"PK\x03\x04....", "release.docx", SourceFormat.DOCX),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "protected.docx", SourceFormat.DOCX),
        (b"{\\rtf1\\ansi Hello}", "release.txt", SourceFormat.RTF),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "saved.txt", SourceFormat.HTML),
        (b"  <!-- saved --> <html lang='de'>", "saved.md", SourceFormat.HTML),
        (b"<p>A paragraph</p>", "page.htm", SourceFormat.HTML),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; type=\"text/html\"", "a.txt",
         SourceFormat.HTML),
        (b"# Heading\n\nText", "release.md", SourceFormat.MARKDOWN),
        (b"Plain text about <html> tags", "release.txt", SourceFormat.PLAIN),
        (b"Not really a PDF", "release.pdf", SourceFormat.PLAIN),
    ],
)  # fmt: skip
def test_the_format_is_recognised(raw: bytes, name: str, expected: SourceFormat) -> None:
    assert sniff_format(raw, name) is expected


def test_every_format_read_has_its_suffixes() -> None:
    for suffix in (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".mhtml", ".pdf"):
        assert suffix in SUPPORTED_SUFFIXES
    assert {".docx", ".rtf"} <= SUPPORTED_SUFFIXES


def test_a_file_named_like_a_pdf_that_is_not_one_says_so() -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(bytes(range(256)) * 20, "report.pdf")
    assert caught.value.reason.startswith("named like a PDF file, but it is not one")
