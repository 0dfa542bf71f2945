"""The language a document is written in, detected by py3langid (a naive Bayes model).

The model is loaded once per process, on first use (about 0.8 s), and asked about the
opening of the text only: a few thousand characters decide a language as well as the
whole text, at a fraction of the cost.
"""

from __future__ import annotations

import functools
import logging
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

log = logging.getLogger("archive.import")

# py3langid walks its automaton byte by byte in Python: about 0.7 µs a character.
_SAMPLE_CHARS = 800
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8}){0,4}")
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
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, _MIN_LETTERS * 4)) < _MIN_LETTERS:
        return declared
    language, confidence = _identifier().classify(sample)
    language = language_code(str(language))
    if declared is not None and (language == declared or confidence < _OVERRULE_DECLARED):
        return declared
    return language if confidence >= _MIN_CONFIDENCE else declared


def language_code(code: str | None) -> str | None:
    """ "de" of "de-CH" or "de_AT"; ``None`` for what is not a language code."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
