"""What the figures were measured on: the machine, the library versions, the commit."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path

from benchmarks.measure import REPO, Figures

_PACKAGES = {
    "whoosh3": "whoosh3",
    "pyside6": "PySide6-Essentials",
    "markdown": "markdown",
    "pystemmer": "PyStemmer",
    "trafilatura": "trafilatura",
    "pypdfium2": "pypdfium2",
}


def machine_figures() -> Figures:
    """Flat ``machine_*`` and ``*_version`` figures."""
    figures: Figures = {
        "machine_cores": os.cpu_count() or 0,
        "machine_cpu": _cpu_model(),
        "machine_memory_gb": round(_memory_kb() / 1024 / 1024, 1),
        "machine_os": f"{platform.system()} {platform.release()}",
        "machine_load_at_start": load_average(),
        "python_version": platform.python_version(),
        "sqlite_version": sqlite3.sqlite_version,
    }
    for key, distribution in _PACKAGES.items():
        try:
            figures[f"{key}_version"] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            figures[f"{key}_version"] = "not installed"
    figures["git_commit"] = _git("rev-parse", "--short", "HEAD") or "unknown"
    figures["git_uncommitted_changes"] = bool(
        _git("status", "--porcelain", "--", "archive", "reader")
    )
    return figures


def load_average() -> float:
    """Runnable processes over the last minute: above the cores, the figures are inflated."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return -1.0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_kb() -> int:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _git(*arguments: str) -> str:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=REPO, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
