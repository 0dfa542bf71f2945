"""``DamagedArchiveDialog``: the database is damaged; restore the latest backup, or quit."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from archive.api import restore_archive
from archive.backups import Backup, latest_backup
from archive.paths import display_path
from archive.restore import RestoreResult
from archive.storage import DatabaseCorruptError, DatabaseError
from reader.untrusted_text import literal

log = logging.getLogger("reader.recovery")

TITLE = "Archive Reader"


class DamagedArchiveDialog(QMessageBox):
    """Tells the user the archive database is damaged and offers its latest backup.

    The buttons are "Restore the backup of <date>" (when there is a backup) and "Quit".
    """

    def __init__(
        self, error: DatabaseCorruptError, backup: Backup | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            QMessageBox.Icon.Critical,
            TITLE,
            "The archive database is damaged, and Archive Reader cannot open it.",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        self.backup = backup
        self.restore_button: QPushButton | None = None
        damaged = display_path(error.path)
        if backup is None:
            self.setInformativeText(
                literal(
                    f"There is no backup to restore. The damaged file, {damaged}, has been "
                    "left as it is."
                )
            )
        else:
            self.setInformativeText(
                literal(
                    f"The latest backup is from {backup.description}; what was added or "
                    "changed after that will be missing. The damaged file is kept beside it, "
                    f"renamed, never deleted: {damaged}.damaged-<date>."
                )
            )
            self.restore_button = self.addButton(
                f"Restore the backup of {backup.description}",
                QMessageBox.ButtonRole.AcceptRole,
            )
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        default = self.restore_button if self.restore_button is not None else self.quit_button
        self.setDefaultButton(default)
        self.setEscapeButton(self.quit_button)

    @property
    def chose_restore(self) -> bool:
        return self.restore_button is not None and self.clickedButton() is self.restore_button


def offer_backup(
    data_dir: Path, error: DatabaseCorruptError, parent: QWidget | None = None
) -> RestoreResult | None:
    """Ask what to do about a damaged archive; restore the latest backup if asked to.

    Returns:
        What the restore did, or ``None`` when the user quit (or it failed, after saying so).
    """
    backup = latest_backup(data_dir)
    dialog = DamagedArchiveDialog(error, backup, parent)
    dialog.exec()
    chose_restore = dialog.chose_restore
    dialog.deleteLater()
    if backup is None or not chose_restore:
        return None
    try:
        return restore_archive(data_dir, backup.path)
    except DatabaseError as failure:
        log.error("Restoring %s failed: %s", backup.path, failure)
        QMessageBox.critical(parent, TITLE, literal(f"The backup could not be restored. {failure}"))
        return None
