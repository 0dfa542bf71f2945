"""Before Qt starts, a missing display or system library is said plainly, not a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import display_check, launcher
from reader.display_check import (
    GUI_LIBRARIES,
    SKIP_VARIABLE,
    XCB_LIBRARIES,
    display_problem,
    uses_x11,
)

ROOT = Path(__file__).resolve().parents[2]
X11 = {"DISPLAY": ":0"}


class FakeLoader:
    """Loads every library but the ``missing`` ones; remembers what it was asked for."""

    def __init__(self, *missing: str) -> None:
        self.missing = set(missing)
        self.asked: list[str] = []

    def __call__(self, soname: str) -> object:
        self.asked.append(soname)
        if soname in self.missing:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
        return object()


def test_nothing_is_said_when_every_library_loads() -> None:
    loader = FakeLoader()
    assert display_problem(X11, "linux", loader) is None
    expected = [library.soname for library in GUI_LIBRARIES + XCB_LIBRARIES]
    assert loader.asked == expected


def test_a_missing_library_is_named_with_the_command_that_installs_it() -> None:
    loader = FakeLoader("libxcb-cursor.so.0", "libxkbcommon-x11.so.0")
    problem = display_problem(X11, "linux", loader)
    assert problem is not None
    assert "libxcb-cursor.so.0 (package libxcb-cursor0)" in problem
    assert "libxkbcommon-x11.so.0 (package libxkbcommon-x11-0)" in problem
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0\n" in problem
    assert "libxcb-icccm" not in problem  # only what is missing


def test_the_x11_libraries_are_asked_for_only_when_qt_will_use_x11() -> None:
    missing_cursor = FakeLoader("libxcb-cursor.so.0")
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    assert display_problem(wayland, "linux", missing_cursor) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", missing_cursor) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", **X11}, "linux", missing_cursor)
    assert display_problem({**wayland, "XDG_SESSION_TYPE": "x11"}, "linux", missing_cursor)
    assert uses_x11({"QT_QPA_PLATFORM": "xcb:display=:1"})
    assert not uses_x11({"QT_QPA_PLATFORM": "wayland", **X11})
    # Qt's own libraries need some on any platform.
    missing_gl = FakeLoader("libEGL.so.1")
    problem = display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", missing_gl)
    assert problem is not None and "sudo apt-get install libegl1" in problem


def test_no_display_is_said_plainly() -> None:
    problem = display_problem({}, "linux", FakeLoader())
    assert problem is not None
    assert "there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set)" in problem


def test_other_systems_and_the_way_out_are_not_checked() -> None:
    loader = FakeLoader("libxcb-cursor.so.0")
    assert display_problem({}, "darwin", loader) is None
    assert display_problem({}, "win32", loader) is None
    assert display_problem({SKIP_VARIABLE: "1", **X11}, "linux", loader) is None
    assert loader.asked == []


def test_the_launcher_says_what_is_missing_and_exits_with_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(display_check, "_load", FakeLoader("libxcb-cursor.so.0"))
    monkeypatch.setattr(display_check.sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", SKIP_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    status = launcher.main(["--data-dir", str(tmp_path / "data")])
    _out, err = capsys.readouterr()
    assert status == 1
    assert err.startswith("archive-reader: error: cannot open the window: ")
    assert "sudo apt-get install libxcb-cursor0" in err
    assert "Traceback" not in err
    assert not (tmp_path / "data").exists()  # nothing was started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_with_no_display_the_launcher_says_so_without_a_traceback(tmp_path: Path) -> None:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", SKIP_VARIABLE)
    }
    environment["PYTHONPATH"] = str(ROOT)
    finished = subprocess.run(
        [sys.executable, "-m", "reader.launcher", "--data-dir", str(tmp_path / "data")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.startswith(
        "archive-reader: error: cannot open the window: there is no display here"
    )
    assert "Traceback" not in finished.stderr
    assert "Aborted" not in finished.stderr
    assert not (tmp_path / "data").exists()
