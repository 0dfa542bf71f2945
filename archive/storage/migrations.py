"""Schema migrations: MIGRATIONS[n] takes the database from version n to n + 1.

Never edit a migration that has shipped; append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: documents with their original bytes, user overrides, the index queue.
    [
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            raw BLOB NOT NULL,
            encoding TEXT NOT NULL,
            format TEXT NOT NULL,
            title TEXT NOT NULL,
            markdown TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT,
            year INTEGER,
            month INTEGER,
            day INTEGER,
            date_origin TEXT,
            imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )
        """,
        "CREATE INDEX documents_by_date ON documents (year, month, day)",
        "CREATE INDEX documents_by_hash ON documents (content_hash)",
        # A user's corrections; NULL means "not overridden". They survive re-import.
        """
        CREATE TABLE overrides (
            document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            title TEXT,
            source TEXT,
            date_set INTEGER NOT NULL DEFAULT 0,
            year INTEGER,
            month INTEGER,
            day INTEGER
        )
        """,
        # Every document change queues its id in the same transaction; the indexer drains it.
        """
        CREATE TABLE index_queue (
            document_id INTEGER PRIMARY KEY,
            queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )
        """,
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # What every reader sees: the imported metadata with the user's overrides applied.
        """
        CREATE VIEW effective_documents AS
        SELECT
            d.id,
            d.path,
            COALESCE(o.title, d.title) AS title,
            NULLIF(COALESCE(o.source, d.source), '') AS source,
            CASE WHEN o.date_set THEN o.year ELSE d.year END AS year,
            CASE WHEN o.date_set THEN o.month ELSE d.month END AS month,
            CASE WHEN o.date_set THEN o.day ELSE d.day END AS day,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'user'
                WHEN o.date_set THEN NULL
                ELSE d.date_origin
            END AS date_origin,
            d.encoding,
            d.format,
            d.markdown,
            d.text
        FROM documents AS d LEFT JOIN overrides AS o ON o.document_id = d.id
        """,
    ],
    # 2: annotations (see archive/annotations/). Each keeps its passage as a W3C quote
    # selector (quote, prefix, suffix) and position selector (start/end offsets into the
    # document's plain text); an orphan keeps its last known offsets (or none). Ids are
    # AUTOINCREMENT so an undone delete can get its id back. A document with annotations
    # cannot be deleted (RESTRICT): annotations are never dropped behind the user's back.
    # search_stems / search_words are derived from note, quote and tags for note search.
    [
        """
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start_offset INTEGER,
            end_offset INTEGER,
            orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
            color TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            search_stems TEXT NOT NULL DEFAULT '',
            search_words TEXT NOT NULL DEFAULT '',
            CHECK (orphaned OR (start_offset IS NOT NULL AND end_offset IS NOT NULL)),
            CHECK (start_offset IS NULL OR end_offset IS NULL OR start_offset < end_offset)
        )
        """,
        "CREATE INDEX annotations_by_document ON annotations (document_id, orphaned, start_offset)",
    ],
    # 3: what the importer learned about each document besides its text: its language
    # (ISO 639-1), the address a saved web page names as its own, and where its title and
    # date were read ("front matter", "dateline"...). NULL for documents imported before,
    # until they are re-read (Archive.reextract). The view shows them; the evidence of a
    # title or date the user corrected is "corrected by hand", not the importer's.
    [
        "ALTER TABLE documents ADD COLUMN language TEXT",
        "ALTER TABLE documents ADD COLUMN url TEXT",
        "ALTER TABLE documents ADD COLUMN title_evidence TEXT",
        "ALTER TABLE documents ADD COLUMN date_evidence TEXT",
        "DROP VIEW effective_documents",
        """
        CREATE VIEW effective_documents AS
        SELECT
            d.id,
            d.path,
            COALESCE(o.title, d.title) AS title,
            NULLIF(COALESCE(o.source, d.source), '') AS source,
            CASE WHEN o.date_set THEN o.year ELSE d.year END AS year,
            CASE WHEN o.date_set THEN o.month ELSE d.month END AS month,
            CASE WHEN o.date_set THEN o.day ELSE d.day END AS day,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'user'
                WHEN o.date_set THEN NULL
                ELSE d.date_origin
            END AS date_origin,
            d.encoding,
            d.format,
            d.markdown,
            d.text,
            d.language,
            d.url,
            CASE
                WHEN o.title IS NOT NULL THEN 'corrected by hand'
                ELSE d.title_evidence
            END AS title_evidence,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'corrected by hand'
                WHEN o.date_set THEN NULL
                ELSE d.date_evidence
            END AS date_evidence
        FROM documents AS d LEFT JOIN overrides AS o ON o.document_id = d.id
        """,
    ],
    # 4: removing a document moves it to the trash rather than deleting it: its id goes
    # into ``trash`` and the view no longer shows it, so it leaves lists, counts and (once
    # the index queue is drained) search, while its bytes, corrections and annotations
    # stay. Restoring it takes it out of ``trash``; emptying the trash deletes it for good.
    # A table of its own, not a column of ``documents``: lists and counts read only the
    # date index, never the rows with their texts (a column after the texts made the year
    # counts 50 times slower on 80,000 documents). The two views repeat their columns: a
    # view over the other is not flattened by SQLite.
    [
        """
        CREATE TABLE trash (
            document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            removed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )
        """,
        "DROP VIEW effective_documents",
        # What every reader sees: the documents not removed.
        """
        CREATE VIEW effective_documents AS
        SELECT
            d.id,
            d.path,
            COALESCE(o.title, d.title) AS title,
            NULLIF(COALESCE(o.source, d.source), '') AS source,
            CASE WHEN o.date_set THEN o.year ELSE d.year END AS year,
            CASE WHEN o.date_set THEN o.month ELSE d.month END AS month,
            CASE WHEN o.date_set THEN o.day ELSE d.day END AS day,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'user'
                WHEN o.date_set THEN NULL
                ELSE d.date_origin
            END AS date_origin,
            d.encoding,
            d.format,
            d.markdown,
            d.text,
            d.language,
            d.url,
            CASE
                WHEN o.title IS NOT NULL THEN 'corrected by hand'
                ELSE d.title_evidence
            END AS title_evidence,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'corrected by hand'
                WHEN o.date_set THEN NULL
                ELSE d.date_evidence
            END AS date_evidence
        FROM documents AS d LEFT JOIN overrides AS o ON o.document_id = d.id
        WHERE d.id NOT IN (SELECT document_id FROM trash)
        """,
        # Every document, removed or not: the trash, and annotations exported with theirs.
        """
        CREATE VIEW every_document AS
        SELECT
            d.id,
            d.path,
            COALESCE(o.title, d.title) AS title,
            NULLIF(COALESCE(o.source, d.source), '') AS source,
            CASE WHEN o.date_set THEN o.year ELSE d.year END AS year,
            CASE WHEN o.date_set THEN o.month ELSE d.month END AS month,
            CASE WHEN o.date_set THEN o.day ELSE d.day END AS day,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'user'
                WHEN o.date_set THEN NULL
                ELSE d.date_origin
            END AS date_origin,
            d.encoding,
            d.format,
            d.markdown,
            d.text,
            d.language,
            d.url,
            CASE
                WHEN o.title IS NOT NULL THEN 'corrected by hand'
                ELSE d.title_evidence
            END AS title_evidence,
            CASE
                WHEN o.date_set AND o.year IS NOT NULL THEN 'corrected by hand'
                WHEN o.date_set THEN NULL
                ELSE d.date_evidence
            END AS date_evidence,
            t.removed_at
        FROM documents AS d
        LEFT JOIN overrides AS o ON o.document_id = d.id
        LEFT JOIN trash AS t ON t.document_id = d.id
        """,
    ],
    # 5: the countries and organisations each document mentions (archive/mentions/),
    # derived from its imported title and text and kept in step with them; the year comes
    # from the documents' view, so corrections and the trash are followed without a
    # change here. ``mention_scans`` says with which version of the lists each document
    # was read: a document missing there, or read with another version, is read again.
    [
        """
        CREATE TABLE mentions (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            PRIMARY KEY (kind, key, document_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX mentions_by_document ON mentions (document_id)",
        """
        CREATE TABLE mention_scans (
            document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            version TEXT NOT NULL
        )
        """,
    ],
    # 6: saved searches (archive/saved_searches.py), each with the documents it matched
    # when the reader last looked at it: what matches now and is not among them is new.
    [
        """
        CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            query TEXT NOT NULL,
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            seen_at TEXT
        )
        """,
        """
        CREATE TABLE saved_search_seen (
            search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL,
            PRIMARY KEY (search_id, document_id)
        ) WITHOUT ROWID
        """,
    ],
]
