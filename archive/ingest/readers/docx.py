"""Word (.docx) files: their paragraphs, headings, lists and tables as Markdown.

The zip is checked and unpacked under a budget first (``docx_package``), python-docx
parses the parts (with entity resolution off), and the body is written as Markdown
(``docx_markdown``). Headers, footers and comments are separate parts that are never
read. The "Title" property is offered as the title when the text bears it out; the
file's creation and modification dates are never taken for the publication date.
"""

from __future__ import annotations

import logging
from typing import Any

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.oxml.parser import parse_xml
from docx.package import Package

from archive.ingest.docx.inline import InlineReader
from archive.ingest.docx.markdown import MarkdownWriter, WordBody
from archive.ingest.docx.notes import DocumentNotes
from archive.ingest.docx.package import checked_package
from archive.ingest.docx.styles import WordStyles
from archive.ingest.docx.word_xml import Element
from archive.ingest.errors import IngestError
from archive.ingest.extracted import ExtractedDocument
from archive.ingest.language import language_code
from archive.ingest.titles.declared import plausible_title
from archive.models import SourceFormat

_log = logging.getLogger(__name__)

TITLE_EVIDENCE = "Word document title"
_NOT_READABLE = "not a readable Word document"
_MAX_DETAIL = 120
# Word documents python-docx does not open, and what to tell the user about each.
_OTHER_WORD_KINDS = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "a macro-enabled Word document (.docm)"
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a Word template (.dotx)"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "a macro-enabled Word template (.dotm)"
    ),
}


def read_docx(raw: bytes, filename: str) -> ExtractedDocument:
    """Read a Word document.

    Args:
        raw: The file's bytes.
        filename: The file's name (unused: the bytes say everything).

    Returns:
        The body as Markdown, with the document's title and language when it declares
        them plausibly.

    Raises:
        IngestError: The file is not a readable Word document (an old ``.doc``,
            password-protected, damaged, a zip bomb) or has no text.
    """
    package = checked_package(raw)
    try:
        document = _open_document(package)
        body = _write_body(document)
        core = document.core_properties
        title, language = core.title, core.language
    except IngestError:
        raise
    except Exception as error:
        # python-docx and lxml meet hostile bytes here and fail in many ways (KeyError
        # for a missing part, XMLSyntaxError, ValueError...); each costs this one file.
        _log.info("python-docx could not read %s", filename, exc_info=True)
        raise IngestError(f"{_NOT_READABLE}: {_detail(error)}") from error
    if not body.text.strip():
        raise IngestError("the document has no text")
    trusted_title = plausible_title(title, body.text)
    return ExtractedDocument(
        format=SourceFormat.DOCX,
        body=body.markdown,
        is_markdown=True,
        encoding="docx",
        title=trusted_title,
        title_evidence=TITLE_EVIDENCE if trusted_title else None,
        language=language_code(language),
    )


def _open_document(package: Any) -> Any:
    """python-docx's ``Document``, with a plain reason for Word files it cannot open."""
    document_part = Package.open(package).main_document_part
    content_type = document_part.content_type
    if content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        kind = _OTHER_WORD_KINDS.get(content_type)
        if kind is None:
            raise IngestError(
                f"{_NOT_READABLE}: the zip holds another kind of file ({content_type})"
            )
        raise IngestError(f"{kind}, which is not supported; save it as a .docx document")
    return document_part.document


def _write_body(document: Any) -> WordBody:
    part = document.part
    rels = part.rels
    notes = DocumentNotes(
        _related_xml(part, RELATIONSHIP_TYPE.FOOTNOTES),
        _related_xml(part, RELATIONSHIP_TYPE.ENDNOTES),
    )
    styles = WordStyles(
        _related_xml(part, RELATIONSHIP_TYPE.STYLES),
        _related_xml(part, RELATIONSHIP_TYPE.NUMBERING),
    )

    def link_target(relationship_id: str) -> str | None:
        relationship = rels.get(relationship_id)
        if relationship is None or not relationship.is_external:
            return None
        target: str = relationship.target_ref
        return target

    inline = InlineReader(link_target, notes.marker)
    return MarkdownWriter(styles, inline, notes).write(document.element.body)


def _related_xml(part: Any, relationship_type: str) -> Element | None:
    """The XML root of the part the document part relates to by this type, if any."""
    for relationship in part.rels.values():
        if relationship.reltype != relationship_type or relationship.is_external:
            continue
        target = relationship.target_part
        element = getattr(target, "element", None)
        return element if element is not None else parse_xml(target.blob)
    return None


def _detail(error: Exception) -> str:
    detail = " ".join(str(error).split()) or type(error).__name__
    return detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 1] + "…"
