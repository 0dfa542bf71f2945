"""``archive-reader annotations list|export|import``: annotations on the command line.

JSON shapes (a contract: fields may be added, never changed or removed):

- ``annotations list --json`` → ``[{"id", "document_id", "quote", "note", "color",
  "tags", "start", "end", "orphaned"}]``; ``id`` is the annotation's row id, ``tags`` a
  list of strings, ``start``/``end`` ``null`` for an orphan.
- ``annotations import FILE --json`` → ``{"added", "updated", "unchanged", "orphaned":
  [ids], "failed": [{"position", "id", "reason"}]}``.
"""

from __future__ import annotations

import argparse
import functools
import operator
import os
import re
import stat
from pathlib import Path
from typing import Any, TextIO

from archive.annotations import EXPORT_FORMATS, Annotation, AnnotationImportReport
from archive.api import Archive
from archive.atomic_write import write_text_atomically
from archive.cli_arguments import document_id
from archive.cli_output import print_json

QUOTE_PREVIEW_CHARS = 70
#: The largest annotations file ``annotations import`` reads.
MAX_ANNOTATIONS_FILE_BYTES = 256_000_000
_CHUNK = 16 * 1024 * 1024
# Never wait (a named pipe), never take a terminal as ours, never hand the file to a child
# process; bytes as they are on Windows. Flags a platform lacks count as 0.
_READ_FLAGS = os.O_RDONLY | functools.reduce(
    operator.or_,
    (getattr(os, name, 0) for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY")),
)
# C0 and C1 control characters and DEL: a terminal acts on them instead of showing them.
_CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")


class AnnotationUsageError(Exception):
    """An annotations command was given something it cannot use (exit status 2)."""


def add_annotation_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``annotations`` and its actions to the command line's subcommands."""
    annotations = commands.add_parser(
        "annotations", parents=[common], help="list, export and import annotations"
    )
    actions = annotations.add_subparsers(
        dest="annotations_command", metavar="ACTION", required=True
    )

    listing = actions.add_parser(
        "list", parents=[common], help="list annotations in document order, orphans last"
    )
    listing.add_argument(
        "document_id", nargs="?", type=document_id, metavar="DOC_ID", help="only this document's"
    )
    listing.add_argument("--json", action="store_true", help="print the list as JSON")

    exporting = actions.add_parser(
        "export", parents=[common], help="export annotations as Markdown, JSON-LD or CSV"
    )
    exporting.add_argument(
        "--format", choices=EXPORT_FORMATS, default="markdown", help="default: markdown"
    )
    exporting.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    exporting.add_argument(
        "--document", type=document_id, metavar="DOC_ID", help="only this document's annotations"
    )

    importing = actions.add_parser(
        "import", parents=[common], help="add or update annotations from a JSON-LD file"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--json", action="store_true", help="print the report as JSON")


def run_annotations_command(archive: Archive, args: argparse.Namespace, out: TextIO) -> None:
    """Run ``annotations list``, ``export`` or ``import``.

    Raises:
        AnnotationUsageError: A file cannot be read or written.
        DocumentNotFoundError: DOC_ID is not a document.
        AnnotationFormatError: The imported file is not annotations.
    """
    action = args.annotations_command
    if action == "list":
        annotations = archive.annotations(args.document_id)
        if args.json:
            print_json([annotation_json(a) for a in annotations], out)
        else:
            print_annotations(annotations, out)
    elif action == "export":
        text = archive.export_annotations(args.format, args.document)
        if args.out is None:
            out.write(text)
        else:
            try:
                write_text_atomically(args.out, text)
            except OSError as error:
                raise AnnotationUsageError(
                    f"cannot write {args.out}: {error.strerror or error}"
                ) from error
            print(f"Exported {args.format} to {args.out}", file=out)
    elif action == "import":
        report = archive.import_annotations(_read_text(args.file))
        if args.json:
            print_json(import_report_json(report), out)
        else:
            print_import_report(report, out)


def _read_text(path: Path) -> str:
    """The text of an annotations file: a regular file of at most 256 MB, in UTF-8.

    Opened without waiting (a named pipe would wait for a writer forever), checked to be a
    regular file once open, and read with a hard limit whatever its size says: a device
    (``/dev/zero``) has no size and no end. A bigger file is refused whole, before its JSON
    is parsed: parsing takes several times its size in memory, and no export is that big
    (a note holds at most 1 MB).

    Raises:
        AnnotationUsageError: It cannot be read, is not a regular file, is too large, or
            is not UTF-8.
    """
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        raise AnnotationUsageError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        data = _read_regular(path, descriptor)
    except OSError as error:
        raise AnnotationUsageError(f"cannot read {path}: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnnotationUsageError(f"{path} is not UTF-8 text") from None


def _read_regular(path: Path, descriptor: int) -> bytes:
    info = os.fstat(descriptor)
    if stat.S_ISDIR(info.st_mode):
        raise AnnotationUsageError(f"cannot read {path}: it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise AnnotationUsageError(
            f"cannot read {path}: it is not a regular file (a device, a pipe or a socket)"
        )
    too_large = AnnotationUsageError(
        f"{path} is larger than {MAX_ANNOTATIONS_FILE_BYTES // 1_000_000} MB, more than any "
        "file of annotations holds (a note holds at most 1 MB); nothing was imported"
    )
    if info.st_size > MAX_ANNOTATIONS_FILE_BYTES:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_ANNOTATIONS_FILE_BYTES:
        # One byte more than the limit, at most: a file that grew shows it at once.
        chunk = os.read(descriptor, min(_CHUNK, MAX_ANNOTATIONS_FILE_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_ANNOTATIONS_FILE_BYTES:
        raise too_large
    return b"".join(chunks)


def annotation_json(annotation: Annotation) -> dict[str, Any]:
    span = annotation.span
    return {
        "id": annotation.id,
        "document_id": annotation.document_id,
        "quote": annotation.quote,
        "note": annotation.note,
        "color": annotation.color,
        "tags": list(annotation.tags),
        "start": span[0] if span else None,
        "end": span[1] if span else None,
        "orphaned": annotation.orphaned,
    }


def import_report_json(report: AnnotationImportReport) -> dict[str, Any]:
    return {
        "added": [a.id for a in report.added],
        "updated": [a.id for a in report.updated],
        "unchanged": [a.id for a in report.unchanged],
        "orphaned": [a.id for a in report.orphaned],
        "failed": [
            {"position": f.position, "id": f.annotation_id, "reason": f.reason}
            for f in report.failed
        ],
    }


def print_annotations(annotations: list[Annotation], out: TextIO) -> None:
    if not annotations:
        print("No annotations.", file=out)
        return
    for annotation in annotations:
        span = annotation.span
        where = f"{span[0]}-{span[1]}" if span else "orphaned"
        print(
            f"#{annotation.id:<4} doc {annotation.document_id:<4} {annotation.color:<7} "
            f"{where:<11} “{_preview(annotation.quote)}”",
            file=out,
        )
        details = []
        if annotation.note.strip():
            details.append(_preview(annotation.note))
        if annotation.tags:
            details.append(" ".join(f"#{tag}" for tag in annotation.tags))
        if details:
            print(f"      {'  '.join(details)}", file=out)
    orphans = sum(a.orphaned for a in annotations)
    footer = f"{len(annotations)} annotation{'s' if len(annotations) != 1 else ''}"
    if orphans:
        footer += f" ({orphans} orphaned: the passage is gone; re-attach by selecting new text)"
    print(footer, file=out)


def print_import_report(report: AnnotationImportReport, out: TextIO) -> None:
    orphaned = {a.id for a in report.orphaned}
    for status, listed in (("added", report.added), ("updated", report.updated)):
        for annotation in listed:
            note = "  (orphaned: its passage was not found)" if annotation.id in orphaned else ""
            print(f"{status:<9} #{annotation.id:<5} {annotation.urn}{note}", file=out)
    for failure in report.failed:
        name = failure.annotation_id or f"annotation {failure.position}"
        print(f"{'failed':<9} {'-':<6} {printable(name)}: {printable(failure.reason)}", file=out)
    counts = [
        f"{len(report.added)} added",
        f"{len(report.updated)} updated",
        f"{len(report.unchanged)} unchanged",
        f"{len(report.failed)} failed",
    ]
    total = sum(len(x) for x in (report.added, report.updated, report.unchanged, report.failed))
    line = f"{total} annotation{'s' if total != 1 else ''}: " + ", ".join(counts)
    if report.orphaned:
        line += f" ({len(report.orphaned)} orphaned)"
    print(line, file=out)


def printable(text: str) -> str:
    """``text`` with its control characters escaped (``\\x1b``, ``\\r``).

    Ids, notes and quotes come from files: raw, ``ESC[2K`` and a carriage return would let
    one erase its line and print a forged one in its place.
    """
    return _CONTROL_CHARACTER.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def _preview(text: str) -> str:
    flat = printable(" ".join(text.split()))
    if len(flat) <= QUOTE_PREVIEW_CHARS:
        return flat
    return flat[: QUOTE_PREVIEW_CHARS - 1].rstrip() + "…"
