"""What a Word document's properties may say about it: its title and its language.

Word's "Title" property is often not the document's title: it is left from the template
a release was written in ("Pressemitteilung", "Press release template"), from an earlier
release the file was copied from, or filled in by a converter ("Microsoft Word -
pm_0412.doc"). A title is therefore used only when it reads like a title and the
document's own text bears it out.

The creation and modification dates are deliberately not read: they say when the file
was made or last saved, not when the release was published.
"""

from __future__ import annotations

import re

MAX_TITLE_CHARACTERS = 300
#: The share of a title's words that must occur in the text for the title to be used.
MIN_TITLE_WORDS_IN_TEXT = 0.5

_WORD = re.compile(r"\w{3,}")
_LETTER = re.compile(r"[^\W\d_]")
_FILE_NAME = re.compile(r"\.(?:docx?|dotx?|docm|rtf|odt|pdf|txt)$", re.IGNORECASE)
_CONVERTER_PREFIX = re.compile(r"^microsoft (?:word|office word)\s*-", re.IGNORECASE)
# Titles that name a kind of document or a template, not a document.
_PLACEHOLDER = re.compile(
    r"^(?:untitled|unbenannt|sans titre|senza titolo|sin título|ohne titel|title|titel|"
    r"titre|normal|(?:new |neues )?(?:document|dokument|documento|doc)\s*\d*|"
    r"press release|pressemitteilung|presseinformation|pressemeldung|presseerklärung|"
    r"communiqué(?: de presse)?|comunicado(?: de prensa)?|comunicato(?: stampa)?|"
    r"news release|media release|persbericht|пресс-релиз)[\s.:!-]*$",
    re.IGNORECASE,
)
_TEMPLATE_WORD = re.compile(r"\b(?:template|vorlage|modèle|plantilla|modello)\b", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def plausible_title(title: str | None, text: str) -> str | None:
    """The document's "Title" property, if it is one to trust.

    Args:
        title: The property's value.
        text: The document's text, to check the title against.

    Returns:
        The title on one line, or ``None`` when it is empty, a placeholder, a file name,
        a template's name, or has too little to do with the text.
    """
    title = " ".join((title or "").split())
    if not title or len(title) > MAX_TITLE_CHARACTERS or len(_LETTER.findall(title)) < 2:
        return None
    if _PLACEHOLDER.match(title) or _TEMPLATE_WORD.search(title):
        return None
    if _FILE_NAME.search(title) or _CONVERTER_PREFIX.match(title):
        return None
    return title if _borne_out_by(title, text) else None


def _borne_out_by(title: str, text: str) -> bool:
    """Whether enough of the title's words occur in the text."""
    title_words = {word.casefold() for word in _WORD.findall(title)}
    if not title_words:
        return title.casefold() in text.casefold()
    text_words = {word.casefold() for word in _WORD.findall(text)}
    shared = len(title_words & text_words)
    return shared >= MIN_TITLE_WORDS_IN_TEXT * len(title_words)


def declared_language(tag: str | None) -> str | None:
    """The language code of a Word "Language" property ("de-DE" gives "de").

    The language of the document's styles is not used: it is the template's default,
    and python-docx's template says "en-US" whatever the text (a German release in the
    labelled corpus does).

    Args:
        tag: The property's value, a language tag such as ``"en-US"``.

    Returns:
        The lowercase primary language subtag, or ``None`` when the value is not a tag.
    """
    match = _LANGUAGE_TAG.match((tag or "").strip())
    return match.group(1).lower() if match else None
