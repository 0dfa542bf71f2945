"""The bad-input catalogue: broken, odd and hostile files, written into a test's folder.

Each entry says what the importer must make of its file: import it (and which words its
text must hold) or report it with a reason (and which words the reason must hold). The
files are generated, never stored, so the catalogue costs nothing in the repository.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archive.models import ImportStatus

# A realistic press-release paragraph in each language, long enough for detection.
RUSSIAN = (
    "Министерство иностранных дел Азербайджанской Республики выражает глубокую "
    "обеспокоенность в связи с последними событиями в регионе. Мы призываем все стороны "
    "проявить сдержанность, продолжить переговоры и соблюдать нормы международного права. "
    "Министр подчеркнул, что мирный процесс должен опираться на взаимное уважение "
    "суверенитета и территориальной целостности государств."
)
FRENCH = (
    "Le ministère des Affaires étrangères a publié un communiqué à Genève. Le ministre a "
    "souligné l'importance d'un dialogue régulier et s'est félicité des progrès réalisés "
    "dans les négociations économiques."
)
GERMAN = (
    "Das Auswärtige Amt begrüßt die Gespräche in München. Der Außenminister äußerte sich "
    "zufrieden über die Fortschritte bei den Verhandlungen über die Zusammenarbeit."
)
ENGLISH = (
    "The Ministry of Foreign Affairs welcomes the resumption of talks on regional "
    "transport links. The minister underlined that dialogue remains the only path to a "
    "lasting peace, and thanked the mediators for their patient work."
)

BIG_FILE_BYTES = 50 * 1024 * 1024
LONG_LINE_CHARACTERS = 2_000_000
NESTING_DEPTH = 1000
MANY_FILES = 10_000


@dataclass(frozen=True)
class Entry:
    """One catalogue file and what the importer must make of it.

    Attributes:
        label: What the file is, as the report's table names it.
        path: Where the file was written.
        statuses: The outcomes accepted for the file.
        words: Words the imported text must hold (checked when it imported).
        reason_words: Words the reason must hold (checked when it was not imported).
    """

    label: str
    path: Path
    statuses: frozenset[ImportStatus]
    words: tuple[str, ...] = ()
    reason_words: tuple[str, ...] = ()


IMPORTS = frozenset({ImportStatus.IMPORTED})
REFUSED = frozenset({ImportStatus.SKIPPED, ImportStatus.FAILED})


@dataclass
class Catalogue:
    """The catalogue's files, the folders it holds, and the one file reading must refuse."""

    entries: list[Entry] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    unreadable: Path | None = None

    def add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        return entry

    @property
    def paths(self) -> list[Path]:
        """What to import: each loose file, then each folder."""
        return [entry.path for entry in self.entries if entry.path.parent not in self.folders]


def png_bytes() -> bytes:
    """A real (tiny, valid) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def big_text(size: int) -> bytes:
    """About ``size`` bytes of distinct paragraphs of English, as a long report would be."""
    paragraphs: list[bytes] = []
    total = 0
    number = 0
    while total < size:
        paragraph = f"Paragraph {number}. {ENGLISH}\n\n".encode()
        paragraphs.append(paragraph)
        total += len(paragraph)
        number += 1
    return b"".join(paragraphs)[:size]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def write_small_catalogue(folder: Path) -> Catalogue:
    """Write every catalogue file that is cheap to import, and say what each must become."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = Catalogue()

    def imports(label: str, name: str, data: bytes, *words: str) -> None:
        catalogue.add(Entry(label, _write(folder / name, data), IMPORTS, words=words))

    def refused(label: str, name: str, data: bytes, *reason_words: str) -> None:
        path = _write(folder / name, data)
        catalogue.add(Entry(label, path, REFUSED, reason_words=reason_words))

    refused("empty file", "empty.txt", b"", "empty")
    refused("zero-length Markdown", "empty.md", b"", "empty")
    refused("a PNG renamed .txt", "picture.txt", png_bytes(), "PNG", "image", "not text")
    imports(
        "NUL bytes inside text",
        "nuls.txt",
        f"Talks resumed\x00 in Geneva.\n\n{ENGLISH}\x00\x00".encode(),
        "Geneva",
        "mediators",
    )
    # UTF-8 damaged in two places: a stray byte, and a character cut short.
    imports(
        "invalid UTF-8 sequences",
        "broken-utf8.txt",
        "Talks in Bakı and Genève on Türkiye’s role.\n\n".encode()
        + ENGLISH.encode()
        + b" A stray \xff byte, and a cut \xc3 character.",
        "Bakı",
        "Genève",
        "Türkiye",
        "mediators",
        "cut",
    )
    imports(
        "cp1251 Cyrillic", "russian.txt", RUSSIAN.encode("cp1251"), "Министерство", "переговоры"
    )
    imports(
        "UTF-16 LE with BOM", "utf16le.txt", b"\xff\xfe" + ENGLISH.encode("utf-16-le"), "mediators"
    )
    imports(
        "UTF-16 BE with BOM", "utf16be.txt", b"\xfe\xff" + ENGLISH.encode("utf-16-be"), "mediators"
    )
    imports(
        "latin-1 French and German",
        "latin1.txt",
        f"{FRENCH}\n\n{GERMAN}".encode("latin-1"),
        "ministère",
        "Genève",
        "München",
        "Außenminister",
    )
    imports(
        "mixed line endings",
        "line-endings.txt",
        b"Line endings of every kind\r\n\r\nFirst paragraph, Windows.\r\n\r\n"
        b"Second paragraph, old Mac.\r\rThird paragraph, Unix.\n",
        "First paragraph, Windows.",
        "Second paragraph, old Mac.",
        "Third paragraph, Unix.",
    )
    line = ("word " * (LONG_LINE_CHARACTERS // 5)).encode()
    imports("a single 2-million-character line", "long-line.txt", line, "word")
    quotes = "".join("> " * depth + f"level {depth}\n" for depth in range(1, NESTING_DEPTH + 1))
    imports(
        "1,000 nested blockquotes", "nested-quotes.md", quotes.encode(), "level 1", "level 1000"
    )
    lists = "".join("    " * depth + f"- item {depth}\n" for depth in range(NESTING_DEPTH))
    imports("1,000 nested lists", "nested-lists.md", lists.encode(), "item 0", "item 999")
    name = os.fsdecode(b"caf\xe9-" + str(os.getpid()).encode() + b".txt")
    with contextlib.suppress(OSError):  # a file system that insists on UTF-8 names
        imports("a file name that is not valid UTF-8", name, b"Talks on cafe culture.", "culture")
    unreadable = _write(folder / "unreadable.txt", f"Secret.\n\n{ENGLISH}".encode())
    unreadable.chmod(0)
    catalogue.unreadable = unreadable
    catalogue.add(
        Entry("an unreadable file", unreadable, REFUSED, reason_words=("permission denied",))
    )

    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    catalogue.add(
        Entry(
            "a symlink loop (file inside)",
            _write(loop / "inside-loop.txt", f"Inside the loop.\n\n{GERMAN}".encode()),
            IMPORTS,
            words=("Außenminister",),
        )
    )
    catalogue.folders.append(loop)
    return catalogue


def write_many_files(folder: Path, count: int = MANY_FILES) -> list[Path]:
    """A folder of ``count`` small, distinct press notes."""
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        path = folder / f"note-{number:05d}.txt"
        path.write_bytes(f"Press note {number}\n\nBriefing number n{number} on transport.".encode())
        paths.append(path)
    return paths


@contextmanager
def reading_denied(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make reading ``path`` fail with "permission denied", even for root.

    ``chmod 000`` stops every user but root (who has CAP_DAC_OVERRIDE); as root, opening the
    file is made to fail the way the kernel would fail it for anyone else.
    """
    if os.geteuid() != 0:
        yield
        return
    denied = os.fsencode(path.resolve())

    def guarded(opener: Callable[..., object]) -> Callable[..., object]:
        def open_unless_denied(file: object, *args: object, **kwargs: object) -> object:
            if (
                isinstance(file, (str, bytes, os.PathLike))
                and os.fsencode(os.path.realpath(file)) == denied
            ):
                raise PermissionError(13, "Permission denied", os.fsdecode(file))
            return opener(file, *args, **kwargs)

        return open_unless_denied

    import builtins  # noqa: PLC0415 - only this helper patches it
    import io  # noqa: PLC0415

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", guarded(builtins.open))
        patch.setattr(io, "open", guarded(io.open))
        patch.setattr(os, "open", guarded(os.open))
        yield
