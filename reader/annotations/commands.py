"""Undoable annotation changes: each runs on the archive's write thread.

``QUndoStack.push`` calls ``redo`` at once; the change itself is queued on the write
thread, which runs changes one after another in order. So an undo queued before its
change has reported back still finds the annotation the change made: each operation
keeps what it made in the command, on the write thread, for the next one to use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from archive.annotations.model import Annotation
from archive.api import Archive

Write = Callable[[Callable[[Archive], Annotation]], None]


class AddAnnotation(QUndoCommand):
    """Highlight a passage (with a note); undo deletes it, redo restores it."""

    def __init__(
        self,
        write: Write,
        document_id: int,
        span: tuple[int, int],
        *,
        color: str,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> None:
        super().__init__("Add Note" if note else "Highlight")
        self._write = write
        self._document_id = document_id
        self._span = span
        self._fields = (color, note, tuple(tags))
        self._made: Annotation | None = None

    def redo(self) -> None:
        self._write(self._add)

    def undo(self) -> None:
        self._write(self._delete)

    def _add(self, archive: Archive) -> Annotation:
        if self._made is not None:
            self._made = archive.restore_annotation(self._made)
        else:
            color, note, tags = self._fields
            start, end = self._span
            self._made = archive.add_annotation(
                self._document_id, start, end, color=color, note=note, tags=tags
            )
        return self._made

    def _delete(self, archive: Archive) -> Annotation:
        assert self._made is not None, "undone before it was done"
        self._made = archive.delete_annotation(self._made.id)
        return self._made


class DeleteAnnotation(QUndoCommand):
    """Delete an annotation; undo restores it (same uuid, anchored again)."""

    def __init__(self, write: Write, annotation: Annotation) -> None:
        super().__init__("Delete Note")
        self._write = write
        self._annotation = annotation

    def redo(self) -> None:
        self._write(self._delete)

    def undo(self) -> None:
        self._write(self._restore)

    def _delete(self, archive: Archive) -> Annotation:
        self._annotation = archive.delete_annotation(self._annotation.id)
        return self._annotation

    def _restore(self, archive: Archive) -> Annotation:
        self._annotation = archive.restore_annotation(self._annotation)
        return self._annotation


class EditAnnotation(QUndoCommand):
    """Change the note, tags and colour; undo puts the old ones back."""

    def __init__(
        self, write: Write, before: Annotation, *, note: str, tags: Sequence[str], color: str
    ) -> None:
        super().__init__("Edit Note")
        self._write = write
        self._id = before.id
        self._before = (before.note, tuple(before.tags), before.color)
        self._after = (note, tuple(tags), color)

    def redo(self) -> None:
        self._write(self._apply_after)

    def undo(self) -> None:
        self._write(self._apply_before)

    def _apply_after(self, archive: Archive) -> Annotation:
        note, tags, color = self._after
        return archive.update_annotation(self._id, note=note, tags=tags, color=color)

    def _apply_before(self, archive: Archive) -> Annotation:
        note, tags, color = self._before
        return archive.update_annotation(self._id, note=note, tags=tags, color=color)
