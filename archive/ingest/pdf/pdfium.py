"""What the PDF reader asks PDFium for below pypdfium2's helpers.

pypdfium2's helpers give a page's text, and the boxes of its lines; but text asked for by
a box also brings characters of the neighbouring lines where lines are set close, and
neither gives baselines or type sizes, which tell paragraphs and page furniture apart.
So a page is read here character by character through the raw bindings, into runs of
characters along one baseline. The catalog's declared language is read here too. This is
the only module that calls ``pypdfium2.raw``.
"""

from __future__ import annotations

import ctypes
import math
import statistics
import sys

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from archive.ingest.pdf.lines import TextRun

# PDFium ends the lines it sees with generated "\r\n"; lines are found from positions here.
_LINE_BREAKS = frozenset({0x0D, 0x0A})
# PDFium marks a hyphen that ends a line (a word wrapped there, or a compound) with \x02.
_LINE_END_HYPHEN = 0x02
# A character this far above or below the run's baseline (as a share of its size), or
# this far back, starts a new run; so does a gap wider than a few spaces.
_BASELINE_SHIFT_SHARE = 0.15
_BACKWARDS_SHARE = 0.3
_GAP_SHARE = 1.2
# Text turned by more than this (radians) is a watermark or a margin note, not the body.
_UPRIGHT_TOLERANCE = 0.1
_LANGUAGE_BUFFER_UNITS = 64


class _OpenRun:
    """A run being read: its characters, its extent, the baselines and sizes seen."""

    def __init__(self, code: int, x: float, y: float, right: float, size: float) -> None:
        self.codes = [code]
        self.left = x
        self.right = right
        self.last_x = x
        self.baselines = [y]
        self.sizes = [size]
        # The first character sets the line to follow; the median decides in the end
        # (a bullet in another font, or an "Ö" whose box is taller, starts some runs).
        self.baseline = y
        self.size = size

    def continues_with(self, x: float, y: float) -> bool:
        return (
            abs(y - self.baseline) <= _BASELINE_SHIFT_SHARE * self.size
            and x >= self.last_x - _BACKWARDS_SHARE * self.size
            and x - self.right <= _GAP_SHARE * self.size
        )

    def add(self, code: int, x: float, y: float, right: float, size: float) -> None:
        self.codes.append(code)
        self.right = max(self.right, right)
        self.last_x = x
        if size > 0:  # A space PDFium added has no box.
            self.baselines.append(y)
            self.sizes.append(size)

    def close(self) -> TextRun:
        return TextRun(
            _decode(self.codes),
            self.left,
            self.right,
            statistics.median(self.baselines),
            statistics.median(self.sizes),
        )


def _decode(codes: list[int]) -> str:
    """The characters of ``codes``; surrogate halves are paired, strays replaced."""
    text = "".join(map(chr, codes))
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _is_upright(textpage: pdfium.PdfTextPage, index: int) -> bool:
    angle = pdfium_raw.FPDFText_GetCharAngle(textpage, index)
    if angle < 0:
        return True  # PDFium cannot tell: take it as drawn
    return min(angle, 2 * math.pi - angle) <= _UPRIGHT_TOLERANCE


def read_text_runs(textpage: pdfium.PdfTextPage, max_chars: int) -> tuple[list[TextRun], int]:
    """Read a page's upright characters into runs along their baselines.

    Args:
        textpage: The page's text, from ``PdfPage.get_textpage()``.
        max_chars: The most characters to read; the rest of the page is left.

    Returns:
        The runs, in the order PDFium keeps the characters, and how many characters were
        looked at.
    """
    page = textpage.raw  # the raw handle: the helper object converts itself on every call
    count = min(pdfium_raw.FPDFText_CountChars(page), max_chars)
    get_unicode = pdfium_raw.FPDFText_GetUnicode
    get_origin = pdfium_raw.FPDFText_GetCharOrigin
    get_box = pdfium_raw.FPDFText_GetLooseCharBox
    x, y, box = ctypes.c_double(), ctypes.c_double(), pdfium_raw.FS_RECTF()
    x_ref, y_ref, box_ref = ctypes.byref(x), ctypes.byref(y), ctypes.byref(box)
    runs: list[TextRun] = []
    run: _OpenRun | None = None
    for index in range(max(count, 0)):
        code = get_unicode(page, index)
        if code in _LINE_BREAKS or code == 0 or code > sys.maxunicode:
            continue
        if code == _LINE_END_HYPHEN:
            code = ord("-")
        if not get_origin(page, index, x_ref, y_ref) or not get_box(page, index, box_ref):
            continue
        size = box.top - box.bottom
        if run is not None and (size <= 0 or run.continues_with(x.value, y.value)):
            run.add(code, x.value, y.value, box.right, size)
            continue
        if size <= 0 or not _is_upright(textpage, index):
            continue
        if run is not None:
            runs.append(run.close())
        run = _OpenRun(code, x.value, y.value, box.right, size)
    if run is not None:
        runs.append(run.close())
    return runs, max(count, 0)


def declared_language(pdf: pdfium.PdfDocument) -> str:
    """The language the document's catalog declares (its /Lang), or ``""``."""
    units = pdfium_raw.FPDFCatalog_GetLanguage(pdf, None, 0)
    if units <= 0:
        return ""
    # The count is in bytes of UTF-16 with its final NUL; a hostile file may claim more.
    units = min(units // 2, _LANGUAGE_BUFFER_UNITS)
    buffer = (pdfium_raw.FPDF_WCHAR * units)()
    pdfium_raw.FPDFCatalog_GetLanguage(pdf, buffer, ctypes.sizeof(buffer))
    raw = bytes(memoryview(buffer).cast("B"))
    return raw.decode("utf-16-le", "replace").split("\0", 1)[0]
