"""Choose a document's title among what its metadata and its text offer.

The order: a title the file's metadata declares (front matter, a web page's agreed
headline, a PDF's or Word document's title property), then the headline the text opens
with, then the text's first sentence, then the file's name. A declared title that the
text itself spells slightly differently (a catalogue's OCR slip: "demanding" for
"demining") yields to the text's own headline.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from archive.ingest.titles.derived import clean_title, shorten_title, title_from_text
from archive.ingest.titles.labels import is_generic_title, title_key

MAX_GIVEN_TITLE_LENGTH = 300
# A line of the text this close to a declared title is the same title, better spelt.
_SAME_TITLE_RATIO = 0.8
_OPENING_LINES = 15


@dataclass(frozen=True)
class TitleCandidate:
    """A possible title and where it comes from."""

    text: str | None
    evidence: str


def choose_title(
    declared: TitleCandidate,
    headline: TitleCandidate,
    paragraphs: list[str],
    filename: str,
) -> tuple[str, str]:
    """The document's title and where it was read.

    Args:
        declared: The title the file's metadata declares (``text`` may be ``None``).
        headline: The headline the text opens with (a heading, a title line).
        paragraphs: The text's paragraphs, for the first sentence and for checking a
            declared title against the text's own spelling.
        filename: The file's name, the title of last resort.

    Returns:
        The title (cleaned, at most a few hundred characters) and its evidence.
    """
    if declared.text and not is_generic_title(declared.text):
        if declared.evidence.startswith("HTML"):
            return _given(declared.text), declared.evidence
        better = _same_title_in_text(declared.text, _opening_lines(paragraphs, headline))
        if better is not None:
            return _given(better), "headline in the text (the metadata's title misspells it)"
        return _given(declared.text), declared.evidence
    if headline.text and not is_generic_title(headline.text):
        return _given(headline.text), headline.evidence
    sentence = title_from_text(paragraphs)
    if sentence:
        return sentence, "first sentence"
    return clean_title(PurePath(filename).stem) or "Untitled", "file name"


def same_title(first: str, second: str) -> bool:
    """Whether two spellings name the same title (case, spacing, punctuation, a slip)."""
    a, b = title_key(first), title_key(second)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= _SAME_TITLE_RATIO


def _given(title: str) -> str:
    # A title the document gives is kept whole unless absurdly long.
    return shorten_title(clean_title(title), limit=MAX_GIVEN_TITLE_LENGTH)


def _opening_lines(paragraphs: list[str], headline: TitleCandidate) -> Iterable[str]:
    if headline.text:
        yield headline.text
    count = 0
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if line.strip():
                yield line
                count += 1
                if count >= _OPENING_LINES:
                    return


def _same_title_in_text(declared: str, lines: Iterable[str]) -> str | None:
    """A line of the text that spells the declared title slightly differently."""
    wanted = title_key(declared)
    for line in lines:
        key = title_key(line)
        if not key or key == wanted:
            continue
        if difflib.SequenceMatcher(None, key, wanted).ratio() >= _SAME_TITLE_RATIO:
            return " ".join(line.split())
    return None
