"""The restore journal: how far a restore got, on disk, so a killed one can be finished.

``.archive.sqlite3.restore.json`` beside the database, replaced atomically at each stage::

    {"source": "/backups/archive-20261201-120000.sqlite3", "stage": "moving",
     "aside": "archive.sqlite3.replaced-20261202-093000"}

- ``copying``: the backup is being copied to ``.archive.sqlite3.restoring`` and checked;
  the database is untouched. A restore killed here is rolled back.
- ``moving``: the copy is whole, flushed to disk and checked; the database (and its
  ``-wal``/``-shm``) is being renamed to ``aside``, then the copy to the database's name. A
  restore killed here is completed.
- ``installed``: the copy is the database; the search index of the old one is left to
  remove.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from archive.atomic_write import write_text_atomically

log = logging.getLogger("archive.restore")

Stage = Literal["copying", "moving", "installed"]
_STAGES = ("copying", "moving", "installed")


@dataclass(frozen=True)
class RestoreJournal:
    """One restore's progress.

    Attributes:
        source: The backup restored, as shown to people.
        stage: ``copying``, ``moving`` or ``installed``.
        aside: The name (in the same folder) the replaced database goes to; ``None`` when
            there was no database to replace, or before it is chosen.
    """

    source: str
    stage: Stage
    aside: str | None = None


def journal_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.restore.json")


def copy_path(database: Path) -> Path:
    """Where the backup is copied and checked before it takes the database's place."""
    return database.with_name(f".{database.name}.restoring")


def write_journal(database: Path, journal: RestoreJournal) -> None:
    """Record ``journal``, replacing the previous record in one step.

    Raises:
        OSError: The folder cannot be written to.
    """
    record = {"source": journal.source, "stage": journal.stage, "aside": journal.aside}
    write_text_atomically(journal_path(database), json.dumps(record, ensure_ascii=False))


def read_journal(database: Path) -> RestoreJournal | None:
    """The journal of an unfinished restore, or ``None`` when there is none.

    A journal that cannot be made sense of (written by hand?) is reported as one that got
    no further than copying: rolling that back only removes the copy.
    """
    path = journal_path(database)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        record = json.loads(text)
        stage, source, aside = record["stage"], str(record["source"]), record["aside"]
        if stage not in _STAGES or not (aside is None or isinstance(aside, str)):
            raise ValueError(f"unknown stage {stage!r}")
    except (ValueError, KeyError, TypeError) as error:
        log.warning("The restore journal %s cannot be read (%s); it is ignored.", path, error)
        return RestoreJournal(source="an unknown backup", stage="copying")
    if aside is not None and Path(aside).name != aside:
        # Only a name in the database's own folder is ever written here.
        aside = None
    return RestoreJournal(source=source, stage=stage, aside=aside)


def remove_journal(database: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        journal_path(database).unlink()
