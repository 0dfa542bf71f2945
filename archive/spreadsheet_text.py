"""Text cells of a CSV file that a spreadsheet shows as text, never runs as a formula."""

from __future__ import annotations

# A spreadsheet runs a cell starting with one of these as a formula; a leading apostrophe
# makes it text (OWASP's advice against CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """``text`` as a CSV cell: with a leading apostrophe if it would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
