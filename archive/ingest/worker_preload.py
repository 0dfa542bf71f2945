"""Loaded once by the fork server that starts the parsing workers, before any worker.

Every worker is forked from the fork server, so what is loaded here is loaded once per
import instead of once per worker: the parser, every format's reader (lxml and
trafilatura, PDFium, python-docx), and the language model, which takes most of a
second to read. Nothing else imports this module.
"""

from __future__ import annotations

from archive.ingest import parse  # noqa: F401  (imported for its side effect: loaded once)
from archive.ingest.language import load_model
from archive.ingest.readers import docx, html, pdf, rtf  # noqa: F401

load_model()
