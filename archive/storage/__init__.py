"""SQLite storage: the archive's source of truth."""

from archive.storage.database import Database
from archive.storage.documents import DocumentRecord, DocumentStore, StoredFile
from archive.storage.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseError,
    DiskFullError,
    ReadOnlyArchiveError,
)

__all__ = [
    "Database",
    "DatabaseBusyError",
    "DatabaseCorruptError",
    "DatabaseError",
    "DiskFullError",
    "DocumentRecord",
    "DocumentStore",
    "ReadOnlyArchiveError",
    "StoredFile",
]
