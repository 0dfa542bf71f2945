"""Loaded once by the fork server that starts the parsing workers, before any worker.

Every worker is forked from the fork server, so what is loaded here is loaded once per
import instead of once per worker: the parser, every format's reader (lxml and
trafilatura, PDFium, python-docx), the language model, which takes most of a second to
read, and the automata that find the countries and organisations a document mentions.
Nothing else imports this module.
"""

from __future__ import annotations

from archive.ingest import parse  # noqa: F401  (imported for its side effect: loaded once)
from archive.ingest.language import load_model
from archive.ingest.readers import docx, html, pdf, rtf  # noqa: F401
from archive.mentions.finder import default_finder

load_model()
default_finder()  # the countries' and organisations' automata: 0.2 s
