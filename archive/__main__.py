"""``python -m archive COMMAND ...``: the command line without the window."""

import sys

from archive.cli import main

sys.exit(main())
