"""``LiveArchive``: notices changes that another program made to the open archive.

A command-line import, ``annotations import``, ``reextract``, a metadata correction or a
removal in another process commits to the same SQLite database. SQLite's ``PRAGMA
data_version`` changes for every commit made through another connection, so a timer asks
it (:class:`~archive.change_probe.ChangeProbe`, a few microseconds on a connection of its
own whose lock wait is 20 ms at most, so the window never waits behind another program).

The window's own worker connections are "other connections" for that probe too. Every
change the window makes goes through the one write thread (``ArchiveService.write``), and
that thread's connection sees only the commits of *others* in its own data version. So when
the probe sees something, the write thread is asked for its data version: if it moved, the
change came from elsewhere and ``archive_changed_elsewhere`` is emitted; if not, it was the
window's own, already shown. Nothing is refreshed twice, and the question is asked only
when something changed (while the window itself imports, it waits for the import).
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from archive.api import DATABASE_NAME, Archive
from archive.change_probe import ChangeProbe
from reader.archive_service import ArchiveService

log = logging.getLogger("reader.live")

#: How often the archive is looked at for changes made elsewhere.
POLL_INTERVAL_MS = 700


def _writer_data_version(archive: Archive) -> int:
    return archive.data_version()


class LiveArchive(QObject):
    """Watches the archive of ``service`` for commits made by other programs.

    Signals:
        archive_changed_elsewhere(): another program (or another ``Archive`` of this one)
            changed the archive since the last look.
        checked(): the write thread answered whether a change seen was made elsewhere
            (tests wait for it).
    """

    archive_changed_elsewhere = Signal()
    checked = Signal()

    def __init__(self, service: ArchiveService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._probe: ChangeProbe | None = None
        self._writer_version: int | None = None
        self._asking = False
        self._ask_again = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start watching; changes made from now on are told."""
        if self._probe is not None or self._service.is_shut_down:
            return
        try:
            self._probe = ChangeProbe(self._service.data_dir / DATABASE_NAME)
        except sqlite3.Error as error:
            # A read-only archive opened immutable, say: nobody can change it meanwhile.
            log.info("Not watching the archive for changes made elsewhere: %s", error)
            return
        self._ask_writer()  # where the write thread's count stands now
        self._timer.start()

    def stop(self) -> None:
        """Stop watching and close the probe's connection."""
        self._timer.stop()
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    @Slot()
    def _on_tick(self) -> None:
        if self._service.is_shut_down:
            self.stop()
            return
        if self._probe is not None and self._probe.changed():
            self._ask_writer()

    def _ask_writer(self) -> None:
        if self._asking:
            self._ask_again = True  # what the answer on its way says may be older
            return
        self._asking = True
        self._service.write(_writer_data_version, self._on_writer_answered, self._on_failed)

    @Slot(object)
    def _on_writer_answered(self, version: int) -> None:
        self._asking = False
        previous, self._writer_version = self._writer_version, version
        if previous is not None and version != previous and self._probe is not None:
            log.info("The archive was changed by another program")
            self.archive_changed_elsewhere.emit()
        self.checked.emit()
        self._ask_again_if_asked()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._asking = False
        log.warning("Could not tell whether the archive changed elsewhere: %s", error)
        self._ask_again_if_asked()

    def _ask_again_if_asked(self) -> None:
        if self._ask_again and not self._service.is_shut_down and self._probe is not None:
            self._ask_again = False
            self._ask_writer()
