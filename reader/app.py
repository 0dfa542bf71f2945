"""Starting the reader: the application object, error reporting, the main window."""

from __future__ import annotations

import linecache
import logging
import sys
import traceback
from importlib import resources
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QThread, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from archive.api import Archive
from archive.paths import display_path
from archive.storage import DatabaseCorruptError, DatabaseError
from reader.archive_service import ArchiveService
from reader.mainwindow import MainWindow
from reader.quit_signals import QuitSignals
from reader.recovery.daily_backup import DailyBackup
from reader.recovery.damaged_dialog import offer_backup
from reader.settings import Settings
from reader.single_instance import SingleInstance
from reader.untrusted_text import literal

log = logging.getLogger("reader")
GIL_SWITCH_INTERVAL_S = 0.001
qt_log = logging.getLogger("reader.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _route_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), message)


def application_icon() -> QIcon:
    data = resources.files("resources").joinpath("icons/archive-reader.svg").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Instead of dying with a traceback on a terminal, log it and tell the user."""
    log.error("Unexpected error", exc_info=(kind, error, tb))
    if QApplication.instance() is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Archive Reader",
        "Something went wrong. Your archive is safe; the last action may not have completed.",
    )
    box.setInformativeText(literal(f"{kind.__name__}: {error}"))  # it may quote a document
    box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
    box.exec()


def create_window(data_dir: Path, settings: Settings) -> MainWindow:
    """The main window on ``data_dir``; the first start imports the sample archive."""
    service = ArchiveService(data_dir)
    window = MainWindow(service, settings)
    window.setWindowIcon(application_icon())
    service.setParent(window)
    window.restore_session()
    window.importer.import_sample_if_empty()
    return window


def open_main_window(data_dir: Path, settings: Settings) -> MainWindow | None:
    """Check the archive, offer its backup if it is damaged, then open the window on it.

    The check is SQLite's ``PRAGMA quick_check``, run before anything is written: about
    0.05-0.15 s on a 100 MB archive in the disk cache, 1-2 s from a cold disk: the price
    of never building a window (or a backup, or an import) on a damaged file.

    Returns:
        The window, or ``None`` when the archive is damaged and the user chose to quit.

    Raises:
        DatabaseError: The archive cannot be opened for another reason (read-only, busy).
    """
    restored = None
    try:
        Archive(data_dir, maintain_index=False, check_integrity=True).close()
    except DatabaseCorruptError as error:
        restored = offer_backup(data_dir, error)
        if restored is None:
            return None
    window = create_window(data_dir, settings)
    if restored is not None and restored.moved_aside is not None:
        window.statusBar().showMessage(
            f"Restored the backup; the damaged file is kept as "
            f"{display_path(restored.moved_aside)}.",
            15000,
        )
    # Owned by the window (its parent), which keeps it for as long as it is open.
    DailyBackup(window.service, window.statusBar(), window).start()
    return window


# A second window waits this long (in attempts of 0.2 s) for the first to answer or go away.
HAND_OVER_ATTEMPTS = 25


def claim_or_hand_over(instance: SingleInstance) -> int | None:
    """Take the data directory, or ask the window that has it to come to the front.

    Returns:
        ``None`` when this window may open; else the exit status: 0 when the other window
        was brought forward, 1 when it could not be reached (the user is told).
    """
    for _attempt in range(HAND_OVER_ATTEMPTS):
        if instance.claim():
            return None
        if instance.ask_running_window_to_raise():
            log.info("Another window has this archive open; brought it to the front")
            return 0
        QThread.msleep(200)  # it is starting or closing: try again shortly
    QMessageBox.warning(
        None,
        "Archive Reader",
        "Archive Reader is already open on this archive, but it does not answer. Close it "
        "(or wait for it to finish what it is doing), then try again.",
    )
    return 1


def run(data_dir: Path) -> int:
    """Open the window and run until it closes; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="archive-reader: %(name)s: %(message)s")
    qInstallMessageHandler(_route_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Archive Reader")
    app.setOrganizationName("archive-reader")
    app.setDesktopFileName("archive-reader")
    app.setWindowIcon(application_icon())
    sys.excepthook = _show_unexpected_error
    # The worker threads (import, indexing, search) run Python too: hand the GIL back to
    # the GUI thread every millisecond rather than every 5 ms, which measured as shorter
    # stalls of the window during an import (see the README's performance section).
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    instance = SingleInstance(data_dir, app)
    handed_over = claim_or_hand_over(instance)
    if handed_over is not None:
        return handed_over
    try:
        window = open_main_window(data_dir, Settings.default())
    except DatabaseError as error:
        QMessageBox.critical(None, "Archive Reader", literal(str(error)))
        instance.release()
        return 1
    if window is None:
        instance.release()
        return 1
    instance.bring_forward_on_request(window)
    window.show()
    # PySide6's import hook reads the source of each module imported after it (looking for
    # "from __feature__ import"), and linecache keeps every line: some 14 MB that nothing
    # reads again. A traceback reads the lines it shows anew.
    linecache.clearcache()
    # Logout, shutdown or kill: closed as if by the user, so the session is saved.
    quit_signals = QuitSignals(app) if sys.platform != "win32" else None
    if quit_signals is not None:
        quit_signals.received.connect(window.close)
        quit_signals.received.connect(app.quit)
    status = app.exec()
    if quit_signals is not None:
        quit_signals.uninstall()
    window.service.shutdown()
    instance.release()
    return int(status)
