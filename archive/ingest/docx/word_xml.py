"""Small helpers for reading WordprocessingML elements (the XML inside a .docx).

python-docx parses the parts with a parser that resolves no entities; these helpers
only read the parsed tree, tolerating missing elements so that a damaged or unusual
document degrades to less structure rather than an error.
"""

from __future__ import annotations

from typing import Any

#: An lxml element of a Word part (lxml ships no type information).
Element = Any

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELATIONSHIP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MARKUP_COMPATIBILITY_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/math"
#: Markup compatibility's choice between a modern form and its fallback.
MC_ALTERNATE_CONTENT = f"{{{MARKUP_COMPATIBILITY_NAMESPACE}}}AlternateContent"

_FALSE_VALUES = frozenset({"0", "false", "off", "none"})


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML tag or attribute (``w:tag``)."""
    return f"{{{WORD_NAMESPACE}}}{tag}"


def child(element: Element | None, tag: str) -> Element | None:
    """The first ``w:tag`` child of ``element``, or ``None`` (also for no element)."""
    if element is None:
        return None
    return element.find(w(tag))


def children(element: Element | None, tag: str) -> list[Element]:
    """The ``w:tag`` children of ``element``, in document order."""
    if element is None:
        return []
    return list(element.iterfind(w(tag)))


def attribute(element: Element | None, name: str) -> str | None:
    """The value of the ``w:name`` attribute, or ``None`` (also for no element)."""
    if element is None:
        return None
    value = element.get(w(name))
    return value if isinstance(value, str) else None


def is_on(element: Element | None) -> bool:
    """Whether a toggle property such as ``<w:b/>`` is present and not switched off."""
    if element is None:
        return False
    return (attribute(element, "val") or "true").casefold() not in _FALSE_VALUES


def tag_of(element: Element) -> str:
    """An element's qualified tag; comments and processing instructions give ``""``."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def sdt_content(sdt: Element) -> Element | None:
    """The content of a content control (``w:sdt``), unless it shows its placeholder.

    A control nobody filled in shows a prompt such as "Click here to enter text.";
    that prompt is the template's, not the document's.
    """
    if child(child(sdt, "sdtPr"), "showingPlcHdr") is not None:
        return None
    return child(sdt, "sdtContent")


def chosen_alternative(alternate: Element) -> Element | None:
    """The one branch of ``mc:AlternateContent`` to read: its first choice, else fallback.

    Both branches hold the same content (a modern shape and its old VML form); reading
    both would show it twice.
    """
    choice = alternate.find(f"{{{MARKUP_COMPATIBILITY_NAMESPACE}}}Choice")
    if choice is not None:
        return choice
    return alternate.find(f"{{{MARKUP_COMPATIBILITY_NAMESPACE}}}Fallback")
