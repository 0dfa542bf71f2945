"""Dates as the navigator's date column shows them, with "≈" when inferred.

A document sits under its year and month, so the column says only what those do not: the
day and month ("12 Mar"), the month of a date known to the month ("Mar"), or the year of
a date known only to the year ("2024"). Tool tips give the whole date.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale

from archive.models import DocumentSummary

INFERRED_MARK = "≈"
NO_MONTH_LABEL = "No month"


def shown_date(document: DocumentSummary) -> str:
    """A document's date for the column, short and in the user's language; "" if undated."""
    if document.year is None:
        return ""
    shown = _day_and_month(document.date) if document.date else str(document.year)
    return f"{INFERRED_MARK} {shown}" if document.date_inferred else shown


def full_date(document: DocumentSummary) -> str:
    """A document's whole date for tool tips: "12 March 2024 (inferred)", or "Undated"."""
    if document.year is None:
        return "Undated"
    shown = str(document.year)
    if document.date:
        parts = [int(part) for part in document.date.split("-")]
        day = QDate(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
        shown = QLocale().toString(day, "d MMMM yyyy" if len(parts) == 3 else "MMMM yyyy")
    return f"{shown} (inferred)" if document.date_inferred else shown


def month_name(month: int | None) -> str:
    """A month's name as it stands alone ("March"), or "No month" for ``None``."""
    if month is None:
        return NO_MONTH_LABEL
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


def _day_and_month(iso: str) -> str:
    """``YYYY-MM-DD`` as "12 Mar", ``YYYY-MM`` as "Mar"."""
    parts = [int(part) for part in iso.split("-")]
    locale = QLocale()
    if len(parts) == 3:
        return locale.toString(QDate(parts[0], parts[1], parts[2]), "d MMM")
    return locale.toString(QDate(parts[0], parts[1], 1), "MMM")
