"""A note is Markdown: formatted where the window shows rich text, plain text elsewhere.

:func:`note_html` gives the rich text of a note for a tool tip; :func:`note_plain` the
same note as text, its Markdown taken away, for a list row. Both read the note with one
restricted Python-Markdown: raw HTML in a note is text (never markup), an image becomes
its description (``![a chart](/dev/zero)`` reads "[image: a chart]"), and only basic
formatting comes out — paragraphs, bold, italic, code, quotes, lists and links. A link is shown, not
followed, and keeps its address only for ``http``, ``https`` and ``mailto``. Nothing the
rich text holds names a resource, so no view that shows it can read a file (issue 11).
Editing a note still edits its Markdown.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from reader.text_cache import text_cached
from reader.untrusted_text import ELLIPSIS, MAX_TOOL_TIP_CHARACTERS

ALLOWED_TAGS = frozenset(
    {"p", "strong", "em", "code", "pre", "a", "ul", "ol", "li", "br", "blockquote", "hr"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
BLOCK_TAGS = frozenset({"p", "pre", "blockquote", "ul", "ol", "li", "hr", *HEADINGS})
BULLET = "•"
# Markdown's syntax that lets a note's own markup through (an entity is kept as text,
# which rich text shows as the character it spells).
_UNSAFE_INLINE = ("html", "entity")
# Rendered notes kept, each cache: a few thousand notes of a paragraph; fewer long ones
# (a note may be a pasted article, and the list renders every note it shows).
CACHED_NOTES_MB = 4
# A note with none of these is plain text already (most are): no need to parse it.
_MARKDOWN_SYNTAX = re.compile(r"[\t\r*_`\[\]<>&\\!#]|^\s|^[-+=>]|^\d+[.)]|\n\s*\n", re.MULTILINE)


class _KeepBasicFormatting(Treeprocessor):
    """Leaves only ``ALLOWED_TAGS`` with no attribute but a safe link's ``href``."""

    def run(self, root: ElementTree.Element) -> None:
        _clean_children(root)


def _clean_children(parent: ElementTree.Element) -> None:
    for child in list(parent):
        _clean_children(child)
        if child.tag in HEADINGS:
            _make_bold_paragraph(child)
        elif child.tag not in ALLOWED_TAGS:
            _unwrap(parent, child)
            continue
        href = child.get("href", "").strip()
        child.attrib.clear()
        if child.tag == "a" and urlsplit(href).scheme.lower() in LINK_SCHEMES:
            child.set("href", href)


def _make_bold_paragraph(heading: ElementTree.Element) -> None:
    """A heading becomes a paragraph in bold: a tool tip is no place for a title's size."""
    bold = ElementTree.Element("strong")
    bold.text, heading.text = heading.text, None
    bold.extend(list(heading))
    for child in list(heading):
        heading.remove(child)
    heading.tag = "p"
    heading.append(bold)


def _unwrap(parent: ElementTree.Element, element: ElementTree.Element) -> None:
    """Replace ``element`` with its words (an image with its description), as text."""
    if element.tag == "img":
        words = f"[image: {element.get('alt') or 'no description'}]"
    else:
        words = "".join(element.itertext())
    words += element.tail or ""
    position = list(parent).index(element)
    parent.remove(element)
    if position == 0:
        parent.text = (parent.text or "") + words
    else:
        before = parent[position - 1]
        before.tail = (before.tail or "") + words


class _PlainText(Treeprocessor):
    """Keeps the last note read as text: blocks on their own lines, list items bulleted."""

    text = ""

    def run(self, root: ElementTree.Element) -> None:
        lines: list[str] = []
        _blocks_as_lines(root, lines, indent="")
        self.text = "\n".join(line.rstrip() for line in lines).strip("\n")


def _blocks_as_lines(parent: ElementTree.Element, lines: list[str], indent: str) -> None:
    for element in parent:
        if element.tag in ("ul", "ol"):
            for number, item in enumerate(element, start=1):
                mark = f"{number}." if element.tag == "ol" else BULLET
                inner: list[str] = []
                words = _inline_text(item)
                _blocks_as_lines(item, inner, indent + "  ")
                first = words.strip() or (inner.pop(0).strip() if inner else "")
                lines.append(f"{indent}{mark} {first}")
                lines += inner
        elif element.tag == "hr":
            lines.append(indent + "—" * 3)
        elif element.tag == "pre":
            lines += [indent + line for line in "".join(element.itertext()).splitlines()]
        elif element.tag == "blockquote":
            _blocks_as_lines(element, lines, indent + "  ")
        elif element.tag in BLOCK_TAGS:
            lines += [indent + line for line in "".join(element.itertext()).splitlines()]


def _inline_text(item: ElementTree.Element) -> str:
    """The words of a list item outside its own paragraphs and sub-lists."""
    words = [item.text or ""]
    for child in item:
        if child.tag not in BLOCK_TAGS:
            words.append("".join(child.itertext()))
        words.append(child.tail or "")
    return "".join(words)


class _NoteMarkdown(Extension):
    """Python-Markdown with raw HTML switched off, and the output cleaned of images."""

    def __init__(self, plain: _PlainText | None = None) -> None:
        super().__init__()
        self._plain = plain

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.preprocessors.deregister("html_block")
        for name in _UNSAFE_INLINE:
            md.inlinePatterns.deregister(name, strict=False)
        # After the inline patterns (20) and the unescaping of "\*" (0): plain characters.
        md.treeprocessors.register(_KeepBasicFormatting(md), "keep_basic_formatting", -10)
        if self._plain is not None:
            md.treeprocessors.register(self._plain, "plain_text", -20)


_html_reader = Markdown(extensions=[_NoteMarkdown()], output_format="html")
_plain_text = _PlainText()
_plain_reader = Markdown(extensions=[_NoteMarkdown(_plain_text)], output_format="html")


@text_cached(megabytes=CACHED_NOTES_MB)
def note_html(note: str) -> str:
    """The note as rich text that names no resource: basic formatting, no markup of its own."""
    _html_reader.reset()
    return f"<qt>{_html_reader.convert(note)}</qt>"


@text_cached(megabytes=CACHED_NOTES_MB)
def note_plain(note: str) -> str:
    """The note's words without its Markdown (``**independence**`` reads independence)."""
    if not _MARKDOWN_SYNTAX.search(note):
        return "\n".join(line.rstrip() for line in note.splitlines()).strip("\n")
    _plain_reader.reset()
    _plain_text.text = ""
    _plain_reader.convert(note)
    # The entities a note may spell (``&amp;``) read as the rich text shows them.
    return html.unescape(_plain_text.text)


def note_tool_tip(note: str) -> str:
    """A tool tip that shows the note formatted (cut short if very long)."""
    if len(note) > MAX_TOOL_TIP_CHARACTERS:
        note = note[: MAX_TOOL_TIP_CHARACTERS - len(ELLIPSIS)] + ELLIPSIS
    return note_html(note)
