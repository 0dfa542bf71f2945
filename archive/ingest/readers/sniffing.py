"""Tell a file's format from its first bytes, and from its name where the bytes are text."""

from __future__ import annotations

import re
from pathlib import PurePath

from archive.models import SourceFormat

#: Every file name suffix the importer reads, and the format it suggests.
SUFFIX_FORMATS: dict[str, SourceFormat] = {
    ".txt": SourceFormat.PLAIN,
    ".text": SourceFormat.PLAIN,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".xhtml": SourceFormat.HTML,
    ".mhtml": SourceFormat.HTML,
    ".mht": SourceFormat.HTML,
    ".pdf": SourceFormat.PDF,
    ".docx": SourceFormat.DOCX,
    ".rtf": SourceFormat.RTF,
}

# A PDF may carry a few bytes of junk before its header; readers accept up to 1 KB.
_PDF_HEADER_WINDOW = 1024
_ZIP_SIGNATURE = b"PK\x03\x04"
# The Word part every .docx holds; its name is stored uncompressed in the zip's headers.
_DOCX_PART = b"word/document.xml"
_RTF_SIGNATURE = b"{\\rtf"
# The container of old Office files and of password-protected Office Open XML files.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Markup that only opens a web page, looked for at the start of a text file.
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_MIME_HTML = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_SNIFF_BYTES = 4096
_MARKUP_REACH = 1024


def sniff_format(raw: bytes, filename: str) -> SourceFormat:
    """The format of a file, by its content where that is certain, else by its name.

    Args:
        raw: The file's bytes.
        filename: The file's name.

    Returns:
        ``PDF``, ``DOCX``, ``RTF`` or ``HTML`` for those formats (whatever the name says);
        ``MARKDOWN`` for a ``.md`` file; ``PLAIN`` for any other text.
    """
    head = raw[:_SNIFF_BYTES]
    if b"%PDF-" in raw[:_PDF_HEADER_WINDOW]:
        return SourceFormat.PDF
    suffix = PurePath(filename).suffix.lower()
    if head.startswith(_ZIP_SIGNATURE) and (_DOCX_PART in raw or suffix == ".docx"):
        return SourceFormat.DOCX
    if head.startswith(_OLE_SIGNATURE) and suffix == ".docx":
        # A password-protected .docx, or an old .doc renamed: the Word reader says which.
        return SourceFormat.DOCX
    stripped = _without_bom(head).lstrip()
    if stripped.startswith(_RTF_SIGNATURE):
        return SourceFormat.RTF
    named = SUFFIX_FORMATS.get(suffix, SourceFormat.PLAIN)
    if named is SourceFormat.HTML:
        return SourceFormat.HTML
    if _looks_like_html(head):
        return SourceFormat.HTML
    if named in (SourceFormat.PDF, SourceFormat.DOCX, SourceFormat.RTF):
        # Named like one but without its signature: read it as text, which says what it is.
        return SourceFormat.PLAIN
    return named


def _without_bom(head: bytes) -> bytes:
    for bom in _TEXT_BOMS:
        if head.startswith(bom):
            return head[len(bom) :]
    return head


def _looks_like_html(head: bytes) -> bool:
    """A web page saved under a text name: it opens with a doctype or ``<html>``."""
    if b"<" not in head[:_MARKUP_REACH] and b"ontent-" not in head[:_MARKUP_REACH]:
        return False  # neither markup nor a MIME header near the start: text
    if _MIME_HTML.search(head) and b"text/html" in head.lower():
        return True  # MHTML ("Save as single file")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return _HTML_START.match(_without_bom(head)) is not None
