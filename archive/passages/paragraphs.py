"""A document's paragraphs, as the reading view shows them, with their plain-text offsets.

The plain text the core derives from the Markdown (``archive.ingest.markdown_text``)
separates paragraph-like blocks (paragraphs, headings, lists, tables, quotes) by one blank
line, so a paragraph is a stretch of ``Document.text`` between blank lines. Paragraphs are
numbered from 1 in document order, every block counted (the title and the dateline too), so
that a number means the same block whatever is searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from archive.search.analysis import WORD_PATTERN

#: A paragraph of fewer words (a dateline, "###", a signature) is never searched for or
#: returned: its words say nothing about where its wording came from.
MIN_WORDS = 8

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Paragraph:
    """One block of a document's plain text.

    Attributes:
        number: Its place among the document's blocks, from 1.
        start: Offset of its first character in the document's plain text.
        end: Offset just past its last character.
        text: ``text[start:end]``.
    """

    number: int
    start: int
    end: int
    text: str

    @property
    def searchable(self) -> bool:
        """Whether it holds enough words to look for (:data:`MIN_WORDS`)."""
        return long_enough(self.text)


def long_enough(text: str) -> bool:
    """Whether ``text`` holds at least :data:`MIN_WORDS` words."""
    return sum(1 for _word in islice(WORD_PATTERN.finditer(text), MIN_WORDS)) == MIN_WORDS


def paragraphs_of(text: str) -> list[Paragraph]:
    """Every paragraph of a document's plain text, in order, numbered from 1.

    Args:
        text: A document's plain text (``Document.text``).
    """
    paragraphs: list[Paragraph] = []
    start = 0
    for separator in [*_BLANK_LINES.finditer(text), None]:
        end = len(text) if separator is None else separator.start()
        block = text[start:end]
        stripped = block.strip()
        if stripped:
            first = start + len(block) - len(block.lstrip())
            paragraphs.append(
                Paragraph(len(paragraphs) + 1, first, first + len(stripped), stripped)
            )
        if separator is not None:
            start = separator.end()
    return paragraphs


def paragraph_at(paragraphs: list[Paragraph], offset: int) -> Paragraph | None:
    """The paragraph holding the character at ``offset``, or the next one after a gap."""
    for paragraph in paragraphs:
        if offset < paragraph.end:
            return paragraph
    return None
