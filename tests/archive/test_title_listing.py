"""The quick reads the window's year tree needs: every title, and where inferred dates came from."""

from __future__ import annotations

from pathlib import Path

from archive.api import Archive, TitleEntry


def test_titles_and_date_evidence(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    (files / "dated.txt").write_text(
        '---\ntitle: "Harbour report"\ndate: "2023-05-04"\n---\n\nThe harbour grew.\n',
        encoding="utf-8",
    )
    (files / "inferred.txt").write_text(
        "Flood statement\n\nOn 3 June 2021 the river rose.\n", encoding="utf-8"
    )
    (files / "undated.txt").write_text("Zebra crossings\n\nWalk with care.\n", encoding="utf-8")
    with Archive(tmp_path / "data") as archive:
        archive.import_paths([files])
        titles = sorted(archive.document_titles(), key=lambda entry: entry.title)
        by_title = {entry.title: entry.id for entry in titles}
        assert [(entry.year, entry.title) for entry in titles] == [
            (2021, "Flood statement"),
            (2023, "Harbour report"),
            (None, "Zebra crossings"),
        ]
        assert all(isinstance(entry, TitleEntry) for entry in titles)
        evidence = archive.date_evidence(list(by_title.values()))
        assert evidence[by_title["Flood statement"]] == "first date in the text"
        assert by_title["Zebra crossings"] not in evidence
        assert archive.date_evidence([]) == {}
        # A title corrected by the user is the one listed.
        archive.correct_metadata(by_title["Zebra crossings"], title="Pedestrian crossings")
        assert "Pedestrian crossings" in {entry.title for entry in archive.document_titles()}
