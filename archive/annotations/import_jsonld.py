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
import re
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
    MAX_NOTE_BYTES,
    MAX_TAGS_BYTES,
    ImportFailure,
    clean_tags,
    megabytes,
    parse_timestamp,
    shorten,
    text_problem,
    utf8_size,
)

#: The longest quote read: far longer than the text of any document the importer accepts
#: (files of at most 10 MB), so a quote this long can only be a broken or hostile file.
MAX_QUOTE_BYTES = 32_000_000
#: The longest context kept on either side of a quote (the model keeps 32 characters; a
#: little more from another tool is harmless, megabytes of it are not).
MAX_CONTEXT_BYTES = 64_000
#: The longest id read (another tool's ids are URLs; ours are 66 characters).
MAX_ID_BYTES = 2_000
#: SQLite's integers are 64-bit: no offset or document id is larger.
MAX_SQLITE_INTEGER = 2**63 - 1

_ASCII_DIGITS = re.compile("[0-9]+")
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
    data = _parse_json(text)
    results: list[IncomingAnnotation | ImportFailure] = []
    for position, item in enumerate(_items(data), start=1):
        raw_id = item.get("id") if isinstance(item, dict) else None
        raw_id = raw_id if isinstance(raw_id, str) else None
        try:
            results.append(_incoming(item, position, raw_id))
        except _InvalidAnnotationError as problem:
            results.append(ImportFailure(position, _reported_id(raw_id), str(problem)))
    return results


class _LongNumber:
    """An integer written with more digits than any offset or id has.

    Python refuses to convert one of thousands of digits (``int`` raises ValueError), which
    would fail the whole file; kept as this, it fails only its annotation.
    """

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"{self.digits[:12]}… ({len(self.digits)} digits)"


def _parse_int(digits: str) -> int | _LongNumber:
    return int(digits) if len(digits) <= 20 else _LongNumber(digits)


def _parse_json(text: str) -> object:
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise AnnotationFormatError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except RecursionError:
        # Python's JSON reader recurses per level: ``[[[[…`` thousands deep exhausts it.
        raise AnnotationFormatError(
            "The file's JSON is nested too deeply (arrays or objects inside one another "
            "thousands of levels deep) to be annotations."
        ) from None


def _reported_id(raw_id: str | None) -> str | None:
    """The id as a failure reports it: printable, and short enough for one line."""
    if raw_id is None:
        return None
    printable = raw_id.encode("utf-8", "backslashreplace").decode("utf-8")
    return shorten(printable, 200)


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
    _check_text(raw_id, "id", MAX_ID_BYTES)
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
        # ASCII digits only: str.isdigit() and int() also take "²" and "٢".
        if _ASCII_DIGITS.fullmatch(number):
            if len(number) > 18 and int(number[:40]) > MAX_SQLITE_INTEGER:
                raise _InvalidAnnotationError(
                    f"document {shorten(number, 40)} is not in this archive"
                )
            return int(number)
    raise _InvalidAnnotationError(
        f"its target {_shown(source)} is not a document of an archive ({DOCUMENT_URN_PREFIX}N)"
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
            quote = _quote(each)
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
                    f"its TextPositionSelector {_shown(raw_start)}-{_shown(raw_end)} "
                    "is not a span of the text"
                )
            start, end = raw_start, raw_end
    if quote is None and start is None:
        raise _InvalidAnnotationError(
            "it has no TextQuoteSelector or TextPositionSelector to find its passage"
        )
    return quote, start, end


def _quote(selector: dict[str, Any]) -> TextQuote | None:
    exact, prefix, suffix = (selector.get(key, "") for key in ("exact", "prefix", "suffix"))
    if not (isinstance(exact, str) and isinstance(prefix, str) and isinstance(suffix, str)):
        raise _InvalidAnnotationError(
            "its TextQuoteSelector's exact, prefix and suffix must be text"
        )
    _check_text(exact, "quote", MAX_QUOTE_BYTES)
    _check_text(prefix, "prefix", MAX_CONTEXT_BYTES)
    _check_text(suffix, "suffix", MAX_CONTEXT_BYTES)
    return TextQuote(exact, prefix, suffix) if exact else None


def _offset(value: object) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SQLITE_INTEGER
    )


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
    note = note or ""
    _check_text(note, "note", MAX_NOTE_BYTES, "the most a note may hold")
    if sum(len(tag) if len(tag) > MAX_TAGS_BYTES else utf8_size(tag) for tag in tags) > (
        MAX_TAGS_BYTES
    ):
        raise _InvalidAnnotationError(
            f"its tags are larger than {megabytes(MAX_TAGS_BYTES)} together, the most tags may hold"
        )
    for tag in tags:
        _check_text(tag, "tag", MAX_TAGS_BYTES)
    return note, clean_tags(tags)


def _purposes(body: dict[str, Any]) -> set[str]:
    purpose = body.get("purpose")
    listed = purpose if isinstance(purpose, list) else [purpose]
    return {str(p).removeprefix("oa:") for p in listed if isinstance(p, str)}


def _color(color: object) -> str:
    if color not in COLORS:
        raise _InvalidAnnotationError(
            f"its colour {_shown(color)} is not one of {', '.join(COLORS)}"
        )
    return str(color)


def _timestamp(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _InvalidAnnotationError(
            f"its {key} time {_shown(value)} is not an ISO 8601 date and time"
        )
    try:
        return parse_timestamp(value)
    except ValueError as error:
        raise _InvalidAnnotationError(f"its {key} time is wrong: {error}") from None


def _check_text(text: str, what: str, max_bytes: int, limit_is: str | None = None) -> None:
    """Refuse text that cannot be stored: a lone surrogate, or more than ``max_bytes``."""
    problem = text_problem(text, max_bytes)
    if problem is None:
        return
    if limit_is and problem.startswith("is larger"):
        problem = f"{problem}, {limit_is}"
    raise _InvalidAnnotationError(f"its {what} {problem}")


def _shown(value: object) -> str:
    """A value of the file in a message: as written in Python, escaped and shortened."""
    return shorten(repr(value))
