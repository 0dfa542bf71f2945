"""The performance benchmark (issue 5): ours against textbook Whoosh and SQLite FTS5.

``python -m benchmarks`` (or ``make bench``) prints one table; see ``__main__`` for the
options. The package is plain Python and not part of the test suite:

- :mod:`benchmarks.corpora`: the synthetic archive, Reuters-21578 and copies of real web
  pages and PDFs, cached as files;
- :mod:`benchmarks.queries`: the fixed query sets, and their FTS5 translations;
- :mod:`benchmarks.ours`: our import, re-import and search, through ``archive.api``;
- :mod:`benchmarks.anchors`: the textbook Whoosh set-up and SQLite FTS5;
- :mod:`benchmarks.window_probe`: run inside the window's process to time it;
- :mod:`benchmarks.measure`: timing helpers and the subprocess protocol;
- :mod:`benchmarks.report`: the table, the JSON, the machine.

Every measurement runs in a fresh subprocess, so one engine's caches and memory never
help or hurt another's.
"""
