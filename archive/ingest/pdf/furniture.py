"""Tell a PDF's page furniture from its text: running headers, footers, page numbers.

Furniture sits at the edges of pages, and is told by where it is and what it says, never
by whom it names:

* a line at the top or bottom of pages that recurs in the same place on other pages,
  digits aside ("Page 1 of 3" and "Page 2 of 3", a header with the date);
* a page number alone at the top or bottom ("3", "- 3 -", "Seite 3 von 4");
* a block of lines set apart in the top or bottom margin that carries the page number:
  all of it goes, so a footer "Publisher · address    Page 1 of 1" leaves nothing
  behind, even on a one-page file;
* a header that later pages have and the first does not (it begins on page 2 of a
  two-page file, so it never recurs): lines set apart at the top of a later page, no
  larger than the text, higher than anything on the first page.

A line of the body is never at stake: each rule wants a line at a page's edge, and
either evidence from other pages or a page number, or a margin no text of the first page
reaches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.ingest.pdf.layout import usual_pitch, usual_size
from archive.ingest.pdf.lines import PdfLine, PdfPage
from archive.ingest.pdf.page_numbers import is_page_number, mentions_page_number

# Lines this near a page's top or bottom may be a running header or footer.
_EDGE_LINES = 3
# ...and this near, a page number alone on its line.
_PAGE_NUMBER_EDGE_LINES = 2
# A margin block: at most this many lines...
_MAX_BLOCK_LINES = 3
# ...set apart from the text by more than this many usual line distances...
_BLOCK_GAP_PITCHES = 2.0
# ...within this share of the page's height from its edge.
_MARGIN_SHARE = 0.15
# Recurring lines are in the same place on their pages: their baselines differ by less
# than this share of their size.
_SAME_PLACE_SHARE = 0.5
# A header of later pages is set no larger than the text (with this tolerance).
_HEADER_SIZE_TOLERANCE = 1.05
_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")

_Place = tuple[int, int]  # (page index, line index)


def remove_page_furniture(pages: Sequence[PdfPage], page_count: int) -> list[PdfPage]:
    """Drop running headers, footers and page numbers from a PDF's pages.

    Args:
        pages: The pages read, in order.
        page_count: How many pages the file has (page numbers count to it).

    Returns:
        The same pages without their furniture.
    """
    pitch = usual_pitch(pages)
    furniture = (
        _lone_page_numbers(pages, page_count)
        | _numbered_margin_blocks(pages, page_count, pitch)
        | _recurring_edge_lines(pages)
        | _headers_of_later_pages(pages, pitch)
    )
    return [
        PdfPage(
            page.number,
            page.top,
            page.bottom,
            tuple(
                line
                for line_index, line in enumerate(page.lines)
                if (page_index, line_index) not in furniture
            ),
        )
        for page_index, page in enumerate(pages)
    ]


def _edge_indexes(count: int, depth: int) -> tuple[list[int], list[int]]:
    """The indexes of the first and the last ``depth`` lines of ``count``."""
    return list(range(min(depth, count))), list(range(max(count - depth, 0), count))


def _lone_page_numbers(pages: Sequence[PdfPage], page_count: int) -> set[_Place]:
    found: set[_Place] = set()
    for page_index, page in enumerate(pages):
        top, bottom = _edge_indexes(len(page.lines), _PAGE_NUMBER_EDGE_LINES)
        for line_index in {*top, *bottom}:
            if is_page_number(page.lines[line_index].text, page.number, page_count):
                found.add((page_index, line_index))
    return found


def _margin_blocks(page: PdfPage, pitch: float) -> tuple[range, range]:
    """The lines set apart in the page's top and bottom margins (empty where none).

    A block is at most a few lines near the edge, set apart from the rest by a wide gap,
    and holds less text than the rest of the page: on a page with a few lines of text
    and a footer, the text is not taken for a header.
    """
    lines = page.lines
    margin = _MARGIN_SHARE * page.height
    top = range(0)
    for end in range(1, min(_MAX_BLOCK_LINES, len(lines) - 1) + 1):
        set_apart = lines[end - 1].baseline - lines[end].baseline > _BLOCK_GAP_PITCHES * pitch
        if set_apart and lines[end - 1].bottom >= page.top - margin:
            top = range(end)
            break
    bottom = range(0)
    for start in range(len(lines) - 1, max(len(lines) - 1 - _MAX_BLOCK_LINES, 0), -1):
        set_apart = lines[start - 1].baseline - lines[start].baseline > _BLOCK_GAP_PITCHES * pitch
        if set_apart and lines[start].top <= page.bottom + margin:
            bottom = range(start, len(lines))
            break
    return (
        top if _is_the_smaller_part(page, top) else range(0),
        bottom if _is_the_smaller_part(page, bottom) else range(0),
    )


def _is_the_smaller_part(page: PdfPage, block: range) -> bool:
    inside = sum(len(page.lines[i].text) for i in block)
    return inside < sum(len(line.text) for line in page.lines) - inside


def _numbered_margin_blocks(pages: Sequence[PdfPage], page_count: int, pitch: float) -> set[_Place]:
    found: set[_Place] = set()
    for page_index, page in enumerate(pages):
        for block in _margin_blocks(page, pitch):
            if any(_carries_page_number(page.lines[i], page, page_count) for i in block):
                found.update((page_index, line_index) for line_index in block)
    return found


def _carries_page_number(line: PdfLine, page: PdfPage, page_count: int) -> bool:
    if any(is_page_number(chunk, page.number, page_count) for chunk in line.chunks):
        return True
    return mentions_page_number(line.text, page.number, page_count)


def _recurrence_key(line: PdfLine) -> str | None:
    """The line with digits and case set aside, or ``None`` if it has no letters."""
    if not _LETTER.search(line.text):
        return None
    return _DIGITS.sub("#", line.text.casefold())


def _recurring_edge_lines(pages: Sequence[PdfPage]) -> set[_Place]:
    seen: dict[tuple[str, str], list[tuple[int, int, PdfLine]]] = {}
    for page_index, page in enumerate(pages):
        top, bottom = _edge_indexes(len(page.lines), _EDGE_LINES)
        for edge, indexes in (("top", top), ("bottom", bottom)):
            for line_index in indexes:
                line = page.lines[line_index]
                key = _recurrence_key(line)
                if key is not None:
                    seen.setdefault((edge, key), []).append((page_index, line_index, line))
    found: set[_Place] = set()
    for occurrences in seen.values():
        for page_index, line_index, line in occurrences:
            # Furniture stands in the same place on every page; the same words of the
            # text rarely do.
            if any(
                other_page != page_index
                and abs(other.baseline - line.baseline) <= _SAME_PLACE_SHARE * line.size
                for other_page, _, other in occurrences
            ):
                found.add((page_index, line_index))
    return found


def _headers_of_later_pages(pages: Sequence[PdfPage], pitch: float) -> set[_Place]:
    if len(pages) < 2 or not pages[0].lines:
        return set()
    first_page_top = max(line.top for line in pages[0].lines)
    text_size = usual_size(pages)
    found: set[_Place] = set()
    for page_index, page in enumerate(pages[1:], start=1):
        block, _ = _margin_blocks(page, pitch)
        lines = [page.lines[i] for i in block]
        if lines and all(
            line.bottom > first_page_top and line.size <= _HEADER_SIZE_TOLERANCE * text_size
            for line in lines
        ):
            found.update((page_index, line_index) for line_index in block)
    return found
