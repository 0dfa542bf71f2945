"""Annotations as Markdown: for reading, and for any notes app.

Grouped by year (newest first, undated last), then by document. Each annotation is a
blockquote of its passage with the document's title and date under it, then the note and
the tags, so one annotation copied on its own still says where it came from (a date
inferred from the text rather than stated is marked "(inferred)")::

    > Azerbaijan successfully hosted COP29.
    >
    > — *PRESS RELEASE … on the results of 2024*, 2024-12-28

    A turning point for the country's diplomacy.

    Tags: #cop29 #climate
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import groupby

from archive.annotations.model import Annotation
from archive.models import DocumentSummary

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<])")
# Text at the start of a line that Markdown would read as a heading, list or quote.
_LINE_START_SPECIALS = re.compile(r"^(\s*)([#>+-]|\d+[.)])")


def export_markdown(
    annotations: Sequence[Annotation],
    documents: Mapping[int, DocumentSummary],
    *,
    removed: Sequence[Annotation] = (),
) -> str:
    """Render annotations as one Markdown file.

    Args:
        annotations: In archive order (documents as listed, each by position).
        documents: The annotated documents by id, the removed ones included.
        removed: The annotations of removed documents, in the same order: they come
            last, under "Removed documents".

    Returns:
        The Markdown text, ending with a newline.
    """
    lines = ["# Annotations", ""]
    if not annotations and not removed:
        lines += ["No annotations.", ""]
    for year, of_year in groupby(annotations, key=lambda a: documents[a.document_id].year):
        lines += [f"## {year if year is not None else 'Undated'}", ""]
        for document_id, of_document in groupby(of_year, key=lambda a: a.document_id):
            document = documents[document_id]
            lines += [f"### {escape_markdown(document.title)}", ""]
            for annotation in of_document:
                lines += _annotation_lines(annotation, document)
    if removed:
        lines += ["## Removed documents", ""]
        for document_id, of_document in groupby(removed, key=lambda a: a.document_id):
            document = documents[document_id]
            lines += [f"### {escape_markdown(document.title)}", ""]
            for annotation in of_document:
                lines += _annotation_lines(annotation, document)
    return "\n".join(lines).rstrip("\n") + "\n"


def escape_markdown(text: str) -> str:
    """Escape what would turn plain text into markup, keeping it readable as text."""
    escaped = []
    for line in text.split("\n"):
        inline = _INLINE_SPECIALS.sub(r"\\\1", line)
        escaped.append(_LINE_START_SPECIALS.sub(_escape_line_start, inline))
    return "\n".join(escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[-1] in ".)":
        return f"{match.group(1)}{marker[:-1]}\\{marker[-1]}"
    return f"{match.group(1)}\\{marker}"


def _annotation_lines(annotation: Annotation, document: DocumentSummary) -> list[str]:
    quoted = escape_markdown(annotation.quote.strip())
    lines = [f"> {line}".rstrip() for line in quoted.split("\n")]
    lines += [">", f"> — *{escape_markdown(document.title)}*, {_shown_date(document)}", ""]
    if annotation.orphaned:
        lines += ["*Orphaned: this passage is no longer in the document's text.*", ""]
    if annotation.note.strip():
        lines += [annotation.note.strip(), ""]
    if annotation.tags:
        tags = " ".join("#" + "-".join(tag.split()) for tag in annotation.tags)
        lines += [f"Tags: {tags}", ""]
    return lines


def _shown_date(document: DocumentSummary) -> str:
    """The date under a quote; one reasoned from the text is marked, e.g. "2019 (inferred)"."""
    if document.year is None:
        return "undated"
    shown = document.date or str(document.year)
    return f"{shown} (inferred)" if document.date_inferred else shown
