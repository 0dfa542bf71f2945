"""Countries and international organisations a document mentions: the archive's facets.

``catalogue`` names every entity with its spellings (countries from CLDR through Babel,
organisations from a curated list), ``finder`` finds them in a text in one pass, and
``store`` keeps which documents mention which entity in SQLite, as derived data kept in
step with the documents.
"""

from archive.mentions.catalogue import Entity, EntityKind, catalogue
from archive.mentions.finder import MentionFinder, default_finder
from archive.mentions.store import EntityCount, MentionStore

__all__ = [
    "Entity",
    "EntityCount",
    "EntityKind",
    "MentionFinder",
    "MentionStore",
    "catalogue",
    "default_finder",
]
