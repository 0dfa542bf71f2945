"""The importer on 43 labelled real releases from 35 publishers (``../shared``): the targets.

Each file of ``corpora/releases-dev`` is labelled with its true date and title, a phrase
of its body that must be kept and a phrase of page furniture that must go. The scores
are those of ``tools/ingest_eval.py`` (which drives the command line), taken here on the
parser directly so that a change that lowers them fails in the suite.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.ingest import parse_document
from archive.models import ParsedDocument

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "releases-dev"
pytestmark = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.tsv").exists(), reason="the labelled corpus is not here"
)
# The manifest's notes say these files hold no date at all, or a date only their
# origin's file name gave: they cannot be dated from what they hold.
_STATES_NO_DATE = ("NO DATE", "no title/date", "date only from origin file name")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Labelled:
    row: dict[str, str]
    document: ParsedDocument

    @property
    def states_a_date(self) -> bool:
        return not any(note in self.row["format_notes"] for note in _STATES_NO_DATE)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def title_accepted(got: str, want: str) -> bool:
    """As ``ingest_eval.py`` accepts a title."""
    g, w = norm(got), norm(want)
    if difflib.SequenceMatcher(None, g, w).ratio() >= 0.85:
        return True
    if w in g and len(g) <= 1.35 * len(w) + 12:
        return True
    return g in w and len(g) >= 0.7 * len(w)


@pytest.fixture(scope="module")
def labelled() -> list[Labelled]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    return [
        Labelled(row, parse_document((CORPUS / row["file"]).read_bytes(), row["file"]))
        for row in rows
    ]


def test_dates_exact_for_nearly_all_that_state_one_and_never_a_wrong_year(
    labelled: list[Labelled],
) -> None:
    stated = [item for item in labelled if item.states_a_date]
    exact = [
        item
        for item in stated
        if item.document.date is not None
        and (item.document.date.iso or "").startswith(item.row["true_date"])
    ]
    wrong = [
        item.row["file"]
        for item in labelled
        if item.document.date is not None
        and str(item.document.date.year) != item.row["true_date"][:4]
    ]
    assert len(exact) >= 0.85 * len(stated)
    assert wrong == []


def test_titles_accepted_for_nine_in_ten(labelled: list[Labelled]) -> None:
    accepted = [
        item for item in labelled if title_accepted(item.document.title, item.row["true_title"])
    ]
    assert len(accepted) >= 0.9 * len(labelled)


def test_every_body_phrase_is_kept(labelled: list[Labelled]) -> None:
    lost = [
        item.row["file"]
        for item in labelled
        # A phrase copied from a Markdown file keeps its link syntax; the text, the link's words.
        if norm(_MARKDOWN_LINK.sub(r"\1", item.row["body_phrase"])) not in norm(item.document.text)
    ]
    assert lost == []


def test_clutter_is_removed_from_nine_in_ten(labelled: list[Labelled]) -> None:
    checked = [item for item in labelled if item.row["clutter_phrase"].strip()]
    removed = [
        item for item in checked if norm(item.row["clutter_phrase"]) not in norm(item.document.text)
    ]
    assert len(removed) >= 0.9 * len(checked)


def test_every_document_has_a_language(labelled: list[Labelled]) -> None:
    wrong = [
        (item.row["file"], item.document.language)
        for item in labelled
        if item.document.language != item.row["language"]
    ]
    assert len(wrong) <= 2, wrong
