"""Rich Text Format (.rtf) files: their text, in the code page they declare, and their title.

The text is plain (paragraphs, line breaks, table cells as tabs) and goes through the
same cleaning as a text file. Headers, footers, footnotes, comments and pictures are
RTF "destinations" that striprtf leaves out. The ``{\\info{\\title ...}}`` is offered as the
title when the text bears it out, like a Word document's "Title" property.
"""

from __future__ import annotations

from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.rtf.source import (
    declared_code_page,
    decode_source,
    is_binary_junk,
    prepare_source,
    title_source,
)
from archive.ingest.rtf.text import rtf_fragment_text, rtf_plain_text
from archive.ingest.titles.declared import plausible_title
from archive.models import SourceFormat

TITLE_EVIDENCE = "RTF title"
_RTF_SIGNATURE = b"{\\rtf"
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
# More undecodable characters than this share of the text (and than a handful, which a
# short text may have): bytes in no code page at all.
_MAX_REPLACEMENT_SHARE = 0.05
_MAX_REPLACEMENTS_IN_ANY_TEXT = 8


def read_rtf(raw: bytes, filename: str) -> ExtractedDocument:
    """Read an RTF document.

    Args:
        raw: The file's bytes.
        filename: The file's name (unused: RTF declares what it needs).

    Returns:
        The document's plain text, with its title if it declares a plausible one.

    Raises:
        IngestError: The bytes are not RTF, striprtf cannot read them, the text is
            garbled, or there is no text.
    """
    if not raw.removeprefix(_BYTE_ORDER_MARK).lstrip().startswith(_RTF_SIGNATURE):
        raise IngestError("not an RTF document: it does not start with {\\rtf")
    if is_binary_junk(raw):
        raise IngestError("not a readable RTF document: it holds binary data, not text")
    code_page = declared_code_page(raw)
    prepared = prepare_source(decode_source(raw, code_page), code_page)
    body = rtf_plain_text(prepared)
    text = body.text
    if not any(character.isalnum() for character in text):
        raise IngestError("the RTF document has no text")
    replacements = text.count("\ufffd")
    if replacements > max(_MAX_REPLACEMENTS_IN_ANY_TEXT, _MAX_REPLACEMENT_SHARE * len(text)):
        raise IngestError("not a readable RTF document: its text is garbled")
    title_content = title_source(prepared.before_fonts + prepared.after_fonts)
    title = None
    if title_content is not None:
        title = plausible_title(rtf_fragment_text(title_content, prepared, body), text)
    return ExtractedDocument(
        format=SourceFormat.RTF,
        body=text,
        is_markdown=False,
        encoding="rtf",
        title=title,
        title_evidence=TITLE_EVIDENCE if title else None,
    )
