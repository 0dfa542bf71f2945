"""The SQLite store: schema versions, migrations and refusing a newer archive."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, Archive
from archive.storage import Database, DatabaseError
from archive.storage.migrations import MIGRATIONS


def test_new_database_is_at_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    db = Database(tmp_path / "a.sqlite3")
    assert db.schema_version == len(MIGRATIONS)
    mode = db.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    db.close()


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    Database(tmp_path / "a.sqlite3").close()
    db = Database(tmp_path / "a.sqlite3")
    assert db.schema_version == len(MIGRATIONS)
    db.close()


def test_archive_from_a_newer_version_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer version"):
        Database(path)


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"this is not a database, just text " * 100)
    with pytest.raises(DatabaseError, match="cannot be read"):
        Database(path)


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    db = Database(tmp_path / "a.sqlite3")
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        raise RuntimeError("boom")
    assert db.connection.execute("SELECT count(*) FROM meta").fetchone()[0] == 0
    db.close()


def version_2_database(path: Path) -> None:
    """A database as version 2 left it: one document, corrected, with one annotation."""
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        for statement in script:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO documents (path, content_hash, size, mtime_ns, raw, encoding, format,"
        " title, markdown, text, source, year, month, day, date_origin)"
        " VALUES ('/a/story.txt', 'abc', 20, 1, x'4261' , 'utf-8', 'plain', 'A story',"
        " 'Baku talks went on.', 'Baku talks went on.', 'AZERTAC', 2021, 3, 3, 'explicit')"
    )
    conn.execute("INSERT INTO overrides (document_id, title) VALUES (1, 'Corrected')")
    conn.execute(
        "INSERT INTO annotations (uuid, document_id, quote, start_offset, end_offset, color,"
        " note, created, modified) VALUES ('u-1', 1, 'talks', 5, 10, 'yellow', 'a note',"
        " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    conn.commit()
    conn.close()


def test_version_2_archive_is_migrated_keeping_documents_and_annotations(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    version_2_database(data / DATABASE_NAME)
    with Archive(data) as archive:
        document = archive.document(1)
        assert (document.title, document.date, document.source, document.text) == (
            "Corrected",
            "2021-03-03",
            "AZERTAC",
            "Baku talks went on.",
        )
        assert (document.language, document.url, document.date_evidence) == (None, None, None)
        assert document.title_evidence == "corrected by hand"
        assert archive.original_bytes(1) == b"Ba"
        (annotation,) = archive.annotations(1)
        assert (annotation.quote, annotation.note, annotation.span) == ("talks", "a note", (5, 10))
        assert archive.search("talks").total == 1
    conn = sqlite3.connect(data / DATABASE_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 6
    columns = conn.execute(
        "SELECT language, url, title_evidence, date_evidence FROM documents"
    ).fetchall()
    conn.close()
    assert columns == [(None, None, None, None)]


def test_the_view_shows_the_importers_evidence_until_corrected(tmp_path: Path) -> None:
    db = Database(tmp_path / "a.sqlite3")
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO documents (path, content_hash, size, mtime_ns, raw, encoding, format,"
            " title, markdown, text, year, date_origin, language, url, title_evidence,"
            " date_evidence) VALUES ('/a', 'h', 1, 1, x'41', 'utf-8', 'html', 'T', 'M', 'M',"
            " 2020, 'explicit', 'de', 'https://example.org/a', 'HTML og:title', 'dateline')"
        )
    row = "SELECT language, url, title_evidence, date_evidence FROM effective_documents"
    assert tuple(db.connection.execute(row).fetchone()) == (
        "de",
        "https://example.org/a",
        "HTML og:title",
        "dateline",
    )
    with db.transaction() as conn:
        conn.execute("INSERT INTO overrides (document_id, date_set) VALUES (1, 1)")
    # A date cleared by hand has no evidence; the title keeps the importer's.
    assert tuple(db.connection.execute(row).fetchone())[2:] == ("HTML og:title", None)
    db.close()
