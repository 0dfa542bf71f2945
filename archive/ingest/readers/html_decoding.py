"""A saved web page's bytes as text: MHTML unpacked, the declared charset honoured.

The page is decoded here rather than by trafilatura, which would also inflate gzip,
brotli or zstd bytes it is given: a compressed "page" could expand without limit.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import EmailMessage

from archive.ingest.decoding import decode_bytes
from archive.ingest.errors import IngestError
from archive.ingest.text_normalization import normalize_text

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# and an XML declaration's encoding, within the first bytes where browsers look for them.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_PRESCAN_BYTES = 4096
_MHTML_START = re.compile(rb"^\s*(?:[\w-]+:[^\n]*\n)*?content-type:\s*multipart/related", re.I)
# Declared charsets that are really their Windows supersets, as browsers treat them.
_BROWSER_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def decode_html(raw: bytes) -> tuple[str, str]:
    """Decode a web page, or the page inside an MHTML archive.

    Args:
        raw: The file's bytes.

    Returns:
        The markup and the encoding it was read with.

    Raises:
        IngestError: The bytes are not text, or the archive holds no HTML page.
    """
    if _MHTML_START.match(raw[:_PRESCAN_BYTES]):
        raw, declared = _page_from_mhtml(raw)
    else:
        declared = _declared_charset(raw)
    if declared is not None:
        try:
            return normalize_text(raw.decode(declared)), declared
        except (LookupError, UnicodeDecodeError):
            pass  # A wrong declaration: detect instead, as browsers do.
    decoded = decode_bytes(raw)
    return decoded.text, decoded.encoding


def _declared_charset(raw: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(raw[:_PRESCAN_BYTES])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # A page read as bytes cannot be UTF-16 if this declaration was ASCII.
    return _BROWSER_ALIASES.get(codec, codec)


def _page_from_mhtml(raw: bytes) -> tuple[bytes, str | None]:
    """The first HTML part of an MHTML archive ("Save as single file"), decoded."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                charset = part.get_content_charset()
                return payload, charset or _declared_charset(payload)
    raise IngestError("this web archive (MHTML) holds no web page")
