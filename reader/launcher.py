"""The ``archive-reader`` entry point: a command runs in the core, no command opens the window.

The command-line commands never import Qt, so they start fast and work without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from archive.cli import EXIT_ERROR, build_parser, run_command
from archive.paths import default_data_dir
from reader.display_check import display_problem


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is not None:
        return run_command(args)
    data_dir: Path = getattr(args, "data_dir", None) or default_data_dir()
    return open_reader(data_dir)


def open_reader(data_dir: Path) -> int:
    """Open the reader window (importing the sample archive on first start)."""
    problem = display_problem()  # before Qt, which would abort with a core dump instead
    if problem is not None:
        print(f"archive-reader: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        from reader.app import run  # noqa: PLC0415 - Qt loads only when the window opens
    except ImportError as error:  # Qt cannot load here (no display libraries)
        print(f"archive-reader: error: cannot open the window: {error}", file=sys.stderr)
        return EXIT_ERROR
    return run(data_dir)


if __name__ == "__main__":
    sys.exit(main())
