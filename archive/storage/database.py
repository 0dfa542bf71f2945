"""The SQLite connection: WAL, foreign keys, explicit transactions and schema migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.storage.migrations import MIGRATIONS

log = logging.getLogger("archive.storage")

BUSY_TIMEOUT_S = 15.0


class DatabaseError(Exception):
    """The database cannot be opened or used; the message is meant for a person."""


class Database:
    """One SQLite connection to the archive database.

    Transactions are explicit (``with db.transaction():``) so that a document, its index-queue
    row and its metadata change together or not at all. The connection is used from one thread
    at a time; open another ``Database`` for another thread.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as error:
            raise DatabaseError(f"Cannot open the archive database {path}: {error}") from error
        self.connection.row_factory = sqlite3.Row
        try:
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.connection.close()
            raise DatabaseError(
                f"The archive database {path} cannot be read ({error}). "
                "It may be damaged or not an archive database."
            ) from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction, rolled back if the block raises."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise DatabaseError(_explain_operational_error(error)) from error
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        try:
            self.connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self.connection.execute("ROLLBACK")
            raise DatabaseError(_explain_operational_error(error)) from error

    @property
    def schema_version(self) -> int:
        row = self.connection.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        self.connection.close()

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise DatabaseError(
                f"The archive at {self.path} was written by a newer version of Archive Reader "
                f"(schema {version}; this version knows up to {len(MIGRATIONS)}). "
                "Please update Archive Reader."
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            log.info("Migrating the archive database to schema version %d", number)
            with self.transaction() as conn:
                for statement in script:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")


def _explain_operational_error(error: sqlite3.OperationalError) -> str:
    message = str(error)
    if "locked" in message or "busy" in message:
        return (
            "The archive is busy: another Archive Reader window or command is writing to it. "
            "Try again when it has finished."
        )
    if "readonly" in message or "read-only" in message:
        return "The archive's data directory is read-only; nothing was changed."
    if "disk is full" in message or "full" in message:
        return "The disk is full; nothing was changed. Free some space and try again."
    return f"The archive database reported an error: {message}"
