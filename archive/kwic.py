"""Keyword in context: every occurrence of a query across the archive, one line each.

The documents are those the search matches; in each, the occurrences are what the search
looks for, found with its folding and stemming, a phrase whole
(:mod:`archive.search.occurrences`). Each line holds the words before the hit, the hit and
the words after, on one line (whitespace collapsed), each side at most
:data:`CONTEXT_CHARS` characters cut at a word boundary. The left side ends, and the right
side starts, with a space where the text has one there: left, hit and right put together
are the text as it reads ("Nagorno-" + "Karabakh" + " conflict"). A document that matches only
through its title or its metadata (a corrected title, ``source:``) gives no line: the
lines come from its text.

Lines are ordered by date (newest first, undated last, as search's "newest first"), or by
the words left or right of the hit, folded as the search folds them: the nearest word
first, then the next one out, so hits used the same way stand together.

A window asks for the newest lines only (:func:`newest_lines`): a common word has hundreds
of thousands of occurrences, more than anyone reads in a table, so it gets the newest
``limit`` of them with the count of every occurrence (each year's too), found by counting
in the other documents without building their lines. Either search can be stopped early by
a ``cancelled`` callback, checked before each document: it then raises
:class:`KwicCancelledError`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from archive.models import DocumentSummary
from archive.search.analysis import WORD_PATTERN, normalize_word
from archive.search.occurrences import HitWords, find_occurrences
from archive.spreadsheet_text import spreadsheet_text

KwicSort = Literal["date", "left", "right"]
SORT_ORDERS: tuple[KwicSort, ...] = ("date", "left", "right")

#: The most characters of context on each side of a hit.
CONTEXT_CHARS = 60
# Text read each side of a hit, in widths, before its whitespace is collapsed and it is
# cut: enough for a width of words unless they stand among runs of blank lines.
_READ_WIDTHS = 4
# Documents whose texts are held in memory at once.
_BATCH = 500
_WHITESPACE = re.compile(r"\s+")

TextsOf = Callable[[list[int]], dict[int, str]]
SummariesOf = Callable[[list[int]], list[DocumentSummary]]
Cancelled = Callable[[], bool]

CSV_COLUMNS = ("id", "year", "date", "title", "left", "hit", "right", "start", "end")


@dataclass(frozen=True)
class KwicLine:
    """One occurrence of a query, with the words around it.

    Attributes:
        id: The document's id.
        year: Its year, ``None`` when undated.
        date: Its date (``YYYY-MM-DD``, ``YYYY-MM``), ``None`` when it has none.
        title: Its title.
        left: The words before the hit, on one line.
        hit: The hit as written (a phrase whole), on one line.
        right: The words after the hit, on one line.
        start: Where the hit starts in the document's plain text (``Document.text``).
        end: Where it ends there.
    """

    id: int
    year: int | None
    date: str | None
    title: str
    left: str
    hit: str
    right: str
    start: int
    end: int


class KwicCancelledError(Exception):
    """The search for occurrences was stopped: its ``cancelled`` callback said so."""

    def __init__(self) -> None:
        super().__init__("The search for occurrences was stopped.")


@dataclass(frozen=True)
class KwicSample:
    """The newest lines of a query, and how many occurrences there are in all.

    Attributes:
        lines: At most the ``limit`` asked for, newest first (the ``"date"`` order).
        total: Every occurrence in the documents the query matches.
        documents: The documents with at least one occurrence.
        years: The occurrences of each year, the undated ones under ``None``.
    """

    lines: list[KwicLine]
    total: int
    documents: int
    years: dict[int | None, int]

    @property
    def complete(self) -> bool:
        """Whether every occurrence has its line here."""
        return len(self.lines) == self.total


def concordance(
    ids: Sequence[int],
    hit_words: HitWords,
    *,
    texts_of: TextsOf,
    summaries_of: SummariesOf,
    sort: KwicSort = "date",
    width: int = CONTEXT_CHARS,
    cancelled: Cancelled | None = None,
) -> list[KwicLine]:
    """Every occurrence of ``hit_words`` in the documents ``ids``, one line each.

    Args:
        ids: The documents the query matches.
        hit_words: What the query looks for in their text.
        texts_of: The plain texts of some documents, by id.
        summaries_of: The listed fields of some documents (those still there).
        sort: ``"date"``, ``"left"`` or ``"right"`` (see the module's docstring).
        width: The most characters of context on each side.
        cancelled: Asked before each document; when it says so, the search stops.

    Raises:
        KwicCancelledError: ``cancelled`` said so.
    """
    lines: list[KwicLine] = []
    for first in range(0, len(ids), _BATCH):
        batch = list(ids[first : first + _BATCH])
        texts = texts_of(batch)
        for summary in summaries_of(batch):
            check_cancelled(cancelled)
            text = texts.get(summary.id)
            if text:
                lines += _lines_of(summary, text, find_occurrences(text, hit_words), width)
    return sorted_lines(lines, sort)


def newest_lines(
    ids: Sequence[int],
    hit_words: HitWords,
    *,
    texts_of: TextsOf,
    summaries_of: SummariesOf,
    limit: int,
    width: int = CONTEXT_CHARS,
    cancelled: Cancelled | None = None,
) -> KwicSample:
    """The newest ``limit`` lines of ``hit_words`` in ``ids``, and every occurrence counted.

    The lines are those :func:`concordance` gives first in its ``"date"`` order. The
    documents are read newest first; once ``limit`` lines are made, the rest are only
    counted.

    Raises:
        KwicCancelledError: ``cancelled`` said so.
    """
    summaries: list[DocumentSummary] = []
    for first in range(0, len(ids), _BATCH):
        check_cancelled(cancelled)
        summaries += summaries_of(list(ids[first : first + _BATCH]))
    # As sorted_lines orders lines by date: the text order, then newest first.
    summaries.sort(key=lambda summary: summary.id)
    summaries.sort(key=lambda summary: date_key_of(summary.year, summary.date), reverse=True)
    lines: list[KwicLine] = []
    total = documents = 0
    years: dict[int | None, int] = {}
    for first in range(0, len(summaries), _BATCH):
        batch = summaries[first : first + _BATCH]
        texts = texts_of([summary.id for summary in batch])
        for summary in batch:
            check_cancelled(cancelled)
            text = texts.get(summary.id)
            if not text:
                continue
            spans = find_occurrences(text, hit_words)
            if len(lines) < limit:
                lines += _lines_of(summary, text, spans[: limit - len(lines)], width)
            total += len(spans)
            documents += bool(spans)
            if spans:
                years[summary.year] = years.get(summary.year, 0) + len(spans)
    return KwicSample(lines, total, documents, years)


def check_cancelled(cancelled: Cancelled | None) -> None:
    """Raise :class:`KwicCancelledError` if ``cancelled`` says so."""
    if cancelled is not None and cancelled():
        raise KwicCancelledError


def _lines_of(
    summary: DocumentSummary, text: str, spans: Sequence[tuple[int, int]], width: int
) -> list[KwicLine]:
    return [
        KwicLine(
            id=summary.id,
            year=summary.year,
            date=summary.date,
            title=summary.title,
            left=left_context(text, start, width),
            hit=_one_line(text[start:end]),
            right=right_context(text, end, width),
            start=start,
            end=end,
        )
        for start, end in spans
    ]


def left_context(text: str, start: int, width: int = CONTEXT_CHARS) -> str:
    """The words before ``start``, on one line: at most ``width`` characters, whole words."""
    before = _one_line(text[max(0, start - _READ_WIDTHS * width) : start]).lstrip()
    if len(before) <= width:
        return before
    cut = before[-width:]
    if not before[-width - 1].isspace():  # the cut fell inside a word: leave it out
        space = cut.find(" ")
        cut = cut[space + 1 :] if space >= 0 else ""
    return cut.lstrip()


def right_context(text: str, end: int, width: int = CONTEXT_CHARS) -> str:
    """The words after ``end``, on one line: at most ``width`` characters, whole words."""
    after = _one_line(text[end : end + _READ_WIDTHS * width]).rstrip()
    if len(after) <= width:
        return after
    cut = after[:width]
    if not after[width].isspace():
        space = cut.rfind(" ")
        cut = cut[:space] if space >= 0 else ""
    return cut.rstrip()


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def sorted_lines(lines: Sequence[KwicLine], sort: KwicSort) -> list[KwicLine]:
    """The lines in one of the orders of :data:`SORT_ORDERS`.

    Raises:
        ValueError: Not one of them.
    """
    if sort not in SORT_ORDERS:
        raise ValueError(f"unknown order {sort!r}; use one of {', '.join(SORT_ORDERS)}")
    # Each order falls back on the one before: the text order, then the date.
    ordered = sorted(lines, key=lambda line: (line.id, line.start))
    ordered.sort(key=date_key, reverse=True)
    if sort == "left":
        ordered.sort(key=left_key)
    elif sort == "right":
        ordered.sort(key=right_key)
    return ordered


def date_key(line: KwicLine) -> tuple[bool, int, str]:
    """Sorted descending: newest first, a month or year alone after the days, undated last."""
    return date_key_of(line.year, line.date)


def date_key_of(year: int | None, date: str | None) -> tuple[bool, int, str]:
    """:func:`date_key` of a document's year and date."""
    return year is not None, year or 0, date or ""


def left_key(line: KwicLine) -> tuple[str, ...]:
    """The words before the hit, folded, nearest first."""
    return tuple(normalize_word(word) for word in reversed(WORD_PATTERN.findall(line.left)))


def right_key(line: KwicLine) -> tuple[str, ...]:
    """The words after the hit, folded, in order."""
    return tuple(normalize_word(word) for word in WORD_PATTERN.findall(line.right))


def kwic_json(lines: Sequence[KwicLine]) -> list[dict[str, object]]:
    """The ``kwic --json`` shape: ``id``, ``year``, ``date``, ``left``, ``hit``, ``right``.

    ``title``, ``start`` and ``end`` (the hit's offsets in the document's plain text, as
    ``show --json`` gives it) are added beside them.
    """
    return [
        {
            "id": line.id,
            "year": line.year,
            "date": line.date,
            "left": line.left,
            "hit": line.hit,
            "right": line.right,
            # Beyond the contract's fields, added compatibly.
            "title": line.title,
            "start": line.start,
            "end": line.end,
        }
        for line in lines
    ]


def kwic_csv(lines: Sequence[KwicLine]) -> str:
    """The lines as CSV (RFC 4180), one row each, columns :data:`CSV_COLUMNS`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                line.id,
                "" if line.year is None else line.year,
                line.date or "",
                spreadsheet_text(line.title),
                spreadsheet_text(line.left),
                spreadsheet_text(line.hit),
                spreadsheet_text(line.right),
                line.start,
                line.end,
            ]
        )
    return buffer.getvalue()
