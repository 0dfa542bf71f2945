"""Case endings of country and organisation names in the inflected languages read.

A Russian release writes "в России", "с Китаем"; a Polish one "w Rosji"; an Azerbaijani
one "Azərbaycanın", "Rusiyada"; a German one "Deutschlands". A name of these languages
counts with one of its language's endings after it ("Иран" + "а"), and a name whose
nominative ending the cases replace counts by its stem with the endings that replace it
("Росси|я" → "Росси|и", "Росси|ей"). The endings are folded as texts are (see
:mod:`archive.mentions.folding`): "ı" is "i", "ü" is "u", "ą" is "a". Turkish needs none:
it sets a name's endings off with an apostrophe ("Türkiye'nin").
"""

from __future__ import annotations

from archive.mentions.folding import fold


def _endings(words: str) -> tuple[str, ...]:
    return tuple(sorted({fold(word) for word in words.split()}))


#: Endings added to a whole name, by language.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "ru": _endings("а у е ом ом ым ов"),
    "uk": _endings("у а і ом"),
    "pl": _endings("u ie em owi"),
    "az": _endings(
        "ın in un ün nın nin nun nün a ə ya yə da də dan dən ı i u ü nı ni nu nü "
        "la lə yla ylə lı li lu lü dakı dəki ndakı ndəki nda ndə ndan ndən ca cə"
    ),
    "de": _endings("s"),
}

# (nominative ending, the endings that replace it), longest first, by language.
_REPLACED: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ru": (
        ("ия", _endings("ии ию ией")),
        ("й", _endings("я ю ем е")),
        ("я", _endings("и е ю ей")),
        ("а", _endings("ы и е у ой")),
    ),
    "uk": (
        ("ія", _endings("ії ію ією")),
        ("я", _endings("і ю ею")),
        ("а", _endings("и і у ою")),
    ),
    "pl": (("a", _endings("y i ie ę ą e")),),
}
_MIN_STEM = 3

#: "&" in a CLDR name ("Bosnia & Herzegovina"), in each language.
AND_WORDS = {
    "en": "and",
    "fr": "et",
    "de": "und",
    "es": "y",
    "it": "e",
    "pt": "e",
    "ru": "и",
    "tr": "ve",
    "az": "və",
    "nl": "en",
    "pl": "i",
    "uk": "і",
}


def stem_of(language: str, folded_name: str) -> tuple[str, tuple[str, ...]] | None:
    """The stem a name's case endings replace its own ending on, and those endings.

    Args:
        language: The name's language.
        folded_name: The name, folded.

    Returns:
        ``("росси", ("ей", "и", "ю"))`` for "россия"; ``None`` when the language's cases
        do not replace the name's ending, or the stem would be too short to tell apart.
    """
    for nominative, replacements in _REPLACED.get(language, ()):
        ending = fold(nominative)
        if folded_name.endswith(ending):
            stem = folded_name[: -len(ending)]
            if len(stem.rsplit(" ", 1)[-1]) < _MIN_STEM:
                return None
            return stem, replacements
    return None
