"""The language a document is written in, detected by py3langid (a naive Bayes model).

The model is loaded once per process, on first use (about 0.8 s), and asked about a
few hundred characters of the text's prose only: they decide a language as well as the
whole text, at a fraction of the cost, and a page copy's menus are left out of them.
"""

from __future__ import annotations

import functools
import logging
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

log = logging.getLogger("archive.import")

# py3langid walks its automaton byte by byte in Python: about 0.7 µs a character.
_SAMPLE_CHARS = 800
_FIRST_LOOK_CHARS = 250
_SETTLED = 0.95
# Lines of prose, the sample is taken from: a menu's items are shorter.
_PROSE_LINE = re.compile(r"^[^\n]{60,}$", re.MULTILINE)
_SCANNED_CHARS = 20_000
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
# Below this the model is guessing (short, mixed or number-heavy texts).
_MIN_CONFIDENCE = 0.6
# A declared language stands unless the text clearly says otherwise.
_OVERRULE_DECLARED = 0.95


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_model() -> None:
    """Load the language model now rather than at the first document (see ``worker_preload``)."""
    _identifier()


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or ``None`` when unsure.

    Args:
        text: The document's plain text.
        declared: A language the file declares (``<html lang>``, front matter), if any.

    Returns:
        A code such as ``"en"`` or ``"de"``. A declared language is kept unless the text
        is clearly in another one; with too little text the declared one (or ``None``).
    """
    declared = language_code(declared)
    sample = _prose_sample(text)
    if len(_LETTER.findall(sample, 0, _MIN_LETTERS * 4)) < _MIN_LETTERS:
        return declared
    # A short look settles most texts; a doubtful one is looked at again at length.
    language, confidence = _identifier().classify(sample[:_FIRST_LOOK_CHARS])
    if confidence < _SETTLED:
        language, confidence = _identifier().classify(sample)
    language = language_code(str(language))
    if declared is not None and (language == declared or confidence < _OVERRULE_DECLARED):
        return declared
    return language if confidence >= _MIN_CONFIDENCE else declared


def _prose_sample(text: str) -> str:
    """A few hundred characters of the text's long lines, else of its opening."""
    sample = ""
    for line in _PROSE_LINE.finditer(text, 0, _SCANNED_CHARS):
        sample += line.group() + "\n"
        if len(sample) >= _SAMPLE_CHARS:
            return sample[:_SAMPLE_CHARS]
    return sample if len(sample) >= _SAMPLE_CHARS // 2 else text[: _SAMPLE_CHARS * 2]


def language_code(code: str | None) -> str | None:
    """The language a tag names: "de" of "de-CH", "de_AT" or "DE"; ``None`` for no tag."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
