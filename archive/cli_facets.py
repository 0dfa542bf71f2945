"""The ``facets`` and ``saved`` commands: what documents mention, and saved searches.

``facets [--kind countries|organisations] [--year YYYY] --json`` prints
``[{"kind": "country" | "organisation", "key", "name", "documents", "years": {"2024": N},
"undated": N}]``, most documents first: ``documents`` counts the documents that mention
the entity (in ``--year`` if given), ``years`` and ``undated`` every year's.

``saved list --json`` prints ``[{"name", "query", "matches", "new", "created",
"seen_at", "problem"}]``; ``saved show NAME --json`` prints ``{"name", "query", "new",
"new_ids", "results"}`` with ``results`` shaped as ``search --json``, and marks the
search seen. ``saved add NAME QUERY``, ``saved rename NAME NEW_NAME`` and ``saved remove
NAME`` change them. An unknown or taken name exits with status 2 and a message.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from archive.api import Archive
from archive.cli_arguments import positive_number, year
from archive.cli_output import print_json, print_search_results, search_results_json, terminal_text
from archive.mentions import EntityCount, EntityKind
from archive.saved_searches import SavedSearch, SavedSearchError

PROG = "archive-reader"
EXIT_OK, EXIT_USAGE = 0, 2

_KINDS = {"countries": EntityKind.COUNTRY, "organisations": EntityKind.ORGANISATION}


def add_facets_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``facets`` and ``saved`` to the command line's subcommands."""
    facets = commands.add_parser(
        "facets",
        parents=[common],
        help="the countries and international organisations the documents mention",
        description="Count the documents that mention each country and international "
        "organisation, in all and per year, most mentioned first. Removed documents are "
        "not counted.",
    )
    facets.add_argument("--kind", choices=sorted(_KINDS), help="only countries or organisations")
    facets.add_argument("--year", type=year, metavar="YYYY", help="count this year's documents")
    facets.add_argument("--json", action="store_true", help="print the counts as JSON")

    saved = commands.add_parser(
        "saved",
        parents=[common],
        help="saved searches, with the documents that match them since last looked at",
    )
    actions = saved.add_subparsers(dest="saved_command", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", parents=[common], help="list saved searches with their new matches"
    )
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    adding = actions.add_parser("add", parents=[common], help="save a search under a name")
    adding.add_argument("name", metavar="NAME")
    adding.add_argument("query", metavar="QUERY")
    removing = actions.add_parser("remove", parents=[common], help="forget a saved search")
    removing.add_argument("name", metavar="NAME")
    renaming = actions.add_parser("rename", parents=[common], help="rename a saved search")
    renaming.add_argument("name", metavar="NAME")
    renaming.add_argument("new_name", metavar="NEW_NAME")
    showing = actions.add_parser(
        "show", parents=[common], help="run a saved search and mark its matches seen"
    )
    showing.add_argument("name", metavar="NAME")
    showing.add_argument(
        "--limit", type=positive_number, default=20, metavar="N", help="at most N hits (default 20)"
    )
    showing.add_argument("--json", action="store_true", help="print the results as JSON")


def run_facets(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Count the mentions (reading outdated documents first, when the archive is writable)."""
    if not archive.read_only:
        archive.update_mentions()
    elif archive.mentions_outdated():
        print(
            f"{PROG}: warning: some documents were not yet read for mentions (the archive "
            "is read-only here); their mentions are not counted",
            file=sys.stderr,
        )
    kind = _KINDS[args.kind] if args.kind else None
    counts = archive.facet_counts(kind, args.year)
    if args.json:
        print_json([facet_json(count) for count in counts], out)
    else:
        print_facets(counts, args.year, out)
    return EXIT_OK


def run_saved(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Run a ``saved`` action; a name not found or taken is a usage error (status 2)."""
    try:
        return _run_saved(archive, args, out)
    except SavedSearchError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _run_saved(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    action = args.saved_command
    if action == "list":
        searches = archive.saved_searches()
        if args.json:
            print_json([saved_json(search) for search in searches], out)
        else:
            print_saved_searches(searches, out)
    elif action == "add":
        added = archive.save_search(args.name, args.query)
        print(f"Saved “{added.name}” ({added.matches} {_documents(added.matches)}).", file=out)
    elif action == "remove":
        removed = archive.remove_saved_search(args.name)
        print(f"Removed the saved search “{removed.name}”.", file=out)
    elif action == "rename":
        renamed = archive.rename_saved_search(args.name, args.new_name)
        print(f"Renamed it “{renamed.name}”.", file=out)
    else:  # show
        before = archive.saved_search(args.name)
        results = archive.search(before.query, limit=args.limit)
        archive.mark_saved_search_seen(before.name)
        if args.json:
            print_json(
                {
                    "name": before.name,
                    "query": before.query,
                    "new": before.new,
                    "new_ids": list(before.new_ids),
                    "results": search_results_json(results),
                },
                out,
            )
        else:
            print(f"“{terminal_text(before.name)}”: {terminal_text(before.query)}", file=out)
            print(f"{before.new} new since last looked at.\n", file=out)
            print_search_results(results, out)
    return EXIT_OK


def facet_json(count: EntityCount) -> dict[str, Any]:
    dated = {str(year): n for year, n in sorted(count.years.items(), key=_year_key) if year}
    return {
        "kind": count.entity.kind.value,
        "key": count.entity.key,
        "name": count.entity.name,
        "documents": count.documents,
        "years": dated,
        # Beyond the contract's fields: the undated documents that mention it.
        "undated": count.years.get(None, 0),
    }


def saved_json(search: SavedSearch) -> dict[str, Any]:
    return {
        "name": search.name,
        "query": search.query,
        "matches": search.matches,
        "new": search.new,
        "created": search.created,
        "seen_at": search.seen_at,
        "problem": search.problem,
    }


def print_facets(counts: list[EntityCount], year: int | None, out: TextIO) -> None:
    if not counts:
        where = f" in {year}" if year is not None else ""
        print(f"No country or organisation is mentioned{where}.", file=out)
        return
    width = max(len(f"{count.documents:,}") for count in counts)
    for count in counts:
        entity = count.entity
        print(
            f"{count.documents:>{width},}  {entity.kind.value:<12}  {entity.key:<8}  {entity.name}",
            file=out,
        )


def print_saved_searches(searches: list[SavedSearch], out: TextIO) -> None:
    if not searches:
        print("No saved searches. Save one with: archive-reader saved add NAME QUERY", file=out)
        return
    for search in searches:
        if search.problem:
            state = f"cannot run: {search.problem}"
        else:
            state = f"{search.new} new, {search.matches} {_documents(search.matches)}"
        print(f"{terminal_text(search.name)}  [{terminal_text(search.query)}]  {state}", file=out)


def _documents(count: int) -> str:
    return "document" if count == 1 else "documents"


def _year_key(item: tuple[int | None, int]) -> int:
    return item[0] or 0
