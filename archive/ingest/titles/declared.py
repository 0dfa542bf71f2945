"""Whether the title a file's properties declare is one to trust (PDF, Word, RTF).

A document's title property is often not its title: a program's placeholder
("untitled", "Dokument1"), a file name or path, a converter's prefix ("Microsoft Word -
pm_0412.doc"), a template's name ("Press release template"), a press-office label
("Pressemitteilung"), or the title of an earlier release the file was copied from. A
declared title is used only when it reads like a title and the text bears it out.
"""

from __future__ import annotations

import re

from archive.ingest.titles.labels import is_generic_title

MAX_TITLE_CHARACTERS = 300
#: The share of a title's words that must occur in the text for the title to be used.
MIN_TITLE_WORDS_IN_TEXT = 0.5
_MIN_TITLE_LETTERS = 3

_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_FILE_NAME = re.compile(
    r"\.(?:docx?|dotx?|docm|odt|rtf|txt|pdf|html?|indd|qxd|pages|wpd|pptx?|xlsx?|tex|dvi|"
    r"e?ps|ai|pub)$",
    re.IGNORECASE,
)
_PATH = re.compile(r"[\\/][^\\/\s]+[\\/]|^[a-z]:\\", re.IGNORECASE)
# "Microsoft Word - release.docx", "Microsoft PowerPoint - ..."
_CONVERTER_PREFIX = re.compile(r"^microsoft(?: office)?\s+\w+\s*-", re.IGNORECASE)
# What programs write where nobody gave a title, in the languages of the archive.
_PLACEHOLDER = re.compile(
    r"(?:untitled|unbenannt|ohne titel|sans titre|sin título|senza titolo|без названия|"
    r"(?:new |neues )?(?:document|dokument|documento|doc)|normal|titel|title|titre|título|"
    r"none|null|n/?a|unknown|\(.*\))[\s.:!-]*\d*",
    re.IGNORECASE,
)
_TEMPLATE_WORD = re.compile(r"\b(?:template|vorlage|modèle|plantilla|modello)\b", re.IGNORECASE)


def plausible_title(declared: str | None, text: str) -> str | None:
    """The declared title on one line if it is one to trust, else ``None``.

    Args:
        declared: The property's value (``None`` or ``""`` where there is none).
        text: The document's text, to check the title against.

    Returns:
        The title, spaces collapsed; ``None`` for a placeholder, a file name or path, a
        converter's or template's name, a press-office label, a title without letters,
        or one whose words are mostly not in the text.
    """
    title = " ".join((declared or "").replace("\0", " ").split())
    if not title or len(title) > MAX_TITLE_CHARACTERS:
        return None
    if len(_LETTER.findall(title)) < _MIN_TITLE_LETTERS:
        return None
    if _FILE_NAME.search(title) or _PATH.search(title) or _CONVERTER_PREFIX.match(title):
        return None
    if _PLACEHOLDER.fullmatch(title) or _TEMPLATE_WORD.search(title) or is_generic_title(title):
        return None
    return title if _borne_out_by(title, text) else None


def _borne_out_by(title: str, text: str) -> bool:
    """Whether enough of the title's words occur in the text."""
    title_words = {word.casefold() for word in _WORD.findall(title)}
    if not title_words:
        return title.casefold() in text.casefold()
    text_words = {word.casefold() for word in _WORD.findall(text)}
    return len(title_words & text_words) >= MIN_TITLE_WORDS_IN_TEXT * len(title_words)
