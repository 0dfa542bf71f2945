"""Where else a passage appears: the paragraphs of other documents that reuse its wording.

To be written: the measurements.
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
