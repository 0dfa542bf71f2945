"""The ``backup`` and ``restore`` commands, and what the command line says about damage."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any, TextIO

from archive.api import Archive, restore_archive
from archive.backups import KEEP_BACKUPS, Backup, backup_folder, latest_backup
from archive.cli_output import print_json
from archive.data_dir import ensure_data_dir
from archive.paths import default_data_dir, display_path
from archive.storage import DatabaseCorruptError
from archive.window_lock import WindowLock

PROG = "archive-reader"


def add_backup_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``backup`` and ``restore`` to the command line's subcommands."""
    backing_up = commands.add_parser(
        "backup",
        parents=[common],
        help=f"back up the archive database now (the newest {KEEP_BACKUPS} backups are kept)",
    )
    backing_up.add_argument("--json", action="store_true", help="print the backup as JSON")
    restoring = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the archive database with a backup (the current one is kept aside)",
    )
    restoring.add_argument("file", type=Path, metavar="FILE", help="a backup to restore")
    restoring.add_argument("--json", action="store_true", help="print what was done as JSON")


def run_backup(archive: Archive, args: argparse.Namespace, out: TextIO) -> None:
    """Make a checked backup now and say where it is."""
    backup = archive.backup_now()
    if args.json:
        print_json(backup_json(backup), out)
    else:
        print(f"Backed up the archive to {display_path(backup.path)}", file=out)


def run_restore(data_dir: Path, args: argparse.Namespace, out: TextIO) -> None:
    """Put a backup in place of the archive database, unless the archive is open elsewhere.

    Raises:
        ArchiveInUseError: A reader window has the archive open.
        ArchiveBusyError: Another command (an import…) has the archive open.
        BackupError: FILE is not a sound archive database; nothing was changed.
        DataDirError: The data directory is a file.
    """
    ensure_data_dir(data_dir)
    with WindowLock(data_dir):
        result = restore_archive(data_dir, args.file)
    aside = display_path(result.moved_aside) if result.moved_aside else None
    if args.json:
        print_json(
            {"restored_from": display_path(result.installed_from), "moved_aside": aside}, out
        )
        return
    print(f"Restored the archive from {display_path(result.installed_from)}.", file=out)
    if aside:
        print(f"The database it replaced is kept as {aside}.", file=out)
    print("The search index will be rebuilt the next time the archive is opened.", file=out)


def damage_advice(error: DatabaseCorruptError, data_dir: Path) -> str:
    """What to say when the database is damaged: the error, and the backup to restore."""
    latest = latest_backup(data_dir)
    if latest is None:
        return (
            f"{error} There is no backup of it in {display_path(backup_folder(data_dir))}. "
            "The file has been left as it is."
        )
    command = [PROG, "restore", display_path(latest.path)]
    if data_dir != default_data_dir():
        command[1:1] = ["--data-dir", display_path(data_dir)]
    return (
        f"{error} The latest good backup is from {latest.description}. To restore it (the "
        f"damaged file is kept aside), run: {shlex.join(command)}"
    )


def backup_json(backup: Backup) -> dict[str, Any]:
    return {"path": display_path(backup.path), "created": backup.created.isoformat()}
