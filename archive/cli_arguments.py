"""Argument types the commands share."""

from __future__ import annotations

import argparse
import re

#: SQLite's largest integer: a larger id cannot name a document.
LARGEST_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]+")


def document_id(text: str) -> int:
    """A document id as typed: ASCII digits, 1 to SQLite's largest integer."""
    if not _ASCII_DIGITS.fullmatch(text) or not 1 <= int(text) <= LARGEST_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not a document id (a number like 12)")
    return int(text)


def positive_number(text: str) -> int:
    """A count as typed: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)
