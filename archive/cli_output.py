"""What the command line prints: the JSON shapes of the contract, and readable text."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from typing import Any, TextIO

from archive.language_names import language_name
from archive.models import (
    Document,
    DocumentSummary,
    ImportResult,
    ReextractResult,
    ReextractStatus,
    SearchResults,
)
from archive.paths import printable

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# What a terminal acts on instead of showing (C0 and C1 controls, DEL), and what reorders
# the text around it (bidirectional embeddings, overrides and isolates; line and paragraph
# separators). Marks that only set one character's direction (U+200E, U+200F) are left:
# Arabic and Hebrew text holds them, and they move nothing else.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def print_json(value: Any, out: TextIO) -> None:
    """Print a command's ``--json`` output: readable, UTF-8 as it is, one trailing newline."""
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def terminal_text(text: str) -> str:
    """Words from a document or a note, safe to print on a terminal as one line of a report.

    Titles, sources, addresses, snippets and notes come from files: raw, ``ESC[2K`` and a
    carriage return would erase the report's line and print a forged one in its place. Such
    characters are shown as their escapes (``\\x1b``, ``\\r``, ``\\u202e``); everything else,
    backslashes included, is printed as it is. A path is printed with
    :func:`archive.paths.printable` instead, which also keeps it unambiguous.
    """
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _escape(unsafe: re.Match[str]) -> str:
    return unsafe.group().encode("unicode_escape").decode("ascii")


def summary_json(document: DocumentSummary) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "date": document.date,
        "year": document.year,
        "date_inferred": document.date_inferred,
        "source": document.source,
        "path": document.path,
        # Beyond the contract's fields, added compatibly.
        "language": document.language,
    }


def document_json(document: Document) -> dict[str, Any]:
    return summary_json(document) | {
        "markdown": document.markdown,
        "text": document.text,
        # Beyond the contract's fields, added compatibly.
        "format": document.format,
        "url": document.url,
        "date_evidence": document.date_evidence,
        "title_evidence": document.title_evidence,
    }


def import_results_json(results: list[ImportResult]) -> list[dict[str, Any]]:
    return [
        {"path": r.path, "status": r.status.value, "id": r.id, "reason": r.reason} for r in results
    ]


def search_results_json(results: SearchResults) -> dict[str, Any]:
    return {
        "query": results.query,
        "total": results.total,
        "years": results.years,
        "suggestion": results.suggestion,
        "hits": [
            {
                "id": hit.id,
                "title": hit.title,
                "year": hit.year,
                "date": hit.date,
                "score": round(hit.score, 4),
                "snippet": hit.snippet,
            }
            for hit in results.hits
        ],
        # Beyond the contract's fields, added compatibly.
        "undated": results.undated,
        "note_hits": [
            {
                "annotation_id": hit.annotation_id,
                "document_id": hit.document_id,
                "document_title": hit.document_title,
                "year": hit.year,
                "date": hit.date,
                "snippet": hit.snippet,
            }
            for hit in results.note_hits
        ],
    }


def print_import_results(results: list[ImportResult], out: TextIO) -> None:
    """One line per file (and its reason below), then totals.

    File names, and reasons that name files, are printed with their control characters
    escaped (``archive.paths.printable``): a name cannot fake a line of the report.
    """
    for result in results:
        number = f"#{result.id}" if result.id is not None else "-"
        line = f"{result.status.value:<9} {number:>6}  {printable(result.path)}"
        if result.reason:
            line += f"\n{'':17}{printable(result.reason)}"
        print(line, file=out)
    counts = Counter(result.status.value for result in results)
    parts = [f"{counts[s]} {s}" for s in ("imported", "updated", "unchanged", "skipped", "failed")]
    print(f"{len(results)} file{'s' if len(results) != 1 else ''}: " + ", ".join(parts), file=out)


def reextract_results_json(results: list[ReextractResult]) -> list[dict[str, Any]]:
    return [{"id": r.id, "status": r.status.value, "reason": r.reason} for r in results]


def print_reextract_results(results: list[ReextractResult], out: TextIO) -> None:
    """One line per document updated (with what changed) or failed (with why), then totals."""
    for result in results:
        if result.status is ReextractStatus.UNCHANGED:
            continue
        line = f"{result.status.value:<9} {f'#{result.id}':>6}  {printable(result.path)}"
        if result.reason:
            line += f": {printable(result.reason)}"
        elif result.changed:
            line += f" ({', '.join(result.changed)})"
        print(line, file=out)
    counts = Counter(result.status for result in results)
    parts = [f"{counts[status]} {status.value}" for status in ReextractStatus]
    noun = "document" if len(results) == 1 else "documents"
    print(f"{len(results)} {noun}: " + ", ".join(parts), file=out)


def _shown_date(document: DocumentSummary) -> str:
    shown = document.date or (str(document.year) if document.year else "undated")
    return f"{shown}~" if document.date_inferred else shown


def print_summaries(documents: list[DocumentSummary], out: TextIO) -> None:
    if not documents:
        print("No documents.", file=out)
        return
    for document in documents:
        title = terminal_text(document.title)
        print(f"{document.id:>5}  {_shown_date(document):<11}  {title}", file=out)
    inferred = any(document.date_inferred for document in documents)
    footer = f"{len(documents)} document{'s' if len(documents) != 1 else ''}"
    if inferred:
        footer += " (~ marks a date inferred from the text)"
    print(footer, file=out)


def snippet_as_text(snippet: str) -> str:
    """A marked snippet for a terminal: hits in [brackets], no tags or entities."""
    return html.unescape(_TAG.sub("", _MARK.sub(r"[\1]", snippet)))


def print_search_results(results: SearchResults, out: TextIO) -> None:
    if results.total == 0:
        print(f"No matches for {results.query!r}.", file=out)
        if results.suggestion:
            print(f"Did you mean: {terminal_text(results.suggestion)}", file=out)
        _print_note_hits(results, out)
        return
    per_year = ", ".join(f"{year}: {count}" for year, count in sorted(results.years.items()))
    if results.undated:
        per_year += f"{', ' if per_year else ''}undated: {results.undated}"
    print(f"{results.total} match{'es' if results.total != 1 else ''} ({per_year})", file=out)
    for hit in results.hits:
        date = hit.date or (str(hit.year) if hit.year else "undated")
        print(f"\n#{hit.id}  {date}  {terminal_text(hit.title)}", file=out)
        print(f"    {terminal_text(snippet_as_text(hit.snippet))}", file=out)
    _print_note_hits(results, out)


def _print_note_hits(results: SearchResults, out: TextIO) -> None:
    if not results.note_hits:
        return
    count = len(results.note_hits)
    print(f"\nIn notes ({count} annotation{'s' if count != 1 else ''}):", file=out)
    for hit in results.note_hits:
        date = hit.date or (str(hit.year) if hit.year else "undated")
        print(
            f"\nnote #{hit.annotation_id} on #{hit.document_id}  {date}  "
            f"{terminal_text(hit.document_title)}",
            file=out,
        )
        print(f"    {terminal_text(snippet_as_text(hit.snippet))}", file=out)


def print_document(document: Document, out: TextIO) -> None:
    """The title, a line of facts (date, source, language, address, path), then the text.

    The text itself was cleaned of control characters when it was imported; the title and
    facts, which a file's metadata may supply, are escaped here (:func:`terminal_text`).
    """
    print(terminal_text(document.title), file=out)
    facts = [_shown_date(document)]
    if document.source:
        facts.append(terminal_text(document.source))
    language = language_name(document.language)
    if language:
        facts.append(terminal_text(language))
    if document.url:
        facts.append(terminal_text(document.url))
    facts.append(printable(document.path))
    print(" · ".join(facts), file=out)
    print("", file=out)
    print(document.markdown, file=out)
