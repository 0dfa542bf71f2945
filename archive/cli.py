"""The ``archive-reader`` command line: import, list, search, show, remove, trash,
reextract, reindex, annotations, backup, restore.

Its commands, options, JSON shapes and exit statuses are a contract other tools rely on:
0 on success (an import with failed files included), 2 for a usage or query error, 1 when
the archive itself cannot be used, or when ``remove`` found some of its ids not there.
Messages go to stderr, never as tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from archive.annotations import AnnotationFormatError, AnnotationNotFoundError
from archive.api import DATABASE_NAME, Archive, DocumentNotFoundError
from archive.cli_annotations import (
    AnnotationUsageError,
    add_annotation_commands,
    run_annotations_command,
)
from archive.cli_arguments import document_id, positive_number, year
from archive.cli_backups import add_backup_commands, damage_advice, run_backup, run_restore
from archive.cli_compare import add_compare_commands, run_compare
from archive.cli_facets import add_facets_commands, run_facets, run_saved
from archive.cli_output import (
    document_json,
    import_results_json,
    print_document,
    print_import_results,
    print_json,
    print_reextract_results,
    print_search_results,
    print_summaries,
    reextract_results_json,
    search_results_json,
    summary_json,
)
from archive.cli_passages import add_passages_commands, run_similar
from archive.cli_removal import add_removal_commands, run_remove, run_trash
from archive.cli_trends import add_trends_commands, run_trends_command
from archive.importer import SUPPORTED_FORMATS_TEXT
from archive.ingest import SUPPORTED_SUFFIXES
from archive.models import ImportProgress
from archive.paths import default_data_dir
from archive.search import IndexBusyError, QueryError
from archive.search.errors import IndexUnavailableError
from archive.storage import DatabaseCorruptError, DatabaseError, ReadOnlyArchiveError
from archive.storage.errors import known_storage_error, storage_error

PROG = "archive-reader"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command was called wrongly (exit status 2)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``command`` is ``None`` when no command was given (the window)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="the archive's data directory (default: $ARCHIVE_READER_DATA_DIR, "
        "else the platform's user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Read, search and annotate an archive of press releases. "
        "Without a command, opens the reader window.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importing = commands.add_parser(
        "import",
        parents=[common],
        help=f"import files or folders ({SUPPORTED_FORMATS_TEXT})",
        description=f"Import {SUPPORTED_FORMATS_TEXT}; a folder with all its subfolders. "
        f"Files ending in {_suffixes()} are read; others are reported as skipped.",
    )
    importing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importing.add_argument("--json", action="store_true", help="print the results as JSON")

    listing = commands.add_parser("list", parents=[common], help="list documents, newest first")
    listing.add_argument("--year", type=year, metavar="YYYY", help="only this year's documents")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")

    searching = commands.add_parser("search", parents=[common], help="search the full text")
    searching.add_argument("query", metavar="QUERY")
    searching.add_argument("--year", type=year, metavar="YYYY", help="only hits from this year")
    searching.add_argument(
        "--limit", type=positive_number, default=20, metavar="N", help="at most N hits (default 20)"
    )
    searching.add_argument("--json", action="store_true", help="print the results as JSON")

    showing = commands.add_parser("show", parents=[common], help="print one document")
    showing.add_argument("id", type=document_id, metavar="ID")
    showing.add_argument("--json", action="store_true", help="print the document as JSON")

    add_removal_commands(commands, common)

    reextracting = commands.add_parser(
        "reextract",
        parents=[common],
        help="read every document's original bytes again with the current importer",
        description="Read every document's original bytes again with the current importer "
        "and update its title, date, source, text, language and address in place. Your "
        "corrections are kept; annotations follow their passages. A document that cannot be "
        "read any more is left as it was and listed as failed.",
    )
    reextracting.add_argument("--json", action="store_true", help="print the results as JSON")

    commands.add_parser("reindex", parents=[common], help="rebuild the search index from SQLite")
    add_annotation_commands(commands, common)
    add_backup_commands(commands, common)
    add_passages_commands(commands, common)
    add_trends_commands(commands, common)
    add_facets_commands(commands, common)
    add_compare_commands(commands, common)
    return parser


def _suffixes() -> str:
    return " ".join(sorted(SUPPORTED_SUFFIXES))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed command, turning every expected failure into a message and a status."""
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")
    data_dir: Path = getattr(args, "data_dir", None) or default_data_dir()
    try:
        if args.command == "restore":
            run_restore(data_dir, args, sys.stdout)
            return EXIT_OK
        writes = _writes(args)
        # A command that changes the archive first checks it is sound (PRAGMA quick_check:
        # ~0.05 s on 100 MB when cached) and makes the day's backup; reads skip both.
        with Archive(data_dir, check_integrity=writes or args.command == "backup") as archive:
            if archive.read_only and (writes or args.command in ("reindex", "backup")):
                # Said before any work (or a backup that cannot be written) is attempted.
                raise ReadOnlyArchiveError(data_dir)
            if writes:
                _back_up_if_due(archive)
            return _dispatch(archive, args, sys.stdout)
    except DatabaseCorruptError as error:
        _complain(damage_advice(error, data_dir))
        return EXIT_ERROR
    except (
        QueryError,
        UsageError,
        DocumentNotFoundError,
        AnnotationUsageError,
        AnnotationFormatError,
        AnnotationNotFoundError,
    ) as error:
        _complain(str(error))
        return EXIT_USAGE
    except (DatabaseError, IndexBusyError, IndexUnavailableError) as error:
        _complain(str(error))
        return EXIT_ERROR
    except sqlite3.Error as error:  # met by a read, outside any transaction
        _complain(_explain_storage_error(storage_error(error, data_dir / DATABASE_NAME), data_dir))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error worth a message.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        known = known_storage_error(error, data_dir / DATABASE_NAME)
        if known is not None:
            _complain(str(known))
            return EXIT_ERROR
        _complain(f"cannot use the data directory {data_dir}: {error.strerror or error}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _complain("interrupted")
        return 130


def _writes(args: argparse.Namespace) -> bool:
    """Whether a command changes what the archive holds."""
    return (
        args.command in ("import", "reextract", "remove")
        or (args.command == "trash" and args.empty)
        or (args.command == "annotations" and args.annotations_command == "import")
    )


def _back_up_if_due(archive: Archive) -> None:
    """The day's automatic backup; a failure is reported but does not stop the command."""
    try:
        archive.backup_if_due()
    except DatabaseError as error:
        logging.getLogger("archive.backups").warning("Could not make the daily backup: %s", error)


def _explain_storage_error(error: DatabaseError, data_dir: Path) -> str:
    if isinstance(error, DatabaseCorruptError):
        return damage_advice(error, data_dir)
    return str(error)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _complain(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _dispatch(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    command = args.command
    if command == "import":
        imported = archive.import_paths(args.paths, progress=_progress_printer())
        if args.json:
            print_json(import_results_json(imported), out)
        else:
            print_import_results(imported, out)
    elif command == "list":
        documents = archive.list_documents(args.year)
        if args.json:
            print_json([summary_json(d) for d in documents], out)
        else:
            print_summaries(documents, out)
    elif command == "search":
        results = archive.search(args.query, year=args.year, limit=args.limit)
        if args.json:
            print_json(search_results_json(results), out)
        else:
            print_search_results(results, out)
    elif command == "show":
        document = archive.document(args.id)
        if args.json:
            print_json(document_json(document), out)
        else:
            print_document(document, out)
    elif command == "remove":
        return run_remove(archive, args, out)
    elif command == "trash":
        return run_trash(archive, args, out)
    elif command == "reextract":
        reread = archive.reextract(progress=_progress_printer())
        if args.json:
            print_json(reextract_results_json(reread), out)
        else:
            print_reextract_results(reread, out)
    elif command == "reindex":
        count = archive.reindex()
        print(f"Reindexed {count} document{'s' if count != 1 else ''}.", file=out)
    elif command == "annotations":
        run_annotations_command(archive, args, out)
    elif command == "backup":
        run_backup(archive, args, out)
    elif command == "similar":
        return run_similar(archive, args, out)
    elif command in ("trend", "kwic"):
        return run_trends_command(archive, args, out)
    elif command == "facets":
        return run_facets(archive, args, out)
    elif command == "saved":
        return run_saved(archive, args, out)
    elif command == "compare":
        return run_compare(archive, args, out)
    else:  # pragma: no cover - argparse only lets known commands through
        raise UsageError(f"unknown command {command!r}")
    return EXIT_OK


def _progress_printer() -> Any:
    """A progress callback drawing one line on an interactive stderr, else nothing."""
    if not sys.stderr.isatty():
        return None

    verbs = {"indexing": "Indexing", "re-reading": "Re-reading"}

    def show(progress: ImportProgress) -> None:
        verb = verbs.get(progress.phase, "Importing")
        end = "\n" if progress.done == progress.total else ""
        print(f"\r{verb} {progress.done}/{progress.total}", end=end, file=sys.stderr, flush=True)

    return show
