"""The text of an RTF document, by striprtf, in the right code page and plain shape.

striprtf is given a source prepared by ``rtf_source`` (linear-time, fonts settled). Its
output is then put in the shape the plain-text pipeline expects: each RTF paragraph a
paragraph of its own (blank line between), line breaks within it kept, characters
outside the Basic Multilingual Plane (written as two ``\\uN`` surrogates) joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from striprtf.striprtf import rtf_to_text

from archive.ingest.encoding_plausibility import implausibility
from archive.ingest.errors import IngestError
from archive.ingest.rtf.source import PreparedSource
from archive.ingest.text_normalization import normalize_text

_PARAGRAPH_ENDS = re.compile(r"[ \t]*\r?\n")
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_READABLE = "not a readable RTF document"


@dataclass(frozen=True)
class RtfText:
    """An RTF document's text, and how its fonts were read.

    Attributes:
        text: Normalised plain text, paragraphs separated by blank lines.
        ansi_is_document_code_page: "ANSI" fonts were read in the document's code page
            (see ``FontCharsets``), which reads more plausibly for this document.
    """

    text: str
    ansi_is_document_code_page: bool


def rtf_plain_text(prepared: PreparedSource) -> RtfText:
    """The document's text, in whichever reading of its fonts is more plausible.

    Args:
        prepared: The prepared source.

    Returns:
        The text and the reading chosen.

    Raises:
        IngestError: striprtf cannot read the source (damaged control words).
    """
    western = _converted(prepared.with_font_table(ansi_is_document_code_page=False), prepared)
    if not prepared.fonts.is_ambiguous or "\\'" not in prepared.after_fonts:
        return RtfText(_shaped(western), ansi_is_document_code_page=False)
    local = _converted(prepared.with_font_table(ansi_is_document_code_page=True), prepared)
    # A tie keeps the strict reading: "ANSI" fonts are Western.
    if implausibility(local) < implausibility(western):
        return RtfText(_shaped(local), ansi_is_document_code_page=True)
    return RtfText(_shaped(western), ansi_is_document_code_page=False)


def rtf_fragment_text(content: str, prepared: PreparedSource, body: RtfText) -> str:
    """The text of an RTF fragment (a title), with the code page and fonts of its document.

    Args:
        content: RTF content, without the group around it.
        prepared: The document it comes from.
        body: The document's text, whose reading of the fonts the fragment follows.

    Returns:
        The fragment's text on one line.
    """
    table = prepared.fonts.table(ansi_is_document_code_page=body.ansi_is_document_code_page)
    text = _converted(f"{{\\rtf1\\ansi {table} {content}}}", prepared)
    return " ".join(text.split())


def _converted(source: str, prepared: PreparedSource) -> str:
    try:
        text: str = rtf_to_text(source, encoding=prepared.fonts.code_page, errors="replace")
    except (ValueError, TypeError, OverflowError, LookupError, IndexError) as error:
        # striprtf fails on damaged control words (a "\bin" without its length, a
        # "\uc" without its number); the reason names the file, not striprtf.
        raise IngestError(f"{_NOT_READABLE}: {error}") from error
    return _joined_surrogates(text)


def _joined_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs into characters; a lone surrogate becomes U+FFFD."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _shaped(text: str) -> str:
    # An RTF paragraph ends with a single newline; plain text marks paragraphs with a
    # blank line (line breaks inside a paragraph arrive as U+2028 and stay single).
    text = _PARAGRAPH_ENDS.sub("\n\n", text)
    text = normalize_text(text)
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip()
