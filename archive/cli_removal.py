"""The ``remove`` command: move documents to the trash, or bring them back.

``remove ID... --json`` prints ``[{"id": N, "status": "removed" | "not found",
"annotations": N}]``, one object per id given, in order. The exit status is 0 when every
id was acted on and 1 when some were not found (the others are still done).
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from archive.api import Archive
from archive.removal import RemovalResult, RemovalStatus

EXIT_OK, EXIT_SOME_NOT_FOUND = 0, 1


def add_remove_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``remove`` to the command line's subcommands."""
    removing = commands.add_parser(
        "remove",
        parents=[common],
        help="remove documents (kept in the trash with their annotations; --restore undoes)",
        description="Remove documents from the archive: they leave the lists and search. "
        "Nothing is deleted: each is kept in the trash with its annotations, and comes back "
        "with them with --restore, or when its file is imported again.",
    )
    removing.add_argument("ids", nargs="+", type=_document_id, metavar="ID")
    removing.add_argument(
        "--restore", action="store_true", help="bring removed documents back instead"
    )
    removing.add_argument("--json", action="store_true", help="print the results as JSON")


def run_remove(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Remove (or restore) the documents; returns the exit status."""
    if args.restore:
        results = archive.restore_documents(args.ids)
    else:
        results = archive.remove_documents(args.ids)
    if args.json:
        json.dump(removal_results_json(results), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_removal_results(results, out)
    if any(result.status is RemovalStatus.NOT_FOUND for result in results):
        return EXIT_SOME_NOT_FOUND
    return EXIT_OK


def removal_results_json(results: list[RemovalResult]) -> list[dict[str, Any]]:
    return [
        {"id": result.id, "status": result.status.value, "annotations": result.annotations}
        for result in results
    ]


def print_removal_results(results: list[RemovalResult], out: TextIO) -> None:
    """One line per id: what became of it and of its annotations."""
    for result in results:
        print(f"{result.id:>5}  {_described(result)}", file=out)


def _described(result: RemovalResult) -> str:
    if result.status is RemovalStatus.NOT_FOUND:
        return "not found"
    count = result.annotations
    if count == 0:
        return result.status.value
    kept = "kept in the trash" if result.status is RemovalStatus.REMOVED else "back"
    return f"{result.status.value} ({count} annotation{'s' if count != 1 else ''} {kept})"


def _document_id(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a document id (a number like 12)")
    return int(text)
