"""Rendered notes are kept within a size in megabytes, however long the notes are."""

from __future__ import annotations

from reader.annotations import note_rendering
from reader.annotations.note_rendering import note_plain
from reader.text_cache import TextCache, text_cached


def test_the_cache_keeps_what_fits_and_drops_the_least_recently_used() -> None:
    cache = TextCache(megabytes=0.01)  # 10,485 bytes
    for number in range(20):
        cache.put(f"key {number}", "x" * 1000)  # about 1,100 bytes with the key
    assert cache.size <= cache.budget
    assert 5 < len(cache) < 10
    assert cache.get("key 0") is None  # the oldest went first
    assert cache.get("key 19") == "x" * 1000


def test_a_result_used_again_outlives_newer_ones() -> None:
    cache = TextCache(megabytes=0.005)
    cache.put("kept", "k" * 1000)
    for number in range(10):
        assert cache.get("kept") is not None
        cache.put(f"key {number}", "x" * 1000)
    assert cache.get("kept") == "k" * 1000
    assert cache.size <= cache.budget


def test_a_result_larger_than_the_budget_is_returned_not_kept() -> None:
    calls: list[str] = []

    @text_cached(megabytes=0.001)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert upper("short") == "SHORT"
    assert upper("short") == "SHORT"
    assert calls == ["short"]
    huge = "y" * 10_000
    assert upper(huge) == huge.upper()
    assert upper(huge) == huge.upper()
    assert calls == ["short", huge, huge]
    assert upper.cache.size <= upper.cache.budget  # type: ignore[attr-defined]


def test_long_notes_stay_within_the_notes_budget() -> None:
    cache = note_plain.cache  # type: ignore[attr-defined]
    cache.clear()
    # 200 pasted articles of 100,000 characters: 20 MB of notes, more than the budget.
    for number in range(200):
        note = f"Article {number}. " + "word " * 20_000
        assert note_plain(note).startswith(f"Article {number}.")
    assert cache.size <= note_rendering.CACHED_NOTES_MB * 1024 * 1024
    assert 0 < len(cache) < 200
