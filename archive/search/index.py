"""The search index: a Whoosh index derived from SQLite, and searching it.

SQLite is the source of truth; this index can always be rebuilt from it with
:meth:`SearchIndex.replace_all`.

Threads and processes: a :class:`SearchIndex` is not thread-safe. Use it from one thread
at a time (for example, the single worker thread that runs searches and index updates);
give another thread its own :class:`SearchIndex`. Writes take Whoosh's write lock, so two
processes cannot write at once: the second waits up to ``lock_timeout`` seconds, then gets
:class:`IndexBusyError`. Searches always see the latest commit, from this or any process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import CLEAR, IndexWriter

from archive.models import SearchResults
from archive.search.errors import IndexBusyError
from archive.search.merging import merge_in_tiers, tiers_to_merge
from archive.search.parallel_writing import GuardedMpWriter, writer_processes
from archive.search.schema import FILE_PREFIXES, INDEX_NAME, VOCABULARY_FILE, make_schema
from archive.search.searching import IndexSnapshot, SortOrder, TextOf
from archive.search.vocabulary import Vocabulary, words_of

logger = logging.getLogger("archive.search")

DEFAULT_LOCK_TIMEOUT = 5.0
PROGRESS_EVERY = 100
# Memory for a rebuild's postings before Whoosh spills them to temporary files. 10,000
# press releases hold about 2.5 million postings (some 400 MB in Whoosh's estimate);
# spilling and merging them again nearly doubles the time of a rebuild. Updates get as
# much: the commit that merges ten segments of 500 documents (see merging.py) took 40 s
# instead of 61 s with it.
REBUILD_MEMORY_MB = 512
#: A batch of at least this many documents is written by several processes, one segment
#: each (:mod:`archive.search.parallel_writing`). Starting them costs some 0.05 s (a second
#: or two when the fork server starts first), pickling the documents to them some 10% more
#: CPU, and each segment is one more for searches to read until the merge policy merges
#: it: a smaller batch, written by one process in about a second, is not worth it.
PARALLEL_WRITE_MIN_DOCUMENTS = 1_000


@dataclass(frozen=True)
class IndexedDocument:
    """What the index needs of one document (all of it comes from SQLite)."""

    id: int
    title: str
    text: str
    year: int | None
    date: str | None  # YYYY-MM-DD, YYYY-MM or None
    source: str | None
    language: str | None = None  # ISO 639-1


class SearchIndex:
    """A Whoosh index, and the archive's vocabulary, in a directory of their own.

    Args:
        directory: Where the index lives; created if missing.
        lock_timeout: Seconds a write waits for another process's write to finish.
    """

    def __init__(self, directory: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self._vocabulary_path = self.directory / VOCABULARY_FILE
        self._index: whoosh_index.FileIndex | None = None
        self._snapshot: IndexSnapshot | None = None
        self._vocabulary_stamp: tuple[int, int] | None = None
        self._created = False

    # Lifecycle

    def open(self) -> None:
        """Open the index, creating an empty one if there is none (or an outdated one).

        After creating one, :attr:`needs_rebuild` is True: fill it with
        :meth:`replace_all`.
        """
        if self._index is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        # Not memory-mapped: this Whoosh fork wraps each mapped segment file in a BytesIO,
        # a full copy per searcher (76 MB at 20,000 documents, per worker thread's
        # searcher); read normally, a searcher holds only what it reads, and opens faster.
        storage = FileStorage(str(self.directory), supports_mmap=False)
        # Handing Whoosh the schema spares unpickling the one stored in the index.
        schema = make_schema()
        try:
            self._index = whoosh_index.FileIndex(storage, schema, INDEX_NAME)
        except whoosh_index.EmptyIndexError:
            self._index = whoosh_index.FileIndex.create(storage, schema, INDEX_NAME)
            self._created = True
            self._remove_outdated_files()

    def close(self) -> None:
        """Close the searcher; the index can be opened again."""
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        self._index = None

    def __enter__(self) -> SearchIndex:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def needs_rebuild(self) -> bool:
        """True when :meth:`open` had to create the index: it is empty until rebuilt."""
        self.open()
        return self._created

    def doc_count(self) -> int:
        """Return the number of documents in the index."""
        return int(self._current_snapshot().searcher.doc_count())

    def update_would_merge(self, documents: int) -> bool:
        """Whether an update of about this many documents would merge segments.

        Such a commit rewrites every document of the segments it merges (see
        :mod:`archive.search.merging`), however few it adds itself.
        """
        self.open()
        assert self._index is not None
        sizes = [segment.doc_count_all() for segment in self._index._segments()]
        return bool(tiers_to_merge(sizes, documents))

    # Writing

    def replace_all(
        self,
        docs: Iterable[IndexedDocument],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Rebuild the index from ``docs``, replacing everything in it.

        The documents go into a new segment that replaces all the old ones at the commit
        (Whoosh's ``CLEAR`` merge): searches keep seeing the old index until the rebuild
        is complete, and a failed rebuild leaves it as it was.

        Args:
            docs: Every document, typically streamed from SQLite.
            progress: Called with the number of documents indexed so far, every
                :data:`PROGRESS_EVERY` documents and once at the end.

        Returns:
            The number of documents indexed.

        Raises:
            IndexBusyError: Another process is writing to the index.
            ParallelWriteError: A process writing part of a large rebuild failed.
        """
        count = 0
        words: set[str] = set()
        large, docs = _peek_size(docs, PARALLEL_WRITE_MIN_DOCUMENTS)
        # A failed parallel write commits nothing either: the old segments stay listed.
        with self._writing(limitmb=REBUILD_MEMORY_MB, mergetype=CLEAR, parallel=large) as writer:
            for count, doc in enumerate(docs, start=1):
                writer.add_document(**_fields_of(doc))
                words |= _words_of_document(doc)
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
            # Saved under the write lock, once every document is in: a rebuild that
            # fails before leaves the old vocabulary (and the old index) in place.
            Vocabulary(words).save(self._vocabulary_path)
        if progress is not None and count % PROGRESS_EVERY != 0:
            progress(count)
        self._created = False
        return count

    def update(
        self, docs: Iterable[IndexedDocument], *, replacing: Iterable[int] | None = None
    ) -> None:
        """Add documents, or replace the indexed ones with the same ids.

        Args:
            docs: The documents to index.
            replacing: The ids whose indexed documents go first (any of them that ``docs``
                lacks is simply removed). Given, ``docs`` is streamed into the writer
                instead of being held in memory all at once.

        Raises:
            IndexBusyError: Another process is writing to the index.
            ParallelWriteError: A process writing part of a large update failed; nothing
                of the update was committed.
        """
        if replacing is None:
            docs = list(docs)
            replacing = [doc.id for doc in docs]
        words: set[str] = set()
        large, docs = _peek_size(docs, PARALLEL_WRITE_MIN_DOCUMENTS)
        with self._writing(
            limitmb=REBUILD_MEMORY_MB, mergetype=merge_in_tiers, parallel=large
        ) as writer:
            # The deletions are the parent writer's, in the same commit as the segments
            # the sub-processes write: searches never see a replaced document missing.
            # One searcher finds all the replaced documents; update_document would open
            # one per document.
            _delete_documents(writer, list(replacing))
            for doc in docs:
                writer.add_document(**_fields_of(doc))
                words |= _words_of_document(doc)
            # Saved before the commit, under the write lock: if the commit fails, the
            # vocabulary only has a few words too many, which is harmless.
            vocabulary = Vocabulary.load(self._vocabulary_path)
            extended = vocabulary.with_words(words)
            if extended is not vocabulary:
                extended.save(self._vocabulary_path)

    def delete(self, ids: Iterable[int]) -> None:
        """Remove documents from the index; unknown ids are ignored.

        Raises:
            IndexBusyError: Another process is writing to the index.
        """
        with self._writing(limitmb=REBUILD_MEMORY_MB, mergetype=merge_in_tiers) as writer:
            _delete_documents(writer, ids)

    @contextmanager
    def _writing(
        self, *, limitmb: int = 128, mergetype: Any = None, parallel: bool = False
    ) -> Iterator[IndexWriter]:
        """One writer: committed if the block succeeds, cancelled if it raises.

        Args:
            limitmb: Memory for postings before they are spilled to temporary files
                (shared among the processes of a parallel writer).
            mergetype: Whoosh's merge policy for the commit (None for the default).
            parallel: Write with several processes where there are cores for them.

        Raises:
            IndexBusyError: Another process holds the write lock.
            ParallelWriteError: A process of a parallel writer failed (nothing committed).
        """
        self.open()
        assert self._index is not None
        processes = writer_processes() if parallel else 1
        try:
            if processes > 1:
                writer: IndexWriter = GuardedMpWriter(
                    self._index,
                    procs=processes,
                    limitmb=max(limitmb // processes, 32),
                    timeout=self.lock_timeout,
                )
            else:
                writer = self._index.writer(timeout=self.lock_timeout, limitmb=limitmb)
        except whoosh_index.LockError as error:
            raise IndexBusyError() from error
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        # A commit that fails releases the lock and cleans up by itself.
        writer.commit(mergetype=mergetype)

    # Searching

    def search(
        self,
        query_text: str,
        *,
        year: int | None = None,
        limit: int = 20,
        sort: SortOrder = "relevance",
        text_of: TextOf,
        offset: int = 0,
        undated: bool = False,
    ) -> SearchResults:
        """Search the archive.

        Args:
            query_text: The query as typed (see :mod:`archive.search.query`).
            year: Only list documents of this year. The year counts ignore it.
            limit: The most hits to return.
            sort: ``"relevance"``, or ``"date"`` for newest first (undated last).
            text_of: Returns the plain text of the given document ids (from SQLite), for
                the snippets.
            offset: Skip this many of the listed first (a later page of the same order).
            undated: Only list the undated documents (``year`` is then ignored).

        Returns:
            The hits with snippets, the number of matches (in ``year`` if given), matches
            per year over all years, and a suggestion when nothing matches.

        Raises:
            QueryError: The query is malformed; the message says why.
            ValueError: ``limit`` is less than 1, or ``offset`` less than 0.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be at least 0, not {offset}")
        return self._current_snapshot().search(
            query_text,
            year=year,
            limit=limit,
            sort=sort,
            text_of=text_of,
            offset=offset,
            undated_only=undated,
        )

    def hit_spans(self, query_text: str, text: str) -> list[tuple[int, int]]:
        """Offsets in ``text`` of the words a query looks for, as snippets mark them.

        Used by the window to highlight hits in the text it displays, which differs from
        the stored text (markup rendered), so the positions are found in that very text.

        Raises:
            QueryError: the query is malformed.
        """
        return self._current_snapshot().hit_spans(query_text, text)

    def matching_ids(self, query_text: str) -> list[int]:
        """The ids of every document a query matches, ascending (for a set of documents).

        Raises:
            QueryError: the query is malformed.
        """
        return self._current_snapshot().matching_ids(query_text)

    def _current_snapshot(self) -> IndexSnapshot:
        """The snapshot of the latest commit, reusing the open one when nothing changed."""
        self.open()
        assert self._index is not None
        vocabulary_stamp = self._stamp_of_vocabulary()
        snapshot = self._snapshot
        if snapshot is not None and (
            not snapshot.searcher.up_to_date() or vocabulary_stamp != self._vocabulary_stamp
        ):
            # Not Searcher.refresh(): in whoosh3 3.54 it reuses the reader of a segment
            # whose deletions changed (updates and deletes stay invisible) and keeps
            # segments a CLEAR commit dropped (a rebuilt index shows old documents).
            snapshot.close()
            snapshot = None
        if snapshot is None:
            vocabulary = Vocabulary.load(self._vocabulary_path)
            snapshot = IndexSnapshot(self._index.searcher(), vocabulary)
            self._snapshot = snapshot
            self._vocabulary_stamp = vocabulary_stamp
        return snapshot

    def _stamp_of_vocabulary(self) -> tuple[int, int] | None:
        try:
            status = self._vocabulary_path.stat()
        except FileNotFoundError:
            return None
        return status.st_mtime_ns, status.st_size

    def built_by_older_version(self) -> bool:
        """Whether the directory holds an index of an older schema, and none of this one.

        Such an index is not opened (that would create an empty one beside it): it is to
        be rebuilt from SQLite.
        """
        try:
            names = [path.name for path in self.directory.iterdir()]
        except OSError:
            return False
        current = (f"{INDEX_NAME}_", f"_{INDEX_NAME}_")
        ours = [name for name in names if name.startswith(FILE_PREFIXES)]
        tables_of_contents = [name for name in ours if name.endswith(".toc")]
        return bool(tables_of_contents) and not any(
            name.startswith(current) for name in tables_of_contents
        )

    def _remove_outdated_files(self) -> None:
        """Delete what indexes built with an older schema left in the directory."""
        current = (f"{INDEX_NAME}_", f"_{INDEX_NAME}_", VOCABULARY_FILE)
        for path in self.directory.iterdir():
            name = path.name
            if name.startswith(FILE_PREFIXES) and not name.startswith(current):
                logger.info("Removing outdated search index file %s", path)
                path.unlink(missing_ok=True)


def _delete_documents(writer: IndexWriter, ids: Iterable[int]) -> None:
    """Delete the committed documents with these ids."""
    with writer.searcher() as searcher:
        for doc_id in ids:
            for docnum in searcher.document_numbers(id=str(doc_id)):
                writer.delete_document(docnum)


def _peek_size(
    docs: Iterable[IndexedDocument], size: int
) -> tuple[bool, Iterator[IndexedDocument]]:
    """Whether ``docs`` holds at least ``size`` documents, and all of them still to read.

    Only the first ``size`` are read ahead: a rebuild's stream from SQLite stays a stream.
    """
    iterator = iter(docs)
    head = list(islice(iterator, size))
    return len(head) >= size, chain(head, iterator)


def _fields_of(doc: IndexedDocument) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": str(doc.id),
        "title": doc.title,
        "body": doc.text,
        "date": doc.date or "",
        "source": doc.source or "",
    }
    # An undated document has no year term (so no year: query matches it); its year
    # column gets the schema's default, NO_YEAR.
    if doc.year is not None:
        fields["year"] = doc.year
    if doc.language:
        fields["lang"] = doc.language
    return fields


def _words_of_document(doc: IndexedDocument) -> set[str]:
    return words_of(doc.title) | words_of(doc.text)
