"""A note never lands on a passage that is not its own (issue 11, finding 1).

A passage whose words are gone orphans its note, even when a passage much like it (a
near-twin with one name changed) is elsewhere in the text; light edits inside a passage
(a corrected word, changed punctuation, a typo fixed) keep it where it is.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.annotations.anchoring import TextChange, TextQuote, anchor, quote_at, suggest
from archive.api import Archive
from archive.models import ImportStatus
from tests.conftest import seed_path

MASHHAD = "the Mashhad Declaration was adopted"
GARABAGH = "the Garabagh Declaration was adopted"

# Four paragraphs of a year-end review: every sentence distinct, some alike in shape.
PARAGRAPHS = [
    "On 6 June in Shusha, at an informal summit of the Organization of Turkic States, the "
    "Garabagh Declaration was adopted by the heads of state. Support was expressed for mine "
    "action and humanitarian demining.",
    "In July the ministers met in Astana to discuss transport links across the Caspian Sea. "
    "The two sides agreed that the new railway through the region would open trade between "
    "Europe and Asia.",
    "On 3 December in Mashhad, at the meeting of the Council of Foreign Ministers, the "
    "Mashhad Declaration was adopted by the member states. Gratitude was expressed to our "
    "country for hosting the next summit in 2025.",
    "The ministers also discussed cultural exchanges and a joint exhibition in Baku next year. "
    "Officials said the pipeline project would continue as planned.",
]
TEXT = "\n\n".join(PARAGRAPHS)
DELETED = (
    "On 3 December in Mashhad, at the meeting of the Council of Foreign Ministers, the "
    "Mashhad Declaration was adopted by the member states. "
)


def reanchor(old: str, new: str, passage: str) -> str | None:
    """Annotate ``passage`` in ``old``; the text its note is on in ``new`` (None: orphaned)."""
    start = old.index(passage)
    end = start + len(passage)
    placement = TextChange(old, new).reanchor(quote_at(old, start, end), start, end)
    return None if placement is None else new[placement.start : placement.end]


# -- the reported case, on the real release ----------------------------------------------


def test_a_deleted_clause_orphans_its_note_rather_than_move_it_to_a_like_one(
    tmp_path: Path,
) -> None:
    release = tmp_path / "review_2024.txt"
    original = seed_path("003").read_text("utf-8")
    release.write_text(original, "utf-8")
    with Archive(tmp_path / "data") as archive:
        (imported,) = archive.import_paths([release])
        assert imported.id is not None
        text = archive.document(imported.id).text
        start = text.index(MASHHAD)
        assert 600 < start - text.index(GARABAGH) < 900  # the other declaration, earlier
        note = archive.add_annotation(imported.id, start, start + len(MASHHAD), note="ECO")

        release.write_text(original.replace(" the Mashhad Declaration was adopted,", ""), "utf-8")
        os.utime(release, ns=(0, release.stat().st_mtime_ns + 10**9))
        (updated,) = archive.import_paths([release])
        assert updated.status is ImportStatus.UPDATED

        after = archive.annotation(note.id)
        assert after.orphaned, f"the note moved to {after.quote!r}"
        assert (after.quote, after.note) == (MASHHAD, "ECO")


def test_the_same_clause_is_not_placed_on_the_like_one_without_the_old_text() -> None:
    # Importing a file of annotations into the changed release has only the quote, its
    # context and its old position to go by.
    original = seed_path("003").read_text("utf-8")
    start = original.index(MASHHAD)
    quote = quote_at(original, start, start + len(MASHHAD))
    changed = original.replace(" the Mashhad Declaration was adopted,", "")
    assert anchor(changed, quote, hint=start) is None


# -- near-twins elsewhere ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("twin_paragraph", "twin"),
    [
        (0, DELETED.replace("Mashhad Declaration", "Tehran Declaration")),
        (1, DELETED.replace("in Mashhad,", "in Tabriz,")),
        (3, DELETED.replace("3 December", "4 December")),
        (0, DELETED.replace("Council of Foreign Ministers", "Council of Trade Ministers")),
        (3, DELETED.replace("member states", "observer states")),
    ],
)
def test_a_deleted_sentence_never_gives_its_note_to_a_near_twin_in_another_paragraph(
    twin_paragraph: int, twin: str
) -> None:
    # The twin was there all along: it is another passage, whatever its words.
    paragraphs = list(PARAGRAPHS)
    paragraphs[twin_paragraph] = twin + paragraphs[twin_paragraph]
    old = "\n\n".join(paragraphs)
    new = old.replace(DELETED, "")
    assert twin in new and DELETED not in new
    assert reanchor(old, new, DELETED.strip()) is None


@pytest.mark.parametrize("twin_paragraph", [0, 1, 3])
@pytest.mark.parametrize(
    "changed", [("Mashhad Declaration", "Tehran Declaration"), ("3 December", "4 December")]
)
def test_a_sentence_deleted_and_written_anew_elsewhere_with_a_name_changed_is_orphaned(
    twin_paragraph: int, changed: tuple[str, str]
) -> None:
    paragraphs = list(PARAGRAPHS)
    paragraphs[2] = paragraphs[2].replace(DELETED, "")
    paragraphs[twin_paragraph] += " " + DELETED.replace(*changed).strip()
    new = "\n\n".join(paragraphs)
    assert reanchor(TEXT, new, DELETED.strip()) is None


def test_a_deleted_clause_is_not_placed_on_its_twin_in_the_next_sentence() -> None:
    old = TEXT.replace("Gratitude was expressed", "In Tehran the Tabriz Declaration was adopted")
    new = old.replace(MASHHAD + " by the member states", "a communiqué followed")
    assert reanchor(old, new, MASHHAD) is None


# -- light edits keep the passage ----------------------------------------------------------

PASSAGE = "the Mashhad Declaration was adopted by the member states"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("adopted by the member", "approved by the member"),  # a corrected word
        ("adopted by", "adopted, by"),  # punctuation
        ("member states", "memebr states"),  # a typo
        ("Mashhad Declaration", "Meshhed Declaration"),  # a spelling corrected
    ],
)
def test_a_light_edit_inside_the_passage_keeps_it(before: str, after: str) -> None:
    new = TEXT.replace(PASSAGE, PASSAGE.replace(before, after))
    assert reanchor(TEXT, new, PASSAGE) == PASSAGE.replace(before, after)


def test_a_light_edit_inside_a_moved_paragraph_keeps_the_passage() -> None:
    paragraphs = [
        PARAGRAPHS[2].replace("adopted by", "adopted, by"),
        *PARAGRAPHS[:2],
        PARAGRAPHS[3],
    ]
    new = "\n\n".join(paragraphs)
    assert reanchor(TEXT, new, PASSAGE) == PASSAGE.replace("adopted by", "adopted, by")


def test_a_whole_text_typed_again_with_small_changes_keeps_the_passage() -> None:
    retyped = (
        TEXT.replace(". ", ".  ")
        .replace("Organization", "Organisation")
        .replace("member states", "member-states")
        .replace("Caspian", "caspian")
    )
    assert reanchor(TEXT, retyped, PASSAGE) == PASSAGE.replace("member states", "member-states")


def test_a_paragraph_moved_to_the_end_keeps_its_passage() -> None:
    # The last line of the text has no line break after it; moved there, the paragraph
    # must still be recognised as the same line.
    new = "\n\n".join([*PARAGRAPHS[:2], PARAGRAPHS[3], PARAGRAPHS[2]])
    assert reanchor(TEXT, new, PASSAGE) == PASSAGE


# -- repeated words -------------------------------------------------------------------------


def test_of_two_sentences_ending_alike_the_deleted_ones_note_does_not_go_to_the_other() -> None:
    # The two texts share their ends, so trimming the common end keeps "a statement on
    # water resources for the coming year." in place: the first sentence's words, not
    # the deleted second one's. A near-twin of the deleted sentence went elsewhere.
    first = "The committee welcomed a statement on water resources for the coming year."
    second = "Officials endorsed a statement on water resources for the coming year."
    opening = "The president welcomed the Nakhchivan Declaration in Mashhad on 7 December."
    closing = "The heads of state reviewed the Samarkand agreement at the summit in Garabagh."
    twin = second.replace("a statement", "a Canberra")
    old = f"{opening}\n\n{first} {second}\n\n{closing}"
    new = f"{opening} {twin}\n\n{first}\n\n{closing}"
    start = old.index("statement on water resources for", old.index(second))
    end = start + len("statement on water resources for")
    assert TextChange(old, new).reanchor(quote_at(old, start, end), start, end) is None


def test_of_two_sentences_beginning_alike_the_deleted_ones_note_does_not_go_to_the_other() -> None:
    # The next sentence begins with the note's words and moves up into the deleted one's
    # place; a near-twin of the deleted sentence is written after it.
    deleted = "The president adopted the Astana programme for the coming year."
    next_one = "The president adopted the Astana programme with the delegation of Shusha."
    opening = "The delegation welcomed the Khankendi agreement on 27 January in Astana."
    old = f"{opening} {deleted} {next_one}\n\n{PARAGRAPHS[1]}"
    twin = deleted.replace("adopted", "signed")
    new = f"{opening} {next_one} {twin}\n\n{PARAGRAPHS[1]}"
    start = old.index(deleted)
    end = start + len("The president adopted the")
    assert TextChange(old, new).reanchor(quote_at(old, start, end), start, end) is None


def test_a_sentence_beginning_with_the_passages_words_written_before_it_keeps_the_passage() -> None:
    sentence = "The foreign ministers welcomed a memorandum on green energy in Baku."
    written = "The foreign ministers welcomed a memorandum on mine action in Quba."
    old = f"{PARAGRAPHS[0]}\n\nOfficials met in Astana. {sentence}\n\n{PARAGRAPHS[3]}"
    new = old.replace(sentence, f"{written} {sentence}")
    start = old.index("ministers welcomed a memorandum on")
    end = start + len("ministers welcomed a memorandum on")
    placement = TextChange(old, new).reanchor(quote_at(old, start, end), start, end)
    assert placement is not None
    assert placement.start == new.index(sentence) + len("The foreign ")


# -- the orphan tray's "Re-attach here?" ----------------------------------------------------


def test_a_deleted_clause_is_suggested_a_place_it_is_not_given() -> None:
    original = seed_path("003").read_text("utf-8")
    start = original.index(MASHHAD)
    quote = quote_at(original, start, start + len(MASHHAD))
    changed = original.replace(" the Mashhad Declaration was adopted,", "")
    assert anchor(changed, quote, hint=start) is None

    suggestion = suggest(changed, quote, hint=start)

    assert suggestion is not None and not suggestion.exact
    assert changed[suggestion.start : suggestion.end] == GARABAGH


def test_a_passage_reworded_beyond_acceptance_is_suggested_where_it_is() -> None:
    reworded = "the Mashhad Accord was signed by the member states"
    new = TEXT.replace(PASSAGE, reworded)
    start = TEXT.index(PASSAGE)
    quote = quote_at(TEXT, start, start + len(PASSAGE))
    assert TextChange(TEXT, new).reanchor(quote, start, start + len(PASSAGE)) is None

    suggestion = suggest(new, quote, hint=start)

    assert suggestion is not None
    assert new[suggestion.start : suggestion.end] == reworded


def test_of_equal_candidates_the_nearest_to_where_it_was_is_suggested() -> None:
    sentence = "The committee welcomed the plan for water resources."
    text = f"{sentence}\n\n{sentence}\n\n{sentence}"
    second = text.index(sentence, 1)
    quote = TextQuote("The committee welcomed the plan for energy security.")

    suggestion = suggest(text, quote, hint=second + 3)

    assert suggestion is not None and suggestion.start == second


def test_nothing_is_suggested_when_nothing_is_even_roughly_like_the_quote() -> None:
    start = TEXT.index(PASSAGE)
    quote = quote_at(TEXT, start, start + len(PASSAGE))
    unrelated = "Weather: sunny spells, light winds, 24 degrees in the afternoon.\n\n" * 5
    assert suggest(unrelated, quote, hint=start) is None
    assert suggest(TEXT, TextQuote("   "), hint=0) is None
