"""Annotations: highlighted passages with notes and tags that survive document changes.

- :mod:`~archive.annotations.model`: the :class:`Annotation` dataclass, colours, timestamps;
- :mod:`~archive.annotations.anchoring`: finding a passage again after its text changed,
  and judging each place it might be; :mod:`~archive.annotations.anchoring_candidates`
  (places that look like it), :mod:`~archive.annotations.anchoring_diff` (the old and new
  texts diffed) and :mod:`~archive.annotations.anchoring_evidence` (context and origin);
- :mod:`~archive.annotations.store`: SQLite, and re-anchoring inside the text's transaction;
- :mod:`~archive.annotations.note_search` and :mod:`~archive.annotations.note_lookup`: notes
  in the main search, read from SQLite only where the searched words are;
- :mod:`~archive.annotations.export_markdown`, :mod:`~archive.annotations.export_jsonld`,
  :mod:`~archive.annotations.export_csv`, :mod:`~archive.annotations.import_jsonld`:
  files in and out;
- :mod:`~archive.annotations.service`: all of it as ``Archive`` offers it.
"""

from archive.annotations.errors import AnnotationFormatError, AnnotationNotFoundError
from archive.annotations.model import (
    COLORS,
    DEFAULT_COLOR,
    Annotation,
    AnnotationImportReport,
    ImportFailure,
)
from archive.annotations.service import EXPORT_FORMATS, AnnotationService, ExportFormat
from archive.annotations.store import AnnotationStore

__all__ = [
    "COLORS",
    "DEFAULT_COLOR",
    "EXPORT_FORMATS",
    "Annotation",
    "AnnotationFormatError",
    "AnnotationImportReport",
    "AnnotationNotFoundError",
    "AnnotationService",
    "AnnotationStore",
    "ExportFormat",
    "ImportFailure",
]
