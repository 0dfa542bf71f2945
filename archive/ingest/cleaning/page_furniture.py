"""Remove what a PDF repeats on its pages: running headers and page numbers.

A running header is a short line standing alone where a page starts or ends, such as
the publication's title ("25 years of independence" in seed 004). It is recognised as
a short, unpunctuated, isolated line that either recurs, or echoes a phrase of the
text itself (a running header is usually the publication's own title).
"""

from __future__ import annotations

import re
from collections import Counter

from archive.ingest.cleaning.blocks import BULLET

_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?", re.I)
_MAX_HEADER_LENGTH = 60
_MAX_HEADER_WORDS = 8
_MIN_ECHOED_HEADER_WORDS = 3
_MIN_REPEATS = 2
_CLOSING_PUNCTUATION = tuple('.,:;!?-‐–—"”’)')


def _header_candidate(lines: list[str], index: int) -> str | None:
    """The text of ``lines[index]`` if it has the shape of a running header."""
    line = lines[index]
    text = " ".join(line.split())
    if not text or line[-1:].isspace() or len(text) > _MAX_HEADER_LENGTH:
        return None  # A trailing space means the line wraps on: it is body text.
    if len(text.split()) > _MAX_HEADER_WORDS or text.endswith(_CLOSING_PUNCTUATION):
        return None
    if BULLET.match(text) or text[0].islower():
        return None
    if index and lines[index - 1].strip():
        return None  # It continues the line above: the end of a paragraph or item.
    return text


def remove_page_furniture(lines: list[str]) -> list[str]:
    """Drop page numbers and running headers from the lines of PDF-extracted text.

    Args:
        lines: The text's lines, in order.

    Returns:
        The lines without page furniture.
    """
    candidates = {index: _header_candidate(lines, index) for index in range(len(lines))}
    counts = Counter(text.lower() for text in candidates.values() if text)
    first_text_line = next((index for index, line in enumerate(lines) if line.strip()), 0)
    lowered = "\n".join(lines).lower()
    occurrences = {key: lowered.count(key) for key in counts}  # Once per distinct line.

    kept: list[str] = []
    for index, line in enumerate(lines):
        if _PAGE_NUMBER.fullmatch(line.strip()):
            continue
        text = candidates[index]
        if text is not None:
            key = text.lower()
            repeated = counts[key] >= _MIN_REPEATS
            # The first line may be the document's own title, never a running header.
            echoed = (
                index != first_text_line
                and len(key.split()) >= _MIN_ECHOED_HEADER_WORDS
                and occurrences[key] > counts[key]
            )
            if repeated or echoed:
                continue
        kept.append(line)
    return kept
