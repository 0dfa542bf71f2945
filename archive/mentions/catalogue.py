"""The entities a document can mention: countries (from CLDR) and organisations (curated).

Countries are every ISO 3166 territory CLDR names, with its name in each language the
importer reads (through Babel, already used for dates), plus the short forms and older
names releases use ("USA", "UK", "Turkey", "Russian Federation"). Organisations come from
the curated list in :mod:`archive.mentions.organisations`; the United Nations' and the
European Union's local names come from CLDR too.

Each spelling is either a *name*, matched whole-word with case and accents aside, or an
*acronym*, matched whole-word exactly as written ("UN" never matches French "un").
Names in Russian, Ukrainian, Polish, Azerbaijani and German may carry their languages'
case endings ("России", "Rosji", "Azərbaycanın", "Deutschlands").
"""

from __future__ import annotations

import enum
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from babel import Locale

from archive.ingest.dates.words import LANGUAGES
from archive.mentions.folding import fold
from archive.mentions.organisations import ORGANISATIONS
from archive.mentions.suffixes import AND_WORDS, SUFFIXES, stem_of

#: Bump when the way spellings are found or matched changes; a change of the lists
#: themselves (here, in CLDR, or in the curated organisations) changes LIST_VERSION anyway.
MATCHING_VERSION = 1

# CLDR territories that are not countries or are named elsewhere: the EU and the UN are
# organisations here; pseudo-locales, unknown region, and CLDR-only parts of territories.
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA", "UM"}
)

# A country name that is also a common word of a language read: left out.
_AMBIGUOUS_NAMES = frozenset({"того"})  # Russian and Ukrainian "of that", and Togo

# Short forms and other names releases use, beside CLDR's names.
_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "the U.S.", "U.S.A.", "Amerika Birleşik Devletleri"),
    "GB": ("Great Britain", "Britain", "U.K."),
    "TR": ("Turkey", "Republic of Turkey"),
    "RU": ("Russian Federation", "Российская Федерация", "Rusiya Federasiyası"),
    "KR": ("Republic of Korea",),
    "KP": ("Democratic People's Republic of Korea",),
    "CD": ("Democratic Republic of the Congo", "DR Congo"),
    "CG": ("Republic of the Congo",),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia", "Republic of North Macedonia"),
    "CI": ("Ivory Coast",),
    "VA": ("Holy See", "Vatican"),
    "PS": ("Palestine", "State of Palestine", "Палестина", "Fələstin", "Filistin"),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "VN": ("Viet Nam",),
    "AE": ("United Arab Emirates",),
    "NL": ("Holland",),
    "HK": ("Hong Kong",),
    "MO": ("Macau", "Macao"),
}
# Acronyms of countries, matched exactly: "US" but not "us".
_COUNTRY_ACRONYMS: dict[str, tuple[str, ...]] = {
    "US": ("USA", "US", "U.S.", "США", "ABŞ", "ABD", "EE.UU.", "EE. UU.", "EUA"),
    "GB": ("UK",),
    "RU": ("РФ",),
    "KP": ("DPRK", "КНДР"),
    "CN": ("PRC", "КНР", "ÇXR", "ÇHC"),
    "CD": ("DRC",),
    "AE": ("UAE", "ОАЭ", "BƏƏ", "BAE", "EAU"),
}
# Phrases that hold a country's name but mean something else: matched, then dropped.
_NOT_MENTIONS = (
    "New Jersey",
    "Jersey City",
    "New Mexico",
    "Guinea pig",
    "Georgia State",
    "Turkey Point",
    "Chad Gadya",
)


class EntityKind(str, enum.Enum):
    """What an entity is; its value is what the command line and the database say."""

    COUNTRY = "country"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Entity:
    """A country or an organisation, by its stable key ("AZ", "OSCE") and English name.

    ``short_name`` is what a short label calls it: a country's name, an organisation's
    acronym ("OSCE") or short name ("World Bank").
    """

    kind: EntityKind
    key: str
    name: str
    short_name: str = ""

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Spelling:
    """One way an entity is written.

    Attributes:
        text: As it is matched: folded for a name, as written for an acronym.
        entity: The entity's index in the catalogue; ``None`` for a phrase to pass over.
        acronym: Matched exactly, case and accents included.
        suffixes: Case endings (folded, sorted) that may follow it within the word.
        needs_suffix: A stem ("росси" of "Россия"): it counts only with an ending.
        languages: The languages it is a name in: it counts only in a document in one of
            them (or of no known language), so German "Island" (Iceland) is not found in
            an English "island". Empty for acronyms and names used in every language.
    """

    text: str
    entity: int | None
    acronym: bool = False
    suffixes: tuple[str, ...] = ()
    needs_suffix: bool = False
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """Every entity and every spelling of it, and the version of the lists.

    Attributes:
        entities: By index; a spelling's ``entity`` is an index into it.
        spellings: Every spelling, names and acronyms.
        version: Changes whenever an entity or a spelling changes (a new CLDR, a name
            added to the curated list): documents read with another version are read again.
    """

    entities: tuple[Entity, ...]
    spellings: tuple[Spelling, ...]
    version: str

    def entity(self, kind: EntityKind, key: str) -> Entity | None:
        """The entity of that kind and key, if the catalogue has it."""
        return self._by_key().get((kind, key))

    @functools.cache  # noqa: B019 - the catalogue is built once and kept for the process
    def _by_key(self) -> dict[tuple[EntityKind, str], Entity]:
        return {(entity.kind, entity.key): entity for entity in self.entities}


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue of the languages the importer reads (built once, ~0.2 s)."""
    entities: list[Entity] = []
    spellings: list[Spelling] = []
    english = {str(code): str(name) for code, name in Locale.parse("en").territories.items()}
    for code in sorted(code for code in english if _is_country(code)):
        entities.append(Entity(EntityKind.COUNTRY, code, english[code]))
        index = len(entities) - 1
        spellings += _name_spellings(index, _cldr_names(code))
        spellings += _name_spellings(index, (("", name) for name in _COUNTRY_NAMES.get(code, ())))
        spellings += _acronyms(index, _COUNTRY_ACRONYMS.get(code, ()))
    for organisation in ORGANISATIONS:
        short_name = organisation.short_name or organisation.key
        entities.append(
            Entity(EntityKind.ORGANISATION, organisation.key, organisation.name, short_name)
        )
        index = len(entities) - 1
        names: list[tuple[str, str]] = [("", name) for name in organisation.names]
        names += [(language, name) for language, name in organisation.local_names]
        if organisation.cldr_territory:
            names += _cldr_names(organisation.cldr_territory)
        spellings += _name_spellings(index, names)
        spellings += _acronyms(index, organisation.acronyms)
    spellings += [Spelling(fold(phrase), None) for phrase in _NOT_MENTIONS]
    kept = _merged(spelling for spelling in spellings if spelling.text)
    return Catalogue(tuple(entities), kept, _version(entities, kept))


def _merged(spellings: Iterable[Spelling]) -> tuple[Spelling, ...]:
    """One spelling per text and entity, with the languages and endings of all of them.

    A name written alike in every language of a group stays one spelling; one of them
    that belongs to any language makes the merged one belong to any.
    """
    groups: dict[tuple[str, int | None, bool, bool], list[Spelling]] = {}
    for spelling in spellings:
        key = (spelling.text, spelling.entity, spelling.acronym, spelling.needs_suffix)
        groups.setdefault(key, []).append(spelling)
    merged = []
    for (text, entity, acronym, needs_suffix), group in groups.items():
        any_language = any(not spelling.languages for spelling in group)
        languages = () if any_language else sorted({code for s in group for code in s.languages})
        suffixes = sorted({suffix for spelling in group for suffix in spelling.suffixes})
        merged.append(
            Spelling(text, entity, acronym, tuple(suffixes), needs_suffix, tuple(languages))
        )
    return tuple(merged)


def _is_country(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES


def _cldr_names(code: str) -> Iterator[tuple[str, str]]:
    """``(language, name)`` of a territory in each language read."""
    for language in LANGUAGES:
        name = Locale.parse(language).territories.get(code)
        if name:
            yield language, name


def _name_spellings(entity: int, names: Iterable[tuple[str, str]]) -> Iterator[Spelling]:
    """The spellings of names in their languages (``""``: any language, no endings)."""
    for language, name in names:
        for variant in _variants(language, name):
            folded = fold(variant)
            if folded in _AMBIGUOUS_NAMES or len(folded) < 3:
                continue
            suffixes = SUFFIXES.get(language, ())
            languages = (language,) if language else ()
            yield Spelling(folded, entity, suffixes=suffixes, languages=languages)
            stemmed = stem_of(language, folded)
            if stemmed is not None:
                stem, endings = stemmed
                yield Spelling(
                    stem, entity, suffixes=endings, needs_suffix=True, languages=languages
                )


def _variants(language: str, name: str) -> Iterator[str]:
    """A CLDR name as a text writes it: "Myanmar (Burma)" as "Myanmar", "&" as "and"."""
    if " - " in name:  # "Congo - Kinshasa": a list's label, never written in a text
        return
    name = name.split(" (", maxsplit=1)[0].split(", ", maxsplit=1)[0].strip()
    if "&" in name:
        name = name.replace("&", AND_WORDS.get(language or "en", "and"))
    yield name
    if name.startswith("St. "):
        yield "Saint " + name[4:]


def _acronyms(entity: int, acronyms: Iterable[str]) -> Iterator[Spelling]:
    for acronym in acronyms:
        yield Spelling(acronym, entity, acronym=True)


def _version(entities: list[Entity], spellings: tuple[Spelling, ...]) -> str:
    digest = hashlib.sha256(repr((MATCHING_VERSION, entities, spellings)).encode("utf-8"))
    return f"{MATCHING_VERSION}-{digest.hexdigest()[:16]}"
