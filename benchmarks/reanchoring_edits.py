"""Edits of a release that a re-anchored note must survive, or must not follow.

A release is modelled as paragraphs of sentences of words, each sentence with a key that
stays with it through an edit; a note marks some words of one sentence. After an edit the
note's passage is where that sentence's words are now, or nowhere when the sentence was
deleted. So whether a re-anchored note sits on its own passage is decided by construction,
not by another text comparison:

- ``deleted``: the sentence is deleted (its passage is gone);
- ``twin_elsewhere``: it is deleted, and a near-twin of it (one word of the passage
  changed, as a name would be) is written elsewhere (the passage is gone: the twin is
  another passage);
- ``light_edit``: a word corrected, punctuation changed, or a typo made or fixed inside the
  passage (the passage stays);
- ``moved_paragraph``: a paragraph moves, perhaps the passage's (it stays);
- ``inserted_before``: new sentences are written before the passage (it stays);
- ``retyped``: the whole release typed again with tiny changes here and there (it stays).

A sentence that occurs twice word for word is never deleted (nor given a twin): the text
left is the same whichever copy went, so there is no telling whether the passage is gone.

Used by ``python -m benchmarks.reanchoring`` on real releases and by the property test of
re-anchoring on generated ones. Randomness comes from a ``random.Random`` (Hypothesis
hands one over that it can shrink).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

EDIT_KINDS = (
    "deleted",
    "twin_elsewhere",
    "light_edit",
    "moved_paragraph",
    "inserted_before",
    "retyped",
)
#: The kinds after which the passage is still in the text.
KEEPING_KINDS = frozenset({"light_edit", "moved_paragraph", "inserted_before", "retyped"})
PARAGRAPH_BREAK = "\n\n"
#: Names a near-twin's changed word is taken from.
NAMES = (
    "Tehran", "Tabriz", "Ganja", "Shusha", "Astana", "Tashkent", "Ankara", "Tbilisi",
    "Geneva", "Vienna", "Lisbon", "Nairobi", "Jakarta", "Santiago", "Ottawa", "Canberra",
)  # fmt: skip
#: How many characters of other sentences at least stand between a near-twin and the
#: place its sentence was deleted from.
MIN_TWIN_GAP = 40
#: How much of its span and of the true passage a placement must cover to be on it.
MIN_OVERLAP = 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(\[]?[A-Z0-9ÀÁÂÄÇÉÈÊÍÎÓÔÖÚÜŞŠŽİƏĞ])")
_PUNCTUATION = ",;:.!?"


@dataclass(frozen=True)
class Sentence:
    """A sentence's words, and the key that follows it through edits."""

    key: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Release:
    """Paragraphs of sentences; sentences are joined by ``gap``, paragraphs by a blank line."""

    paragraphs: tuple[tuple[Sentence, ...], ...]
    gap: str = " "

    def render(self) -> tuple[str, dict[str, list[tuple[int, int]]]]:
        """The text, and the span of every word of every sentence, by sentence key."""
        parts: list[str] = []
        spans: dict[str, list[tuple[int, int]]] = {}
        at = 0
        for number, paragraph in enumerate(self.paragraphs):
            if number:
                parts.append(PARAGRAPH_BREAK)
                at += len(PARAGRAPH_BREAK)
            for index, sentence in enumerate(paragraph):
                if index:
                    parts.append(self.gap)
                    at += len(self.gap)
                words = spans.setdefault(sentence.key, [])
                for position, word in enumerate(sentence.words):
                    if position:
                        parts.append(" ")
                        at += 1
                    words.append((at, at + len(word)))
                    parts.append(word)
                    at += len(word)
        return "".join(parts), spans

    @property
    def text(self) -> str:
        return self.render()[0]

    def sentence(self, key: str) -> Sentence | None:
        for paragraph in self.paragraphs:
            for sentence in paragraph:
                if sentence.key == key:
                    return sentence
        return None

    def where(self, key: str) -> tuple[int, int] | None:
        """The paragraph and position of a sentence."""
        for number, paragraph in enumerate(self.paragraphs):
            for index, sentence in enumerate(paragraph):
                if sentence.key == key:
                    return number, index
        return None


@dataclass(frozen=True)
class Passage:
    """Words ``first`` to ``last`` (exclusive) of the sentence ``key``."""

    key: str
    first: int
    last: int

    def span(self, release: Release) -> tuple[int, int] | None:
        """Where the passage is in the release's text; ``None`` if its sentence is gone."""
        words = release.render()[1].get(self.key)
        if words is None:
            return None
        return words[self.first][0], words[self.last - 1][1]


@dataclass(frozen=True)
class Edit:
    """A release before and after one edit, and where the note's passage is in each."""

    kind: str
    old: str
    new: str
    old_span: tuple[int, int]
    new_span: tuple[int, int] | None  # None: the passage is gone


def read_release(text: str) -> Release:
    """A real release as paragraphs (blank lines) of sentences of words.

    Lines within a paragraph are joined; white space in the text becomes one space, so the
    text an edit starts from is :meth:`Release.render`'s, not the original's.
    """
    paragraphs: list[tuple[Sentence, ...]] = []
    for block in re.split(r"\n\s*\n", text):
        words = block.split()
        if not words:
            continue
        sentences = _SENTENCE_END.split(" ".join(words))
        paragraphs.append(
            tuple(
                Sentence(f"s{len(paragraphs)}.{i}", tuple(s.split()))
                for i, s in enumerate(sentences)
            )
        )
    return Release(tuple(paragraphs))


def choose_passage(release: Release, rng: random.Random, *, min_words: int = 3) -> Passage | None:
    """A passage of one sentence: the whole sentence, or a run of at least ``min_words``."""
    sentences = [s for p in release.paragraphs for s in p if len(s.words) >= min_words]
    if not sentences:
        return None
    sentence = rng.choice(sentences)
    count = len(sentence.words)
    if rng.random() < 0.4:
        return Passage(sentence.key, 0, count)
    length = rng.randint(min_words, count)
    first = rng.randint(0, count - length)
    return Passage(sentence.key, first, first + length)


def make_edit(
    kind: str, release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> Edit | None:
    """Apply an edit of ``kind``; ``None`` when it does not apply to this release.

    Args:
        kind: One of :data:`EDIT_KINDS`.
        release: The release before the edit.
        passage: The note's passage in it.
        rng: Where the edit's choices come from.
        fresh: Sentences that can be inserted (from elsewhere: no part of this release).
    """
    old_span = passage.span(release)
    assert old_span is not None
    if kind not in KEEPING_KINDS and _has_a_double(release, passage.key):
        # Deleting one of two sentences alike word for word leaves the same text
        # whichever was deleted: nothing can tell whether the note's passage is gone.
        return None
    edited = _EDITS[kind](release, passage, rng, fresh)
    if edited is None:
        return None
    new_release, new_passage = edited
    old, new = release.text, new_release.text
    if old == new:
        return None
    new_span = None if new_passage is None else new_passage.span(new_release)
    return Edit(kind, old, new, old_span, new_span)


def verdict(edit: Edit, placement: tuple[int, int] | None) -> str:
    """``"kept"``, ``"orphaned"`` or ``"misplaced"``: where a re-anchored note ended up.

    A placement is on the passage when it and the passage's new span each have at least
    half their length in common; anywhere else, or anywhere at all once the passage is
    gone, the note is misplaced.
    """
    if placement is None:
        return "orphaned"
    if edit.new_span is None:
        return "misplaced"
    start, end = placement
    true_start, true_end = edit.new_span
    common = min(end, true_end) - max(start, true_start)
    if common >= MIN_OVERLAP * (end - start) and common >= MIN_OVERLAP * (true_end - true_start):
        return "kept"
    return "misplaced"


# -- the edits -----------------------------------------------------------------------------

_Edited = tuple[Release, Passage | None]
_EditFunction = Callable[[Release, Passage, random.Random, Sequence[Sentence]], _Edited | None]


def _without(release: Release, key: str) -> tuple[Release, int]:
    """The release without a sentence (and without its paragraph, if it was alone there).

    Returns:
        The release, and how many sentences came before the deleted one (where it was).
    """
    paragraphs = []
    before = 0
    seen = 0
    for paragraph in release.paragraphs:
        kept = []
        for sentence in paragraph:
            if sentence.key == key:
                before = seen
            else:
                kept.append(sentence)
                seen += 1
        if kept:
            paragraphs.append(tuple(kept))
    return replace(release, paragraphs=tuple(paragraphs)), before


def _delete(
    release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> _Edited | None:
    return _without(release, passage.key)[0], None


def _twin_elsewhere(
    release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> _Edited | None:
    """Delete the sentence; write it elsewhere with one word of the passage changed.

    "Elsewhere" is away from where the sentence was: other sentences of at least
    :data:`MIN_TWIN_GAP` characters stand between the twin and that place. Written right
    there, the twin would be the passage with a word corrected, a light edit; written past
    a three-letter "sentence" (a split "Mr."), it would be hardly less.
    """
    sentence = release.sentence(passage.key)
    assert sentence is not None
    changeable = [
        i for i in range(passage.first, passage.last) if len(_letters(sentence.words[i])) >= 3
    ]
    if not changeable:
        return None
    index = rng.choice(changeable)
    word = sentence.words[index]
    name = rng.choice([n for n in NAMES if n not in word])
    twin_words = list(sentence.words)
    twin_words[index] = _keep_punctuation(word, name)
    twin = Sentence("twin", tuple(twin_words))
    remaining, where_it_was = _without(release, passage.key)
    between = _sentence_lengths(remaining)
    slots = [
        (number, index, flat)
        for number, index, flat in _slots(remaining)
        if sum(between[min(flat, where_it_was) : max(flat, where_it_was)]) >= MIN_TWIN_GAP
    ]
    if not slots:
        return None
    number, index, _ = rng.choice(slots)
    return _insert(remaining, number, index, [twin]), None


def _light_edit(
    release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> _Edited | None:
    """A typo made or fixed, a word corrected or punctuation changed, inside the passage."""
    sentence = release.sentence(passage.key)
    assert sentence is not None
    words = list(sentence.words)
    index = rng.randrange(passage.first, passage.last)
    change = rng.choice(("typo", "word", "punctuation"))
    if change == "typo":
        words[index] = _typo(words[index], rng)
    elif change == "word":
        words[index] = _keep_punctuation(words[index], rng.choice(_CORRECTIONS))
    else:
        words[index] = _change_punctuation(words[index], rng, last=index == len(words) - 1)
    if words[index] == sentence.words[index] or not words[index]:
        return None
    return _replace_sentence(release, Sentence(sentence.key, tuple(words))), passage


def _move_paragraph(
    release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> _Edited | None:
    count = len(release.paragraphs)
    if count < 2:
        return None
    where = release.where(passage.key)
    assert where is not None
    moved = where[0] if rng.random() < 0.5 else rng.randrange(count)
    target = rng.choice([i for i in range(count) if i != moved])
    paragraphs = list(release.paragraphs)
    paragraph = paragraphs.pop(moved)
    paragraphs.insert(target, paragraph)
    return replace(release, paragraphs=tuple(paragraphs)), passage


def _insert_before(
    release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> _Edited | None:
    if not fresh:
        return None
    where = release.where(passage.key)
    assert where is not None
    sentences = [
        Sentence(f"new{i}", s.words)
        for i, s in enumerate(rng.sample(list(fresh), min(len(fresh), rng.randint(1, 3))))
    ]
    number = rng.randint(0, where[0])
    if rng.random() < 0.3:  # a paragraph of its own
        paragraphs = list(release.paragraphs)
        paragraphs.insert(number, tuple(sentences))
        return replace(release, paragraphs=tuple(paragraphs)), passage
    last = where[1] if number == where[0] else len(release.paragraphs[number])
    return _insert(release, number, rng.randint(0, last), sentences), passage


def _retype(
    release: Release, passage: Passage, rng: random.Random, fresh: Sequence[Sentence]
) -> _Edited | None:
    """Every sentence has a one-in-four chance of a tiny change; spacing may change too."""
    paragraphs = []
    for paragraph in release.paragraphs:
        sentences = []
        for sentence in paragraph:
            words = list(sentence.words)
            if rng.random() < 0.25:
                index = rng.randrange(len(words))
                if rng.random() < 0.6:
                    words[index] = _typo(words[index], rng)
                else:
                    words[index] = _change_punctuation(
                        words[index], rng, last=index == len(words) - 1
                    )
                words[index] = words[index] or sentence.words[index]
            sentences.append(Sentence(sentence.key, tuple(words)))
        paragraphs.append(tuple(sentences))
    gap = "  " if rng.random() < 0.5 else release.gap
    return Release(tuple(paragraphs), gap), passage


_EDITS: dict[str, _EditFunction] = {
    "deleted": _delete,
    "twin_elsewhere": _twin_elsewhere,
    "light_edit": _light_edit,
    "moved_paragraph": _move_paragraph,
    "inserted_before": _insert_before,
    "retyped": _retype,
}

# Words a correction might put in (of the length of common words in releases).
_CORRECTIONS = (
    "approved", "signed", "welcomed", "agreed", "stated", "noted", "held", "opened",
    "minister", "ministers", "council", "summit", "meeting", "programme", "project",
)  # fmt: skip


def _has_a_double(release: Release, key: str) -> bool:
    """Whether another sentence of the release has the same words as sentence ``key``."""
    sentence = release.sentence(key)
    assert sentence is not None
    return any(
        other.key != key and other.words == sentence.words
        for paragraph in release.paragraphs
        for other in paragraph
    )


def _sentence_lengths(release: Release) -> list[int]:
    """Each sentence's length in characters, in order through the paragraphs."""
    return [len(" ".join(s.words)) for paragraph in release.paragraphs for s in paragraph]


def _slots(release: Release) -> list[tuple[int, int, int]]:
    """Every place a sentence can be inserted: paragraph, index in it, sentences before."""
    slots = []
    flat = 0
    for number, paragraph in enumerate(release.paragraphs):
        for index in range(len(paragraph) + 1):
            slots.append((number, index, flat + index))
        flat += len(paragraph)
    return slots


def _insert(release: Release, number: int, index: int, sentences: list[Sentence]) -> Release:
    paragraphs = list(release.paragraphs)
    paragraph = list(paragraphs[number])
    paragraph[index:index] = sentences
    paragraphs[number] = tuple(paragraph)
    return replace(release, paragraphs=tuple(paragraphs))


def _replace_sentence(release: Release, changed: Sentence) -> Release:
    paragraphs = tuple(
        tuple(changed if s.key == changed.key else s for s in paragraph)
        for paragraph in release.paragraphs
    )
    return replace(release, paragraphs=paragraphs)


def _letters(word: str) -> str:
    return word.strip(_PUNCTUATION + "\"“”'()[]")


def _keep_punctuation(word: str, new: str) -> str:
    """``new`` with the punctuation that ends ``word``."""
    core = word.rstrip(_PUNCTUATION)
    return new + word[len(core) :]


def _typo(word: str, rng: random.Random) -> str:
    """A letter swapped with the next, dropped or doubled (inside words of 4 letters or more)."""
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at] + word[at:]


def _change_punctuation(word: str, rng: random.Random, *, last: bool) -> str:
    """A comma added or dropped after a word; a sentence's end changed."""
    core = word.rstrip(_PUNCTUATION)
    ending = word[len(core) :]
    if last:
        return core + rng.choice([p for p in (".", ";", "!", "") if p != ending]) if core else word
    return core + ("" if ending else rng.choice((",", ";", ":")))
