"""What a PDF's own metadata may say about it: its title and its language, judged.

A PDF's /Title is often what the program that made it left there: "Microsoft Word -
Dokument1.docx", "untitled", a file name, or the title of the template the release was
written in. It is used only when it looks like a title and shares its words with the
text. The file's dates (/CreationDate, /ModDate) are never read: they say when the file
was typeset or saved, not when the release was published.
"""

from __future__ import annotations

import re

# The longest title a document may give itself (as for every other format).
_MAX_TITLE_LENGTH = 300
_MIN_TITLE_LETTERS = 3
# At least this share of a title's words must be in the text.
_MIN_SHARED_WORDS = 0.5
_WORD = re.compile(r"[^\W\d_]{2,}")
_FILE_NAME = re.compile(
    r"\.(?:docx?|dotx?|odt|rtf|txt|pdf|html?|indd|qxd|pages|wpd|pptx?|xlsx?|tex|dvi|e?ps|ai|pub)$",
    re.IGNORECASE,
)
# "Microsoft Word - release.docx", "Microsoft PowerPoint - ..."
_APPLICATION_PREFIX = re.compile(r"^microsoft\s+\w+\s+-\s", re.IGNORECASE)
# What programs write where nobody gave a title, in the languages of the archive.
_PLACEHOLDER = re.compile(
    r"(?:untitled|unbenannt|sans titre|sin título|senza titolo|без названия|"
    r"document|dokument|doc|documento|titel|title|titre|título|none|null|n/?a|unknown|"
    r"\(.*\))\s*-?\s*\d*",
    re.IGNORECASE,
)
_PATH = re.compile(r"[\\/][^\\/\s]+[\\/]|^[a-z]:\\", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}")


def plausible_title(declared: str, text: str) -> str | None:
    """The PDF's /Title if it is one, else ``None``.

    Args:
        declared: The /Title as the file has it ("" where none).
        text: The document's text, to check the title against.

    Returns:
        The title, spaces collapsed; ``None`` for a file name, a program's placeholder,
        a path, a title without letters, or one whose words are mostly not in the text
        (left over from a template or another document).
    """
    title = " ".join(declared.replace("\0", " ").split())
    if not title or len(title) > _MAX_TITLE_LENGTH:
        return None
    if len(re.findall(r"[^\W\d_]", title)) < _MIN_TITLE_LETTERS:
        return None
    if _FILE_NAME.search(title) or _APPLICATION_PREFIX.match(title) or _PATH.search(title):
        return None
    if _PLACEHOLDER.fullmatch(title):
        return None
    words = {word.casefold() for word in _WORD.findall(title)}
    text_words = {word.casefold() for word in _WORD.findall(text)}
    if not words or len(words & text_words) < _MIN_SHARED_WORDS * len(words):
        return None
    return title


def plausible_language(declared: str) -> str | None:
    """The language tag the PDF's catalog declares ("en-US"), if it is one."""
    tag = declared.strip()
    if not _LANGUAGE_TAG.fullmatch(tag):
        return None
    return tag.replace("_", "-")
