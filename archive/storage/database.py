"""The SQLite connection: WAL, foreign keys, explicit transactions and schema migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.paths import display_path
from archive.storage.errors import (
    DatabaseCorruptError,
    DatabaseError,
    ReadOnlyArchiveError,
    known_storage_error,
    storage_error,
)
from archive.storage.migrations import MIGRATIONS

log = logging.getLogger("archive.storage")

# SQLite's primary result codes for a file it could not write, or could not open.
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14

# How long a write waits for another program's write (the window's, a command's) to finish.
BUSY_TIMEOUT_S = 15.0


class Database:
    """One SQLite connection to the archive database.

    Transactions are explicit (``with db.transaction():``) so that a document, its index-queue
    row and its metadata change together or not at all. The connection is used from one thread
    at a time; open another ``Database`` for another thread.

    Every SQLite failure it meets at opening, beginning or committing becomes a
    :class:`DatabaseError` that says what happened: busy, disk full, read-only, damaged.
    """

    def __init__(
        self, path: Path, *, busy_timeout: float | None = None, read_only: bool = False
    ) -> None:
        """Open (or create) the database at ``path`` and bring its schema up to date.

        Args:
            path: The database file.
            busy_timeout: Seconds a write waits for another program's write to finish before
                :class:`DatabaseBusyError`; ``BUSY_TIMEOUT_S`` when not given.
            read_only: Open it only to read (this process cannot write its folder): nothing
                is written, not even SQLite's shared-memory file where it can be avoided,
                and every :meth:`transaction` raises :class:`ReadOnlyArchiveError`.

        Raises:
            DatabaseError: It cannot be opened; :class:`DatabaseCorruptError` when the file is
                damaged or not a database, :class:`ReadOnlyArchiveError`,
                :class:`DiskFullError` or :class:`DatabaseBusyError` when it says so.
        """
        self.path = path
        self.read_only = read_only
        # Data versions after work done on this connection's behalf elsewhere -> the
        # version before it (see commits_on_behalf).
        self._own_versions: dict[int, int] = {}
        timeout = BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
        if read_only:
            self.connection = _connect_read_only(path, timeout)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.connection = sqlite3.connect(
                    path, timeout=timeout, isolation_level=None, check_same_thread=False
                )
            except (OSError, sqlite3.Error) as error:
                raise storage_error(error, path) from error
        self.connection.row_factory = sqlite3.Row
        try:
            if not read_only:
                self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            if not read_only:
                self.connection.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as error:
            self.connection.close()
            raise storage_error(error, path) from error
        except DatabaseError:
            self.connection.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction, rolled back if the block raises.

        Raises:
            ReadOnlyArchiveError: The database was opened read-only.
        """
        if self.read_only:
            raise ReadOnlyArchiveError(self.path.parent)
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise storage_error(error, self.path) from error
        try:
            yield self.connection
        except sqlite3.Error as error:
            self._roll_back()
            known = known_storage_error(error, self.path)
            if known is None:
                raise
            raise known from error
        except BaseException:
            self._roll_back()
            raise
        try:
            self.connection.execute("COMMIT")
        except sqlite3.Error as error:
            self._roll_back()
            raise storage_error(error, self.path) from error

    def _roll_back(self) -> None:
        # SQLite may already have rolled back by itself (SQLITE_FULL does): then there is
        # no transaction left, and the original error is the one to report.
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def quick_check(self) -> list[str]:
        """SQLite's ``PRAGMA quick_check``: the problems it finds, empty when the file is sound.

        It reads every page but skips matching indexes against their tables, so it is much
        cheaper than :meth:`integrity_check` and still finds a damaged or truncated file.

        Raises:
            DatabaseCorruptError: The file is too damaged for the check to run.
        """
        return self._check("quick_check")

    def integrity_check(self) -> list[str]:
        """SQLite's full ``PRAGMA integrity_check``: the problems found, empty when sound.

        Raises:
            DatabaseCorruptError: The file is too damaged for the check to run.
        """
        return self._check("integrity_check")

    def _check(self, pragma: str) -> list[str]:
        try:
            rows = self.connection.execute(f"PRAGMA {pragma}").fetchall()
        except sqlite3.Error as error:
            raise DatabaseCorruptError(self.path, str(error)) from error
        problems = [str(row[0]) for row in rows]
        return [] if problems == ["ok"] else problems

    def ensure_sound(self) -> None:
        """Raise :class:`DatabaseCorruptError` when ``PRAGMA quick_check`` finds damage."""
        problems = self.quick_check()
        if problems:
            # Details for a log, not for the person: the error raised says it plainly.
            log.info("The archive database %s is damaged: %s", self.path, "; ".join(problems))
            raise DatabaseCorruptError(self.path, "; ".join(problems[:3]))

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when another connection commits.

        This connection's own commits leave it as it is, and so do the commits made on
        its behalf by a process it ran (see :meth:`commits_on_behalf`).
        """
        version = self._raw_data_version()
        return self._own_versions.get(version, version)

    @contextmanager
    def commits_on_behalf(self) -> Iterator[None]:
        """Count what other connections commit during the block as this one's own.

        For work this connection hands to another process and waits for (the search
        index's queue drained by an indexing child): its commits are this program's own,
        and a window comparing data versions must not take them for another program's.
        A change made elsewhere during the block is taken for one's own too; whoever
        handed the work over reads the archive anew once it is done, and sees it then.
        """
        before = self.data_version()
        try:
            yield
        finally:
            after = self._raw_data_version()
            if after != before:
                self._own_versions[after] = before

    def _raw_data_version(self) -> int:
        row = self.connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

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
        if self.read_only and version < len(MIGRATIONS):
            raise DatabaseError(
                f"The archive at {display_path(self.path)} was written by an older version of "
                "Archive Reader and must be updated, which needs its folder to be writable. "
                "Make the folder writable and open the archive once."
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            log.info("Migrating the archive database to schema version %d", number)
            with self.transaction() as conn:
                for statement in script:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that never writes, to a database in a folder this process cannot write.

    SQLite reads a WAL database through its ``-shm`` file, which it must create when it is
    missing (it is removed when the last connection closes): impossible here. Then the file
    is opened ``immutable``, which needs no ``-shm`` and takes no locks. That is safe because
    no ``-wal`` file exists, so every commit is in the database file, and none can come while
    nobody can create one in this folder. A ``-wal`` holding commits that no ``-shm``
    accompanies cannot be read at all; that is said plainly.

    Raises:
        DatabaseError: It cannot be opened read-only; the message says why.
    """
    if not path.exists():
        # There is no archive here, and none can be made.
        raise ReadOnlyArchiveError(path.parent)
    uri = path.resolve().as_uri()
    try:
        connection = _open_and_read(f"{uri}?mode=ro", timeout)
    except sqlite3.Error as error:
        if not _cannot_write_beside(error):
            raise storage_error(error, path) from error
    else:
        return connection
    log_file = path.with_name(path.name + "-wal")
    if log_file.exists() and log_file.stat().st_size > 0:
        raise DatabaseError(
            f"The archive in {display_path(path.parent)} cannot be read while its folder is "
            f"read-only: its latest changes are still in {log_file.name}, and SQLite needs "
            "to write beside it to read them. Make the folder writable and open the archive "
            "once; after that it can be read without writing."
        )
    try:
        return _open_and_read(f"{uri}?mode=ro&immutable=1", timeout)
    except sqlite3.Error as error:
        raise storage_error(error, path) from error


def _cannot_write_beside(error: sqlite3.Error) -> bool:
    """Whether SQLite failed for want of a file it must create or write (``-shm``)."""
    if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error).lower():
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_READONLY, _SQLITE_CANTOPEN)


def _open_and_read(uri: str, timeout: float) -> sqlite3.Connection:
    """Connect to ``uri`` and read its schema: the read is where a WAL file is opened."""
    connection = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    return connection
