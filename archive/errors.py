"""Errors the archive core raises to its callers, with messages meant for people."""

from __future__ import annotations


class DocumentNotFoundError(LookupError):
    """No document has the requested id."""

    def __init__(self, document_id: int) -> None:
        super().__init__(f"No document with id {document_id}.")
        self.document_id = document_id
