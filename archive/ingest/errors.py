"""The one exception the importer raises for a file that cannot become a document."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a document.

    Attributes:
        reason: A sentence a person understands, shown next to the file name in the
            import report (for example ``"empty file"``).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
