"""One window per data directory: a second window brings the first to the front and exits.

The first window holds the data directory's :class:`~archive.window_lock.WindowLock` (an OS
lock, released even if the window crashes) and listens on a local socket named from a hash
of the data directory's path. A second window cannot take the lock; it connects to the
socket, asks the first to come to the front, and exits. A socket file left behind by a
window that crashed is removed by the next window that gets the lock: it takes over.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from archive.window_lock import WindowLock

log = logging.getLogger("reader.single_instance")

RAISE_REQUEST = b"raise\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir``: the same for every spelling of the path."""
    digest = hashlib.sha256(str(data_dir.expanduser().resolve()).encode("utf-8")).hexdigest()
    return f"archive-reader-{digest[:24]}"


class SingleInstance(QObject):
    """The window's claim on its data directory.

    Signals:
        raise_requested(): another window on the same data directory asked this one to
            come to the front (it has exited).
    """

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self._lock = WindowLock(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._window: QWidget | None = None

    @property
    def claimed(self) -> bool:
        return self._lock.held

    def claim(self) -> bool:
        """Take the data directory for this window; False if another window has it.

        A data directory whose lock cannot even be created (read-only, missing) is not
        refused here: opening the archive explains that better.
        """
        try:
            if not self._lock.acquire():
                return False
        except OSError as error:
            log.warning("Cannot lock %s for this window: %s", self.data_dir, error)
            return True
        # We hold the lock, so a socket of this name can only be left over from a crash.
        # (Qt replaces it anyway when socket options are set; removing it first makes the
        # take-over not depend on that.)
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("Cannot listen for other windows: %s", self._server.errorString())
        return True

    def ask_running_window_to_raise(self) -> bool:
        """Ask the window that holds the data directory to come to the front.

        Returns:
            True when it received the request, False when it could not be reached.
        """
        socket = QLocalSocket(self)
        try:
            socket.connectToServer(self.name)
            if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
                return False
            socket.write(RAISE_REQUEST)
            delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return bool(delivered)
        finally:
            socket.deleteLater()

    def bring_forward_on_request(self, window: QWidget) -> None:
        """Raise ``window`` whenever another window asks."""
        self._window = window

    def release(self) -> None:
        self._server.close()
        self._lock.release()

    @Slot()
    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(self._on_request)
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read_request(connection)

    @Slot()
    def _on_request(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read_request(connection)

    def _read_request(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(RAISE_REQUEST.strip()):
            if self._window is not None:
                bring_to_front(self._window)
            self.raise_requested.emit()


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised, above the others, and give it the focus."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
