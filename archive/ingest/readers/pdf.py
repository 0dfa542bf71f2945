"""PDF files: their text, page by page, without running headers, footers and page numbers.

Each page's characters are read through PDFium with their positions
(:mod:`archive.ingest.pdf.pdfium`), grouped into lines (:mod:`archive.ingest.pdf.lines`),
cleared of page furniture (:mod:`archive.ingest.pdf.furniture`) and written one line per
line with blank lines where paragraphs and pages end (:mod:`archive.ingest.pdf.layout`),
for the shared PDF reflow to rebuild paragraphs from.

A PDF is untrusted: one that is damaged, protected by a password or has no text fails
with a reason a person understands, and a very long one is read only so far. The reader
runs in a worker process with a time and memory limit (:mod:`archive.ingest.pool`).
"""

from __future__ import annotations

import logging

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from archive.ingest.cleaning.reflow import PAGE_BREAK
from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.language import language_code
from archive.ingest.pdf.furniture import remove_page_furniture
from archive.ingest.pdf.layout import lay_out_text
from archive.ingest.pdf.lines import PdfPage, lines_from_runs
from archive.ingest.pdf.pdfium import declared_language, read_text_runs
from archive.ingest.text_normalization import normalize_text
from archive.ingest.titles.declared import plausible_title
from archive.models import SourceFormat

log = logging.getLogger("archive.import")

#: A press release is a few pages long; a PDF of hundreds is a report or a book, of
#: which the first pages are kept. Past either limit the rest of the file is not read.
MAX_PAGES = 300
#: About 300 pages of dense text, and twice the length past which a document is shown
#: as plain text; reading this many takes some seconds.
MAX_CHARACTERS = 1_000_000

TITLE_EVIDENCE = "PDF title"

_PASSWORD_ERRORS = frozenset({pdfium_raw.FPDF_ERR_PASSWORD})
_SECURITY_ERRORS = frozenset({pdfium_raw.FPDF_ERR_SECURITY})
NO_TEXT_REASON = (
    "the PDF has no text to read: it may be a scanned image, and text in images is not "
    "recognised (no OCR)"
)


def read_pdf(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a PDF's text and its declared title and language.

    Args:
        raw: The file's bytes.
        filename: The file's name (not used: a PDF says what it is).

    Returns:
        The text as laid out, one line per line, blank lines between paragraphs and
        pages, with running headers, footers and page numbers removed. The title is the
        PDF's /Title where it is plausible; no date is given (the file's creation date is
        when it was typeset, not published).

    Raises:
        IngestError: The PDF is protected by a password, damaged, or has no text.
    """
    pdf = _open(raw)
    try:
        page_count = len(pdf)
        pages, damaged_pages = _read_pages(pdf, page_count)
        declared_title = pdf.get_metadata_value("Title")
        language = language_code(declared_language(pdf))
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        if damaged_pages:
            raise IngestError("the PDF is damaged: none of its pages could be read")
        raise IngestError(NO_TEXT_REASON)
    laid_out = lay_out_text(remove_page_furniture(pages, page_count))
    if not any(char.isalpha() for char in laid_out):
        # Every line recurred on every page (the same text printed on each): it is the
        # text, not furniture around it.
        laid_out = lay_out_text(pages)
    # Normalised page by page: normalising turns the page-break marker into a line break.
    body = f"\n{PAGE_BREAK}\n".join(
        normalize_text(page) for page in laid_out.split(f"\n{PAGE_BREAK}\n")
    )
    title = plausible_title(declared_title, body)
    return ExtractedDocument(
        format=SourceFormat.PDF,
        body=body,
        is_markdown=False,
        encoding="pdf",
        title=title,
        title_evidence=TITLE_EVIDENCE if title else None,
        language=language,
    )


def _open(raw: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in _PASSWORD_ERRORS:
            raise IngestError("the PDF is protected by a password") from None
        if code in _SECURITY_ERRORS:
            raise IngestError("the PDF is encrypted in a way that cannot be read") from None
        raise IngestError("the file is damaged or is not a PDF that can be read") from None


def _read_pages(pdf: pdfium.PdfDocument, page_count: int) -> tuple[list[PdfPage], int]:
    """The lines of the file's pages, as many as the limits allow, and how many failed."""
    pages: list[PdfPage] = []
    damaged = 0
    budget = MAX_CHARACTERS
    for index in range(min(page_count, MAX_PAGES)):
        if budget <= 0:
            break
        try:
            page, used = _read_page(pdf, index, budget)
        except pdfium.PdfiumError:
            damaged += 1  # One page's damage costs that page, not the file.
            continue
        budget -= used
        pages.append(page)
    if page_count > len(pages) + damaged:
        log.warning(
            "Read %d of the %d pages of a PDF: the rest is past the reading limit",
            len(pages),
            page_count,
        )
    return pages, damaged


def _read_page(pdf: pdfium.PdfDocument, index: int, budget: int) -> tuple[PdfPage, int]:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            runs, used = read_text_runs(textpage, budget)
        finally:
            textpage.close()
        _, bottom, _, top = page.get_bbox()
    finally:
        page.close()
    return PdfPage(index + 1, top, bottom, lines_from_runs(runs)), used
