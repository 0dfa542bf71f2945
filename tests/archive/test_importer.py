"""Importing files: one result per file, new/changed/unchanged, and bad input reported."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive
from archive.models import ImportStatus
from tests.conftest import seed_path

STORY = "Baku, 3 March 2021. The minister met his counterpart to discuss the negotiations.\n"


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_folder_imports_every_file(archive: Archive, seeds_dir: Path) -> None:
    results = archive.import_paths([seeds_dir])
    assert [r.status for r in results] == [ImportStatus.IMPORTED] * 5
    assert len({r.id for r in results}) == 5
    assert archive.document_count() == 5


def test_reimporting_unchanged_files_is_a_no_op(archive: Archive, seeds_dir: Path) -> None:
    first = archive.import_paths([seeds_dir])
    again = archive.import_paths([seeds_dir])
    assert [r.status for r in again] == [ImportStatus.UNCHANGED] * 5
    assert [r.id for r in again] == [r.id for r in first]
    assert archive.document_count() == 5


def test_touched_but_identical_file_is_unchanged(archive: Archive, tmp_path: Path) -> None:
    path = write(tmp_path / "in" / "a.txt", STORY)
    (first,) = archive.import_paths([path])
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    (again,) = archive.import_paths([path])
    assert again.status is ImportStatus.UNCHANGED
    assert again.id == first.id


def test_changed_file_updates_in_place_under_the_same_id(archive: Archive, tmp_path: Path) -> None:
    path = write(tmp_path / "in" / "a.txt", STORY)
    (first,) = archive.import_paths([path])
    write(path, STORY + "\nA new paragraph about pipelines was added.\n")
    (second,) = archive.import_paths([path])
    assert second.status is ImportStatus.UPDATED
    assert second.id == first.id
    assert archive.document_count() == 1
    assert first.id is not None
    assert "pipelines" in archive.document(first.id).text
    assert [h.id for h in archive.search("pipelines").hits] == [first.id]


def test_unsupported_files_are_skipped_with_a_reason(archive: Archive, tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.md", "# A title\n\nSome text in 2020.\n")
    write(tmp_path / "in" / "budget.xlsx", "PK")
    results = {Path(r.path).name: r for r in archive.import_paths([tmp_path / "in"])}
    assert results["good.md"].status is ImportStatus.IMPORTED
    assert results["budget.xlsx"].status is ImportStatus.SKIPPED
    reason = results["budget.xlsx"].reason or ""
    assert ".xlsx files are not supported" in reason
    assert "HTML, PDF, Word (.docx)" in reason


def test_folders_import_recursively_and_hidden_files_are_ignored(
    archive: Archive, tmp_path: Path
) -> None:
    write(tmp_path / "in" / "2019" / "deep" / "a.txt", STORY)
    write(tmp_path / "in" / "b.markdown", "# B\n\nText.\n")
    write(tmp_path / "in" / ".hidden.txt", "secret")
    write(tmp_path / "in" / ".git" / "c.txt", "config")
    results = archive.import_paths([tmp_path / "in"])
    assert sorted(Path(r.path).name for r in results) == ["a.txt", "b.markdown"]


def test_symlink_loop_is_walked_once(archive: Archive, tmp_path: Path) -> None:
    write(tmp_path / "in" / "sub" / "a.txt", STORY)
    os.symlink(tmp_path / "in", tmp_path / "in" / "sub" / "loop")
    results = archive.import_paths([tmp_path / "in"])
    assert [r.status for r in results] == [ImportStatus.IMPORTED]


def test_a_file_reached_through_symbolic_links_is_the_same_file(
    archive: Archive, tmp_path: Path
) -> None:
    original = write(tmp_path / "in" / "a.txt", STORY)
    os.symlink(tmp_path / "in", tmp_path / "folder-link")
    os.symlink(original, tmp_path / "in" / "file-link.txt")
    (first,) = archive.import_paths([original])
    again = archive.import_paths(
        [tmp_path / "folder-link" / "a.txt", tmp_path / "in" / "file-link.txt"]
    )
    assert [(r.status, r.id) for r in again] == [(ImportStatus.UNCHANGED, first.id)] * 2
    assert archive.document_count() == 1


def test_missing_path_is_reported_not_raised(archive: Archive, tmp_path: Path) -> None:
    (result,) = archive.import_paths([tmp_path / "nowhere.txt"])
    assert result.status is ImportStatus.FAILED
    assert result.reason == "no such file or folder"


def test_unreadable_file_fails_and_the_rest_import(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "in" / "locked.txt", STORY)
    write(tmp_path / "in" / "open.txt", STORY.replace("minister", "envoy"))
    locked.chmod(0)
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        # chmod 0 does not stop root (CI runs as root): refuse the way the OS would.
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    results = {Path(r.path).name: r for r in archive.import_paths([tmp_path / "in"])}
    assert results["locked.txt"].status is ImportStatus.FAILED
    assert "permission denied" in (results["locked.txt"].reason or "")
    assert results["open.txt"].status is ImportStatus.IMPORTED


def test_bad_files_in_a_batch_are_reported_and_good_ones_import(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", STORY)
    write(folder / "empty.txt", "")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    results = {Path(r.path).name: r for r in archive.import_paths([folder])}
    assert results["good.txt"].status is ImportStatus.IMPORTED
    assert results["empty.txt"].status is ImportStatus.SKIPPED
    assert "empty" in (results["empty.txt"].reason or "")
    assert results["image.txt"].status in (ImportStatus.SKIPPED, ImportStatus.FAILED)
    assert "PNG" in (results["image.txt"].reason or "")
    assert archive.document_count() == 1


def test_same_content_at_a_second_path_is_not_duplicated(archive: Archive, tmp_path: Path) -> None:
    original = write(tmp_path / "a" / "one.txt", STORY)
    copy = tmp_path / "b" / "one-copy.txt"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    results = archive.import_paths([original, copy])
    assert results[1].status is ImportStatus.SKIPPED
    assert f"same content as document {results[0].id}" in (results[1].reason or "")
    assert archive.document_count() == 1


def test_a_moved_file_keeps_its_document(archive: Archive, tmp_path: Path) -> None:
    original = write(tmp_path / "a" / "one.txt", STORY)
    (first,) = archive.import_paths([original])
    moved = tmp_path / "b" / "one.txt"
    moved.parent.mkdir()
    original.rename(moved)
    (second,) = archive.import_paths([moved])
    assert second.status is ImportStatus.UPDATED
    assert second.id == first.id
    assert first.id is not None
    assert archive.document(first.id).path == str(moved.resolve())


def test_progress_is_reported_for_every_file(archive: Archive, seeds_dir: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    archive.import_paths([seeds_dir], progress=lambda p: seen.append((p.phase, p.done, p.total)))
    importing = [s for s in seen if s[0] == "importing"]
    assert importing == [("importing", n, 5) for n in range(1, 6)]
    assert seen[-1] == ("indexing", 5, 5)


def test_cancelling_stops_between_files_and_keeps_what_was_done(
    archive: Archive, seeds_dir: Path
) -> None:
    done: list[int] = []
    results = archive.import_paths(
        [seeds_dir], progress=lambda p: done.append(p.done), cancelled=lambda: len(done) >= 2
    )
    assert len(results) == 2
    assert archive.document_count() == 2
    assert archive.search("Azerbaijan").total == 2


def test_the_original_bytes_are_kept(archive: Archive) -> None:
    path = seed_path("001")
    (result,) = archive.import_paths([path])
    assert result.id is not None
    assert archive.original_bytes(result.id) == path.read_bytes()


def test_non_utf8_file_name_is_imported_and_printable(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(STORY.encode())
    (result,) = archive.import_paths([folder])
    assert result.status is ImportStatus.IMPORTED
    assert result.path.endswith("caf\\xe9.txt")
    result.path.encode("utf-8")  # storable and printable
