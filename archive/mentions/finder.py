"""``MentionFinder``: which entities of the catalogue a text mentions, in one pass.

Two Aho-Corasick automata (pyahocorasick) hold the spellings: the names, folded, run over
the folded text; the acronyms, as written, over the text itself. A candidate counts when
it is a whole word (or a name followed by one of its case endings), and where candidates
overlap the leftmost longest wins: "Papua New Guinea" is not also "Guinea", "New Jersey"
is no mention of Jersey, and the acronym "GUAM" is the organisation, not the island. An
acronym in a line written all in capitals ("UN ACCORD HISTORIQUE") is passed over: there
capitals say nothing.

About 0.1 ms for a release of 5,000 characters (see ``benchmarks``), so mentions are
found where a document is stored, in the same transaction.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from archive.mentions.catalogue import Catalogue, Spelling, catalogue
from archive.mentions.folding import fold
from archive.models import FoundMentions

_WORD_TAIL = re.compile(r"\w*")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class _Candidate:
    """Where one spelling (or several spelled alike) matched."""

    start: int
    end: int
    entities: tuple[int, ...]  # empty for a phrase that only blocks others
    acronym: bool


class MentionFinder:
    """Finds the entities a text mentions.

    Args:
        entities: The catalogue whose spellings to look for.
    """

    def __init__(self, entities: Catalogue) -> None:
        self.catalogue = entities
        self._names = _automaton(s for s in entities.spellings if not s.acronym)
        self._acronyms = _automaton(s for s in entities.spellings if s.acronym)
        self._acronym_texts = frozenset(s.text for s in entities.spellings if s.acronym)

    def find(self, text: str, language: str | None = None) -> frozenset[int]:
        """The indexes (into ``catalogue.entities``) of the entities ``text`` mentions.

        Args:
            text: A document's title and text.
            language: Its ISO 639-1 language, if known: names of other languages are
                then passed over (German "Island" is Iceland, English "island" is not).
        """
        folded = fold(text)
        candidates = self._name_candidates(folded, language)
        candidates += self._acronym_candidates(text)
        candidates.sort(key=lambda c: (c.start, c.start - c.end, not c.acronym))
        found: set[int] = set()
        reached = 0
        for candidate in candidates:
            if candidate.start >= reached:
                found.update(candidate.entities)
                reached = candidate.end
        return frozenset(found)

    def _name_candidates(self, folded: str, language: str | None) -> list[_Candidate]:
        candidates = []
        for last, (length, spellings) in self._names.iter(folded):
            start, stop = last - length + 1, last + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            match = _WORD_TAIL.match(folded, stop)
            tail = match.group() if match else ""
            entities = tuple(
                spelling.entity
                for spelling in spellings
                if spelling.entity is not None
                and (tail in spelling.suffixes if tail else not spelling.needs_suffix)
                and (not spelling.languages or language is None or language in spelling.languages)
            )
            blocks = not tail and any(spelling.entity is None for spelling in spellings)
            if entities or blocks:
                candidates.append(_Candidate(start, stop + len(tail), entities, acronym=False))
        return candidates

    def _acronym_candidates(self, text: str) -> list[_Candidate]:
        candidates = []
        for last, (length, spellings) in self._acronyms.iter(text):
            start, stop = last - length + 1, last + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if stop < len(text) and text[stop].isalnum():
                continue
            if self._in_capitals(text, start, stop):
                continue
            entities = tuple(s.entity for s in spellings if s.entity is not None)
            candidates.append(_Candidate(start, stop, entities, acronym=True))
        return candidates

    def _in_capitals(self, text: str, start: int, stop: int) -> bool:
        """Whether the line around ``text[start:stop]`` is written all in capitals.

        At least two other words of two letters or more, none of them a known acronym,
        and all in capitals: a headline or a letterhead, where "UN" may be French "un".
        """
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", stop)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line != line.upper():  # a small letter somewhere: no line of capitals
            return False
        words = [
            word
            for word in _WORDS.findall(line)
            if len(word) > 1 and not word.isdigit() and word not in self._acronym_texts
        ]
        return len(words) >= 2 and all(word.isupper() for word in words)


def _automaton(spellings: Iterable[Spelling]) -> ahocorasick.Automaton:
    """An automaton of spellings by text; the value is ``(length, spellings alike)``."""
    alike: dict[str, list[Spelling]] = {}
    for spelling in spellings:
        alike.setdefault(spelling.text, []).append(spelling)
    automaton = ahocorasick.Automaton()
    for text, group in alike.items():
        automaton.add_word(text, (len(text), tuple(group)))
    automaton.make_automaton()
    return automaton


@functools.cache
def default_finder() -> MentionFinder:
    """The finder of the catalogue of the languages read (built once per process)."""
    return MentionFinder(catalogue())


def mentions_in(title: str, text: str, language: str | None) -> FoundMentions:
    """What a document's title and text mention, with the lists' version (for a worker)."""
    finder = default_finder()
    entities = finder.catalogue.entities
    found = finder.find(f"{title}\n\n{text}", language)
    mentioned = tuple((entities[i].kind.value, entities[i].key) for i in sorted(found))
    return FoundMentions(finder.catalogue.version, mentioned)
