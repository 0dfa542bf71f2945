"""Importing never hangs, never reads without limit, never loses a file to another's name.

Only regular files are read: a named pipe or a device inside an imported folder is skipped
with a plain reason, even when it takes a file's place after the folder was listed, and a
file is read with a hard byte limit whatever its size said. Paths are stored losslessly, so
two files whose names once looked alike stay two documents; a file listed twice is
imported once; one file's storage failure costs that file only.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archive import api as archive_api
from archive import importer
from archive.annotations.store import AnnotationStore
from archive.api import DATABASE_NAME, Archive
from archive.importer import MAX_FILE_BYTES
from archive.ingest.pool import DocumentParser, PendingParse, SerialParser
from archive.models import ImportResult, ImportStatus
from archive.paths import display_path, path_bytes
from archive.storage import DocumentStore
from tests.archive.annotation_helpers import PIPELINE, STORY, annotate, span_of

OTHER_STORY = STORY.replace("minister", "envoy").replace("pipeline", "railway")
# Long enough for any import of a few small files on a loaded machine; only a hang takes it.
HANG_LIMIT_S = 60


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


def by_name(results: list[ImportResult]) -> dict[str, ImportResult]:
    return {os.path.basename(result.path): result for result in results}


def import_without_hanging(
    archive: Archive, paths: list[Path], pipes: list[Path]
) -> list[ImportResult]:
    """Import in a thread; a read stuck on a pipe is released by writing to it, and fails."""
    outcome: list[list[ImportResult]] = []
    worker = threading.Thread(target=lambda: outcome.append(archive.import_paths(paths)))
    worker.start()
    worker.join(HANG_LIMIT_S)
    if worker.is_alive():
        for pipe in pipes:  # the import waits for a writer: give it one, and end
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join()
        pytest.fail(f"the import waited on a named pipe for {HANG_LIMIT_S} s")
    return outcome[0]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class _HookedParser:
    """A serial parser that calls ``hook(name)`` when a file has been read and submitted."""

    def __init__(self, hook: Callable[[str], None]) -> None:
        self._inner = SerialParser()
        self._hook = hook

    def submit(self, raw: bytes, filename: str) -> PendingParse:
        pending = self._inner.submit(raw, filename)
        self._hook(filename)
        return pending

    def close(self) -> None:
        self._inner.close()


def after_reading(monkeypatch: pytest.MonkeyPatch, hook: Callable[[str], None]) -> None:
    """Run ``hook(name)`` right after each file is read, before the next one is."""

    def parser_for(_files: int) -> DocumentParser:
        return _HookedParser(hook)

    monkeypatch.setattr(archive_api, "_parser_for", parser_for)


# -- only regular files, opened without blocking, read with a hard limit ---------------------


def test_a_named_pipe_inside_a_folder_is_skipped_without_waiting(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", STORY)
    os.mkfifo(folder / "pipe.txt")
    results = by_name(import_without_hanging(archive, [folder], [folder / "pipe.txt"]))
    assert results["good.txt"].status is ImportStatus.IMPORTED
    assert results["pipe.txt"].status is ImportStatus.SKIPPED
    assert results["pipe.txt"].reason == "not a regular file: a named pipe"


def test_a_file_replaced_by_a_pipe_after_the_folder_was_listed_is_skipped(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", STORY)
    swapped = write(folder / "b.txt", OTHER_STORY)

    def swap_for_a_pipe(name: str) -> None:
        if name == "a.txt":
            swapped.unlink()
            os.mkfifo(swapped)

    after_reading(monkeypatch, swap_for_a_pipe)
    results = by_name(import_without_hanging(archive, [folder], [swapped]))
    assert results["a.txt"].status is ImportStatus.IMPORTED
    assert results["b.txt"].status is ImportStatus.SKIPPED
    assert results["b.txt"].reason == "not a regular file: a named pipe"


def test_a_device_linked_as_a_text_file_is_skipped(tmp_path: Path) -> None:
    """``zero.txt -> /dev/zero``: its size says 0; reading it would never end."""
    folder = tmp_path / "in"
    write(folder / "good.txt", STORY)
    (folder / "zero.txt").symlink_to("/dev/zero")

    def limit_memory() -> None:  # without the fix the child fills its memory, not ours
        limit = 3 * 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    completed = subprocess.run(
        [sys.executable, "-m", "archive", "import", "--json", str(folder)],
        env={**os.environ, "ARCHIVE_READER_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=HANG_LIMIT_S * 2,
        preexec_fn=limit_memory,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = {os.path.basename(r["path"]): r for r in json.loads(completed.stdout)}
    assert results["good.txt"]["status"] == "imported"
    assert results["zero.txt"]["status"] == "skipped"
    assert results["zero.txt"]["reason"] == "not a regular file: a character device"


def test_a_file_that_grows_past_the_limit_after_it_was_listed_is_too_large(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", STORY)
    growing = write(folder / "b.txt", OTHER_STORY)

    def grow(name: str) -> None:
        if name == "a.txt":
            with growing.open("ab") as handle:
                handle.truncate(MAX_FILE_BYTES + 4096)

    after_reading(monkeypatch, grow)
    results = by_name(archive.import_paths([folder]))
    assert results["a.txt"].status is ImportStatus.IMPORTED
    assert results["b.txt"].status is ImportStatus.SKIPPED
    assert results["b.txt"].reason is not None
    assert results["b.txt"].reason.startswith("too large to be a press release")
    assert archive.document_count() == 1


def test_a_symbolic_link_to_a_text_file_imports(archive: Archive, tmp_path: Path) -> None:
    target = write(tmp_path / "elsewhere" / "story.txt", STORY)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.txt").symlink_to(target)
    (result,) = archive.import_paths([folder])
    assert result.status is ImportStatus.IMPORTED
    assert result.id is not None
    assert archive.document(result.id).path == str(target)


def test_a_symbolic_link_loop_is_called_a_loop_not_broken(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    for results in (
        by_name(archive.import_paths([folder])),
        by_name(archive.import_paths([folder / "a.txt", folder / "gone.txt"])),
    ):
        assert results["a.txt"].status is ImportStatus.FAILED
        assert results["a.txt"].reason is not None
        assert results["a.txt"].reason.startswith("a symbolic link loop")
        assert results["gone.txt"].reason == "a broken symbolic link: its target does not exist"


# -- paths stored losslessly ------------------------------------------------------------------


def raw_name(folder: Path, name: bytes) -> Path:
    """A path in ``folder`` whose file name is the bytes ``name`` (not valid UTF-8 maybe)."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def test_a_raw_byte_and_its_escape_written_as_text_are_two_documents(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    literal = write(folder / "bad\\xff.txt", STORY)
    raw = write(raw_name(folder, b"bad\xff.txt"), OTHER_STORY)
    results = archive.import_paths([folder])
    assert [r.status for r in results] == [ImportStatus.IMPORTED] * 2
    assert len({r.path for r in results}) == 2
    paths = {archive.document(r.id).path for r in results if r.id is not None}
    assert {path_bytes(path) for path in paths} == {os.fsencode(literal), os.fsencode(raw)}


def test_importing_a_look_alike_name_later_leaves_the_first_document_alone(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    literal = write(folder / "bad\\xff.txt", STORY)
    (first,) = archive.import_paths([literal])
    assert first.id is not None
    note = annotate(archive, first.id, PIPELINE, note="keep me")
    (second,) = archive.import_paths([write(raw_name(folder, b"bad\xff.txt"), OTHER_STORY)])
    assert second.status is ImportStatus.IMPORTED
    assert second.id != first.id
    assert archive.document(first.id).text.startswith("Baku")
    kept = archive.annotation(note.id)
    assert not kept.orphaned
    assert kept.span == span_of(archive, first.id, PIPELINE)


def test_a_copy_of_a_file_with_an_undecodable_name_is_a_copy_not_a_move(
    archive: Archive, tmp_path: Path
) -> None:
    original = write(raw_name(tmp_path / "a", b"caf\xe9.txt"), STORY)
    copy = write(tmp_path / "b" / "copy.txt", STORY)
    (first,) = archive.import_paths([original])
    (second,) = archive.import_paths([copy])
    assert second.status is ImportStatus.SKIPPED
    assert f"same content as document {first.id}" in (second.reason or "")
    assert first.id is not None
    assert path_bytes(archive.document(first.id).path) == os.fsencode(original)


def test_a_name_not_valid_utf8_and_without_words_gets_a_storable_title(
    archive: Archive, tmp_path: Path
) -> None:
    """The file's name is the title of last resort: it must be text SQLite can store."""
    (result,) = archive.import_paths([write(raw_name(tmp_path, b"\xe9t\xe9.txt"), "12345 67890\n")])
    assert result.status is ImportStatus.IMPORTED, result
    assert result.id is not None
    assert archive.document(result.id).title == "\\xe9t\\xe9"


def _legacy_form(path: str) -> str:
    """How the previous version stored a path: undecodable bytes as ``\\xNN``, nothing else."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


@pytest.fixture(params=["path queries", "one scan"])
def known_files_lookup(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Either way an import finds the files stored before: a query per path, or one scan."""
    if request.param == "one scan":
        monkeypatch.setattr(importer, "_PATH_QUERIES_UP_TO", 0)


@pytest.mark.usefixtures("known_files_lookup")
def test_an_archive_stored_the_old_way_still_knows_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = [
        b"plain.txt",
        b"caf\xe9.txt",
        b"back\\slash.txt",
        b"lit\\xff.txt",
        b"two\\\\xff.txt",
        b"\\\xff.txt",
    ]
    paths = [write(raw_name(folder, name), f"{STORY}\nCopy {n}.\n") for n, name in enumerate(names)]
    with Archive(tmp_path / "data") as opened:
        first = opened.import_paths([folder])
        assert {r.status for r in first} == {ImportStatus.IMPORTED}
    database = sqlite3.connect(tmp_path / "data" / DATABASE_NAME)
    with database:
        for path in paths:
            database.execute(
                "UPDATE documents SET path = ? WHERE path = ?",
                (_legacy_form(str(path)), display_path(path)),
            )
    database.close()
    with Archive(tmp_path / "data") as opened:
        again = opened.import_paths([folder])
        assert [(r.status, r.id) for r in again] == [(ImportStatus.UNCHANGED, r.id) for r in first]
        stored = {opened.document(r.id).path for r in again if r.id is not None}
    assert stored == {display_path(path) for path in paths}  # brought up to date


@pytest.mark.usefixtures("known_files_lookup")
def test_a_reimport_knows_unchanged_changed_removed_and_new_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    same, changed, removed = (
        write(folder / f"{name}.txt", f"{STORY}\nCopy {name}.\n")
        for name in ("same", "changed", "removed")
    )
    with Archive(tmp_path / "data") as opened:
        first = {Path(r.path).name: r.id for r in opened.import_paths([folder])}
        removed_id = first["removed.txt"]
        assert removed_id is not None
        opened.remove_documents([removed_id])
        write(changed, f"{STORY}\nA late correction.\n")
        new = write(folder / "new.txt", OTHER_STORY)
        again = {Path(r.path).name: (r.status, r.id) for r in opened.import_paths([folder])}
    assert again == {
        same.name: (ImportStatus.UNCHANGED, first["same.txt"]),
        changed.name: (ImportStatus.UPDATED, first["changed.txt"]),
        removed.name: (ImportStatus.IMPORTED, removed_id),  # brought back
        new.name: (ImportStatus.IMPORTED, again[new.name][1]),
    }


# -- a file listed twice; one file's failure ---------------------------------------------------


def test_a_file_listed_twice_and_changed_in_between_is_imported_once(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changing = write(tmp_path / "f.txt", STORY)
    other = write(tmp_path / "other.txt", OTHER_STORY)

    def rewrite(name: str) -> None:
        if name == "f.txt" and changing.read_text(encoding="utf-8") == STORY:
            changing.write_text(STORY + "\nA late correction.\n", encoding="utf-8")

    after_reading(monkeypatch, rewrite)
    results = archive.import_paths([changing, other, changing])
    assert [r.status for r in results] == [
        ImportStatus.IMPORTED,
        ImportStatus.IMPORTED,
        ImportStatus.SKIPPED,
    ]
    assert results[2].reason is not None
    assert results[2].reason.startswith("listed twice")
    assert archive.document_count() == 2


def test_a_file_in_a_folder_and_named_again_is_imported_once(
    archive: Archive, tmp_path: Path
) -> None:
    story = write(tmp_path / "in" / "story.txt", STORY)
    results = archive.import_paths([tmp_path / "in", story])
    assert [r.status for r in results] == [ImportStatus.IMPORTED, ImportStatus.SKIPPED]
    assert (results[1].reason or "").startswith("listed twice")


def test_one_files_storage_failure_does_not_abort_its_batch(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", STORY)
    write(folder / "b.txt", OTHER_STORY)
    write(folder / "c.txt", STORY.replace("Baku", "Ganja"))
    real_queue = DocumentStore.queue_for_index

    def queue_failing_for_b(store: DocumentStore, ids: object) -> None:
        wanted = list(ids)  # type: ignore[call-overload]
        if any("envoy" in store.texts(wanted).get(i, "") for i in wanted):
            # After b.txt's row was written: its failure must take that row back too.
            raise sqlite3.IntegrityError("UNIQUE constraint failed: index_queue.document_id")
        real_queue(store, wanted)

    monkeypatch.setattr(DocumentStore, "queue_for_index", queue_failing_for_b)
    results = by_name(archive.import_paths([folder]))
    assert results["a.txt"].status is ImportStatus.IMPORTED
    assert results["c.txt"].status is ImportStatus.IMPORTED
    assert results["b.txt"].status is ImportStatus.FAILED
    assert results["b.txt"].id is None
    assert results["b.txt"].reason and "could not be stored" in results["b.txt"].reason
    assert archive.document_count() == 2


def test_an_unexpected_error_storing_one_file_costs_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met while storing a file (here, re-anchoring its notes) fails that file alone."""
    folder = tmp_path / "in"
    towns = {"a.txt": "Baku", "b.txt": "Ganja", "c.txt": "Shaki"}
    stories = {name: STORY.replace("Baku", town) for name, town in towns.items()}
    for name, text in stories.items():
        write(folder / name, text)
    with Archive(tmp_path / "data") as opened:
        first = by_name(opened.import_paths([folder]))
    real_reanchor = AnnotationStore.reanchor_document

    def reanchor_failing_for_b(
        store: AnnotationStore, document_id: int, old_text: str, new_text: str
    ) -> None:
        if "Ganja" in new_text:
            raise ValueError("a bug met re-anchoring b.txt")
        real_reanchor(store, document_id, old_text, new_text)

    monkeypatch.setattr(AnnotationStore, "reanchor_document", reanchor_failing_for_b)
    for name, text in stories.items():
        write(folder / name, text + "\nA late correction.\n")
    with Archive(tmp_path / "data") as opened:
        results = by_name(opened.import_paths([folder]))
        assert results["a.txt"].status is ImportStatus.UPDATED
        assert results["c.txt"].status is ImportStatus.UPDATED
        assert results["b.txt"].status is ImportStatus.FAILED
        assert results["b.txt"].reason == (
            "could not be stored: an unexpected problem (details in the log)"
        )
        b_id = first["b.txt"].id
        assert b_id is not None
        assert "late correction" not in opened.document(b_id).text  # left as it was


def test_a_file_stored_meanwhile_by_another_import_is_updated(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    (first,) = archive.import_paths([path])
    path.write_text(STORY + "\nA late correction.\n", encoding="utf-8")
    # What this import saw before another one stored the file: nothing.
    monkeypatch.setattr(
        importer._KnownFiles, "of", classmethod(lambda cls, _store, _files: cls(lambda _key: None))
    )
    results = archive.import_paths([path, write(tmp_path / "other.txt", OTHER_STORY)])
    assert (results[0].status, results[0].id) == (ImportStatus.UPDATED, first.id)
    assert results[1].status is ImportStatus.IMPORTED
    assert archive.document_count() == 2
