"""The reading session of one archive: its open documents, where each is scrolled, the zoom.

Where it is kept: in the user's settings, under a key made from a hash of the data
directory's resolved path (``reader.settings.archive_session``), not in a file inside the
data directory. A session is one person's place in an archive, not part of the archive:
the data directory may be read-only (the archive then opens read-only, and its session
must still be kept), shared by several people, or copied, backed up and restored as the
archive, and none of that should carry a reading place along. The hash keeps the key one
plain word whatever characters the path holds; the path itself is stored beside it, for a
person reading the settings file. Two data directories never share a session; moving one
starts it afresh.

:class:`SessionKeeper` saves the session a moment after each change (a document opened or
closed, a pane scrolled or made active, the zoom, a year opened or closed), so that it is
not lost when the window is ended without closing it, and restores it at start.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer, Slot

from reader import settings as keys
from reader.document.pane import DocumentPane
from reader.document.reading_place import ReadingPlace, go_to_reading_place, reading_place
from reader.navigator.model import YearNavigatorModel, YearRole
from reader.settings import Settings

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow

log = logging.getLogger("reader.session")

SESSION_VERSION = 1
#: A change is saved this long after the last of a burst (scrolling sends many).
SAVE_DELAY_MS = 500


@dataclass(frozen=True)
class ArchiveSession:
    """What is restored when the window opens on an archive again.

    Attributes:
        panes: The documents open, left to right, each with where it was scrolled to.
        active: Which of them commands act on (an index into ``panes``).
        zoom: The text zoom step, or ``None`` to take the last one used anywhere.
        splitter: The widths of the two panes (and of the hint beside them), if known.
        expanded_years: The years opened in the navigator (``None``: the undated ones).
    """

    panes: tuple[ReadingPlace, ...] = ()
    active: int = 0
    zoom: int | None = None
    splitter: tuple[int, ...] = ()
    expanded_years: tuple[int | None, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": SESSION_VERSION,
                "panes": [
                    {"document": p.document_id, "block": p.block, "offset": p.offset}
                    for p in self.panes
                ],
                "active": self.active,
                "zoom": self.zoom,
                "splitter": list(self.splitter),
                "expanded_years": list(self.expanded_years),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> ArchiveSession:
        """The session written by :meth:`to_json`; an empty one if it cannot be read."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
            panes = tuple(
                ReadingPlace(int(p["document"]), int(p.get("block", 0)), int(p.get("offset", 0)))
                for p in data.get("panes", [])[:2]
            )
            zoom = data.get("zoom")
            return cls(
                panes=panes,
                active=int(data.get("active", 0)),
                zoom=int(zoom) if zoom is not None else None,
                splitter=tuple(int(size) for size in data.get("splitter", [])),
                expanded_years=tuple(
                    int(year) if year is not None else None
                    for year in data.get("expanded_years", [])
                ),
            )
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("The saved session of this archive cannot be read: %s", error)
            return cls()


class SessionStore:
    """Loads and saves the session of one data directory in the user's settings."""

    def __init__(self, settings: Settings, data_dir: Path) -> None:
        self._settings = settings
        self._data_dir = data_dir.resolve()
        self._option = keys.archive_session(self._data_dir)
        self._path_option = keys.archive_session_path(self._data_dir)

    def load(self) -> ArchiveSession:
        return ArchiveSession.from_json(self._settings.get(self._option))

    def save(self, session: ArchiveSession) -> None:
        self._settings.set(self._path_option, str(self._data_dir))
        self._settings.set(self._option, session.to_json())
        self._settings.sync()


class SessionKeeper(QObject):
    """Restores an archive's session in the window, and saves it whenever it changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.store = SessionStore(window.settings, window.service.data_dir)
        self._restoring: dict[DocumentPane, ReadingPlace] = {}
        self._restored = False  # nothing is saved before the session was restored
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        pair = window.pane_pair
        pair.document_shown.connect(self._on_document_shown)
        pair.pane_closed.connect(self.schedule_save)
        for pane in pair.panes:
            pane.activated.connect(self.schedule_save)
            pane.swap_requested.connect(self.schedule_save)  # after the pair swapped them
            pane.view.zoom_changed.connect(self.schedule_save)
            pane.view.verticalScrollBar().valueChanged.connect(self.schedule_save)
        pair.splitterMoved.connect(self.schedule_save)
        window.navigator.expanded.connect(self._on_year_toggled)
        window.navigator.collapsed.connect(self._on_year_toggled)

    # -- restoring -------------------------------------------------------------------------

    def restore(self) -> None:
        """Open the session's documents (those still in the archive), zoom and years."""
        window = self._window
        session = self.store.load()
        if session.zoom is not None:
            window.set_zoom(session.zoom)
        model = window.navigator_model
        if isinstance(model, YearNavigatorModel):
            for year in session.expanded_years:
                index = model.year_row(year)
                if index.isValid():
                    window.navigator.expand(index)
        opened: list[DocumentPane] = []
        for place in session.panes:
            try:
                window.service.reads.document(place.document_id)
            except LookupError:
                continue  # removed since
            window.open_document(place.document_id, beside=bool(opened))
            pane = window.pane_pair.active_pane
            self._restoring[pane] = place
            opened.append(pane)
        if len(session.splitter) == len(window.pane_pair.sizes()) and len(opened) == 2:
            window.pane_pair.setSizes(list(session.splitter))
        active = session.active if 0 <= session.active < len(opened) else 0
        window.pane_pair.set_active(window.pane_pair.panes.index(opened[active]) if opened else 0)
        self._restored = True

    @Slot(object)
    def _on_document_shown(self, pane: DocumentPane) -> None:
        place = self._restoring.pop(pane, None)
        if place is not None:
            go_to_reading_place(pane, place)
        self.schedule_save()

    @Slot(QModelIndex)
    def _on_year_toggled(self, _index: QModelIndex) -> None:
        self.schedule_save()

    # -- saving ----------------------------------------------------------------------------

    @Slot()
    def schedule_save(self) -> None:
        """Save in a moment (a burst of changes, such as scrolling, is saved once)."""
        if self._restored:
            self._timer.start()

    def current(self) -> ArchiveSession:
        """The session as the window shows it now."""
        window = self._window
        pair = window.pane_pair
        places: list[ReadingPlace] = []
        active = 0
        for pane in pair.open_panes():
            place = self._place_of(pane)
            if place is None:
                continue
            if pane is pair.active_pane:
                active = len(places)
            places.append(place)
        model = window.navigator_model
        expanded = [
            model.index(row, 0).data(YearRole)
            for row in range(model.rowCount())
            if window.navigator.isExpanded(model.index(row, 0))
        ]
        return ArchiveSession(
            panes=tuple(places),
            active=active,
            zoom=pair.panes[0].view.zoom,
            splitter=tuple(pair.sizes()) if len(places) == 2 else (),
            expanded_years=tuple(expanded),
        )

    def _place_of(self, pane: DocumentPane) -> ReadingPlace | None:
        """Where a pane is; while its document is still loading, where it is to be."""
        document_id = pane.document_id
        if document_id is None:
            return None
        pending = self._restoring.get(pane)
        if pending is not None and pending.document_id == document_id:
            return pending
        shown = reading_place(pane)
        if shown is not None and shown.document_id == document_id:
            return shown
        return ReadingPlace(document_id, 0, 0)

    @Slot()
    def save(self) -> None:
        """Save the session now."""
        self._timer.stop()
        if self._restored:
            self.store.save(self.current())
