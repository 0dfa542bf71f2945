"""``AnnotationController``: highlights in the panes, and the commands that make and change them.

Annotations point into each document's stored text; a ``TextMap`` per pane places them in
the text the pane shows. Changes go through an undo stack whose commands run on the
archive's write thread; when one reports back, the panes showing its document are marked
again and ``changed`` tells the panel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

from archive.annotations.model import Annotation
from archive.api import Archive
from reader.annotations.all_annotations import AllAnnotationsDialog
from reader.annotations.colours import DEFAULT_COLOR, colour_of
from reader.annotations.commands import AddAnnotation, DeleteAnnotation, EditAnnotation
from reader.annotations.note_editor import NoteEditor
from reader.annotations.note_rendering import note_tool_tip
from reader.annotations.reattach_offer import ReattachSuggestion
from reader.annotations.text_map import TextMap
from reader.archive_service import ArchiveService
from reader.document.pane import DocumentPane
from reader.document.pane_pair import PanePair
from reader.document.reading_view import Mark

log = logging.getLogger("reader.annotations")


@dataclass(frozen=True)
class _BuiltMap:
    """A text map made on a worker thread, for the pane and document it was made for."""

    pane: DocumentPane
    document_id: int
    text_map: TextMap


class AnnotationController(QObject):
    """Makes, changes and draws the annotations of the documents shown.

    Signals:
        changed(): the annotations of a document shown changed, or what is shown did.
        failed(str): a change could not be made; the message is for the user.
        open_requested(int, int): an annotation (id, document id) is to be opened.
        highlight_clicked(int): the highlight of an annotation (its id) was clicked.
        suggestion_found(int, object): the place suggested for an orphan (its id) was
            looked for: a ``ReattachSuggestion``, or ``None`` when there is no likely one.
        export_requested(object): All Annotations asked to export these annotation ids
            (a list), or all of them (``None``).
    """

    changed = Signal()
    failed = Signal(str)
    open_requested = Signal(int, int)
    highlight_clicked = Signal(int)
    suggestion_found = Signal(int, object)
    export_requested = Signal(object)

    def __init__(self, service: ArchiveService, panes: PanePair, parent: QWidget) -> None:
        super().__init__(parent)
        self._service = service
        self._panes = panes
        self._window = parent
        self.color = DEFAULT_COLOR
        self.undo_stack = QUndoStack(self)
        self.editor: NoteEditor | None = None
        self.all_annotations: AllAnnotationsDialog | None = None
        self._maps: dict[DocumentPane, TextMap] = {}
        self._shown: dict[DocumentPane, list[Annotation]] = {}
        self._pending_reveal: Annotation | None = None  # to show once its document is
        # The suggested passage each pane selected as a preview (Qt positions): replaced by
        # the next preview, unlike a selection the reader made.
        self._previews: dict[DocumentPane, tuple[int, int]] = {}
        panes.document_shown.connect(self._on_document_shown)
        for pane in panes.panes:
            pane.view.mark_clicked.connect(self.highlight_clicked)
        panes.pane_closed.connect(self._on_pane_closed)

    # -- what is shown ---------------------------------------------------------------------

    def shown(self) -> list[tuple[DocumentPane, list[Annotation]]]:
        """Each open pane with its document's annotations (in document order, orphans last)."""
        return [
            (pane, self._shown.get(pane, []))
            for pane in self._panes.open_panes()
            if pane.document is not None
        ]

    def text_map(self, pane: DocumentPane) -> TextMap | None:
        return self._maps.get(pane)

    @Slot(object)
    def _on_document_shown(self, pane: DocumentPane) -> None:
        document = pane.document
        if document is None:
            return
        # Aligning the two texts takes seconds for a multi-megabyte release: not on the GUI
        # thread. Until the map arrives, the pane has no highlights and no selection to keep.
        self._maps.pop(pane, None)
        shown = pane.view.toPlainText()

        def build(_archive: Archive) -> _BuiltMap:
            return _BuiltMap(pane, document.id, TextMap(document.text, shown))

        self._service.render(build, self._on_map_built)

    def _on_map_built(self, built: _BuiltMap) -> None:
        pane = built.pane
        if not pane.is_open or pane.document is None or pane.document.id != built.document_id:
            return  # the pane shows something else by now
        self._maps[pane] = built.text_map
        self._mark(pane)
        self.changed.emit()
        pending = self._pending_reveal
        if pending is not None and pending.document_id == pane.document.id:
            self._pending_reveal = None
            self.reveal(pending)

    @Slot(object)
    def _on_pane_closed(self, pane: DocumentPane) -> None:
        self._maps.pop(pane, None)
        self._shown.pop(pane, None)
        self._previews.pop(pane, None)
        self.changed.emit()

    def _mark(self, pane: DocumentPane) -> None:
        text_map = self._maps.get(pane)
        if pane.document is None or text_map is None:
            return
        annotations = self._service.reads.annotations(pane.document.id)
        self._shown[pane] = annotations
        marks = []
        for annotation in annotations:
            span = annotation.span
            qt_span = text_map.stored_to_qt(*span) if span is not None else None
            if qt_span is not None:
                marks.append(
                    Mark(
                        *qt_span,
                        colour_of(annotation.color),
                        annotation.note,
                        annotation.id,
                        tip_html=note_tool_tip(annotation.note) if annotation.note else "",
                    )
                )
        pane.view.set_marks(marks)

    def refresh(self, document_id: int | None = None) -> None:
        """Read the annotations again of the panes showing ``document_id`` (or all)."""
        for pane in self._panes.open_panes():
            if pane.document is not None and document_id in (None, pane.document.id):
                self._mark(pane)
        self.changed.emit()

    @Slot()
    def _on_colour_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.color = str(action.data())

    # -- the selection ---------------------------------------------------------------------

    def selection(self) -> tuple[DocumentPane, tuple[int, int]] | None:
        """The selected passage (stored offsets) of the active pane, else of the other."""
        active = self._panes.active_pane
        for pane in [active] + [p for p in self._panes.open_panes() if p is not active]:
            cursor = pane.view.textCursor()
            text_map = self._maps.get(pane)
            if not pane.is_open or not cursor.hasSelection() or text_map is None:
                continue
            span = text_map.qt_to_stored(cursor.selectionStart(), cursor.selectionEnd())
            if span is not None and pane.document is not None:
                return pane, span
        return None

    def _warn_no_selection(self) -> None:
        self.failed.emit("Select a passage of the document first.")

    @Slot()
    def highlight_selection(self) -> None:
        """Highlight the selected passage in the current colour."""
        selected = self.selection()
        if selected is None:
            self._warn_no_selection()
            return
        pane, span = selected
        assert pane.document is not None
        self.undo_stack.push(AddAnnotation(self._write, pane.document.id, span, color=self.color))

    @Slot()
    def annotate_selection(self) -> None:
        """Open the note editor for the selected passage; OK annotates it."""
        selected = self.selection()
        if selected is None:
            self._warn_no_selection()
            return
        pane, (start, end) = selected
        assert pane.document is not None
        editor = NoteEditor(pane.document.text[start:end], self._window, color=self.color)
        editor.setProperty("documentId", pane.document.id)
        editor.setProperty("span", [start, end])
        self._open_editor(editor)

    def edit(self, annotation: Annotation) -> None:
        """Open the note editor on an annotation; OK saves its changes."""
        editor = NoteEditor(
            annotation.quote,
            self._window,
            note=annotation.note,
            tags=annotation.tags,
            color=annotation.color,
            annotation_id=annotation.id,
        )
        self._open_editor(editor)

    def _open_editor(self, editor: NoteEditor) -> None:
        if self.editor is not None:
            self.editor.close()
        editor.accepted.connect(self._on_editor_accepted)
        editor.finished.connect(self._on_editor_finished)
        self.editor = editor
        editor.open()

    @Slot()
    def _on_editor_accepted(self) -> None:
        editor = self.sender()
        if not isinstance(editor, NoteEditor):
            return
        if editor.annotation_id is None:
            start, end = editor.property("span")
            command = AddAnnotation(
                self._write,
                int(editor.property("documentId")),
                (int(start), int(end)),
                color=editor.color,
                note=editor.note,
                tags=editor.tags,
            )
            self.undo_stack.push(command)
            return
        try:
            before = self._service.reads.annotation(editor.annotation_id)
        except LookupError:
            self.failed.emit("The annotation was deleted meanwhile.")
            return
        self.undo_stack.push(
            EditAnnotation(
                self._write, before, note=editor.note, tags=editor.tags, color=editor.color
            )
        )

    @Slot()
    def _on_editor_finished(self) -> None:
        editor = self.sender()
        if editor is self.editor and isinstance(editor, NoteEditor):
            self.editor = None
            editor.deleteLater()

    def delete(self, annotation: Annotation) -> None:
        self.undo_stack.push(DeleteAnnotation(self._write, annotation))

    def reattach(self, annotation: Annotation) -> None:
        """Attach an annotation to the passage selected in a pane showing its document."""
        selected = self.selection()
        if selected is None or selected[0].document is None:
            self._warn_no_selection()
            return
        pane, (start, end) = selected
        if pane.document is None or pane.document.id != annotation.document_id:
            self.failed.emit("Select the passage in the annotation's own document.")
            return
        annotation_id = annotation.id

        def reattach(archive: Archive) -> Annotation:
            return archive.reattach_annotation(annotation_id, start, end)

        self._write(reattach)

    # -- re-attaching an orphan where its passage most likely is --------------------------

    def suggest(self, annotation: Annotation) -> None:
        """Look for an orphan's likely place off the GUI thread; ``suggestion_found`` tells."""
        annotation_id, document_id = annotation.id, annotation.document_id

        def find(archive: Archive) -> tuple[int, ReattachSuggestion | None]:
            try:
                span = archive.suggest_reattachment(annotation_id)
                text = archive.document(document_id).text
            except LookupError:
                # The orphan or its document was deleted meanwhile: the list is refreshed.
                return annotation_id, None
            if span is None:
                return annotation_id, None
            start, end = span
            passage = text[start:end]
            return annotation_id, ReattachSuggestion(
                annotation_id, document_id, start, end, passage
            )

        self._service.render(find, self._on_suggestion_found, self._on_suggestion_failed)

    @Slot(object)
    def _on_suggestion_found(self, found: tuple[int, ReattachSuggestion | None]) -> None:
        self.suggestion_found.emit(*found)

    @Slot(object)
    def _on_suggestion_failed(self, error: BaseException) -> None:
        log.warning("No place could be suggested for an orphan", exc_info=error)

    def preview(self, suggestion: ReattachSuggestion) -> bool:
        """Scroll a pane showing the suggested passage to it and flash it; select it too.

        A selection the reader made is kept, not replaced by the suggested passage: they
        may have chosen the words for "Re-attach to Selection" before choosing the orphan.
        """
        found = self._shown_span(suggestion.document_id, (suggestion.start, suggestion.end))
        if found is None:
            return False
        pane, (start, end) = found
        cursor = pane.view.textCursor()
        selected = (cursor.selectionStart(), cursor.selectionEnd())
        if cursor.hasSelection() and selected != self._previews.get(pane):
            pane.view.scroll_to_top_of(start)
        else:
            pane.view.reveal(start, end)
            self._previews[pane] = (start, end)
        pane.view.flash(start, end)
        return True

    def reattach_here(self, suggestion: ReattachSuggestion) -> None:
        """Attach an orphan to the place suggested for it, as the reader confirmed."""
        annotation_id, start, end = suggestion.annotation_id, suggestion.start, suggestion.end
        document_id, passage = suggestion.document_id, suggestion.passage

        def reattach(archive: Archive) -> Annotation:
            # The reader agreed to these words: if another program changed the document
            # since, the offsets may hold others.
            if archive.document(document_id).text[start:end] != passage:
                raise ValueError(
                    "The document changed since that place was suggested: choose the "
                    "annotation again to see where its passage is now."
                )
            return archive.reattach_annotation(annotation_id, start, end)

        self._write(reattach)

    def reveal(self, annotation: Annotation) -> bool:
        """Scroll a pane showing the annotation's passage to it, and select it."""
        span = annotation.span
        found = None if span is None else self._shown_span(annotation.document_id, span)
        if found is None:
            return False
        pane, qt_span = found
        pane.view.reveal(*qt_span)
        pane.view.flash(*qt_span)
        return True

    def _shown_span(
        self, document_id: int, span: tuple[int, int]
    ) -> tuple[DocumentPane, tuple[int, int]] | None:
        """The first pane showing ``span`` (stored offsets) of a document, and where (Qt)."""
        for pane, _ in self.shown():
            text_map = self._maps.get(pane)
            if pane.document is None or pane.document.id != document_id:
                continue
            if text_map is None:
                return None
            qt_span = text_map.stored_to_qt(*span)
            if qt_span is not None:
                return pane, qt_span
        return None

    @Slot()
    def show_all(self) -> None:
        """Open (or bring forward) the tree of every annotation in the archive."""
        if self.all_annotations is None:
            self.all_annotations = AllAnnotationsDialog(self._window)
            self.all_annotations.annotation_chosen.connect(self.open_requested)
            self.all_annotations.export_requested.connect(self.export_requested)
            self.changed.connect(self._on_changed_for_all)
        self.all_annotations.show()
        self.all_annotations.raise_()
        self._on_changed_for_all()

    @Slot()
    def _on_changed_for_all(self) -> None:
        if self.all_annotations is not None and self.all_annotations.isVisible():
            reads = self._service.reads
            self.all_annotations.set_annotations(reads.list_documents(), reads.annotations())

    def go_to(self, annotation_id: int) -> None:
        """Reveal an annotation now, or once its document (being opened) is shown."""
        self._pending_reveal = None
        try:
            annotation = self._service.reads.annotation(annotation_id)
        except LookupError:
            self.failed.emit("That annotation has been deleted.")
            return
        if not self.reveal(annotation):
            self._pending_reveal = annotation

    # -- writes ----------------------------------------------------------------------------

    def _write(self, operation: Callable[[Archive], Annotation]) -> None:
        self._service.write(operation, self._on_written, self._on_write_failed)

    @Slot(object)
    def _on_written(self, annotation: Annotation) -> None:
        self.refresh(annotation.document_id)

    @Slot(object)
    def _on_write_failed(self, error: BaseException) -> None:
        log.warning("An annotation change failed: %s", error)
        self.failed.emit(str(error))
        self.refresh()
