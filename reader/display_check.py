"""Before Qt starts: is there a display, and are the system libraries Qt needs for it there?

Qt's wheels bring Qt itself, not the libraries of the system it draws with. When one is
missing (``libxcb-cursor0`` is not on a fresh Debian or Ubuntu), Qt aborts with "Could not
load the Qt platform plugin "xcb"" and a core dump; with no display at all it aborts too.
:func:`display_problem` finds both first, without importing Qt, so that the launcher can
say plainly what is missing and how to install it. It loads each library by its name
(``ctypes.CDLL``), as the dynamic loader will for Qt: what loads here loads for Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SystemLibrary:
    """A shared library Qt loads, and the Debian/Ubuntu package that installs it."""

    soname: str
    package: str


# What Qt 6.11's own libraries (QtCore, QtGui, QtDBus, QtWidgets) need from the system on
# any platform: ``readelf -d`` of PySide6's ``Qt/lib/libQt6Gui.so.6`` and its neighbours.
GUI_LIBRARIES = (
    SystemLibrary("libGL.so.1", "libgl1"),
    SystemLibrary("libEGL.so.1", "libegl1"),
    SystemLibrary("libfontconfig.so.1", "libfontconfig1"),
    SystemLibrary("libfreetype.so.6", "libfreetype6"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0"),
    SystemLibrary("libglib-2.0.so.0", "libglib2.0-0"),
    SystemLibrary("libgthread-2.0.so.0", "libglib2.0-0"),
    SystemLibrary("libdbus-1.so.3", "libdbus-1-3"),
    SystemLibrary("libX11.so.6", "libx11-6"),
)
# And what the X11 platform plugin needs on top: ``readelf -d`` of
# ``Qt/plugins/platforms/libqxcb.so`` and ``Qt/lib/libQt6XcbQpa.so.6``.
XCB_LIBRARIES = (
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0"),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0"),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0"),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1"),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1"),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1"),
    SystemLibrary("libxcb.so.1", "libxcb1"),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1"),
)

# Set (to anything) to start Qt without asking: when this check is wrong about a system.
SKIP_VARIABLE = "ARCHIVE_READER_SKIP_DISPLAY_CHECK"
README_SECTION = '"If the window does not open" in the README'
NO_DISPLAY = (
    "cannot open the window: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY "
    "is set).\n"
    "Start Archive Reader from a desktop session, or over SSH with X forwarding "
    "(ssh -X). The commands work without a display: archive-reader --help.\n"
    f"See {README_SECTION}."
)

Loader = Callable[[str], object]


def _load(soname: str) -> object:
    return ctypes.CDLL(soname)


def uses_x11(environ: Mapping[str, str]) -> bool:
    """Whether Qt will draw through X11 (its ``xcb`` plugin) in this environment."""
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    # Qt tries Wayland first where there is one (and X11 only if that fails): when in
    # doubt, no X11 libraries are asked for, rather than refusing a window Qt could open.
    wayland = bool(environ.get("WAYLAND_DISPLAY")) and environ.get("XDG_SESSION_TYPE") != "x11"
    return bool(environ.get("DISPLAY")) and not wayland


def missing_libraries(libraries: Sequence[SystemLibrary], load: Loader) -> list[SystemLibrary]:
    """Those of ``libraries`` the dynamic loader cannot load."""
    missing = []
    for library in libraries:
        try:
            load(library.soname)
        except OSError:
            missing.append(library)
    return missing


def display_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Loader | None = None,
) -> str | None:
    """Why the window cannot open here, in words for the terminal; ``None`` if it can.

    Only Linux (and the BSDs) are checked: elsewhere Qt brings what it draws with. Setting
    ``ARCHIVE_READER_SKIP_DISPLAY_CHECK`` leaves it all to Qt.

    Args:
        environ: The environment Qt will see (by default this process's).
        platform: ``sys.platform`` (by default this one's).
        load: Loads a shared library by name, raising ``OSError`` when it cannot (by
            default ``ctypes.CDLL``).
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")) or environ.get(SKIP_VARIABLE):
        return None
    if not environ.get("QT_QPA_PLATFORM") and not (
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    ):
        return NO_DISPLAY
    libraries = GUI_LIBRARIES + (XCB_LIBRARIES if uses_x11(environ) else ())
    missing = missing_libraries(libraries, load or _load)
    if not missing:
        return None
    return explain_missing(missing)


def explain_missing(missing: Sequence[SystemLibrary]) -> str:
    """What is missing and the command that installs it."""
    packages = sorted({library.package for library in missing})
    listed = "\n".join(f"  {library.soname} (package {library.package})" for library in missing)
    return (
        "cannot open the window: Qt needs system libraries that are not installed:\n"
        f"{listed}\n"
        "On Debian or Ubuntu, install them with:\n"
        f"  sudo apt-get install {' '.join(packages)}\n"
        "then start Archive Reader again. The commands work without them: "
        "archive-reader --help.\n"
        f"See {README_SECTION} (other systems' package names)."
    )
