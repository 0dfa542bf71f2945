"""Footnotes and endnotes of a Word document: numbered where referenced, listed at the end.

Press releases put sources, contacts and legal notes in footnotes; dropping them loses
text the author wrote, while Word's own page layout (a note at the foot of each page)
has no equivalent in one flowing document. So each reference becomes a marker such as
"[1]" in the text, numbered in the order the references appear, and the notes follow
the body in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.ingest.docx.word_xml import Element, attribute, children

# Word's own notes that draw the line above the footnotes, not text anyone wrote.
_SEPARATOR_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


@dataclass(frozen=True)
class ReferencedNote:
    """A note the body refers to.

    Attributes:
        marker: The marker shown in the text and before the note ("[1]").
        content: The ``w:footnote`` or ``w:endnote`` element (its paragraphs).
    """

    marker: str
    content: Element


class DocumentNotes:
    """The footnotes and endnotes a document holds, and the order they are referred to."""

    def __init__(self, footnotes: Element | None, endnotes: Element | None) -> None:
        """Index the notes parts.

        Args:
            footnotes: The root of ``word/footnotes.xml``, or ``None``.
            endnotes: The root of ``word/endnotes.xml``, or ``None``.
        """
        self._notes: dict[tuple[str, str], Element] = {}
        for kind, part in (("footnote", footnotes), ("endnote", endnotes)):
            for note in children(part, kind):
                note_id = attribute(note, "id")
                if note_id is not None and attribute(note, "type") not in _SEPARATOR_TYPES:
                    self._notes[(kind, note_id)] = note
        self._markers: dict[tuple[str, str], str] = {}
        self._referenced: list[ReferencedNote] = []
        self._count = 0

    def marker(self, kind: str, note_id: str) -> str | None:
        """The marker for a reference in the text, numbering notes as they come.

        Args:
            kind: ``"footnote"`` or ``"endnote"``.
            note_id: The note's ``w:id``.

        Returns:
            The marker ("[1]"), or ``None`` for a reference to a note that is missing.
        """
        key = (kind, note_id)
        if key in self._markers:
            return self._markers[key]
        note = self._notes.get(key)
        if note is None:
            return None
        self._count += 1
        marker = f"[{self._count}]"
        self._markers[key] = marker
        self._referenced.append(ReferencedNote(marker, note))
        return marker

    def take_referenced(self) -> list[ReferencedNote]:
        """The notes referred to since the last call, in the order of their markers."""
        referenced, self._referenced = self._referenced, []
        return referenced
