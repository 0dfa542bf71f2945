"""The anchors' indexes of the 100,000-document archive, built once and kept in the cache.

Textbook Whoosh takes about ten minutes to index 100,000 documents and FTS5 half a minute,
and neither changes from one run to the next unless the corpus, the anchors' code or Whoosh
does. At that size no target compares import times (only search), so a ``--scale`` run
keeps both indexes in ``benchmarks/.cache/`` beside the corpus, with the figures of the
import that built them, and only searches them on later runs. Runs of the default size
always import the anchors afresh: their import ratios are measured in the same run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib import metadata
from pathlib import Path

from benchmarks import anchors
from benchmarks.corpora import CACHE, Corpus
from benchmarks.measure import Figures

_FIGURES = "import-figures.json"


def folder(corpus: Corpus) -> Path:
    """Where the anchors of ``corpus`` are kept, named after what they depend on."""
    code = Path(anchors.__file__).read_bytes()
    key = hashlib.sha256(code + metadata.version("whoosh3").encode()).hexdigest()[:12]
    return CACHE / f"anchors-{corpus.folder.name}-{key}"


def kept_import(target: Path) -> Figures | None:
    """The figures of the import that built ``target``, if it was kept whole."""
    figures = target.parent / f"{target.name}.{_FIGURES}"
    if not target.exists() or not figures.exists():
        return None
    kept: Figures = json.loads(figures.read_text(encoding="utf-8"))
    return kept


def keep_import(target: Path, figures: Figures) -> None:
    """Record that ``target`` was built whole, with its import's figures."""
    record = target.parent / f"{target.name}.{_FIGURES}"
    record.write_text(json.dumps(figures), encoding="utf-8")


def discard(target: Path) -> None:
    """Remove a half-built index (an import that failed or was stopped) before a new one."""
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
