"""The file types the import dialog offers, from the suffixes the importer reads."""

from __future__ import annotations

from archive.ingest import SUPPORTED_SUFFIXES
from archive.ingest.readers.sniffing import SUFFIX_FORMATS
from archive.models import SourceFormat

# What each kind of file is called in the dialog, in the order it is offered.
_KINDS: tuple[tuple[SourceFormat, str], ...] = (
    (SourceFormat.PLAIN, "Text files"),
    (SourceFormat.MARKDOWN, "Markdown files"),
    (SourceFormat.HTML, "Web pages"),
    (SourceFormat.PDF, "PDF documents"),
    (SourceFormat.DOCX, "Word documents"),
    (SourceFormat.RTF, "Rich Text documents"),
)
ALL_FILES = "All files (*)"


def _patterns(suffixes: list[str]) -> str:
    return " ".join(f"*{suffix}" for suffix in suffixes)


def _suffixes_of(kind: SourceFormat) -> list[str]:
    return [
        suffix
        for suffix, suffix_kind in SUFFIX_FORMATS.items()
        if suffix_kind is kind and suffix in SUPPORTED_SUFFIXES
    ]


def import_name_filters() -> list[str]:
    """The dialog's filters: every supported file first, then one per kind, then all files.

    Returns:
        Filters as ``QFileDialog`` takes them, e.g. ``"PDF documents (*.pdf)"``.
    """
    by_kind = [(name, _suffixes_of(kind)) for kind, name in _KINDS]
    listed = [suffix for _, suffixes in by_kind for suffix in suffixes]
    # A suffix the importer learns before this table does is still offered, last.
    listed += sorted(SUPPORTED_SUFFIXES - set(listed))
    filters = [f"Press releases ({_patterns(listed)})"]
    filters += [f"{name} ({_patterns(suffixes)})" for name, suffixes in by_kind if suffixes]
    filters.append(ALL_FILES)
    return filters


def import_dialog_filter() -> str:
    """:func:`import_name_filters` joined as ``QFileDialog.getOpenFileNames`` takes them."""
    return ";;".join(import_name_filters())
