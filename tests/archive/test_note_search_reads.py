"""Note search reads only the notes that may match, and its phrases do bounded work.

Notes may hold up to 1 MB each. A search used to read every note, quote and tag of the
archive (or of the year) into Python and split each into words: with a hundred such notes
every search took 2.5 s. What a search reads is measured here by the memory it allocates
(``tracemalloc``), which is exact and does not depend on the machine's speed.
"""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.annotations import note_search
from archive.api import Archive
from archive.search import phrases as phrases_module
from archive.search.phrases import PhraseBudget
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY, annotate, import_file, write

LONG_NOTES = 4
LONG_NOTE_CHARS = 900_000  # under the 1 MB a note may hold
# Far less than one long note: a search that read the long notes would exceed it.
READ_AT_MOST = 1_000_000


def long_note(seed: int) -> str:
    """About 900 KB of made-up words, none starting with "z", none a word searched here."""
    draw = random.Random(seed)
    words = [
        "".join(draw.choice("bcdfghjklmnpqrstvwxy") for _ in range(draw.randint(4, 9)))
        for _ in range(5_000)
    ]
    return " ".join(draw.choice(words) for _ in range(LONG_NOTE_CHARS // 6))[:LONG_NOTE_CHARS]


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        story = import_file(opened, write(tmp_path / "story.txt", STORY))
        for seed in range(LONG_NOTES):
            annotate(opened, story, RAILWAY, note=long_note(seed))
        annotate(opened, story, PIPELINE, note="A note about zanzibar.", tags=["Gas Supplies"])
        yield opened


def note_ids(archive: Archive, query: str) -> list[int]:
    return [hit.annotation_id for hit in archive.search(query, limit=50).note_hits]


def bytes_read_by(archive: Archive, query: str) -> tuple[int, list[int]]:
    """The most memory a search allocated at once, and the note hits it found."""
    archive.search("warm")  # the index's searcher and caches, opened once
    tracemalloc.start()
    try:
        found = note_ids(archive, query)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, found


@pytest.mark.parametrize(
    "query",
    [
        "zanzibar",
        "zanzibar OR supplies",
        '"about zanzibar"',
        '"note zanzibar"~3',
        "zanz*",
        "zan*bar",
        "zanzibr~",
        "zanzibar NOT railway",
    ],
)
def test_a_search_reads_only_the_notes_that_may_match(archive: Archive, query: str) -> None:
    short = archive.annotations()[-1]

    peak, found = bytes_read_by(archive, query)

    assert found == [short.id]
    # The long notes hold 3.6 MB; reading any one of them would allocate 0.9 MB or more.
    assert peak < READ_AT_MOST


def test_a_search_for_a_word_of_a_long_note_reads_only_the_notes_it_shows(
    archive: Archive,
) -> None:
    long_ones = archive.annotations()[:LONG_NOTES]
    word = long_ones[0].note.split()[0]

    found = note_ids(archive, word)

    assert long_ones[0].id in found
    assert set(found) <= {annotation.id for annotation in long_ones}


def test_a_word_inside_a_longer_word_is_not_a_note_hit(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        made = annotate(archive, story, RAILWAY, note="Toil and soil.")

        assert note_ids(archive, "oil") == []
        assert note_ids(archive, "toil") == [made.id]
        assert note_ids(archive, '"and soil"') == [made.id]
        assert note_ids(archive, '"oil and"') == []


def test_a_phrase_never_runs_from_the_note_into_the_quote_or_a_tag(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        # The quote begins "the pipeline project"; the tag is "Gas Supplies".
        made = annotate(archive, story, PIPELINE, note="Read with care", tags=["Gas Supplies"])

        assert note_ids(archive, '"care the pipeline"') == []
        assert note_ids(archive, '"care the pipeline"~3') == []
        assert note_ids(archive, '"planned gas"~2') == []
        assert note_ids(archive, '"pipeline project"') == [made.id]
        assert note_ids(archive, '"gas supplies"') == [made.id]


def test_a_phrase_with_slop_is_found_wherever_it_occurs(tmp_path: Path) -> None:
    # oil(0) gas(2) coal(4): each within 2 of the one before. Taking the first "gas"
    # after "oil" (position 1) leaves "coal" 3 away, so the phrase must be looked for
    # from every "gas", not only the nearest.
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        made = annotate(archive, story, RAILWAY, note="oil gas gas rail coal")

        assert note_ids(archive, '"oil gas coal"~2') == [made.id]
        assert note_ids(archive, '"oil coal gas"~2') == []


class RecordedBudgets:
    """Every phrase budget note search makes, to see how much each one examined."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[PhraseBudget] = []
        made = self.made

        class Recorded(PhraseBudget):
            def __init__(self, limit: int | None = None) -> None:
                super().__init__(limit)
                made.append(self)

        monkeypatch.setattr(note_search, "PhraseBudget", Recorded)


def test_a_phrase_with_slop_in_a_long_repetitive_note_does_bounded_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budgets = RecordedBudgets(monkeypatch)
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        # "gas" only at the very end: "gas" then "oil" never occur in that order.
        made = annotate(archive, story, RAILWAY, note="oil " * 3_000 + "gas")

        # With the real limit the note is checked, and does not have the phrase.
        assert note_ids(archive, '"gas oil"~3') == []
        assert budgets.made[-1].unchecked == 0

        # With a limit below the note's length, it is decided without positions: it has
        # both words, so it is listed (as a document too long to check would be).
        monkeypatch.setattr(phrases_module, "MAX_EXAMINED_POSITIONS", 1_000)
        assert note_ids(archive, '"gas oil"~3') == [made.id]
        budget = budgets.made[-1]
        assert (budget.limit, budget.unchecked) == (1_000, 1)
        assert budget.examined <= budget.limit


def test_an_exact_phrase_in_a_long_repetitive_note_is_found_or_not_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An exact phrase is found in the stems text as a whole, whatever the note's length:
    # no positions, so no limit and no guess.
    monkeypatch.setattr(phrases_module, "MAX_EXAMINED_POSITIONS", 10)
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        made = annotate(archive, story, RAILWAY, note="oil " * 3_000 + "gas")
        almost = " ".join(["oil"] * 119 + ["gas"])

        assert note_ids(archive, f'"{almost}"') == [made.id]
        assert note_ids(archive, f'"{almost} oil"') == []
        assert note_ids(archive, '"gas oil"') == []


def test_a_prefix_standing_for_many_words_finds_every_note_holding_one(tmp_path: Path) -> None:
    # Twelve words (more than are looked up one by one) of which each note holds one.
    words = [f"pip{ending}" for ending in "abcdefghijkl"]
    with Archive(tmp_path / "data") as archive:
        story = import_file(archive, write(tmp_path / "story.txt", STORY))
        made = [annotate(archive, story, RAILWAY, note=f"oil and {word}") for word in words]
        plain = annotate(archive, story, RAILWAY, note="oil alone")

        assert sorted(note_ids(archive, "pip*")) == [annotation.id for annotation in made]
        assert note_ids(archive, "oil NOT pip*") == [plain.id]
        assert note_ids(archive, f"pip* AND {words[-1]}") == [made[-1].id]
