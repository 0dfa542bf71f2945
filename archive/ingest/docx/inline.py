"""The text inside one Word paragraph: runs, links, line breaks, as the reader sees it.

What Word shows is not simply every ``w:t`` in the paragraph: tracked deletions
(``w:del``) and hidden text are not shown, tracked insertions and moves are; content
controls, smart tags and simple fields wrap ordinary runs; a field's instructions
(``w:instrText``) are hidden behind its result. Comments live in a part of their own
that is never read. Text boxes anchored in the paragraph are handed back separately,
to be read as paragraphs after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archive.ingest.docx.word_xml import (
    MATH_NAMESPACE,
    MC_ALTERNATE_CONTENT,
    RELATIONSHIP_NAMESPACE,
    Element,
    attribute,
    child,
    chosen_alternative,
    is_on,
    sdt_content,
    tag_of,
    w,
)

_MATH_TEXT = f"{{{MATH_NAMESPACE}}}t"
_MATH_BLOCKS = frozenset({f"{{{MATH_NAMESPACE}}}oMath", f"{{{MATH_NAMESPACE}}}oMathPara"})
_RELATIONSHIP_ID = f"{{{RELATIONSHIP_NAMESPACE}}}id"

# Elements whose runs are shown as if they stood in the paragraph itself.
_TRANSPARENT = frozenset(
    w(tag) for tag in ("ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)
_NOTE_REFERENCES = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_SPACES = frozenset({w("tab"), w("ptab")})
_LINE_BREAKS = frozenset({w("br"), w("cr")})
_TEXT_BOX = w("txbxContent")
# Where a run keeps shapes; text boxes are looked for only inside these.
_SHAPES = frozenset({w("drawing"), w("pict"), w("object"), MC_ALTERNATE_CONTENT})

#: Resolves a hyperlink's relationship id to its external address (or ``None``).
LinkResolver = Callable[[str], "str | None"]
#: Turns a footnote or endnote reference (kind, id) into the marker shown in the text.
NoteMarker = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Segment:
    """A stretch of text with one look.

    Attributes:
        text: The text, without line breaks.
        bold: Shown in bold.
        italic: Shown in italics.
        url: The external address it links to, if any.
    """

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


@dataclass
class ParagraphContent:
    """What one paragraph holds.

    Attributes:
        lines: The paragraph's lines (split at line breaks), each a list of segments.
        text_boxes: ``w:txbxContent`` elements anchored in the paragraph.
    """

    lines: list[list[Segment]] = field(default_factory=lambda: [[]])
    text_boxes: list[Element] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        """Whether the paragraph shows no text at all (an empty paragraph is spacing)."""
        return not any(segment.text.strip() for line in self.lines for segment in line)

    def plain_text(self) -> str:
        """The paragraph's text on one line."""
        return " ".join("".join(segment.text for segment in line) for line in self.lines)


class InlineReader:
    """Reads paragraphs' content, resolving links and footnote markers."""

    def __init__(self, links: LinkResolver, note_marker: NoteMarker) -> None:
        """Create a reader.

        Args:
            links: Resolves a hyperlink relationship id to its address.
            note_marker: Gives the marker for a footnote or endnote reference.
        """
        self._links = links
        self._note_marker = note_marker

    def read(self, paragraph: Element) -> ParagraphContent:
        """The content of a ``w:p`` element.

        Args:
            paragraph: The paragraph.

        Returns:
            Its lines of text and the text boxes anchored in it.
        """
        content = ParagraphContent()
        self._read_container(paragraph, content, url=None)
        return content

    def _read_container(self, element: Element, content: ParagraphContent, url: str | None) -> None:
        for item in element:
            tag = tag_of(item)
            if tag == w("r"):
                self._read_run(item, content, url)
            elif tag == w("hyperlink"):
                relationship = item.get(_RELATIONSHIP_ID)
                link = self._links(relationship) if isinstance(relationship, str) else None
                self._read_container(item, content, url or link)
            elif tag in _TRANSPARENT:
                self._read_container(item, content, url)
            elif tag == w("sdt"):
                control = sdt_content(item)
                if control is not None:
                    self._read_container(control, content, url)
            elif tag == MC_ALTERNATE_CONTENT:
                chosen = chosen_alternative(item)
                if chosen is not None:
                    self._read_container(chosen, content, url)
            elif tag in _MATH_BLOCKS:
                text = "".join(node.text or "" for node in item.iter(_MATH_TEXT))
                _append(content, Segment(text))
            # Anything else (w:del, w:moveFrom, properties, bookmarks, comment ranges,
            # proofing marks) shows no text.

    def _read_run(self, run: Element, content: ParagraphContent, url: str | None) -> None:
        properties = child(run, "rPr")
        if is_on(child(properties, "vanish")):
            return
        bold = is_on(child(properties, "b"))
        italic = is_on(child(properties, "i"))
        for item in run:
            tag = tag_of(item)
            if tag == w("t"):
                _append(content, Segment(item.text or "", bold, italic, url))
            elif tag in _SPACES:
                _append(content, Segment(" ", bold, italic, url))
            elif tag in _LINE_BREAKS:
                content.lines.append([])
            elif tag == w("noBreakHyphen"):
                _append(content, Segment("-", bold, italic, url))
            elif tag in _NOTE_REFERENCES:
                note_id = attribute(item, "id")
                marker = self._note_marker(_NOTE_REFERENCES[tag], note_id) if note_id else None
                if marker:
                    _append(content, Segment(marker))
            elif tag in _SHAPES:
                content.text_boxes.extend(_text_boxes(item))
            # w:delText and w:instrText are not shown; w:softHyphen only where a line
            # wraps; w:sym draws from a symbol font with no Unicode meaning.


def _append(content: ParagraphContent, segment: Segment) -> None:
    if segment.text:
        content.lines[-1].append(segment)


def _text_boxes(shape: Element) -> list[Element]:
    """The outermost text boxes inside a run's shape, each read once."""
    found: list[Element] = []
    pending = [shape]
    while pending:
        element = pending.pop()
        tag = tag_of(element)
        if tag == _TEXT_BOX:
            found.append(element)
            continue
        if tag == MC_ALTERNATE_CONTENT:
            chosen = chosen_alternative(element)
            if chosen is not None:
                pending.append(chosen)
            continue
        pending.extend(reversed(list(element)))
    return found
