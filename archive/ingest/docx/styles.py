"""What a Word paragraph's style and numbering make of it: a heading, a list item, or text.

Word keeps a style's English built-in name in ``styles.xml`` ("heading 1", "Title")
even when the interface is localised, but the style *ids* are localised
("berschrift1", "Titre1"), and writers other than Word sometimes localise the names
too. A heading is therefore recognised by name or id, in several languages, and by its
outline level, which Word's own heading styles carry whatever they are called; each
is looked up along the style's ``basedOn`` chain, so a custom style based on "Heading 2"
is a level-2 heading.

Lists are paragraphs with numbering properties (``w:numPr``), on the paragraph or on its
style ("List Bullet" has them); the numbering part says whether a level shows a bullet
or a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.docx.word_xml import Element, attribute, child, children

MAX_HEADING_LEVEL = 6
#: Word's outline levels run 0-8; 9 means "body text".
_BODY_TEXT_OUTLINE_LEVEL = 9
# A style chain longer than this is damaged or crafted (chains may even loop).
_MAX_STYLE_CHAIN = 32
_MAX_LIST_LEVEL = 8

# Heading style names and ids, English first, then Word's localised forms (ids drop
# the letters outside ASCII: "Überschrift 1" has the id "berschrift1").
_HEADING_STYLE = re.compile(
    r"^(?:heading|berschrift|überschrift|titre|ttulo|título|titolo|kop|rubrik|"
    r"overskrift|nagwek|nagłówek|nadpis|otsikko|balk|başlık|заголовок)\s*(?P<level>[1-9])$"
)
_TITLE_STYLES = frozenset(
    {"title", "titel", "titre", "título", "ttulo", "titolo", "tytuł", "tytu", "название"}
)
_LIST_STYLE = re.compile(r"^list (?P<kind>bullet|number)(?: (?P<level>[1-9]))?$")
_UNNUMBERED_FORMATS = frozenset({"none", ""})


@dataclass(frozen=True)
class ListMarker:
    """How a list paragraph is shown.

    Attributes:
        ordered: Numbers (1., a), i.) rather than bullets.
        level: The nesting level, 0 for the outermost list.
    """

    ordered: bool
    level: int


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbering: tuple[str, int | None] | None


class WordStyles:
    """The paragraph styles and list numbering of one Word document."""

    def __init__(self, styles: Element | None, numbering: Element | None) -> None:
        """Index the styles and numbering parts.

        Args:
            styles: The root of ``word/styles.xml``, or ``None`` if there is none.
            numbering: The root of ``word/numbering.xml``, or ``None`` if there is none.
        """
        self._styles: dict[str, _Style] = {}
        self._default_style: str | None = None
        if styles is not None:
            self._index_styles(styles)
        self._formats = _NumberingFormats(numbering)

    def _index_styles(self, styles: Element) -> None:
        for style in children(styles, "style"):
            if attribute(style, "type") not in (None, "paragraph"):
                continue
            style_id = attribute(style, "styleId")
            if style_id is None:
                continue
            name = attribute(child(style, "name"), "val") or style_id
            properties = child(style, "pPr")
            self._styles[style_id] = _Style(
                name=name.strip().casefold(),
                based_on=attribute(child(style, "basedOn"), "val"),
                outline_level=_outline_level(properties),
                numbering=_numbering_properties(properties),
            )
            if attribute(style, "default") in ("1", "true", "on"):
                self._default_style = style_id

    def heading_level(self, paragraph: Element) -> int | None:
        """The heading level (1-6) of a paragraph, or ``None`` for text and lists.

        Args:
            paragraph: A ``w:p`` element.
        """
        properties = child(paragraph, "pPr")
        direct = _outline_level(properties)
        if direct is not None:
            return _heading_from_outline(direct)
        for style_id, style in self._chain(properties):
            level = _heading_from_name(style.name) or _heading_from_name(style_id.casefold())
            if level is None and style.outline_level is not None:
                return _heading_from_outline(style.outline_level)
            if level is not None:
                return level
        return None

    def list_marker(self, paragraph: Element) -> ListMarker | None:
        """How a paragraph is shown as a list item, or ``None`` if it is not one.

        Args:
            paragraph: A ``w:p`` element.
        """
        properties = child(paragraph, "pPr")
        chain = self._chain(properties)
        marker: ListMarker | None = None
        numbering = _numbering_properties(properties)
        for _, style in chain:
            if numbering is not None:
                break
            numbering = style.numbering
        if numbering is not None:
            marker = self._marker(*numbering, properties)
            if marker is None:
                return None
        # "List Bullet 2" is often a list of its own, one level deep by indentation
        # only: its name gives the level its numbering does not.
        named = next(
            (match for _, style in chain if (match := _LIST_STYLE.match(style.name))), None
        )
        if named is None:
            return marker
        level = int(named.group("level") or 1) - 1
        if marker is None:
            return ListMarker(ordered=named.group("kind") == "number", level=level)
        return ListMarker(ordered=marker.ordered, level=max(marker.level, level))

    def _marker(
        self, numbering_id: str, level: int | None, properties: Element | None
    ) -> ListMarker | None:
        if numbering_id == "0":
            return None  # numId 0 takes a style's numbering away
        if level is None:
            # A level on the paragraph refines a numbering its style gives.
            level = _small_int(attribute(child(child(properties, "numPr"), "ilvl"), "val"))
        level = min(max(level or 0, 0), _MAX_LIST_LEVEL)
        number_format = self._formats.format_of(numbering_id, level)
        if number_format in _UNNUMBERED_FORMATS:
            return None
        return ListMarker(ordered=number_format not in (None, "bullet"), level=level)

    def _chain(self, properties: Element | None) -> list[tuple[str, _Style]]:
        """The paragraph's style and the styles it is based on, nearest first."""
        style_id = attribute(child(properties, "pStyle"), "val") or self._default_style
        chain: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(chain) < _MAX_STYLE_CHAIN:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                # A style the part does not define: its id still says what it was.
                chain.append((style_id, _Style(style_id.casefold(), None, None, None)))
                break
            chain.append((style_id, style))
            style_id = style.based_on
        return chain


class _NumberingFormats:
    """The number format ("bullet", "decimal"...) of each list and level."""

    def __init__(self, numbering: Element | None) -> None:
        self._abstract: dict[str, dict[int, str]] = {}
        self._lists: dict[str, tuple[str | None, dict[int, str]]] = {}
        if numbering is None:
            return
        for abstract in children(numbering, "abstractNum"):
            abstract_id = attribute(abstract, "abstractNumId")
            if abstract_id is not None:
                self._abstract[abstract_id] = _level_formats(children(abstract, "lvl"))
        for numbering_list in children(numbering, "num"):
            list_id = attribute(numbering_list, "numId")
            if list_id is None:
                continue
            overrides = [
                level
                for override in children(numbering_list, "lvlOverride")
                for level in children(override, "lvl")
            ]
            abstract_id = attribute(child(numbering_list, "abstractNumId"), "val")
            self._lists[list_id] = (abstract_id, _level_formats(overrides))

    def format_of(self, list_id: str, level: int) -> str | None:
        """The level's number format, or ``None`` when the numbering part does not say."""
        abstract_id, overrides = self._lists.get(list_id, (None, {}))
        if level in overrides:
            return overrides[level]
        if abstract_id is None:
            return None
        return self._abstract.get(abstract_id, {}).get(level)


def _level_formats(levels: list[Element]) -> dict[int, str]:
    formats: dict[int, str] = {}
    for level in levels:
        index = _small_int(attribute(level, "ilvl"))
        number_format = attribute(child(level, "numFmt"), "val")
        if index is not None and number_format is not None:
            formats[index] = number_format
    return formats


def _outline_level(properties: Element | None) -> int | None:
    return _small_int(attribute(child(properties, "outlineLvl"), "val"))


def _numbering_properties(properties: Element | None) -> tuple[str, int | None] | None:
    numbering = child(properties, "numPr")
    numbering_id = attribute(child(numbering, "numId"), "val")
    if numbering_id is None:
        return None
    return numbering_id, _small_int(attribute(child(numbering, "ilvl"), "val"))


def _heading_from_outline(outline_level: int) -> int | None:
    if outline_level >= _BODY_TEXT_OUTLINE_LEVEL:
        return None
    return min(outline_level + 1, MAX_HEADING_LEVEL)


def _heading_from_name(name: str) -> int | None:
    if name in _TITLE_STYLES:
        return 1
    heading = _HEADING_STYLE.match(name)
    if heading is None:
        return None
    return min(int(heading.group("level")), MAX_HEADING_LEVEL)


def _small_int(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 3:
        return None
    return int(value)
