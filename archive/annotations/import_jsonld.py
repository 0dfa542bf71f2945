"""Reading W3C Web Annotation JSON-LD files: the export's own, or another tool's.

A file holds one ``Annotation``, a JSON array of them, an ``AnnotationPage`` (``items``) or
an ``AnnotationCollection`` (``first.items``, or ``items``). Each annotation is read on its
own: one that cannot be used is reported with the reason and the rest go on. Placing the
annotations in their documents is the caller's part (see
:mod:`archive.annotations.service`).

What is read: ``id`` (``urn:archive-reader:annotation:<uuid>`` keeps its uuid, so importing
an export again updates instead of duplicating; another tool's id is turned into a uuid
the same way every time); ``target.source`` (``urn:archive-reader:document:<id>``); the
``TextQuoteSelector`` and ``TextPositionSelector`` in ``target.selector``; the note (the
first ``TextualBody`` not for tagging, or ``bodyValue``) and the tags (``TextualBody`` with
``purpose: tagging``); ``created``, ``modified`` and ``archive-reader:color``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archive.annotations.anchoring import TextQuote
from archive.annotations.errors import AnnotationFormatError
from archive.annotations.export_jsonld import COLOR_KEY
from archive.annotations.model import (
    ANNOTATION_URN_PREFIX,
    COLORS,
    DEFAULT_COLOR,
    DOCUMENT_URN_PREFIX,
    ImportFailure,
    clean_tags,
    parse_timestamp,
)

_SHAPE_MESSAGE = (
    "The file holds no W3C Web Annotations: expected an object of type Annotation, a JSON "
    "array of them, or an AnnotationCollection."
)


@dataclass(frozen=True)
class IncomingAnnotation:
    """One annotation read from a file, not yet placed in its document."""

    position: int  # 1-based, in the file's order
    raw_id: str | None  # its id in the file
    uuid: str
    document_id: int
    quote: TextQuote | None
    start: int | None
    end: int | None
    note: str
    tags: tuple[str, ...]
    color: str
    created: str | None
    modified: str | None


class _InvalidAnnotationError(Exception):
    """One annotation of the file cannot be used; the message says why."""


def read_annotations(text: str) -> list[IncomingAnnotation | ImportFailure]:
    """Read every annotation of a JSON-LD file, or why each cannot be used.

    Raises:
        AnnotationFormatError: The text is not JSON, or holds no annotations at all.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnnotationFormatError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    results: list[IncomingAnnotation | ImportFailure] = []
    for position, item in enumerate(_items(data), start=1):
        raw_id = item.get("id") if isinstance(item, dict) else None
        raw_id = raw_id if isinstance(raw_id, str) else None
        try:
            results.append(_incoming(item, position, raw_id))
        except _InvalidAnnotationError as problem:
            results.append(ImportFailure(position, raw_id, str(problem)))
    return results


def _items(data: object) -> Iterator[object]:
    if isinstance(data, list):
        yield from data
        return
    if not isinstance(data, dict):
        raise AnnotationFormatError(_SHAPE_MESSAGE)
    types = _types(data)
    if "Annotation" in types:
        yield data
    elif types & {"AnnotationCollection", "AnnotationPage"}:
        first = data.get("first")
        if isinstance(first, dict) and isinstance(first.get("items"), list):
            yield from first["items"]
        elif isinstance(data.get("items"), list):
            yield from data["items"]
        elif data.get("total", 0) != 0 or isinstance(first, str):
            raise AnnotationFormatError(
                "The collection's annotations are not in the file (only a link to its pages)."
            )
    else:
        raise AnnotationFormatError(_SHAPE_MESSAGE)


def _types(item: dict[str, Any]) -> set[str]:
    declared = item.get("type", item.get("@type"))
    listed = declared if isinstance(declared, list) else [declared]
    # "oa:Annotation" is the same type written with the vocabulary's prefix.
    return {str(kind).removeprefix("oa:") for kind in listed if isinstance(kind, str)}


def _incoming(item: object, position: int, raw_id: str | None) -> IncomingAnnotation:
    if not isinstance(item, dict) or "Annotation" not in _types(item):
        raise _InvalidAnnotationError("not a W3C Web Annotation (an object of type Annotation)")
    target = _target(item.get("target"))
    quote, start, end = _selectors(target.get("selector"))
    note, tags = _bodies(item)
    return IncomingAnnotation(
        position=position,
        raw_id=raw_id,
        uuid=_uuid_of(raw_id),
        document_id=_document_id(target.get("source")),
        quote=quote,
        start=start,
        end=end,
        note=note,
        tags=tags,
        color=_color(item.get(COLOR_KEY, DEFAULT_COLOR)),
        created=_timestamp(item, "created"),
        modified=_timestamp(item, "modified"),
    )


def _uuid_of(raw_id: str | None) -> str:
    if raw_id is None:
        return str(uuid.uuid4())
    if raw_id.startswith(ANNOTATION_URN_PREFIX):
        try:
            return str(uuid.UUID(raw_id.removeprefix(ANNOTATION_URN_PREFIX)))
        except ValueError:
            pass
    # Another tool's id: the same uuid every time, so importing it again updates it.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, raw_id))


def _target(target: object) -> dict[str, Any]:
    if isinstance(target, list):
        target = next((t for t in target if isinstance(t, dict)), None)
    if not isinstance(target, dict):
        raise _InvalidAnnotationError("its target names no document and selects no passage")
    return target


def _document_id(source: object) -> int:
    if isinstance(source, str) and source.startswith(DOCUMENT_URN_PREFIX):
        number = source.removeprefix(DOCUMENT_URN_PREFIX)
        if number.isdigit():
            return int(number)
    raise _InvalidAnnotationError(
        f"its target {source!r} is not a document of an archive ({DOCUMENT_URN_PREFIX}N)"
    )


def _selectors(selector: object) -> tuple[TextQuote | None, int | None, int | None]:
    listed = selector if isinstance(selector, list) else [selector]
    quote: TextQuote | None = None
    start = end = None
    for each in listed:
        if not isinstance(each, dict):
            continue
        kind = _types(each)
        if "TextQuoteSelector" in kind and quote is None:
            exact, prefix, suffix = (each.get(key, "") for key in ("exact", "prefix", "suffix"))
            if not (isinstance(exact, str) and isinstance(prefix, str) and isinstance(suffix, str)):
                raise _InvalidAnnotationError(
                    "its TextQuoteSelector's exact, prefix and suffix must be text"
                )
            if exact:
                quote = TextQuote(exact, prefix, suffix)
        elif "TextPositionSelector" in kind and start is None:
            raw_start, raw_end = each.get("start"), each.get("end")
            if not (
                isinstance(raw_start, int)
                and isinstance(raw_end, int)
                and _offset(raw_start)
                and _offset(raw_end)
                and raw_start < raw_end
            ):
                raise _InvalidAnnotationError(
                    f"its TextPositionSelector {raw_start!r}-{raw_end!r} is not a span of the text"
                )
            start, end = raw_start, raw_end
    if quote is None and start is None:
        raise _InvalidAnnotationError(
            "it has no TextQuoteSelector or TextPositionSelector to find its passage"
        )
    return quote, start, end


def _offset(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _bodies(item: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    body = item.get("body", [])
    listed = body if isinstance(body, list) else [body]
    note: str | None = None
    tags: list[str] = []
    for each in listed:
        if not isinstance(each, dict) or not isinstance(each.get("value"), str):
            continue  # a body that is a link, or not text: nothing to keep
        if "tagging" in _purposes(each):
            tags.append(each["value"])
        elif note is None:
            note = each["value"]
    if note is None and isinstance(item.get("bodyValue"), str):
        note = item["bodyValue"]
    return note or "", clean_tags(tags)


def _purposes(body: dict[str, Any]) -> set[str]:
    purpose = body.get("purpose")
    listed = purpose if isinstance(purpose, list) else [purpose]
    return {str(p).removeprefix("oa:") for p in listed if isinstance(p, str)}


def _color(color: object) -> str:
    if color not in COLORS:
        raise _InvalidAnnotationError(f"its colour {color!r} is not one of {', '.join(COLORS)}")
    return str(color)


def _timestamp(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _InvalidAnnotationError(f"its {key} time {value!r} is not an ISO 8601 date and time")
    try:
        return parse_timestamp(value)
    except ValueError as error:
        raise _InvalidAnnotationError(f"its {key} time is wrong: {error}") from None
