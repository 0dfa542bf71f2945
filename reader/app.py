"""Starting the reader: the application object, error reporting, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from importlib import resources
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from archive.storage import DatabaseError
from reader.archive_service import ArchiveService
from reader.mainwindow import MainWindow
from reader.settings import Settings

log = logging.getLogger("reader")
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
    box.setInformativeText(f"{kind.__name__}: {error}")
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
    try:
        window = create_window(data_dir, Settings.default())
    except DatabaseError as error:
        QMessageBox.critical(None, "Archive Reader", str(error))
        return 1
    window.show()
    status = app.exec()
    window.service.shutdown()
    return int(status)
