"""``ArchiveDocumentSource``: panes get rendered documents and hit positions from the archive."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from archive.api import Archive
from archive.search import QueryError
from archive.search.errors import IndexUnavailableError
from reader.archive_service import ArchiveService
from reader.document.page import PageColours, render_page
from reader.document.pane import FoundHits, RenderedDocument

log = logging.getLogger("reader.document")


def palette_colours(palette: QPalette) -> PageColours:
    return PageColours(
        text=palette.text().color().name(),
        base=palette.base().color().name(),
        muted=palette.placeholderText().color().name(),
        link=palette.link().color().name(),
    )


class ArchiveDocumentSource:
    """Fetches and renders documents on the render thread, finds hits on the search thread.

    The page's colours are those of ``palette_owner`` when the document is asked for.
    """

    def __init__(self, service: ArchiveService, palette_owner: QWidget) -> None:
        self._service = service
        self._palette_owner = palette_owner

    def load(
        self,
        document_id: int,
        on_loaded: Callable[[RenderedDocument], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        colours = palette_colours(self._palette_owner.palette())

        def render(archive: Archive) -> RenderedDocument:
            document = archive.document(document_id)
            return RenderedDocument(document, render_page(document, colours))

        self._service.render(render, on_loaded, on_failed)

    def find_hits(self, query: str, text: str, on_found: Callable[[FoundHits], None]) -> None:
        def find(archive: Archive) -> FoundHits:
            return FoundHits(query, text, archive.hit_spans(query, text))

        self._service.search(find, on_found, _on_find_failed)


def _on_find_failed(error: BaseException) -> None:
    if isinstance(error, (QueryError, IndexUnavailableError)):
        # The search panel already says what is wrong with the query, or that the index
        # is being rebuilt; nothing is marked.
        return
    log.error("Finding the hits of a search in a document failed", exc_info=error)
