"""Errors of the annotations feature, with messages meant for people."""

from __future__ import annotations


class AnnotationNotFoundError(LookupError):
    """No annotation has the requested id."""

    def __init__(self, annotation_id: int) -> None:
        super().__init__(f"No annotation with id {annotation_id}.")
        self.annotation_id = annotation_id


class AnnotationFormatError(ValueError):
    """A file of annotations that cannot be read at all (not JSON, or not annotations).

    Problems with single annotations in a readable file are reported per annotation
    instead (see :class:`archive.annotations.model.AnnotationImportReport`).
    """
