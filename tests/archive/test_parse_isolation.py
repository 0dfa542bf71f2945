"""Untrusted formats are parsed in a worker process, where a hostile file fails alone."""

from __future__ import annotations

import io
import os
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from archive.api import Archive
from archive.importer import Importer, find_files
from archive.ingest import pool
from archive.ingest.errors import IngestError
from archive.ingest.pool import DocumentParser, SerialParser
from archive.models import ImportStatus
from tests.archive.isolation_parsers import misbehaving_parse, process_id_parse
from tests.archive.pdf_samples import typeset

# Far above the second or so a worker takes to start and parse, even on a busy machine;
# a hang is stopped after it.
TIMEOUT_S = 4.0
# Only an import that hangs (no protection) gets anywhere near this.
HANG_BOUND_S = 120.0

T = TypeVar("T")
HERE = str(os.getpid())
PDF = b"%PDF-1.4\n% a release\n"
HTML = b"<!doctype html><html><body><p>A release.</p></body></html>"
RTF = b"{\\rtf1\\ansi A release.}"


def _bounded(work: Callable[[], T]) -> T:
    """Run ``work`` in a thread; fail (rather than hang the suite) if it never ends."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # re-raised below, in the test's thread
            failure.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_BOUND_S)
    assert not thread.is_alive(), "it hung"
    if failure:
        raise failure[0]
    return outcome[0]


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_untrusted_formats_are_parsed_in_a_worker_even_for_a_few_files() -> None:
    parser = SerialParser(process_id_parse)
    try:
        text = parser.submit(b"A release in plain text.", "note.txt").result().title
        markdown = parser.submit(b"# A release\n\nIn Markdown.", "note.md").result().title
        untrusted = [
            parser.submit(raw, name).result().title
            for raw, name in [
                (PDF, "release.pdf"),
                (PDF, "release.txt"),  # a PDF whatever its name says
                (HTML, "page.html"),
                (docx(), "letter.docx"),
                (RTF, "letter.rtf"),
            ]
        ]
    finally:
        parser.close()
    assert text == markdown == HERE
    assert HERE not in untrusted
    assert len(set(untrusted)) == 1  # one worker, started when the first one came


def test_a_real_pdf_is_read_in_a_worker_within_the_memory_limit() -> None:
    raw = typeset([[("Ministers resume the talks on energy security in Vienna today.",)]])
    parser = SerialParser()
    try:
        parsed = parser.submit(raw, "release.pdf").result()
    finally:
        parser.close()
    assert "the talks on energy security in Vienna" in f"{parsed.title} {parsed.text}"


@pytest.mark.skipif(sys.platform != "linux", reason="the address-space limit is enforced on Linux")
def test_a_file_that_needs_too_much_memory_fails_alone_with_a_plain_reason() -> None:
    parser = SerialParser(misbehaving_parse)
    try:
        with pytest.raises(IngestError, match="needed more memory than a file may use"):
            parser.submit(PDF + b"ALLOCATE-TOO-MUCH", "bomb.pdf").result()
        assert parser.submit(PDF, "next.pdf").result().title != HERE
    finally:
        parser.close()


def test_a_file_that_hangs_the_parser_fails_alone_after_the_time_limit() -> None:
    parser = SerialParser(misbehaving_parse, timeout_s=TIMEOUT_S)
    try:
        hung = parser.submit(HTML + b"HANG-THE-WORKER", "page.html")
        with pytest.raises(IngestError, match=f"took longer than {TIMEOUT_S:g} seconds"):
            _bounded(hung.result)
        assert _bounded(parser.submit(HTML, "next.html").result).title != HERE
    finally:
        parser.close()


def test_a_parser_error_in_a_worker_is_the_files_own_and_not_parsed_again_here() -> None:
    # PDFium's errors are RuntimeErrors, as are those of a pool whose workers cannot run;
    # only the latter may send a file to be parsed in the importing process.
    parser = SerialParser(misbehaving_parse)
    try:
        with pytest.raises(RuntimeError, match="PDFium"):
            parser.submit(PDF + b"RUNTIME-ERROR-IN-A-WORKER", "release.pdf").result()
    finally:
        parser.close()


def test_untrusted_files_are_parsed_here_when_no_worker_can_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_processes(*args: object, **kwargs: object) -> object:
        raise OSError("no semaphores in this sandbox")

    monkeypatch.setattr(pool, "ProcessPool", no_processes)
    parser = SerialParser(process_id_parse)
    try:
        assert parser.submit(PDF, "release.pdf").result().title == HERE
        assert parser.submit(HTML, "page.html").result().title == HERE
    finally:
        parser.close()


def _import(data_dir: Path, folder: Path, parser_for: Callable[[int], DocumentParser]):
    with Archive(data_dir) as archive:
        importer = Importer(archive._db, archive._store, parser_for=parser_for)
        return importer.run(find_files([folder]).files)


def test_hostile_files_in_a_small_import_fail_alone_and_the_rest_imports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "note.txt": b"A release in plain text about the energy talks.",
        "release.pdf": PDF + b"a fine one",
        "page.html": HTML,
        "hang.html": HTML + b"HANG-THE-WORKER",
        "crash.rtf": RTF + b"CRASH-THE-WORKER",
        "error.pdf": PDF + b"RUNTIME-ERROR-IN-A-WORKER",
    }
    if sys.platform == "linux":
        files["bomb.pdf"] = PDF + b"ALLOCATE-TOO-MUCH"
    for name, raw in files.items():
        (folder / name).write_bytes(raw)

    def parser_for(_count: int) -> DocumentParser:
        return SerialParser(misbehaving_parse, timeout_s=TIMEOUT_S)

    results = _bounded(lambda: _import(tmp_path / "data", folder, parser_for))
    by_name = {Path(result.path).name: result for result in results}
    assert {name: by_name[name].status for name in ("note.txt", "release.pdf", "page.html")} == {
        "note.txt": ImportStatus.IMPORTED,
        "release.pdf": ImportStatus.IMPORTED,
        "page.html": ImportStatus.IMPORTED,
    }
    reasons = {name: by_name[name].reason or "" for name in files}
    assert "took longer than" in reasons["hang.html"]
    assert "helper process" in reasons["crash.rtf"]
    assert "unexpected problem" in reasons["error.pdf"]
    if "bomb.pdf" in files:
        assert "more memory" in reasons["bomb.pdf"]
    for name in ("hang.html", "crash.rtf", "error.pdf", "bomb.pdf"):
        if name in files:
            assert by_name[name].status is ImportStatus.FAILED
