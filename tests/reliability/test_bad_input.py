"""The bad-input catalogue, imported in one batch with good files: nothing crashes.

The good files import and are searchable, each bad one is reported once with a reason a
person understands, and text with NULs or in odd encodings imports with the right words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.api import Archive
from archive.importer import MAX_FILE_BYTES
from archive.models import ImportResult, ImportStatus
from archive.paths import display_path
from reader.launcher import main as command_line
from tests.conftest import SEEDS
from tests.reliability.bad_input_catalogue import (
    BIG_FILE_BYTES,
    MANY_FILES,
    Catalogue,
    big_text,
    reading_denied,
    write_many_files,
    write_small_catalogue,
)

# Words a reason must never show: what a programmer sees, not what a reader should.
_TECHNICAL = re.compile(
    r"Traceback|Exception|Error\b|\w+Error|errno|\[Errno|File \"|line \d+|0x[0-9a-f]+", re.I
)


@dataclass(frozen=True)
class ImportedCatalogue:
    catalogue: Catalogue
    many: list[Path]
    results: list[ImportResult]
    data_dir: Path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ImportedCatalogue]:
    """The seeds, the catalogue and a folder of 10,000 small files, imported in one batch."""
    folder = tmp_path_factory.mktemp("catalogue")
    catalogue = write_small_catalogue(folder / "files")
    many = write_many_files(folder / "many")
    data_dir = folder / "data"
    assert catalogue.unreadable is not None
    everything = [SEEDS, *catalogue.paths, *catalogue.folders, folder / "many"]
    with (
        pytest.MonkeyPatch.context() as patch,
        reading_denied(catalogue.unreadable, patch),
        Archive(data_dir) as archive,
    ):
        results = archive.import_paths(everything)
    yield ImportedCatalogue(catalogue, many, results, data_dir)


def _result_of(imported: ImportedCatalogue, path: Path) -> ImportResult:
    shown = display_path(path)
    (result,) = [result for result in imported.results if result.path == shown]
    return result


def test_every_file_gets_exactly_one_result(imported: ImportedCatalogue) -> None:
    expected = [display_path(path) for path in sorted(SEEDS.glob("*.txt"))]
    expected += [display_path(entry.path) for entry in imported.catalogue.entries]
    expected += [display_path(path) for path in imported.many]
    counts = Counter(result.path for result in imported.results)
    assert sorted(counts) == sorted(expected)
    assert set(counts.values()) == {1}


def test_the_good_files_import_and_are_searchable(imported: ImportedCatalogue) -> None:
    for seed in SEEDS.glob("*.txt"):
        assert _result_of(imported, seed).status is ImportStatus.IMPORTED
    assert all(_result_of(imported, path).status is ImportStatus.IMPORTED for path in imported.many)
    with Archive(imported.data_dir) as archive:
        assert archive.search("COP29").total >= 1  # a seed
        assert archive.search("n9999").total == 1  # the last of the 10,000 notes
        assert archive.search("Министерство").total == 1  # cp1251
        assert archive.search("ministère").total == 1  # latin-1
        assert archive.document_count() == 5 + MANY_FILES + sum(
            1 for entry in imported.catalogue.entries if ImportStatus.IMPORTED in entry.statuses
        )


def test_odd_encodings_and_broken_text_import_with_their_words(
    imported: ImportedCatalogue,
) -> None:
    with Archive(imported.data_dir) as archive:
        for entry in imported.catalogue.entries:
            if entry.statuses != frozenset({ImportStatus.IMPORTED}):
                continue
            result = _result_of(imported, entry.path)
            assert result.status is ImportStatus.IMPORTED, (entry.label, result.reason)
            assert result.id is not None
            text = archive.document(result.id).text
            assert "\x00" not in text and "\r" not in text, entry.label
            for word in entry.words:
                assert word in text, (entry.label, word)


def test_each_bad_file_is_reported_with_a_reason_a_person_understands(
    imported: ImportedCatalogue,
) -> None:
    for entry in imported.catalogue.entries:
        if ImportStatus.IMPORTED in entry.statuses:
            continue
        result = _result_of(imported, entry.path)
        assert result.status in entry.statuses, entry.label
        assert result.reason, entry.label
        assert not _TECHNICAL.search(result.reason), (entry.label, result.reason)
        for words in entry.reason_words:
            assert words.lower() in result.reason.lower(), (entry.label, result.reason)


def test_a_name_that_is_not_utf8_is_shown_with_its_odd_byte(imported: ImportedCatalogue) -> None:
    (odd,) = [entry for entry in imported.catalogue.entries if "file name" in entry.label]
    result = _result_of(imported, odd.path)
    assert result.status is ImportStatus.IMPORTED
    assert "caf\\xe9-" in result.path
    result.path.encode("utf-8")  # storable and printable


def test_the_command_line_prints_the_same_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = write_small_catalogue(tmp_path / "files")
    assert catalogue.unreadable is not None
    paths = [str(path) for path in [SEEDS, *catalogue.paths, *catalogue.folders]]
    with reading_denied(catalogue.unreadable, monkeypatch):
        status = command_line(["import", "--data-dir", str(tmp_path / "data"), *paths])
    printed = capsys.readouterr()
    assert status == 0
    assert not _TECHNICAL.search(printed.out + printed.err)
    refused = [entry for entry in catalogue.entries if ImportStatus.IMPORTED not in entry.statuses]
    imported = len(catalogue.entries) - len(refused) + 5
    assert f"{imported} imported" in printed.out
    for entry in refused:
        shown = display_path(entry.path)
        assert shown in printed.out
        reason = printed.out.split(shown, 1)[1].split("\n", 2)[1]
        for words in entry.reason_words:
            assert words.lower() in reason.lower(), (entry.label, reason)
    assert "empty file" in printed.out


def test_a_file_over_the_size_limit_is_refused_at_once(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:
        sparse.truncate(MAX_FILE_BYTES + 1)  # a sparse file: nothing is written
    with Archive(tmp_path / "data") as archive:
        (result,) = archive.import_paths([huge])
    assert result.status is ImportStatus.SKIPPED
    assert result.reason and "too large" in result.reason
    assert "(10.1 MB; the limit is 10 MB)" in result.reason  # over the limit, visibly


def test_a_50_mb_text_file_is_refused_at_once_with_its_size(tmp_path: Path) -> None:
    # Imported, it took about two minutes with no progress inside the file, and showing
    # it froze the window for seconds; no press release comes near that size.
    big = tmp_path / "big.txt"
    big.write_bytes(big_text(BIG_FILE_BYTES))
    good = tmp_path / "good.txt"
    good.write_text("Talks with the mediators resumed in Geneva.\n", encoding="utf-8")
    with Archive(tmp_path / "data") as archive:
        big_result, good_result = archive.import_paths([big, good])
        assert big_result.status is ImportStatus.SKIPPED
        assert big_result.reason == (
            "too large to be a press release (50.0 MB; the limit is 10 MB)"
        )
        assert good_result.status is ImportStatus.IMPORTED
        assert archive.search("mediators").total == 1
