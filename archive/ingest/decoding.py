"""Turn a file's bytes into text: byte-order marks, UTF-8, then legacy code pages."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from archive.ingest.binary_sniffing import describe_binary_content, looks_like_bomless_utf16
from archive.ingest.encoding_plausibility import implausibility
from archive.ingest.errors import IngestError
from archive.ingest.text_normalization import normalize_text

# UTF-32 first: its little-endian mark starts with the UTF-16 one.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy code pages always tried, besides the detector's guesses, with a small prior
# cost that orders them when the text alone cannot (short, mostly-ASCII texts).
_FALLBACK_PRIORS: dict[str, float] = {"cp1252": 0.0, "cp1251": 0.1, "iso8859-1": 0.2}
_DETECTOR_PRIOR = 0.3
_DETECTOR_CANDIDATES = 5
# Detector guesses that only fit text with a byte-order mark (handled earlier).
_NEVER_WITHOUT_BOM = ("utf_16", "utf_32", "utf-16", "utf-32")

# Valid UTF-8 multi-byte sequences: in a single-byte decoding each one becomes
# mojibake ("Ã©"), so they speak for UTF-8 with a few damaged bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_MOJIBAKE_PENALTY = 3.0
_UTF8_WITH_REPLACEMENTS = "utf-8 (invalid bytes replaced)"
_SAMPLE_BYTES = 65_536
# Above this share of implausible characters no candidate is accepted as text.
_UNREADABLE_RATIO = 0.05
_UNREADABLE_MINIMUM = 8.0


@dataclass(frozen=True)
class DecodedText:
    """Decoded, normalised text and the encoding it was read with.

    Attributes:
        text: NFC-normalised text with ``\\n`` line ends and no NUL characters.
        encoding: The codec name, such as ``"utf-8"`` or ``"cp1251"``.
    """

    text: str
    encoding: str


def decode_bytes(raw: bytes) -> DecodedText:
    """Decode a text file of unknown encoding.

    The order is: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8 without one; then
    legacy code pages, choosing among charset-normalizer's guesses and a few common
    fallbacks the decoding that reads most plausibly.

    Args:
        raw: The file's bytes.

    Returns:
        The normalised text and the encoding used.

    Raises:
        IngestError: The bytes are a binary file or cannot be read as text.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                text = raw[len(mark) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as error:
                if encoding == "utf-32-le":
                    continue  # A UTF-16 text that begins with a NUL character.
                raise IngestError(
                    f"could not decode the text: it starts with a {encoding} byte-order "
                    f"mark but is not valid {encoding} ({error.reason} at byte {error.start})"
                ) from error
            return DecodedText(normalize_text(text), encoding)

    utf16 = looks_like_bomless_utf16(raw)
    if utf16 is not None:
        try:
            return DecodedText(normalize_text(raw.decode(utf16)), utf16)
        except UnicodeDecodeError:
            pass  # Not UTF-16 after all; judged as binary below.

    binary = describe_binary_content(raw)
    if binary is not None:
        raise IngestError(f"binary file (looks like {binary}), not text")

    try:
        return DecodedText(normalize_text(raw.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass  # Not UTF-8: a legacy code page, chosen below.
    return _decode_legacy(raw)


def _candidate_encodings(raw: bytes) -> dict[str, float]:
    """Encodings worth trying for non-UTF-8 bytes, each with its prior cost."""
    priors = dict(_FALLBACK_PRIORS)
    guesses = charset_normalizer.from_bytes(raw)
    for rank, match in enumerate(list(guesses)[:_DETECTOR_CANDIDATES]):
        if match.encoding.startswith(_NEVER_WITHOUT_BOM):
            continue
        try:
            name = codecs.lookup(match.encoding).name
        except LookupError:
            continue
        priors.setdefault(name, _DETECTOR_PRIOR + 0.05 * rank)
    return priors


def _decode_legacy(raw: bytes) -> DecodedText:
    """Pick the most plausible decoding of bytes that are not valid UTF-8."""
    mojibake = _MOJIBAKE_PENALTY * len(_UTF8_SEQUENCE.findall(raw[:_SAMPLE_BYTES]))
    scored: list[tuple[float, str, str]] = []
    for encoding, prior in _candidate_encodings(raw).items():
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((implausibility(text) + prior + mojibake, encoding, text))
    damaged_utf8 = raw.decode("utf-8", errors="replace")
    scored.append((implausibility(damaged_utf8), _UTF8_WITH_REPLACEMENTS, damaged_utf8))

    score, encoding, text = min(scored, key=lambda candidate: candidate[0])
    if score > max(_UNREADABLE_MINIMUM, _UNREADABLE_RATIO * min(len(text), _SAMPLE_BYTES)):
        raise IngestError(
            "could not decode the text: it is not UTF-8, and no legacy encoding "
            f"(tried {', '.join(sorted({name for _, name, _ in scored}))}) gives readable text"
        )
    return DecodedText(normalize_text(text), encoding)
