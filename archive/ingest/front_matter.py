"""YAML, TOML or JSON front matter: the metadata block some text and Markdown files open with.

Static-site generators, note apps and harvesters put a block like this before the text::

    ---
    title: "Australia provides $1.5m for boat people in Indonesia"
    date: "1990-04-13"
    source: "Minister for Foreign Affairs and Trade"
    ---

python-frontmatter splits and parses it. The block never reaches the body; its title,
date, source and address become metadata. Values of the wrong type (a list where a title
should be) are ignored rather than trusted.
"""

from __future__ import annotations

import datetime
import logging
import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger("archive.import")

# A block larger than this is not front matter but a document that starts with "---".
_MAX_BLOCK_CHARS = 64 * 1024
_TITLE_KEYS = ("title", "headline", "name")
_DATE_KEYS = ("date", "published", "pubdate", "date_published", "datepublished", "created")
_SOURCE_KEYS = ("source", "publisher", "organisation", "organization", "author", "creators")
_URL_KEYS = ("url", "canonical_url", "canonical", "source_url", "link", "permalink")
_LANGUAGE_KEYS = ("lang", "language", "locale")
_MAX_VALUE_CHARS = 1000


class _TomlHandler(BaseHandler):
    """TOML front matter (``+++``), read with the standard library's tomllib."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


_HANDLERS = (YAMLHandler(), _TomlHandler(), JSONHandler())


@dataclass(frozen=True)
class FrontMatter:
    """What a front-matter block says, each field ``None`` where it says nothing usable."""

    title: str | None = None
    date: datetime.date | str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """Take a front-matter block off the start of a text.

    Args:
        text: Normalised text.

    Returns:
        The block's metadata (``None`` when there is no block) and the text after it. A
        block that cannot be parsed is left in place: it may be a rule, not metadata.
    """
    if not text.startswith(("---", "+++", "{")):
        return None, text
    handler = next((h for h in _HANDLERS if h.detect(text)), None)
    if handler is None:
        return None, text
    try:
        block, content = handler.split(text)
    except ValueError:
        return None, text
    if len(block) > _MAX_BLOCK_CHARS:
        return None, text
    try:
        data = handler.load(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError) as error:
        log.debug("Front matter not parsed: %s", error)
        return None, text
    if not isinstance(data, dict):
        return None, text
    fields = {str(key).lower(): value for key, value in data.items()}
    return _front_matter(fields), content.lstrip("\n")


def _front_matter(fields: dict[str, Any]) -> FrontMatter:
    return FrontMatter(
        title=_first_text(fields, _TITLE_KEYS),
        date=_first_date(fields),
        source=_first_text(fields, _SOURCE_KEYS),
        url=_first_text(fields, _URL_KEYS),
        language=_first_text(fields, _LANGUAGE_KEYS),
    )


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        value = "; ".join(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:_MAX_VALUE_CHARS] or None


def _first_text(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _text(fields.get(key))
        if value:
            return value
    return None


def _first_date(fields: dict[str, Any]) -> datetime.date | str | None:
    for key in _DATE_KEYS:
        value = fields.get(key)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if text:
            return text
    return None
