"""Reading every document's stored bytes again with the current importer (``reextract``)."""

from __future__ import annotations

import base64
import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archive.annotations import AnnotationStore
from archive.api import DATABASE_NAME, Archive
from archive.ingest import parse_document
from archive.ingest.pool import DocumentParser, PoolParser, SerialParser
from archive.models import (
    ImportProgress,
    ParsedDocument,
    PublicationDate,
    ReextractStatus,
    SourceFormat,
)
from archive.reextract import _CHANGES
from archive.storage.documents import _PARSED_COLUMNS
from tests.archive.annotation_helpers import (
    RAILWAY,
    STORY,
    annotate,
    import_file,
    placed_text,
    write,
)

# What an older importer left in: a news site's clutter before the article.
CLUTTER = "Subscribe to our zorbly channel. Share news on social media."
# A 1x1 PNG image: the current importer refuses it.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

Parse = Callable[[bytes, str], ParsedDocument]


def older_parse(raw: bytes, filename: str) -> ParsedDocument:
    """An importer that cleaned less, and read PNG images as text."""
    if raw.startswith(b"\x89PNG"):
        return ParsedDocument(
            title="A picture",
            markdown="Garbled bytes",
            text="Garbled bytes",
            date=None,
            source=None,
            encoding="latin-1",
            format=SourceFormat.PLAIN,
        )
    parsed = parse_document(raw, filename)
    return dataclasses.replace(
        parsed,
        title="Subscribe to our zorbly channel",
        markdown=f"{CLUTTER}\n\n{parsed.markdown}",
        text=f"{CLUTTER}\n\n{parsed.text}",
        date=None,
    )


def unaware_parse(raw: bytes, filename: str) -> ParsedDocument:
    """An importer that knew nothing of languages, addresses or evidence."""
    parsed = parse_document(raw, filename)
    date = parsed.date and dataclasses.replace(parsed.date, evidence=None)
    return dataclasses.replace(parsed, language=None, url=None, title_evidence=None, date=date)


def german_parse(raw: bytes, filename: str) -> ParsedDocument:
    """The current importer, which also tells the language and where the date was read."""
    parsed = parse_document(raw, filename)
    date = parsed.date and dataclasses.replace(parsed.date, evidence="the test's dateline")
    return dataclasses.replace(
        parsed, language="de", date=date, title_evidence="the test's first sentence", url=None
    )


def use_parser(monkeypatch: pytest.MonkeyPatch, parse: Parse) -> None:
    """Make the archive's importer (and re-reading) parse with ``parse``."""

    def parser_for(_count: int) -> DocumentParser:
        return SerialParser(parse)

    monkeypatch.setattr("archive.api.choose_parser", parser_for)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        yield opened


def import_with(archive: Archive, monkeypatch: pytest.MonkeyPatch, parse: Parse, path: Path) -> int:
    with monkeypatch.context() as patch:
        use_parser(patch, parse)
        return import_file(archive, path)


def test_an_annotation_stays_on_its_passage_when_the_text_around_it_is_cleaned(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = import_with(archive, monkeypatch, older_parse, write(tmp_path / "story.txt", STORY))
    before = archive.document(story)
    assert before.text.startswith(CLUTTER)
    added = annotate(archive, story, RAILWAY, note="the railway")
    assert archive.search("zorbly").total == 1

    (result,) = archive.reextract()

    assert (result.id, result.status, result.reason) == (story, ReextractStatus.UPDATED, None)
    assert {"title", "date", "text"} <= set(result.changed)
    after = archive.document(story)
    assert CLUTTER not in after.text
    assert after.title != before.title
    assert after.date == "2021-03-03"
    moved = archive.annotation(added.id)
    assert not moved.orphaned
    assert placed_text(archive, moved) == RAILWAY
    assert moved.start is not None and added.start is not None
    assert moved.start < added.start
    assert (moved.note, moved.uuid) == ("the railway", added.uuid)
    # The index follows at once.
    assert archive.search("zorbly").total == 0
    assert [hit.id for hit in archive.search("railway").hits] == [story]


def test_the_file_bytes_path_and_id_are_kept(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    story = import_with(archive, monkeypatch, older_parse, path)
    database = tmp_path / "data" / DATABASE_NAME
    identity = "SELECT id, path, content_hash, size, mtime_ns, raw FROM documents"
    with sqlite3.connect(database) as connection:
        before = connection.execute(identity).fetchall()
    archive.reextract()
    with sqlite3.connect(database) as connection:
        assert connection.execute(identity).fetchall() == before
    assert archive.original_bytes(story) == path.read_bytes()
    assert archive.document(story).path == str(path)


def test_corrections_are_kept_and_still_win(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = import_with(archive, monkeypatch, older_parse, write(tmp_path / "story.txt", STORY))
    archive.correct_metadata(
        story, title="Transport talks", date=PublicationDate(2021, 3, 4), source="The ministry"
    )
    (result,) = archive.reextract()
    assert result.status is ReextractStatus.UPDATED
    document = archive.document(story)
    assert (document.title, document.date, document.source, document.date_origin) == (
        "Transport talks",
        "2021-03-04",
        "The ministry",
        "user",
    )
    assert document.title_evidence == document.date_evidence == "corrected by hand"
    assert CLUTTER not in document.text
    # Forgetting the corrections shows what the importer read now.
    reverted = archive.revert_metadata(story)
    assert (reverted.date, reverted.date_origin) == ("2021-03-03", "explicit")
    assert "zorbly" not in reverted.title


def test_a_document_read_the_same_way_is_unchanged_and_not_written(
    archive: Archive, tmp_path: Path
) -> None:
    story = import_file(archive, write(tmp_path / "story.txt", STORY))
    database = tmp_path / "data" / DATABASE_NAME
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE documents SET updated_at = 'never'")
    results = archive.reextract()
    assert [(r.id, r.status, r.reason, r.changed) for r in results] == [
        (story, ReextractStatus.UNCHANGED, None, ())
    ]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT updated_at FROM documents").fetchone()[0] == "never"


def test_a_document_that_cannot_be_read_any_more_fails_and_is_left_as_it_was(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = tmp_path / "picture.txt"
    picture.write_bytes(PNG)
    picture_id = import_with(archive, monkeypatch, older_parse, picture)
    story = import_with(archive, monkeypatch, older_parse, write(tmp_path / "story.txt", STORY))
    annotated = archive.add_annotation(picture_id, 0, 7, note="kept")
    before = archive.document(picture_id)

    results = archive.reextract()

    by_id = {result.id: result for result in results}
    assert by_id[picture_id].status is ReextractStatus.FAILED
    assert "binary" in str(by_id[picture_id].reason)
    assert by_id[story].status is ReextractStatus.UPDATED
    assert archive.document(picture_id) == before
    assert archive.annotations(picture_id) == [annotated]


def test_language_address_and_evidence_are_stored_and_searchable(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = import_with(archive, monkeypatch, unaware_parse, write(tmp_path / "story.txt", STORY))
    assert archive.document(story).language is None
    assert archive.search("lang:de").total == 0

    use_parser(monkeypatch, german_parse)
    (result,) = archive.reextract()

    assert result.changed == ("language", "title evidence", "date evidence")
    document = archive.document(story)
    assert (document.language, document.title_evidence, document.date_evidence) == (
        "de",
        "the test's first sentence",
        "the test's dateline",
    )
    assert [hit.id for hit in archive.search("lang:de railway").hits] == [story]
    assert archive.list_documents()[0].language == "de"


def test_every_stored_column_is_compared(archive: Archive) -> None:
    assert sorted(column for _, columns in _CHANGES for column in columns) == sorted(
        _PARSED_COLUMNS
    )


def test_progress_then_indexing_and_the_parser_is_chosen_for_all_documents(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        import_file(archive, write(tmp_path / f"story-{number}.txt", f"Number {number}. {STORY}"))
    asked: list[int] = []

    def parser_for(count: int) -> DocumentParser:
        asked.append(count)
        return SerialParser(older_parse)

    monkeypatch.setattr("archive.api.choose_parser", parser_for)
    seen: list[ImportProgress] = []
    archive.reextract(progress=seen.append)
    assert asked == [3]
    assert [(p.done, p.total, p.phase) for p in seen] == [
        (1, 3, "re-reading"),
        (2, 3, "re-reading"),
        (3, 3, "re-reading"),
        (3, 3, "indexing"),
    ]


def test_documents_are_parsed_in_worker_processes_when_chosen(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = [
        import_with(
            archive, monkeypatch, older_parse, write(tmp_path / f"s{n}.txt", f"{n}. {STORY}")
        )
        for n in range(2)
    ]

    def in_workers(_count: int) -> DocumentParser:
        return PoolParser(workers=1)

    monkeypatch.setattr("archive.api.choose_parser", in_workers)
    results = archive.reextract()
    assert [(r.id, r.status) for r in results] == [(s, ReextractStatus.UPDATED) for s in stories]


def test_cancelling_keeps_what_was_done_and_leaves_the_rest(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [
        import_with(
            archive, monkeypatch, older_parse, write(tmp_path / f"s{n}.txt", f"{n}. {STORY}")
        )
        for n in range(3)
    ]
    seen: list[ImportProgress] = []
    results = archive.reextract(progress=seen.append, cancelled=lambda: len(seen) >= 1)
    assert [(r.id, r.status) for r in results] == [(ids[0], ReextractStatus.UPDATED)]
    assert CLUTTER not in archive.document(ids[0]).text
    assert all(archive.document(i).text.startswith(CLUTTER) for i in ids[1:])
    # A later run does the rest.
    again = archive.reextract()
    assert [r.status for r in again] == [
        ReextractStatus.UNCHANGED,
        ReextractStatus.UPDATED,
        ReextractStatus.UPDATED,
    ]


def test_batches_are_committed_alone_and_a_document_never_half_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("archive.reextract.BATCH_SIZE", 2)
    original_reanchor = AnnotationStore.reanchor_document
    doomed: list[int] = []

    def fail_on_third(self: AnnotationStore, document_id: int, old: str, new: str) -> None:
        if document_id in doomed:
            raise RuntimeError("killed")
        original_reanchor(self, document_id, old, new)

    monkeypatch.setattr(AnnotationStore, "reanchor_document", fail_on_third)
    with Archive(tmp_path / "data") as archive:
        ids = [
            import_with(
                archive, monkeypatch, older_parse, write(tmp_path / f"s{n}.txt", f"{n}. {STORY}")
            )
            for n in range(4)
        ]
        doomed.append(ids[2])
        with pytest.raises(RuntimeError, match="killed"):
            archive.reextract()
        # The first batch is committed; the second (the third document's) rolled back whole.
        texts = [archive.document(i).text for i in ids]
        assert [text.startswith(CLUTTER) for text in texts] == [False, False, True, True]
        assert archive.document(ids[2]).title.startswith("Subscribe")


def test_an_empty_archive_has_nothing_to_read(archive: Archive) -> None:
    assert archive.reextract() == []
