"""The metadata header some exports put before the story: `` date 2025-07-08``."""

from __future__ import annotations

import datetime
import re

# Seed 000 puts the header and the story's first words on the same line:
# " date 2025-07-08 BAKU, Azerbaijan, July 8. The IX meeting ..."
_DATE_HEADER = re.compile(
    r"\A\s*date\s*[:=]?\s*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])[ \t]*\n?",
    re.IGNORECASE,
)


def split_date_header(text: str) -> tuple[datetime.date | None, str]:
    """Take a leading ``date YYYY-MM-DD`` header off a text.

    Args:
        text: Normalised text.

    Returns:
        The header's date (``None`` when there is no valid header) and the text
        without the header; the rest of the header's line stays as the text's start.
    """
    match = _DATE_HEADER.match(text)
    if match is None:
        return None, text
    try:
        date = datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None, text  # Not a date after all: leave the text as it came.
    return date, text[match.end() :]
