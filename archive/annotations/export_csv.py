"""Annotations as CSV, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from archive.annotations.model import Annotation
from archive.models import DocumentSummary

COLUMNS = (
    "id",
    "document_id",
    "document_title",
    "year",
    "date",
    "quote",
    "note",
    "tags",
    "color",
    "start",
    "end",
    "orphaned",
    "created",
    "modified",
)
TAG_SEPARATOR = ", "
# A spreadsheet runs a cell starting with one of these as a formula; a leading apostrophe
# makes it text (OWASP's advice against CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(annotations: Sequence[Annotation], documents: Mapping[int, DocumentSummary]) -> str:
    """Render annotations as CSV (RFC 4180: comma-separated, CRLF line ends).

    ``id`` is the annotation's row id (as in ``annotations list``); ``tags`` are joined
    with ", "; ``start``/``end`` are empty and ``orphaned`` is ``true`` for an orphan.
    Text that a spreadsheet would take for a formula gets a leading apostrophe.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for annotation in annotations:
        document = documents[annotation.document_id]
        span = annotation.span
        writer.writerow(
            [
                annotation.id,
                annotation.document_id,
                _text_cell(document.title),
                "" if document.year is None else document.year,
                document.date or "",
                _text_cell(annotation.quote),
                _text_cell(annotation.note),
                _text_cell(TAG_SEPARATOR.join(annotation.tags)),
                annotation.color,
                "" if span is None else span[0],
                "" if span is None else span[1],
                "true" if annotation.orphaned else "false",
                annotation.created,
                annotation.modified,
            ]
        )
    return buffer.getvalue()


def _text_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
