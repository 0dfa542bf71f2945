"""Where the archive lives on disk."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

APP_NAME = "archive-reader"
DATA_DIR_VARIABLE = "ARCHIVE_READER_DATA_DIR"


def default_data_dir() -> Path:
    """``$ARCHIVE_READER_DATA_DIR`` if set, else the platform's user data directory."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def display_path(path: Path | str | bytes) -> str:
    """A path as text that can always be stored and printed, and gives the path back.

    A file name that is valid UTF-8 and holds no backslash is itself. Bytes that are not
    UTF-8 become ``\\xNN`` escapes (not lone surrogates, which SQLite and terminals
    reject); a backslash that could be read as the start of an escape is doubled, so a
    name holding the text ``\\xff`` and one holding the byte 0xFF stay two paths.
    :func:`path_bytes` gives back the path's bytes. Paths are stored and compared in this
    form; for a terminal, :func:`printable` also escapes control characters.
    """
    raw = os.fsencode(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _escaped(raw.decode("utf-8", errors="surrogateescape"), controls=False)
    return _escaped(text, controls=False) if "\\" in text else text


def path_bytes(text: str) -> bytes:
    """The bytes of the path that :func:`display_path` (or :func:`printable`) gave as text."""
    if "\\" not in text:
        return text.encode("utf-8", errors="surrogatepass")
    decoded = bytearray()
    position = 0
    for escape in _ESCAPE.finditer(text):
        decoded += text[position : escape.start()].encode("utf-8", errors="surrogatepass")
        byte = escape.group("byte")
        decoded += bytes([int(byte, 16)]) if byte else b"\\"
        position = escape.end()
    decoded += text[position:].encode("utf-8", errors="surrogatepass")
    return bytes(decoded)


def printable(text: str) -> str:
    """Text safe to print on a terminal: a path, or a message naming paths.

    Control characters (ESC, CR, newline, C1 controls) and the characters that hide or
    reorder text (bidirectional overrides, zero-width marks) are shown as the ``\\xNN``
    escapes of their UTF-8 bytes, so a file name cannot move the cursor, erase a line or
    fake one. For a path from :func:`display_path` the result is still unambiguous:
    :func:`path_bytes` reads it back to the same bytes.
    """
    if "\\" not in text and not _UNSAFE.search(text):
        return text
    raw = path_bytes(text)
    return _escaped(raw.decode("utf-8", errors="surrogateescape"), controls=True)


def legacy_display_path(path: Path | str | bytes) -> str:
    """How versions before lossless paths stored a path: only undecodable bytes escaped.

    A name holding a backslash may be stored this way in an archive written by one of
    them; the importer looks its file up under this form too (``archive.importer``).
    """
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


# What a terminal acts on rather than shows (C0 and C1 controls, DEL), and what hides or
# reorders text: the soft hyphen, bidirectional marks, overrides and isolates, zero-width
# and invisible formatting characters, line and paragraph separators, annotation marks;
# and lone surrogates, which no terminal can be sent.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb]"
)
# An escape as display_path writes it: a doubled backslash, or one byte in hexadecimal.
_ESCAPE = re.compile(r"\\(?:\\|x(?P<byte>[0-9a-f]{2}))")
# Text that would read as a byte's escape if a backslash stood before it.
_LOOKS_LIKE_ESCAPE = re.compile(r"x[0-9a-f]{2}")


def _escaped(text: str, *, controls: bool) -> str:
    """``text`` (undecodable bytes as surrogate escapes) as escaped text.

    A backslash is doubled where the reader could take it for the start of an escape:
    before another backslash, before an escaped character, or before ``xNN``. Unsafe
    characters count as escaped ones even when ``controls`` is false, so that the stored
    form and the printed form of a path escape its backslashes alike.
    """
    pieces: list[str] = []
    for index, char in enumerate(text):
        if "\udc80" <= char <= "\udcff":
            pieces.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif controls and _UNSAFE.match(char):
            pieces.extend(f"\\x{byte:02x}" for byte in char.encode("utf-8", errors="surrogatepass"))
        elif char == "\\":
            following = text[index + 1 : index + 4]
            ambiguous = following[:1] == "\\" or _LOOKS_LIKE_ESCAPE.match(following)
            escaped_next = bool(following) and (
                "\udc80" <= following[0] <= "\udcff" or bool(_UNSAFE.match(following))
            )
            pieces.append("\\\\" if ambiguous or escaped_next else "\\")
        else:
            pieces.append(char)
    return "".join(pieces)
