"""The vocabulary behind prefixes, fuzzy terms and suggestions."""

from __future__ import annotations

from pathlib import Path

from archive.search.vocabulary import Vocabulary, words_of


def test_words_of_are_folded_unstemmed_words_without_numbers() -> None:
    assert words_of("Negotiations in Bakı, 2024: İlham’s 3rd visit.") == {
        "negotiations",
        "in",
        "baki",
        "ilham",
        "3rd",
        "visit",
    }


def test_prefix_wildcard_and_distance() -> None:
    vocabulary = Vocabulary(["negotiate", "negotiation", "negotiations", "nation", "peace"])
    assert list(vocabulary.starting_with("negotiati")) == ["negotiation", "negotiations"]
    assert list(vocabulary.matching("n*tion")) == ["nation", "negotiation"]
    assert list(vocabulary.matching("neg*tion*")) == ["negotiation", "negotiations"]
    assert set(vocabulary.within("negotiatons", 1, 1)) == {"negotiations"}
    assert set(vocabulary.within("negotiaton", 2, 1)) == {
        "negotiation",
        "negotiations",
        "negotiate",
    }
    assert set(vocabulary.within("peace", 0, 1)) == {"peace"}


def test_question_mark_is_a_plain_character() -> None:
    assert list(Vocabulary(["nation"]).matching("nati?n")) == []


def test_saved_and_loaded_alike(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.txt"
    Vocabulary(["b", "a", "çay"]).save(path)
    loaded = Vocabulary.load(path)
    assert (len(loaded), "a" in loaded, "çay" in loaded, "c" in loaded) == (3, True, True, False)
    assert list(tmp_path.iterdir()) == [path]


def test_missing_file_is_an_empty_vocabulary(tmp_path: Path) -> None:
    assert len(Vocabulary.load(tmp_path / "none.txt")) == 0


def test_with_words_returns_itself_when_nothing_is_new() -> None:
    vocabulary = Vocabulary(["peace"])
    assert vocabulary.with_words(["peace"]) is vocabulary
    assert "treaty" in vocabulary.with_words(["treaty"])
