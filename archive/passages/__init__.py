"""Where else a passage appears: the paragraphs of other documents that reuse its wording.

A paragraph is a block of a document's plain text (:mod:`~archive.passages.paragraphs`);
one of fewer than 8 words (a dateline) is never looked for or returned. Its words, folded
and stemmed as search folds them, make word 3-shingles (:mod:`~archive.passages.shingles`).
To find it elsewhere, its 24 rarest words (in more than one document, in at most 30 % of
them) are asked of the existing document index as one BM25 OR query
(:mod:`~archive.passages.candidates`); the paragraphs of the 64 best documents are ranked
by the Jaccard similarity of their shingles with it, or, for a selection, by the share of
its shingles they hold (:mod:`~archive.passages.matching`). The shared words' offsets come
with each match, on both sides. No index of its own: nothing to build, keep in step on
import, re-read and removal, or rebuild.

Measured (``python -m benchmarks.passage_methods``) on a copy of the synthetic
10,000-document archive (about 60,000 searchable paragraphs, each seed paragraph re-used
in some 330 documents with its years rewritten) plus the 43 labelled real releases in six
languages, with a light-edit variant of one paragraph of 30 of them planted in a new
document of another year (two edits each: a number or a name changed, a sentence dropped
or added). Oracle: exact shingle Jaccard against every paragraph; tie-aware recall@10
(relevant: at least 0.3 and the oracle's tenth best). Each method in a fresh process, on
2 shared cores:

====================================  =======  =========  ==========  ==================
method                                planted  synthetic  open        first / median /
                                      recall   recall                 max query
====================================  =======  =========  ==========  ==================
document index + shingles (chosen)    1.000    0.930      5-14 ms     73 / 39 / 85 ms;
                                                                      busy: 211/48/420
Whoosh ``more_like`` on a paragraph   1.000    0.955      30-47 ms    45-65 / 207-220 /
index (49 MB, built separately)                                       1,563-1,994 ms
MinHash LSH, datasketch, 128 perms,   1.000    1.000      642-660 ms  3 / 1 / 60-88 ms
threshold 0.3 (44 MB pickle)
====================================  =======  =========  ==========  ==================

Every method finds all 30 planted variants first. Ours misses some of the synthetic
archive's ties: when 330 documents hold a paragraph, 64 candidates do not always include
every copy of the same year (similarity 1.0, against 0.9 for the others). Whoosh's
``more_like`` over paragraphs answers in up to 2 s (a long OR over 60,000 short documents,
scored one posting at a time), over the 500 ms target. MinHash LSH has perfect recall and
the fastest queries, but loading its index takes 0.65 s the first time (over the target),
it is a second derived index to keep in step with SQLite, and datasketch imports scipy
(113 MB). The document index's candidates meet recall and speed with no new index.
"""

from archive.passages.asking import PassageError, asked_passage
from archive.passages.finder import SimilarPassage, SimilarPassages, find_similar_passages
from archive.passages.matching import AskedPassage
from archive.passages.paragraphs import MIN_WORDS, Paragraph, paragraphs_of

__all__ = [
    "MIN_WORDS",
    "AskedPassage",
    "Paragraph",
    "PassageError",
    "SimilarPassage",
    "SimilarPassages",
    "asked_passage",
    "find_similar_passages",
    "paragraphs_of",
]
