"""The SQLite store: schema versions, migrations and refusing a newer archive."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

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
