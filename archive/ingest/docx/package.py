"""Open a Word file's zip safely, before python-docx reads a byte of it.

A ``.docx`` is a zip of XML parts. A hostile one can be a zip bomb (a few kilobytes
that unpack to gigabytes), and the sizes a zip declares cannot be trusted: Python's
``zipfile`` inflates a whole member in one call when asked for all of it, so a member
that claims 1 KB but unpacks to 1 GB allocates the gigabyte before the lie shows (we
measured 600 MB of memory for a 300 KB file). So the members are checked from their
headers first, for a quick plain refusal, and then actually inflated here in small
chunks under a budget; python-docx is handed a copy holding only those checked bytes,
stored uncompressed, so it never inflates anything itself.

Files that are not zips at all get a reason a person can act on: an old binary Word
document (``.doc`` renamed), a password-protected document, or just damaged bytes.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from archive.ingest.errors import IngestError

#: The most a Word file may unpack to, all members together. A press release with a
#: few photos is a few megabytes; this leaves room for a long report full of images.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The highest compression ratio accepted for a large member. Word's XML compresses
#: about 30:1 (its styles part, measured), photos barely at all; zip bombs reach the
#: deflate maximum of about 1000:1. 100:1 leaves three times Word's own ratio.
MAX_COMPRESSION_RATIO = 100
#: Members smaller than this are not judged by their ratio: they cannot do harm.
RATIO_CHECK_MIN_BYTES = 5 * 1024 * 1024
#: A Word file has a few dozen parts; thousands are a sign of a crafted zip.
MAX_MEMBERS = 5_000

_CHUNK_BYTES = 64 * 1024
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office writes a password-protected .docx as an OLE container holding these streams;
# their names are stored in UTF-16 in the container's directory.
_ENCRYPTION_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_WORD_BINARY_STREAM = "WordDocument".encode("utf-16-le")
_SUPPORTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

_NOT_READABLE = "not a readable Word document"
_PASSWORD_REASON = (
    "the Word document is protected with a password; open it in Word, remove the "
    "password and save it again"
)
_OLD_WORD_REASON = (
    "an old Word document (.doc), a format that is not supported; open it in Word or "
    "LibreOffice and save it as .docx"
)


def checked_package(raw: bytes) -> io.BytesIO:
    """Check a Word file's zip and return a copy python-docx can open safely.

    Args:
        raw: The file's bytes.

    Returns:
        A zip with the same members, each inflated here under the size budget and
        stored uncompressed.

    Raises:
        IngestError: The bytes are not a zip (an old ``.doc``, a password-protected
            document, damage), or they unpack to too much (a zip bomb), or the zip
            holds no Word document.
    """
    if raw.startswith(_OLE_SIGNATURE):
        raise IngestError(_describe_ole_container(raw))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise IngestError(f"{_NOT_READABLE}: the file is not a zip archive ({error})") from error
    with archive:
        members = archive.infolist()
        _check_declared_sizes(members)
        _check_is_word(members)
        return _stored_copy(archive, members)


def _describe_ole_container(raw: bytes) -> str:
    """Why an OLE compound file (the pre-2007 Office container) cannot be read."""
    if any(name in raw for name in _ENCRYPTION_STREAMS):
        return _PASSWORD_REASON
    if _WORD_BINARY_STREAM in raw:
        return _OLD_WORD_REASON
    return f"{_NOT_READABLE}: an old Microsoft Office file, not a .docx"


def _check_declared_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Refuse, from the headers alone, a zip that says it unpacks to too much."""
    if len(members) > MAX_MEMBERS:
        raise IngestError(f"{_NOT_READABLE}: the zip holds {len(members):,} parts")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise IngestError(_PASSWORD_REASON)
        if member.compress_type not in _SUPPORTED_COMPRESSION:
            raise IngestError(
                f"{_NOT_READABLE}: {member.filename} is compressed with a method Word does not use"
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise IngestError(
                f"{_NOT_READABLE}: {member.filename} is compressed {ratio:,.0f} to 1, "
                "like a zip bomb"
            )
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        raise IngestError(_too_large_reason(total))


def _check_is_word(members: list[zipfile.ZipInfo]) -> None:
    names = {member.filename for member in members}
    # The main part is usually word/document.xml, but the package's relationships name
    # it and some writers choose another name; python-docx follows them.
    if "[Content_Types].xml" not in names or not any(name.startswith("word/") for name in names):
        raise IngestError(f"{_NOT_READABLE}: a zip archive without a Word document in it")


def _stored_copy(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> io.BytesIO:
    """Inflate every member in small chunks under the budget, into a stored zip."""
    copy = io.BytesIO()
    budget = MAX_UNPACKED_BYTES
    # A name the zip holds twice is read as its last copy, as zipfile (and so python-docx)
    # would; writing it twice would only draw a warning.
    latest = {member.filename: member for member in members}
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as target:
        for member in latest.values():
            if member.is_dir():
                continue
            data = _read_member(archive, member, budget)
            budget -= len(data)
            target.writestr(member.filename, data)
    copy.seek(0)
    return copy


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> bytes:
    # Reading a bounded chunk at a time keeps each inflate call bounded too; zipfile
    # stops at the declared size, which the budget has already accounted for.
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK_BYTES):
                size += len(chunk)
                if size > budget:
                    raise IngestError(_too_large_reason(MAX_UNPACKED_BYTES - budget + size))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise IngestError(f"{_NOT_READABLE}: {member.filename} is damaged ({error})") from error
    except RuntimeError as error:  # zipfile's "File is encrypted, password required"
        raise IngestError(_PASSWORD_REASON) from error
    return b"".join(chunks)


def _too_large_reason(total: int) -> str:
    limit = MAX_UNPACKED_BYTES // (1024 * 1024)
    return (
        f"{_NOT_READABLE}: it unpacks to more than {limit} MB "
        f"({total / (1024 * 1024):,.1f} MB), which looks like a zip bomb"
    )
