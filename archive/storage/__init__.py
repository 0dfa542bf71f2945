"""SQLite storage: the archive's source of truth."""

from archive.storage.database import Database, DatabaseError
from archive.storage.documents import DocumentRecord, DocumentStore, StoredFile

__all__ = ["Database", "DatabaseError", "DocumentRecord", "DocumentStore", "StoredFile"]
