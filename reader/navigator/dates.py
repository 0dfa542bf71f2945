"""Dates as the navigator shows them: "12 Mar 2024", "Mar 2024", "2024", with "≈" if inferred."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale

from archive.models import DocumentSummary

INFERRED_MARK = "≈"
NO_MONTH_LABEL = "No month"


def shown_date(document: DocumentSummary) -> str:
    """A document's date, short and in the user's language; empty when undated."""
    if document.year is None:
        return ""
    shown = _short_date(document.date) if document.date else str(document.year)
    return f"{INFERRED_MARK} {shown}" if document.date_inferred else shown


def month_name(month: int | None) -> str:
    """A month's name as it stands alone ("March"), or "No month" for ``None``."""
    if month is None:
        return NO_MONTH_LABEL
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


def _short_date(iso: str) -> str:
    """``YYYY-MM-DD`` as "12 Mar 2024", ``YYYY-MM`` as "Mar 2024"."""
    parts = [int(part) for part in iso.split("-")]
    locale = QLocale()
    if len(parts) == 3:
        return locale.toString(QDate(parts[0], parts[1], parts[2]), "d MMM yyyy")
    return locale.toString(QDate(parts[0], parts[1], 1), "MMM yyyy")
