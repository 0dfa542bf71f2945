"""The ``similar`` command: where else a passage of a document appears.

``similar ID [--paragraph N | --offset CHARS] [--limit N] --json`` prints a list, best
first, of ``{"id", "title", "year", "date", "paragraph", "start", "end", "score",
"text"}``: a paragraph of another document (its number there, from 1; its offsets in that
document's plain text), how alike its wording is (0-1) and its text. A missing document is
a usage error (exit status 2), as is a paragraph that does not exist or is too short to
look for.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from archive.api import Archive
from archive.cli_arguments import document_id
from archive.cli_output import terminal_text
from archive.passages import MIN_WORDS, PassageError, SimilarPassage, SimilarPassages

PROG = "archive-reader"
EXIT_OK, EXIT_USAGE = 0, 2


def add_passages_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``similar`` to the command line's subcommands."""
    similar = commands.add_parser(
        "similar",
        parents=[common],
        help="where else a paragraph of a document appears, reused or lightly edited",
        description="List the paragraphs of other documents that reuse the wording of a "
        "paragraph of document ID, best first. Paragraphs are numbered from 1 as the "
        "document's text is laid out (every block counted, the title too); without "
        "--paragraph or --offset, the document's first paragraph of at least "
        f"{MIN_WORDS} words is taken.",
    )
    similar.add_argument("id", type=document_id, metavar="ID")
    which = similar.add_mutually_exclusive_group()
    which.add_argument("--paragraph", type=_number, metavar="N", help="the Nth paragraph")
    which.add_argument(
        "--offset",
        type=_offset,
        metavar="CHARS",
        help="the paragraph holding this character offset of the plain text (show --json)",
    )
    similar.add_argument(
        "--limit", type=_number, default=10, metavar="N", help="at most N paragraphs (default 10)"
    )
    similar.add_argument("--json", action="store_true", help="print the paragraphs as JSON")


def _number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _offset(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a character offset (0 or more)")
    return int(text)


def run_similar(archive: Archive, args: argparse.Namespace, out: TextIO) -> int:
    """Look for the passage and print what was found; returns the exit status."""
    try:
        found = archive.similar_passages(
            args.id, paragraph=args.paragraph, offset=args.offset, limit=args.limit
        )
    except PassageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump(
            [similar_json(match) for match in found.matches], out, ensure_ascii=False, indent=2
        )
        out.write("\n")
    else:
        print_similar(found, out)
    return EXIT_OK


def similar_json(match: SimilarPassage) -> dict[str, Any]:
    return {
        "id": match.id,
        "title": match.title,
        "year": match.year,
        "date": match.date,
        "paragraph": match.paragraph,
        "start": match.start,
        "end": match.end,
        "score": match.score,
        "text": match.text,
    }


def print_similar(found: SimilarPassages, out: TextIO) -> None:
    """The passage looked for, then one entry per paragraph found, shared wording in [ ]."""
    asked = found.asked
    where = f"paragraph {asked.paragraph}" if asked.paragraph else f"{asked.start}-{asked.end}"
    print(
        f"Document {asked.document_id}, {where}: {terminal_text(_short(asked.text, 160))}", file=out
    )
    if not found.matches:
        print("No other document has this passage.", file=out)
        return
    count = len(found.matches)
    print(f"{count} paragraph{'s' if count != 1 else ''} with its wording, best first:", file=out)
    for match in found.matches:
        print(file=out)
        date = match.date or (str(match.year) if match.year else "undated")
        print(
            f"#{match.id}  {date}  {match.score:.0%}  paragraph {match.paragraph}  "
            f"{terminal_text(match.title)}",
            file=out,
        )
        print(f"    {terminal_text(_marked(match))}", file=out)


def _marked(match: SimilarPassage) -> str:
    """The paragraph with its shared wording in brackets."""
    pieces, at = [], match.start
    for start, end in match.shared:
        pieces += [
            match.text[at - match.start : start - match.start],
            "[",
            match.text[start - match.start : end - match.start],
            "]",
        ]
        at = end
    pieces.append(match.text[at - match.start :])
    return " ".join("".join(pieces).split())


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
