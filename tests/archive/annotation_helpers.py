"""Helpers shared by the annotation tests: a small story, importing it, finding passages."""

from __future__ import annotations

from pathlib import Path

from archive.annotations import Annotation
from archive.api import Archive

STORY = (
    "Baku, 3 March 2021. The minister met his counterpart to discuss the negotiations on "
    "transport links.\n\n"
    "The two sides agreed that the new railway through the region would open trade between "
    "Europe and Asia.\n\n"
    "Officials said the pipeline project would continue as planned, with construction "
    "starting in the spring.\n\n"
    "The ministers also discussed cultural exchanges and a joint exhibition in Baku next year.\n"
)
RAILWAY = "the new railway through the region would open trade"
PIPELINE = "the pipeline project would continue as planned"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def import_file(archive: Archive, path: Path) -> int:
    (result,) = archive.import_paths([path])
    assert result.id is not None, result
    return result.id


def span_of(archive: Archive, document_id: int, passage: str) -> tuple[int, int]:
    text = archive.document(document_id).text
    start = text.index(passage)
    return start, start + len(passage)


def annotate(archive: Archive, document_id: int, passage: str, **fields: object) -> Annotation:
    start, end = span_of(archive, document_id, passage)
    return archive.add_annotation(document_id, start, end, **fields)  # type: ignore[arg-type]


def placed_text(archive: Archive, annotation: Annotation) -> str:
    """The text an annotation's span covers now (fails for an orphan)."""
    span = archive.annotation(annotation.id).span
    assert span is not None, "orphaned"
    return archive.document(annotation.document_id).text[span[0] : span[1]]
