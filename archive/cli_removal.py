"""The ``remove`` and ``trash`` commands: move documents to the trash, list it, empty it.

``remove ID... --json`` prints ``[{"id": N, "status": "removed" | "not found",
"annotations": N}]``, one object per id given, in order. The exit status is 0 when every
id was acted on and 1 when some were not found (the others are still done). ``trash``
lists the removed documents as ``list`` does; ``trash --empty`` deletes them for good.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from archive.api import Archive
from archive.cli_arguments import document_id
from archive.cli_output import print_json, print_summaries, summary_json
from archive.removal import RemovalResult, RemovalStatus

EXIT_OK, EXIT_SOME_NOT_FOUND = 0, 1


def add_removal_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``remove`` and ``trash`` to the command line's subcommands."""
    removing = commands.add_parser(
        "remove",
        parents=[common],
        help="remove documents (kept in the trash with their annotations; --restore undoes)",
        description="Remove documents from the archive: they leave the lists and search. "
        "Nothing is deleted: each is kept in the trash with its annotations, and comes back "
        "with them with --restore, or when its file is imported again.",
    )
    removing.add_argument("ids", nargs="+", type=document_id, metavar="ID")
    removing.add_argument(
        "--restore", action="store_true", help="bring removed documents back instead"
    )
    removing.add_argument("--json", action="store_true", help="print the results as JSON")
    trash = commands.add_parser(
        "trash",
        parents=[common],
        help="list the removed documents, or delete them for good with --empty",
    )
    trash.add_argument(
        "--empty",
        action="store_true",
        help="delete the removed documents and their annotations for good",
    )
    trash.add_argument("--json", action="store_true", help="print the results as JSON")


def run_remove(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Remove (or restore) the documents; returns the exit status."""
    if args.restore:
        results = archive.restore_documents(args.ids)
    else:
        results = archive.remove_documents(args.ids)
    if args.json:
        print_json(removal_results_json(results), out)
    else:
        print_removal_results(results, out)
    if any(result.status is RemovalStatus.NOT_FOUND for result in results):
        return EXIT_SOME_NOT_FOUND
    return EXIT_OK


def run_trash(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """List the trash, or empty it; returns the exit status."""
    if args.empty:
        emptied = archive.empty_trash()
        if args.json:
            print_json({"documents": emptied.documents, "annotations": emptied.annotations}, out)
        else:
            print(
                f"Deleted {emptied.documents} document{'s' if emptied.documents != 1 else ''}"
                f" and {emptied.annotations} annotation{'s' if emptied.annotations != 1 else ''}"
                " for good.",
                file=out,
            )
        return EXIT_OK
    removed = archive.removed_documents()
    if args.json:
        print_json([summary_json(document) for document in removed], out)
    else:
        print_summaries(removed, out)
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
