"""Putting a backup in place of the archive database, as a journal a kill cannot break.

Nothing here deletes a database: the one replaced is renamed, with its write-ahead log if
that holds anything, to ``archive.sqlite3.damaged-<time>`` (when it fails SQLite's quick
check) or ``archive.sqlite3.replaced-<time>``, where it can be opened or sent for help later.

Each stage is recorded first (:mod:`archive.restore_journal`), so opening the archive after
a restore was killed at any moment finishes it (:func:`finish_interrupted_restore`): rolled
back while the database was untouched, completed once the checked copy began to replace it.
The caller holds the data directory's writers' lock exclusively (:mod:`archive.writer_lock`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from archive.backups import BackupError, check_archive_file
from archive.paths import display_path
from archive.restore_journal import (
    RestoreJournal,
    copy_path,
    read_journal,
    remove_journal,
    write_journal,
)
from archive.storage.errors import DatabaseError, storage_error

log = logging.getLogger("archive.restore")

# SQLite keeps a WAL database's latest commits in these files beside it; they belong to it.
_COMPANIONS = ("-wal", "-shm")
_ASIDE_LABELS = ("replaced", "damaged")

#: Told the name of each step of a restore once it is done (and on disk).
StepCallback = Callable[[str], None]


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file installed, and where the replaced database went."""

    installed_from: Path
    moved_aside: Path | None


def restore_database(
    source: Path,
    database: Path,
    index_dir: Path,
    now: datetime | None = None,
    on_step: StepCallback | None = None,
) -> RestoreResult:
    """Install a copy of ``source`` as ``database``; the search index is removed to be rebuilt.

    ``source`` is checked first (and its copy again), so a bad file changes nothing. No
    connection to ``database`` may be open: hold the writers' lock exclusively. A restore
    interrupted earlier is finished first.

    Args:
        source: The backup.
        database: The archive database it replaces.
        index_dir: The search index folder, removed once the copy is in place.
        now: The time to name the replaced database by (default: now).
        on_step: Told each step's name once it is done: ``journal started``, ``copied``,
            ``checked``, ``journal moving``, ``moved <file>`` for the database and for a
            write-ahead log with commits in it, ``removed <file>`` for an empty log or a
            shared-memory file, ``installed``, ``journal installed``, ``index removed``,
            ``finished``.

    Raises:
        BackupError: ``source`` is not a sound archive database; nothing was changed.
        DatabaseError: The data directory cannot be written (disk full, read-only).
    """
    step = on_step or _no_step
    check_archive_file(source)
    finish_interrupted_restore(database, index_dir)
    journal = RestoreJournal(source=display_path(source), stage="copying")
    copy = copy_path(database)
    try:
        write_journal(database, journal)
        step("journal started")
        _copy_and_flush(source, copy)
        step("copied")
        check_archive_file(copy)
        step("checked")
    except BaseException as error:
        _abandon_copy(database)
        if isinstance(error, OSError):
            raise storage_error(error, database) from error
        raise
    try:
        aside = _free_aside_name(database, _label_for(database), now)
        journal = RestoreJournal(journal.source, "moving", aside.name if aside else None)
        write_journal(database, journal)
        step("journal moving")
        _install(copy, database, aside, step)
        _finish(database, index_dir, journal, step)
    except OSError as error:
        # The journal stays: the next open (or restore) completes what was begun.
        raise storage_error(error, database) from error
    log.info("Restored the archive database from %s (the old one: %s)", source, aside)
    return RestoreResult(installed_from=source, moved_aside=aside)


def finish_interrupted_restore(database: Path, index_dir: Path) -> RestoreResult | None:
    """Complete or roll back a restore that was killed; the caller holds the lock alone.

    Logs a warning that says which was done.

    Returns:
        What the restore did when it was completed; ``None`` when there was none to
        finish, or it was rolled back.

    Raises:
        DatabaseError: The folder cannot be written, so the restore cannot be finished.
    """
    journal = read_journal(database)
    if journal is None:
        return None
    try:
        return _finish_from(journal, database, index_dir)
    except OSError as error:
        raise storage_error(error, database) from error


def _finish_from(journal: RestoreJournal, database: Path, index_dir: Path) -> RestoreResult | None:
    copy = copy_path(database)
    aside = database.with_name(journal.aside) if journal.aside else None
    if journal.stage == "copying":
        _abandon_copy(database)
        log.warning(
            "A restore from %s was interrupted before it changed anything; the archive is "
            "as it was.",
            journal.source,
        )
        return None
    if journal.stage == "moving":
        if copy.exists() and _is_sound(copy):
            _install(copy, database, aside, _no_step)
        elif copy.exists() or not database.exists():
            _roll_back_move(database, aside, journal)
            return None
        # else: the copy was already renamed to the database (killed before the record).
    _finish(database, index_dir, journal, _no_step)
    kept = f" The database it replaced is kept as {display_path(aside)}." if aside else ""
    log.warning(
        "A restore from %s was interrupted; it has now been completed.%s", journal.source, kept
    )
    return RestoreResult(installed_from=Path(journal.source), moved_aside=aside)


def _install(copy: Path, database: Path, aside: Path | None, step: StepCallback) -> None:
    """Move what is left of the old database aside, then rename the copy into its place."""
    if aside is not None and database.exists():
        os.replace(database, _never_over(aside))
        step(f"moved {database.name}")
    # Then its log: a log left beside the new database would be replayed into it.
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if _holds_commits(companion):
            kept = aside or database.with_name(f"{database.name}.orphan")
            os.replace(companion, _never_over(kept.with_name(kept.name + suffix)))
            step(f"moved {companion.name}")
        elif companion.exists():
            # An empty log, or the shared-memory index SQLite rebuilds from the log.
            companion.unlink()
            step(f"removed {companion.name}")
    os.replace(copy, database)
    _flush_folder(database.parent)
    step("installed")


def _finish(database: Path, index_dir: Path, journal: RestoreJournal, step: StepCallback) -> None:
    write_journal(database, RestoreJournal(journal.source, "installed", journal.aside))
    step("journal installed")
    # The index was built from the replaced database; the next open rebuilds it from this one.
    shutil.rmtree(index_dir, ignore_errors=True)
    step("index removed")
    remove_journal(database)
    _flush_folder(database.parent)
    step("finished")


def _roll_back_move(database: Path, aside: Path | None, journal: RestoreJournal) -> None:
    """The copy is gone or unsound: put the moved-aside database back where it was."""
    if aside is not None and aside.exists() and not database.exists():
        for suffix in ("", *_COMPANIONS):
            moved = aside.with_name(aside.name + suffix)
            original = database.with_name(database.name + suffix)
            if moved.exists() and not original.exists():
                os.replace(moved, original)
    _abandon_copy(database)
    log.warning(
        "A restore from %s was interrupted, and its copy of the backup is not usable; the "
        "archive is as it was before it.",
        journal.source,
    )


def _abandon_copy(database: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        copy_path(database).unlink()
    remove_journal(database)


def _copy_and_flush(source: Path, copy: Path) -> None:
    shutil.copyfile(source, copy)
    with open(copy, "rb") as handle:
        os.fsync(handle.fileno())


def _is_sound(copy: Path) -> bool:
    try:
        check_archive_file(copy)
    except BackupError as error:
        log.warning("The copy of the backup %s is not usable: %s", copy, error)
        return False
    return True


def moved_aside_databases(database: Path) -> list[Path]:
    """Databases kept beside ``database`` (replaced or damaged), newest first."""
    found = [
        path
        for label in _ASIDE_LABELS
        for path in database.parent.glob(f"{database.name}.{label}-*")
        if not path.name.endswith(_COMPANIONS)
    ]
    return sorted(found, key=_modified, reverse=True)


def refuse_to_start_empty(database: Path) -> None:
    """Raise when ``database`` is missing but a database was moved aside or half-restored.

    Opening would otherwise start a new, empty archive beside the user's data without a
    word.

    Raises:
        DatabaseError: Saying which file is kept there and what to do.
    """
    if database.exists():
        return
    kept = [*moved_aside_databases(database), copy_path(database)]
    existing = [path for path in kept if path.exists()]
    if not existing:
        return
    raise DatabaseError(
        f"The archive database {display_path(database)} is missing, but "
        f"{display_path(existing[0])} is beside it (a restore or a repair did not finish). "
        f"Nothing was created. To go on with it, rename it to {database.name}; or restore "
        "a backup with 'archive-reader restore FILE'."
    )


def _free_aside_name(database: Path, label: str, now: datetime | None) -> Path | None:
    if not database.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return _never_over(database.with_name(f"{database.name}.{label}-{stamp}"))


def _never_over(target: Path) -> Path:
    """``target``, or ``target-2``, ``-3``… if a file already has that name."""
    candidate = target
    number = 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.name}-{number}")
    return candidate


def _holds_commits(companion: Path) -> bool:
    """Whether ``companion`` is a write-ahead log with something in it (not an ``-shm``)."""
    if not companion.name.endswith("-wal"):
        return False
    try:
        return companion.stat().st_size > 0
    except FileNotFoundError:
        return False


def _label_for(database: Path) -> str:
    """``replaced`` for a sound database (after folding its WAL into it), else ``damaged``."""
    if not database.exists():
        return "replaced"
    # Checked read-only first: a read-write connection to a file whose header is damaged
    # takes it for a rollback-journal database and deletes its -wal, the latest commits.
    if not _passes_quick_check(f"{database.resolve().as_uri()}?mode=ro"):
        return "damaged"
    try:
        connection = sqlite3.connect(database)
        try:
            # So that the file kept aside holds every commit on its own.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except sqlite3.Error as error:
        log.warning("The database to replace could not be checkpointed: %s", error)
    return "replaced"


def _passes_quick_check(uri: str) -> bool:
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return False
    try:
        return [row[0] for row in connection.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _flush_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; Windows has no folder to flush)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _no_step(_name: str) -> None:
    """No one listens to the steps."""
