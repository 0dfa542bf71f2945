"""Language codes and their English names, from CLDR (through Babel).

Documents record their language as an ISO 639-1 code ("de"); people read and type its
name ("German"). Both directions are here, for the command line, the query language and
the window.
"""

from __future__ import annotations

import functools

from babel import Locale


@functools.cache
def _names() -> dict[str, str]:
    """ISO 639-1 code -> English name, for every two-letter code CLDR names."""
    languages = Locale("en").languages
    return {
        str(code): str(name)
        for code, name in languages.items()
        if len(code) == 2 and str(code).isalpha()
    }


@functools.cache
def _codes() -> dict[str, str]:
    """Lowercase English name -> ISO 639-1 code."""
    return {name.casefold(): code for code, name in _names().items()}


def language_name(code: str | None) -> str | None:
    """The English name of a language ("German" for "de"); the code itself if unknown.

    Args:
        code: An ISO 639-1 code, any case; a region after it ("de-AT") is ignored.

    Returns:
        The name, the code as given when CLDR does not know it, or ``None`` for no code.
    """
    if not code or not code.strip():
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return _names().get(base, code.strip())


def language_code(word: str) -> str | None:
    """The ISO 639-1 code a person means by ``word``: a code ("de", "DE") or a name ("German").

    Returns:
        The lowercase code, or ``None`` when ``word`` is neither a known code nor a name.
    """
    folded = word.strip().casefold()
    if folded in _names():
        return folded
    return _codes().get(folded)
