"""Recognise files that are not text at all, before any decoding is attempted.

A press-release archive collects whatever people saved: scanned images, PDFs and
Word files renamed to ``.txt`` are common. Saying *what* the file seems to be helps
the user more than a garbled document or a vague "cannot decode".
"""

from __future__ import annotations

# (prefix, description) pairs; checked in order, so longer prefixes come first.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, or a Word/OpenDocument file"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
)

# Bytes that never occur in text files (C0 controls other than tab, newlines, form feed).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])

# How much of the file is inspected: enough to judge, cheap for huge files.
_SAMPLE_SIZE = 8192
_MIN_SUSPICIOUS = 3


def describe_binary_content(raw: bytes) -> str | None:
    """Say what a file is when it is clearly not text.

    Args:
        raw: The file's bytes, without a text byte-order mark (files with a BOM are text
            by declaration and must not be sent here).

    Returns:
        A short description such as ``"a PNG image"``, or ``None`` when the bytes may be
        text.
    """
    for prefix, description in _MAGIC_NUMBERS:
        if raw.startswith(prefix):
            return description
    sample = raw[:_SAMPLE_SIZE]
    if not sample:
        return None
    # A few stray NULs or controls in a text are damage to repair, not a verdict.
    nuls = sample.count(0)
    if nuls >= _MIN_SUSPICIOUS and nuls > 0.1 * len(sample):
        return "data with many NUL bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls >= _MIN_SUSPICIOUS and controls > 0.1 * len(sample):
        return "data with many control characters"
    return None


def looks_like_bomless_utf16(raw: bytes) -> str | None:
    """Recognise UTF-16 text saved without a byte-order mark.

    Mostly-Latin UTF-16 has a NUL in every other byte; that pattern is far too regular
    for binary data, so it is better to read it than to reject the file as binary.

    Returns:
        ``"utf-16-le"`` or ``"utf-16-be"`` when the pattern is clear, else ``None``.
    """
    sample = raw[:_SAMPLE_SIZE]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls >= 0.9 * len(odd) and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.9 * len(even) and odd_nuls == 0:
        return "utf-16-be"
    return None
