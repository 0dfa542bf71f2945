"""Documents likely to hold a passage's wording, found through the search index.

A passage's rarest words (those in the fewest documents) are asked of the document index
as one OR query, scored with BM25 as searches are. Reused wording carries the passage's
rare words with it, so the documents that hold it rank among the first; only their
paragraphs are then compared shingle by shingle. This needs no index of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from whoosh.query import Or, Term

from archive.search.scored_matches import scored_matches
from archive.search.searching import IndexSnapshot

#: Distinct words of the passage asked of the index, rarest first.
QUERY_WORDS = 24
#: Words in more than this share of the documents are left out of the query: they find
#: everything and rank nothing. (In a small archive every word is in a large share.)
COMMON_SHARE = 0.3
#: ... but never fewer documents than this: in a small archive every word is in many.
SMALL_ARCHIVE = 50
SMALL_ARCHIVE = 50


def candidate_documents(snapshot: IndexSnapshot, stems: Iterable[str], *, limit: int) -> list[int]:
    """The ids of the documents that best match a passage's rarest words, best first.

    Args:
        snapshot: The index's latest commit.
        stems: The passage's words, folded and stemmed as the index holds them.
        limit: How many documents to return at most.
    """
    searcher = snapshot.searcher
    documents = max(searcher.doc_count(), 1)
    reader = searcher.reader()
    frequencies = {
        stem: reader.doc_frequency("body", stem) for stem in dict.fromkeys(stems) if stem
    }
    # A word in one document only is in the passage's own: it cannot find another.
    common = max(COMMON_SHARE * documents, SMALL_ARCHIVE)
    usable = [stem for stem, count in frequencies.items() if 1 < count <= common]
    usable.sort(key=lambda stem: (frequencies[stem], stem))
    if not usable:
        return []
    query = Or([Term("body", stem) for stem in usable[:QUERY_WORDS]])
    matches = scored_matches(query, snapshot.postings)
    if not len(matches):
        return []
    docs, scores = matches.docs, matches.scores
    if len(docs) > limit:
        chosen = np.argpartition(-scores, limit - 1)[:limit]
        docs, scores = docs[chosen], scores[chosen]
    order = np.argsort(-scores, kind="stable")
    return [int(reader.stored_fields(docnum)["id"]) for docnum in docs[order].tolist()]
