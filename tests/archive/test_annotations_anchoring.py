"""Finding a passage again: exact, moved, approximately after edits, or not at all."""

from __future__ import annotations

import pytest

from archive.annotations.anchoring import (
    Placement,
    TextChange,
    TextQuote,
    anchor,
    check_span,
    quote_at,
    similarity,
    suggest,
)
from tests.archive.annotation_helpers import PIPELINE, RAILWAY, STORY

TEXT = STORY.strip()


def selector(passage: str, text: str = TEXT) -> tuple[TextQuote, int, int]:
    start = text.index(passage)
    end = start + len(passage)
    return quote_at(text, start, end), start, end


def test_quote_at_takes_32_characters_of_context_each_side() -> None:
    quote, start, end = selector(RAILWAY)
    assert quote == TextQuote(RAILWAY, TEXT[start - 32 : start], TEXT[end : end + 32])
    assert len(quote.prefix) == len(quote.suffix) == 32


def test_check_span_accepts_a_selection_and_explains_bad_ones() -> None:
    check_span(TEXT, 0, 4)
    with pytest.raises(ValueError, match="outside"):
        check_span(TEXT, 0, len(TEXT) + 1)
    with pytest.raises(ValueError, match="empty"):
        check_span(TEXT, 5, 5)


def test_similarity_is_one_for_equal_and_lower_for_edited_text() -> None:
    assert similarity("railway", "railway") == 1.0
    assert similarity("railway", "railways") == pytest.approx(7 / 8)
    assert similarity("abc", "xyz") == 0.0


def test_the_exact_quote_is_found_where_it_moved() -> None:
    quote, start, _ = selector(RAILWAY)
    moved = "A new first paragraph, added in a later edition.\n\n" + TEXT
    found = anchor(moved, quote, hint=start)
    assert found == Placement(start + 50, start + 50 + len(RAILWAY), exact=True)


def test_of_repeated_words_the_occurrence_in_the_right_context_is_chosen() -> None:
    # "Baku" occurs twice; the second one's context decides, not nearness to the hint.
    text = TEXT
    second = text.rindex("Baku")
    quote = quote_at(text, second, second + 4)
    found = anchor("Foreword. " + text, quote, hint=0)
    assert found == Placement(second + 10, second + 14, exact=True)


def test_a_short_quote_without_its_context_is_not_placed_elsewhere() -> None:
    second = TEXT.rindex("Baku")
    quote = quote_at(TEXT, second, second + 4)
    without_its_sentence = TEXT[: TEXT.rindex("The ministers also")]
    assert "Baku" in without_its_sentence
    assert anchor(without_its_sentence, quote, hint=second) is None


def test_a_passage_with_a_word_changed_is_found_approximately() -> None:
    quote, start, _ = selector(RAILWAY)
    edited = TEXT.replace("would open trade", "would open up trade")
    found = anchor(edited, quote, hint=start)
    assert found is not None and not found.exact
    assert edited[found.start : found.end] == RAILWAY.replace("open trade", "open up trade")


def test_an_edited_passage_that_also_moved_far_is_orphaned_and_suggested() -> None:
    # From the quote alone, an edited passage far from where it was is not told from a
    # near-twin written elsewhere: it is orphaned, and offered for the reader to confirm.
    quote, start, _ = selector(RAILWAY)
    edited = "Preamble. " * 500 + TEXT.replace("through the region", "across the region")
    assert anchor(edited, quote, hint=start) is None
    offered = suggest(edited, quote, hint=start)
    assert offered is not None
    assert edited[offered.start : offered.end] == RAILWAY.replace("through", "across")


def test_a_deleted_passage_is_not_found() -> None:
    quote, start, end = selector(RAILWAY)
    assert anchor(TEXT[:start] + TEXT[end:], quote, hint=start) is None


def test_a_passage_rewritten_beyond_recognition_is_not_found() -> None:
    quote, start, end = selector(PIPELINE)
    rewritten = TEXT[:start] + "work on the gas line is to be postponed indefinitely" + TEXT[end:]
    assert anchor(rewritten, quote, hint=start) is None


def test_an_empty_quote_is_never_placed() -> None:
    assert anchor(TEXT, TextQuote(""), hint=0) is None


def test_a_change_maps_a_passage_exactly_when_the_edit_is_outside_it() -> None:
    quote, start, end = selector(PIPELINE)
    new = TEXT.replace("The two sides agreed", "After long talks, both sides agreed")
    placement = TextChange(TEXT, new).reanchor(quote, start, end)
    assert placement is not None and placement.exact
    assert new[placement.start : placement.end] == PIPELINE
    assert placement.start == start + len("After long talks, both") - len("The two")


def test_a_change_keeps_the_same_occurrence_of_a_repeated_quote() -> None:
    text = "the end. the end. the end."
    quote = quote_at(text, 9, 16)  # the second "the end"
    new = "Preface: " + text
    assert TextChange(text, new).reanchor(quote, 9, 16) == Placement(18, 25, exact=True)


def test_an_edit_next_to_a_passage_that_repeats_its_neighbour_keeps_it_whole() -> None:
    # diff-match-patch tidies this diff by shifting the deletion across "aa", through the
    # passage; mapping around one edit keeps the passage whole.
    text = "aa\naaaa"
    quote = quote_at(text, 5, 7)
    assert TextChange(text, "\naa").reanchor(quote, 5, 7) == Placement(1, 3, exact=True)


def test_a_change_inside_the_passage_falls_back_to_an_approximate_match() -> None:
    quote, start, end = selector(RAILWAY)
    new = TEXT.replace("new railway", "new high-speed railway")
    placement = TextChange(TEXT, new).reanchor(quote, start, end)
    assert placement is not None and not placement.exact
    assert new[placement.start : placement.end] == RAILWAY.replace("new", "new high-speed")


def test_a_change_that_deletes_the_passage_gives_no_place() -> None:
    quote, start, end = selector(PIPELINE)
    assert TextChange(TEXT, TEXT[:start] + TEXT[end:]).reanchor(quote, start, end) is None


def test_an_orphan_without_a_position_is_found_by_its_quote() -> None:
    quote, _, _ = selector(RAILWAY)
    placement = TextChange("old text", TEXT).reanchor(quote, None, None)
    assert placement is not None and TEXT[placement.start : placement.end] == RAILWAY
