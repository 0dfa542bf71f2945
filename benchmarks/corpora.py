"""The corpora, written once as files into ``benchmarks/.cache/`` and reused.

- the synthetic archive: ``../shared/tools/make_corpus.py OUT N`` (Markdown press releases
  recombined from the seed paragraphs, 1995-2026);
- Reuters-21578: ``../shared/corpora/reuters-21578/*.json``, one ``.txt`` file per article
  with a body, its date given as the `` date YYYY-MM-DD`` header our importer reads;
- web pages and PDFs: the real ``.html`` and ``.pdf`` files of
  ``../shared/corpora/releases-dev/`` copied round-robin, each copy marked so that no two
  are byte-identical (the importer skips a file whose content it already holds).

Each corpus folder holds ``files/`` (what is imported) and ``manifest.json``: every file's
title and date, handed to the anchors, which have no importer to find them.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "benchmarks" / ".cache"
MAKE_CORPUS = Path("tools") / "make_corpus.py"
REUTERS = Path("corpora") / "reuters-21578"
RELEASES_DEV = Path("corpora") / "releases-dev"
MANIFEST = "manifest.json"

_SYNTHETIC_HEAD = re.compile(
    r"\A# (?P<title>[^\n]+)\n\n(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})\n"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
        start=1,
    )
}  # fmt: skip


class SetupError(Exception):
    """Something the benchmark needs is missing; the message says what and where."""


@dataclass(frozen=True)
class Entry:
    """One file of a corpus and the metadata the anchors are given for it."""

    name: str
    title: str
    date: str | None  # ISO, YYYY-MM-DD
    year: int | None


@dataclass(frozen=True)
class Corpus:
    """A folder of files to import, with its manifest."""

    name: str
    folder: Path  # the corpus's own folder: files/ and manifest.json
    entries: tuple[Entry, ...]
    size_bytes: int

    @property
    def files(self) -> Path:
        return self.folder / "files"

    @property
    def documents(self) -> int:
        return len(self.entries)

    @property
    def megabytes(self) -> float:
        return self.size_bytes / 1e6


def shared_dir(explicit: Path | None = None) -> Path:
    """``../shared`` beside the repository (or ``explicit``), checked."""
    shared = (explicit or REPO.parent / "shared").resolve()
    missing = [path for path in (shared / MAKE_CORPUS, shared / REUTERS) if not path.exists()]
    if missing:
        raise SetupError(
            "the benchmark needs the project's shared folder beside the repository "
            f"(../shared, with {MAKE_CORPUS} and {REUTERS}); not found: "
            + ", ".join(str(path) for path in missing)
            + ". Pass --shared DIR if it is elsewhere."
        )
    return shared


def load(folder: Path) -> Corpus:
    """A corpus written earlier by :func:`synthetic` or :func:`reuters`."""
    raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    entries = tuple(Entry(**entry) for entry in raw["entries"])
    return Corpus(raw["name"], folder, entries, int(raw["size_bytes"]))


def synthetic(shared: Path, count: int, *, seed: int = 42) -> Corpus:
    """The synthetic archive of ``count`` documents, generated on first use."""
    folder = CACHE / f"synthetic-{count}-seed{seed}"
    if not (folder / MANIFEST).exists():
        with _building(folder) as partial:
            command = [sys.executable, str(shared / MAKE_CORPUS), str(partial / "files")]
            command += [str(count), "--seed", str(seed)]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            entries = [_synthetic_entry(path) for path in sorted((partial / "files").iterdir())]
            _write_manifest(partial, f"synthetic ({count:,} documents)", entries)
    return load(folder)


def _synthetic_entry(path: Path) -> Entry:
    head = _SYNTHETIC_HEAD.match(path.read_text(encoding="utf-8"))
    if head is None:  # the generator changed its layout: the anchors go without metadata
        return Entry(path.name, path.stem, None, None)
    year = int(head["year"])
    date = datetime.date(year, _MONTHS[head["month"]], int(head["day"]))
    return Entry(path.name, head["title"], date.isoformat(), year)


def reuters(shared: Path, limit: int | None = None) -> Corpus:
    """The Reuters-21578 articles that have a body (the first ``limit`` of them)."""
    folder = CACHE / f"reuters-{'all' if limit is None else limit}"
    if not (folder / MANIFEST).exists():
        with _building(folder) as partial:
            files = partial / "files"
            files.mkdir(parents=True)
            entries = []
            for article in _reuters_articles(shared / REUTERS, limit):
                date = datetime.datetime.strptime(article["date"].split()[0], "%d-%b-%Y").date()
                title = " ".join(str(article.get("title") or "").split())
                body = str(article["body"]).replace("\x03", "").rstrip()
                name = f"reuters-{int(article['id']):05d}.txt"
                heading = f"{title}\n\n" if title else ""
                text = f" date {date.isoformat()}\n{heading}{body}\n"
                (files / name).write_text(text, encoding="utf-8")
                entries.append(Entry(name, title, date.isoformat(), date.year))
            label = f"Reuters-21578 ({len(entries):,} articles with a body)"
            _write_manifest(partial, label, entries)
    return load(folder)


#: The formats measured on real files, and the suffixes of their originals in releases-dev.
REAL_FORMATS = {"html": (".html", ".htm", ".xhtml", ".mhtml"), "pdf": (".pdf",)}
_FORMAT_LABELS = {"html": "web pages", "pdf": "PDFs"}
_HTML_END = re.compile(rb"</html\s*>", re.IGNORECASE)


def real_files(shared: Path, kind: str, count: int) -> Corpus:
    """``count`` files of one format (``"html"`` or ``"pdf"``) copied from releases-dev.

    Copy ``n`` is original ``n % originals`` with a mark of its own: an HTML comment before
    the last ``</html>``, or a PDF comment line after the final ``%%EOF``, which readers
    pass over. Its manifest entry is the original's labelled title and date.
    """
    folder = CACHE / f"{kind}-{count}"
    if not (folder / MANIFEST).exists():
        originals = _originals(shared / RELEASES_DEV, REAL_FORMATS[kind])
        with _building(folder) as partial:
            files = partial / "files"
            files.mkdir(parents=True)
            entries = []
            for number in range(count):
                path, entry = originals[number % len(originals)]
                name = f"{kind}-{number:05d}-{path.name}"
                (files / name).write_bytes(_marked(path.read_bytes(), kind, number))
                entries.append(Entry(name, entry.title, entry.date, entry.year))
            label = f"copies of the {len(originals)} {_FORMAT_LABELS[kind]} in {RELEASES_DEV.name}"
            _write_manifest(partial, label, entries)
    return load(folder)


def _originals(folder: Path, suffixes: tuple[str, ...]) -> list[tuple[Path, Entry]]:
    manifest = folder / "MANIFEST.tsv"
    if not manifest.exists():
        raise SetupError(
            f"the HTML and PDF import needs {manifest} (pass --skip-formats to leave it out)"
        )
    with manifest.open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE))
    originals = []
    for row in rows:
        path = folder / row["file"]
        if path.suffix.lower() in suffixes and path.exists():
            day = row["true_date"] if len(row["true_date"]) == len("YYYY-MM-DD") else None
            entry = Entry(path.name, row["true_title"], day, int(row["true_date"][:4]))
            originals.append((path, entry))
    if not originals:
        raise SetupError(f"no {'/'.join(suffixes)} files listed in {manifest}")
    return originals


def _marked(raw: bytes, kind: str, number: int) -> bytes:
    """``raw`` made unique by a comment that no reader shows."""
    if kind == "pdf":
        line = b"" if raw.endswith((b"\n", b"\r")) else b"\n"
        return raw + line + b"%% archive-reader benchmark copy %d\n" % number
    comment = b"<!-- archive-reader benchmark copy %d -->\n" % number
    ends = list(_HTML_END.finditer(raw))
    at = ends[-1].start() if ends else len(raw)
    return raw[:at] + comment + raw[at:]


def _reuters_articles(folder: Path, limit: int | None) -> Iterator[dict[str, str]]:
    sources = sorted(folder.glob("*.json"))
    if not sources:
        raise SetupError(f"no Reuters-21578 JSON files in {folder}")
    given = 0
    for source in sources:
        for article in json.loads(source.read_text(encoding="utf-8")):
            if not str(article.get("body") or "").strip():
                continue
            if limit is not None and given >= limit:
                return
            given += 1
            yield article


def _write_manifest(folder: Path, name: str, entries: list[Entry]) -> None:
    size = sum((folder / "files" / entry.name).stat().st_size for entry in entries)
    manifest = {"name": name, "size_bytes": size, "entries": [asdict(e) for e in entries]}
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@contextmanager
def _building(folder: Path) -> Iterator[Path]:
    """Build a corpus in ``NAME.partial``, renamed into place only once complete."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        yield partial
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(folder)
