"""``DailyBackup``: the window's automatic backup, on the write thread, once a day."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from archive.api import Archive
from archive.backups import Backup
from reader.archive_service import ArchiveService

log = logging.getLogger("reader.recovery")

# How often an open window asks whether the day's backup is due (a window may stay open for
# days); asking costs a directory listing.
CHECK_INTERVAL_MS = 60 * 60 * 1000


class DailyBackup(QObject):
    """Backs the archive up when the newest backup is older than a day, off the GUI thread.

    The copy runs on the write thread (after whatever the window queued there first, such as
    the sample import), so start-up is not slowed and no write runs during the copy.

    Signals:
        backed_up(object): a new ``Backup`` was made and checked.
        failed(str): a backup could not be made; the message says why.
    """

    backed_up = Signal(object)
    failed = Signal(str)

    def __init__(
        self, service: ArchiveService, status_bar: QStatusBar, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._status_bar = status_bar
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.back_up_if_due)

    def start(self) -> None:
        """Back up now if due, then check again every hour."""
        self.back_up_if_due()
        self._timer.start()

    @Slot()
    def back_up_if_due(self) -> None:
        if self._running:
            return
        self._running = True
        self._service.write(Archive.backup_if_due, self._on_done, self._on_failed)

    @Slot(object)
    def _on_done(self, backup: Backup | None) -> None:
        self._running = False
        if backup is None:
            return
        log.info("Backed up the archive to %s", backup.path)
        self._status_bar.showMessage(f"Backed up the archive ({backup.path.name}).", 5000)
        self.backed_up.emit(backup)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        log.warning("The daily backup failed: %s", error)
        self._status_bar.showMessage(f"Could not back up the archive. {error}", 10000)
        self.failed.emit(str(error))
