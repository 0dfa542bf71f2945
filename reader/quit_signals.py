"""``QuitSignals``: SIGTERM and SIGHUP (logout, shutdown, ``kill``) close the window cleanly.

Python runs a signal handler only between two of its own instructions, and while Qt's
event loop waits in C++ none run: a SIGTERM would be noticed at the next mouse move, or
never. So the signal is also written, by the C-level handler Python installs, to a socket
(``signal.set_wakeup_fd``) on a pipe that a ``QSocketNotifier`` watches: the event loop wakes up at
once, and the window is closed as if the user had closed it, saving its session.
"""

from __future__ import annotations

import logging
import os
import signal
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot

log = logging.getLogger("reader")

#: The signals that end the window cleanly (SIGHUP does not exist on Windows).
QUIT_SIGNALS = tuple(
    number
    for number in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
    if number is not None
)


def _noted(_number: int, _frame: FrameType | None) -> None:
    """Python's part of the handler: nothing; the socket notifier does the work."""


class QuitSignals(QObject):
    """Turns SIGTERM and SIGHUP into ``received`` on the GUI thread.

    Install it from the main thread, once, while the application runs; :meth:`uninstall`
    puts the previous handlers back.

    Signals:
        received(int): one of :data:`QUIT_SIGNALS` arrived (its number).
    """

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A pipe, not a socket pair: nothing here needs the network modules (Windows, where
        # the wakeup descriptor must be a socket, sends no SIGTERM to a window anyway).
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        self._previous_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _noted) for number in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_woken)

    @Slot()
    def _on_woken(self) -> None:
        try:
            data = os.read(self._reader, 64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in QUIT_SIGNALS:
                log.info("Closing on signal %d", number)
                self.received.emit(number)
                return

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        signal.set_wakeup_fd(self._previous_fd)
        os.close(self._reader)
        os.close(self._writer)
