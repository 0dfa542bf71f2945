"""End to end on a real press release: annotate, re-import edited copies, keep the note."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from archive.api import Archive
from archive.models import ImportStatus
from tests.conftest import seed_path

PASSAGE = "the Republic of Azerbaijan, based on the norms and principles of international law"


def replace_file(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def test_an_annotation_follows_its_passage_and_is_orphaned_when_it_is_deleted(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "release.txt"
    shutil.copyfile(seed_path("003"), copy)
    copy.chmod(0o644)
    original = copy.read_text(encoding="utf-8")
    assert original.count(PASSAGE) == 1

    with Archive(tmp_path / "data") as archive:
        (imported,) = archive.import_paths([copy])
        assert imported.id is not None
        document_id = imported.id
        text = archive.document(document_id).text
        start = text.index(PASSAGE)
        added = archive.add_annotation(
            document_id,
            start,
            start + len(PASSAGE),
            color="blue",
            note="Sovereignty **and** law, side by side.",
            tags=["international law"],
        )

        # Text inserted before the passage: the annotation moves with it, exactly.
        inserted = "This paragraph was added by the editors in a later edition.\n\n"
        edited = original.replace("#### **Introduction**\n", "#### **Introduction**\n\n" + inserted)
        replace_file(copy, edited)
        (updated,) = archive.import_paths([copy])
        assert (updated.status, updated.id) == (ImportStatus.UPDATED, document_id)
        new_text = archive.document(document_id).text
        (moved,) = archive.annotations(document_id)
        assert not moved.orphaned
        assert moved.start == new_text.index(PASSAGE) and moved.start > start
        assert new_text[moved.start : moved.end] == PASSAGE
        assert (moved.note, moved.color, moved.uuid) == (added.note, "blue", added.uuid)

        # The passage deleted: the annotation is orphaned, still listed with its note.
        replace_file(copy, edited.replace(PASSAGE, "Azerbaijan"))
        archive.import_paths([copy])
        (orphan,) = archive.annotations(document_id)
        assert orphan.orphaned
        assert (orphan.quote, orphan.note) == (PASSAGE, "Sovereignty **and** law, side by side.")
        assert orphan.id == added.id
        assert "Sovereignty" in archive.export_annotations("markdown")
