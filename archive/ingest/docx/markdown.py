"""A Word document's body as Markdown: headings, paragraphs, lists and tables in order.

Only the body is read. Headers and footers (the publisher's letterhead, copyright
lines, page numbers) are separate parts of the file and never reach the text, nor do
comments. Block-level wrappers (content controls, tracked insertions) are read through;
tracked deletions are not shown. Text boxes follow the paragraph they are anchored in,
footnotes and endnotes follow the body.

Tables with a header row and short cells become Markdown pipe tables. Word is also
used to lay pages out with tables (a narrow column for contacts beside the release, a
one-cell frame around a quote); such a table as a pipe table would squeeze the whole
release into a cell, so its cells are read as paragraphs instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.ingest.cleaning.plain_to_markdown import escape_markdown_line
from archive.ingest.docx.inline import InlineReader, ParagraphContent
from archive.ingest.docx.inline_markdown import paragraph_markdown, single_line_markdown
from archive.ingest.docx.notes import DocumentNotes
from archive.ingest.docx.styles import ListMarker, WordStyles
from archive.ingest.docx.word_xml import (
    MC_ALTERNATE_CONTENT,
    Element,
    attribute,
    child,
    chosen_alternative,
    sdt_content,
    tag_of,
    w,
)

#: A table cell longer than this holds running text, not data: the table is a layout.
MAX_DATA_CELL_CHARACTERS = 300
#: More paragraphs than this in one cell also mark a layout table.
MAX_DATA_CELL_PARAGRAPHS = 3
# A pipe table wider than this is unreadable; gridSpan values are capped by it too.
_MAX_TABLE_COLUMNS = 64
# Tables in text boxes in tables...: deeper than this is crafted, and is not followed.
_MAX_NESTING = 32
_LIST_INDENT = "    "  # Python-Markdown nests lists by four spaces
_HARD_LINE_BREAK = "  \n"

# Block-level wrappers whose content is shown in place.
_BLOCK_WRAPPERS = frozenset(w(tag) for tag in ("customXml", "ins", "moveTo"))


@dataclass(frozen=True)
class WordBody:
    """A document body as Markdown and as plain text.

    Attributes:
        markdown: The body as Markdown.
        text: The body's words as plain text (to judge metadata against).
    """

    markdown: str
    text: str


@dataclass
class _Blocks:
    """Markdown blocks as they are written, with the list being built."""

    chunks: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    item_level: int = -1
    kinds: dict[int, bool] = field(default_factory=dict)  # list level: numbered?
    words: list[str] = field(default_factory=list)

    def add(self, markdown: str) -> None:
        self._end_list()
        if markdown:
            self.chunks.append(markdown)

    def add_item(self, markdown: str, marker: ListMarker) -> None:
        # Markdown cannot skip a level: a list that starts indented, or jumps two
        # levels, is nested one level deeper than the item before it at most.
        level = min(marker.level, self.item_level + 1)
        if self.kinds.get(level, marker.ordered) != marker.ordered:
            # Python-Markdown runs a bulleted and a numbered list at one level together
            # (the "1." shows as text): the new kind starts a list of its own.
            self._end_list()
            level = 0
        self.kinds = {depth: kind for depth, kind in self.kinds.items() if depth < level}
        self.kinds[level] = marker.ordered
        self.item_level = level
        indent = _LIST_INDENT * level
        continuation = _HARD_LINE_BREAK + indent + _LIST_INDENT
        bullet = "1. " if marker.ordered else "- "
        self.items.append(indent + bullet + markdown.replace(_HARD_LINE_BREAK, continuation))

    def markdown(self) -> str:
        self._end_list()
        return "\n\n".join(self.chunks)

    def _end_list(self) -> None:
        if self.items:
            self.chunks.append("\n".join(self.items))
        self.items = []
        self.item_level = -1
        self.kinds = {}


class MarkdownWriter:
    """Writes one document's body as Markdown."""

    def __init__(self, styles: WordStyles, inline: InlineReader, notes: DocumentNotes) -> None:
        """Create a writer.

        Args:
            styles: The document's styles and numbering.
            inline: Reads paragraphs' content (it numbers notes into ``notes``).
            notes: The document's footnotes and endnotes.
        """
        self._styles = styles
        self._inline = inline
        self._notes = notes

    def write(self, body: Element) -> WordBody:
        """The Markdown and text of a ``w:body`` element, notes after it."""
        blocks = _Blocks()
        self._write_blocks(body, blocks, depth=0)
        while referenced := self._notes.take_referenced():
            for note in referenced:
                self._write_note(note.marker, note.content, blocks)
        return WordBody(blocks.markdown(), "\n".join(blocks.words))

    def _write_blocks(self, container: Element, blocks: _Blocks, depth: int) -> None:
        if depth > _MAX_NESTING:
            return
        for element in container:
            tag = tag_of(element)
            if tag == w("p"):
                self._write_paragraph(element, blocks, depth)
            elif tag == w("tbl"):
                self._write_table(element, blocks, depth)
            elif tag == w("sdt"):
                control = sdt_content(element)
                if control is not None:
                    self._write_blocks(control, blocks, depth + 1)
            elif tag in _BLOCK_WRAPPERS:
                self._write_blocks(element, blocks, depth + 1)
            elif tag == MC_ALTERNATE_CONTENT:
                chosen = chosen_alternative(element)
                if chosen is not None:
                    self._write_blocks(chosen, blocks, depth + 1)
            # w:del and w:moveFrom are deleted text; w:sectPr is page layout; an
            # w:altChunk imports another file's content, which is not read.

    def _write_paragraph(self, paragraph: Element, blocks: _Blocks, depth: int) -> None:
        content = self._inline.read(paragraph)
        if not content.is_blank:
            blocks.words.append(content.plain_text())
            self._write_content(paragraph, content, blocks)
        for text_box in content.text_boxes:
            self._write_blocks(text_box, blocks, depth + 1)

    def _write_content(
        self, paragraph: Element, content: ParagraphContent, blocks: _Blocks
    ) -> None:
        level = self._styles.heading_level(paragraph)
        if level is not None:
            blocks.add("#" * level + " " + _heading_text(content))
            return
        marker = self._styles.list_marker(paragraph)
        if marker is not None:
            blocks.add_item(paragraph_markdown(content.lines), marker)
        else:
            blocks.add(paragraph_markdown(content.lines))

    def _write_note(self, marker: str, note: Element, blocks: _Blocks) -> None:
        first = True
        for paragraph in note.iter(w("p")):
            content = self._inline.read(paragraph)
            if content.is_blank:
                continue
            blocks.words.append(content.plain_text())
            text = paragraph_markdown(content.lines)
            if first:
                text = f"{escape_markdown_line(marker)} {text}"
                first = False
            blocks.add(text)

    def _write_table(self, table: Element, blocks: _Blocks, depth: int) -> None:
        rows = _table_rows(table)
        cells = [[self._cell_paragraphs(cell) for cell in row] for row in rows]
        if _is_layout_table(rows, cells):
            for row in rows:
                for cell in row:
                    if cell is not None:
                        self._write_blocks(cell, blocks, depth + 1)
            return
        width = max(len(row) for row in cells)
        lines = []
        for index, row_cells in enumerate(cells):
            texts = [
                " ".join(single_line_markdown(paragraph.lines) for paragraph in paragraphs)
                for paragraphs in row_cells
            ]
            texts += [""] * (width - len(texts))
            lines.append("| " + " | ".join(texts) + " |")
            if index == 0:
                lines.append("| " + " | ".join(["---"] * width) + " |")
            blocks.words.extend(
                paragraph.plain_text() for paragraphs in row_cells for paragraph in paragraphs
            )
        blocks.add("\n".join(lines))

    def _cell_paragraphs(self, cell: Element | None) -> list[ParagraphContent]:
        """The paragraphs of a cell that show text (``None``: a merged position)."""
        if cell is None:
            return []
        paragraphs = (self._inline.read(paragraph) for paragraph in cell.iter(w("p")))
        return [paragraph for paragraph in paragraphs if not paragraph.is_blank]


def _heading_text(content: ParagraphContent) -> str:
    text = single_line_markdown(content.lines)
    # Closing hashes end an ATX heading: "C#" would lose its "#" without the escape.
    if text.endswith("#") and not text.endswith("\\#"):
        text = text[:-1] + "\\#"
    return text


def _table_rows(table: Element) -> list[list[Element | None]]:
    """The table's cells row by row; ``None`` fills merged-cell positions."""
    rows: list[list[Element | None]] = []
    for row in _unwrapped(table, "tr"):
        cells: list[Element | None] = []
        for cell in _unwrapped(row, "tc"):
            properties = child(cell, "tcPr")
            merge = child(properties, "vMerge")
            continues_above = merge is not None and attribute(merge, "val") != "restart"
            cells.append(None if continues_above else cell)
            span = attribute(child(properties, "gridSpan"), "val") or "1"
            extra = int(span) - 1 if span.isdigit() and len(span) < 4 else 0
            cells.extend([None] * min(extra, _MAX_TABLE_COLUMNS))
        if cells:
            rows.append(cells)
    return rows


def _unwrapped(container: Element, tag: str) -> list[Element]:
    """``w:tag`` children, also those inside content controls and custom XML."""
    found: list[Element] = []
    for element in container:
        element_tag = tag_of(element)
        if element_tag == w(tag):
            found.append(element)
        elif element_tag == w("sdt"):
            control = sdt_content(element)
            if control is not None:
                found.extend(_unwrapped(control, tag))
        elif element_tag == w("customXml"):
            found.extend(_unwrapped(element, tag))
    return found


def _is_layout_table(
    rows: list[list[Element | None]], cells: list[list[list[ParagraphContent]]]
) -> bool:
    """Whether a table lays a page out rather than holding data (see the module doc)."""
    if len(rows) < 2:
        return True
    width = max(len(row) for row in rows)
    if width < 2 or width > _MAX_TABLE_COLUMNS:
        return True
    for row in rows:
        for cell in row:
            if cell is not None and next(cell.iter(w("tbl")), None) is not None:
                return True
    for row_cells in cells:
        for paragraphs in row_cells:
            characters = sum(len(paragraph.plain_text()) for paragraph in paragraphs)
            too_long = characters > MAX_DATA_CELL_CHARACTERS
            if too_long or len(paragraphs) > MAX_DATA_CELL_PARAGRAPHS:
                return True
    return False
