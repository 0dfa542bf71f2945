"""Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

One annotation::

    {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      "id": "urn:archive-reader:annotation:<uuid>",
      "type": "Annotation",
      "created": "2025-01-31T09:30:00Z",
      "modified": "2025-01-31T09:45:00Z",
      "body": [
        {"type": "TextualBody", "format": "text/markdown", "value": "the note"},
        {"type": "TextualBody", "purpose": "tagging", "value": "a tag"}
      ],
      "target": {
        "source": "urn:archive-reader:document:<id as in list --json>",
        "selector": [
          {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"},
          {"type": "TextPositionSelector", "start": 120, "end": 164}
        ]
      },
      "archive-reader:color": "yellow",
      "archive-reader:orphaned": false
    }

There is no body without a note or tags. Offsets count Unicode code points of the
document's plain text (``show --json``'s ``text``), as the model asks. An orphan keeps the
position it last had (none if it never had one); importing checks it against the text
anyway. ``archive-reader:color`` (one of yellow, green, blue, pink, purple) and
``archive-reader:orphaned`` are this application's extensions: terms not in the W3C
context, so JSON-LD processors read them as the absolute IRIs ``archive-reader:color``
and ``archive-reader:orphaned``, and other tools ignore them. So is
``archive-reader:documentRemoved``: ``true`` on the annotations kept with a removed document
(in the trash), absent on the others.

A whole export is an ``AnnotationCollection`` whose ``first`` page holds every item.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from archive.annotations.model import DOCUMENT_URN_PREFIX, Annotation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
COLOR_KEY = "archive-reader:color"
ORPHANED_KEY = "archive-reader:orphaned"
REMOVED_KEY = "archive-reader:documentRemoved"
COLLECTION_LABEL = "Archive Reader annotations"


def annotation_jsonld(annotation: Annotation) -> dict[str, Any]:
    """One annotation as a W3C Web Annotation (a JSON-ready dict)."""
    body: list[dict[str, Any]] = []
    if annotation.note:
        body.append({"type": "TextualBody", "format": "text/markdown", "value": annotation.note})
    body += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation.tags]
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": annotation.quote,
            "prefix": annotation.prefix,
            "suffix": annotation.suffix,
        }
    ]
    if annotation.start is not None and annotation.end is not None:
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation.urn,
        "type": "Annotation",
        "created": annotation.created,
        "modified": annotation.modified,
    }
    if body:
        result["body"] = body
    result["target"] = {
        "source": f"{DOCUMENT_URN_PREFIX}{annotation.document_id}",
        "selector": selectors,
    }
    result[COLOR_KEY] = annotation.color
    result[ORPHANED_KEY] = annotation.orphaned
    return result


def export_jsonld(annotations: Sequence[Annotation], removed: Sequence[Annotation] = ()) -> str:
    """Annotations as one ``AnnotationCollection``, pretty-printed, ending with a newline.

    ``removed`` are the annotations of removed documents: they come last, marked so.
    """
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": COLLECTION_LABEL,
        "total": len(annotations) + len(removed),
    }
    items = [annotation_jsonld(annotation) for annotation in annotations]
    items += [{**annotation_jsonld(annotation), REMOVED_KEY: True} for annotation in removed]
    if items:
        collection["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
