"""Parsing in worker processes: the same documents as here, and a bad file costs only itself."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.api import Archive
from archive.importer import POOL_MIN_FILES, Importer, choose_parser, find_files
from archive.ingest.pool import DocumentParser, PoolParser, SerialParser, usable_cores
from archive.models import ImportProgress, ImportResult, ImportStatus
from tests.archive.pool_parsers import misbehaving_parse
from tests.conftest import SEEDS

# Far above the few milliseconds a test file takes, even on a busy machine.
WORKER_TIMEOUT_S = 10.0
# Only a hang (no protection) gets anywhere near this.
HANG_BOUND_S = 300.0

PARAGRAPH = (
    "On {day} March {year} the minister of foreign affairs met his counterpart in Baku "
    "to discuss **energy security**, transport links and the {n}<sup>th</sup> round of talks."
)


def _corpus(folder: Path, count: int) -> Path:
    """The five seeds plus ``count`` generated files of several shapes."""
    shutil.copytree(SEEDS, folder)
    for n in range(count):
        year = 1995 + n % 30
        body = "\n\n".join(PARAGRAPH.format(day=1 + n % 28, year=year, n=n) for _ in range(3))
        if n % 3 == 0:
            text = f"# Release {n}\n\n{body}\n\n- first point\n- second point\n"
            (folder / f"gen_{n:03d}.md").write_text(text, encoding="utf-8")
        elif n % 3 == 1:
            text = f"Release {n}\n\n{body.replace('**', '')}\n"
            (folder / f"gen_{n:03d}.txt").write_text(text, encoding="cp1251", errors="replace")
        else:
            lines = body.replace("**", "").replace(" the ", " the\n")
            (folder / f"gen_{n:03d}.txt").write_text(lines, encoding="utf-8")
    return folder


def _import(
    data_dir: Path,
    paths: list[Path],
    parser_for: Callable[[int], DocumentParser],
    progress: Callable[[ImportProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Archive, list[ImportResult]]:
    archive = Archive(data_dir)
    found = find_files(paths)
    importer = Importer(archive._db, archive._store, parser_for=parser_for)
    return archive, importer.run(found.files, progress, cancelled)


def _run_bounded(work: Callable[[], object]) -> None:
    """Run ``work`` in a thread; fail (rather than hang the suite) if it never ends."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as error:  # re-raised below, in the test's thread
            failure.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_BOUND_S)
    assert not thread.is_alive(), "the import hung"
    if failure:
        raise failure[0]


def test_workers_give_the_same_documents_as_parsing_here(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 60)
    serial, serial_results = _import(tmp_path / "a", [corpus], lambda _: SerialParser())
    pooled, pooled_results = _import(tmp_path / "b", [corpus], lambda _: PoolParser(2))
    with serial, pooled:
        assert [(r.path, r.status, r.id) for r in pooled_results] == [
            (r.path, r.status, r.id) for r in serial_results
        ]
        assert {r.status for r in pooled_results} == {ImportStatus.IMPORTED}
        for result in serial_results:
            assert result.id is not None
            assert pooled.document(result.id) == serial.document(result.id)


def test_a_file_that_crashes_hangs_or_breaks_a_worker_is_reported_and_the_rest_import(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path / "in", 12)
    bad = {
        "crash.txt": b"CRASH-THE-WORKER and some words\n",
        "hang.txt": b"HANG-THE-WORKER and some words\n",
        "raise.txt": b"RAISE-IN-THE-WORKER and some words\n",
    }
    for name, raw in bad.items():
        (folder / name).write_bytes(raw)
    outcome: list[list[ImportResult]] = []

    def parser(_: int) -> DocumentParser:
        return PoolParser(2, timeout_s=WORKER_TIMEOUT_S, parse=misbehaving_parse)

    def work() -> None:
        archive, results = _import(tmp_path / "data", [folder], parser)
        archive.close()
        outcome.append(results)

    _run_bounded(work)
    by_name = {Path(r.path).name: r for r in outcome[0]}
    assert by_name["crash.txt"].status is ImportStatus.FAILED
    assert "helper process" in (by_name["crash.txt"].reason or "")
    assert by_name["hang.txt"].status is ImportStatus.FAILED
    assert "took longer than" in (by_name["hang.txt"].reason or "")
    assert by_name["raise.txt"].status is ImportStatus.FAILED
    assert "unexpected problem" in (by_name["raise.txt"].reason or "")
    good = [r for name, r in by_name.items() if name not in bad]
    assert len(good) == 17
    assert {r.status for r in good} == {ImportStatus.IMPORTED}


def test_cancelling_a_pooled_import_stops_it_and_keeps_what_was_stored(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", 80)
    # Read ahead and in a worker when the import is cancelled, well before it would be stored.
    (folder / "gen_015x_hang.txt").write_bytes(b"HANG-THE-WORKER and some words\n")
    seen: list[ImportProgress] = []
    outcome: list[tuple[int, list[ImportResult]]] = []

    def parser(_: int) -> DocumentParser:
        return PoolParser(2, timeout_s=HANG_BOUND_S * 10, parse=misbehaving_parse)

    def work() -> None:
        archive, results = _import(
            tmp_path / "data", [folder], parser, seen.append, lambda: len(seen) >= 10
        )
        outcome.append((archive.document_count(), results))
        archive.close()

    _run_bounded(work)
    stored, results = outcome[0]
    assert len(results) == 10
    assert stored == 10
    assert all(r.status is ImportStatus.IMPORTED for r in results)


def test_a_few_files_are_parsed_here_and_many_by_workers() -> None:
    assert isinstance(choose_parser(POOL_MIN_FILES - 1), SerialParser)
    many = choose_parser(POOL_MIN_FILES)
    try:
        expected = PoolParser if usable_cores() > 1 else SerialParser
        assert isinstance(many, expected)
    finally:
        many.close()


@pytest.mark.parametrize("count", [0, POOL_MIN_FILES + 5])
def test_archive_import_reports_every_file_in_order(tmp_path: Path, count: int) -> None:
    corpus = _corpus(tmp_path / "in", count)
    with Archive(tmp_path / "data") as archive:
        results = archive.import_paths([corpus])
        names = sorted(p.name for p in corpus.iterdir())
        assert [Path(r.path).name for r in results] == names
        assert archive.document_count() == len(names)
        again = archive.import_paths([corpus])
        assert {r.status for r in again} == {ImportStatus.UNCHANGED}
