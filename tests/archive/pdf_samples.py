"""Small PDFs for the tests, typeset with reportlab: lines placed as a release sets them."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib import pdfencrypt  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

#: A paragraph is its lines, wrapped (and hyphenated) as the test wants them.
Paragraph = Sequence[str]
#: The text of a header or footer for (page number, page count), or None for none.
PageText = Callable[[int, int], "str | None"]

BODY_SIZE = 11
LEADING = 15
PARAGRAPH_SPACE = 8
LEFT = 72
RIGHT = 523
TOP = 760
HEADER_Y = 805
FOOTER_Y = 30


def typeset(
    pages: Sequence[Sequence[Paragraph]],
    *,
    header: PageText | None = None,
    footer: PageText | None = None,
    footer_right: PageText | None = None,
    title: str | None = None,
    password: str | None = None,
    owner_password_only: bool = False,
    language: str | None = None,
) -> bytes:
    """A PDF of ``pages``, each a list of paragraphs set apart by a little space.

    Args:
        pages: The paragraphs of each page.
        header: A line in the top margin of each page.
        footer: A line in the bottom margin, at the left.
        footer_right: A part of the same footer line, at the right ("Page 1 of 2").
        title: The document's /Title.
        password: Encrypt so that this password is needed to open it.
        owner_password_only: Encrypt with permissions only: it opens without a password.
        language: The language the catalog declares (/Lang).

    Returns:
        The PDF's bytes. Its /CreationDate is 1 January 2000 (reportlab's invariant mode).
    """
    encrypt: object = None
    if password is not None:
        encrypt = password
    elif owner_password_only:
        encrypt = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, encrypt=encrypt, lang=language)
    if title is not None:
        pdf.setTitle(title)
    count = len(pages)
    for number, paragraphs in enumerate(pages, start=1):
        _margin_text(pdf, header, number, count, y=HEADER_Y)
        _margin_text(pdf, footer, number, count, y=FOOTER_Y)
        if footer_right is not None and (text := footer_right(number, count)):
            pdf.setFont("Helvetica", 8)
            pdf.drawRightString(RIGHT, FOOTER_Y, text)
        pdf.setFont("Helvetica", BODY_SIZE)
        y = TOP
        for paragraph in paragraphs:
            for line in paragraph:
                pdf.drawString(LEFT, y, line)
                y -= LEADING
            y -= PARAGRAPH_SPACE
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _margin_text(
    pdf: canvas.Canvas, text_for: PageText | None, number: int, count: int, *, y: float
) -> None:
    if text_for is not None and (text := text_for(number, count)):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(LEFT, y, text)


def without_text() -> bytes:
    """A one-page PDF of shapes and no text, as a scan without OCR has none."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.rect(72, 400, 400, 300, fill=1)
    pdf.circle(300, 200, 50)
    pdf.showPage()
    pdf.save()
    return out.getvalue()
