"""Properties over arbitrary input: the importer never fails in an unexpected way."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest import IngestError, markdown_to_text, parse_document
from archive.ingest.cleaning.blocks import Block, BlockKind
from archive.ingest.cleaning.plain_to_markdown import blocks_to_markdown
from archive.models import ParsedDocument

# Charset detection on the first example can take a moment: no per-example deadline.
# INGEST_PROPERTY_EXAMPLES=20000 makes a thorough local run.
_SETTINGS = settings(
    max_examples=int(os.environ.get("INGEST_PROPERTY_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_FILENAMES = st.sampled_from(["a.txt", "b.md", "c.markdown", "d.TXT"])


def _parses_or_explains(raw: bytes, filename: str) -> None:
    try:
        document = parse_document(raw, filename)
    except IngestError as error:
        assert error.reason
        return
    assert isinstance(document, ParsedDocument)
    assert document.title
    assert "\x00" not in document.title and "\u202e" not in document.title
    assert "\r" not in document.markdown and "\x00" not in document.text


@_SETTINGS
@given(raw=st.binary(max_size=2000), filename=_FILENAMES)
def test_random_bytes_give_a_document_or_an_ingest_error(raw: bytes, filename: str) -> None:
    _parses_or_explains(raw, filename)


@_SETTINGS
@given(text=st.text(max_size=2000), filename=_FILENAMES)
def test_random_utf8_text_gives_a_document_or_an_ingest_error(text: str, filename: str) -> None:
    _parses_or_explains(text.encode("utf-8", errors="surrogatepass"), filename)


# The characters Markdown gives a meaning to, with a few letters and digits.
_MARKUP_CHARACTERS = st.sampled_from(list("#>*_`[]()!<&;|\\-+=~:.{}\"'0123456789 abcXé\t"))
_MARKUP_HEAVY = st.text(alphabet=st.one_of(_MARKUP_CHARACTERS, st.just("\n")), max_size=400)


@_SETTINGS
@given(text=_MARKUP_HEAVY, filename=_FILENAMES)
def test_markup_heavy_text_gives_a_document_or_an_ingest_error(text: str, filename: str) -> None:
    _parses_or_explains(text.encode(), filename)


_LINE = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1),
    st.text(alphabet=_MARKUP_CHARACTERS, min_size=1, max_size=40),
).filter(lambda line: line.strip() != "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


@_SETTINGS
@given(paragraphs=st.lists(st.lists(_LINE, min_size=1, max_size=3), min_size=1, max_size=4))
def test_plain_paragraphs_survive_the_trip_through_markdown(paragraphs: list[list[str]]) -> None:
    blocks = [Block(BlockKind.PARAGRAPH, tuple(lines)) for lines in paragraphs]
    expected = "\n\n".join("\n".join(_one_line(line) for line in lines) for lines in paragraphs)
    assert markdown_to_text(blocks_to_markdown(blocks)) == expected


@_SETTINGS
@given(items=st.lists(_LINE, min_size=1, max_size=5))
def test_bullet_items_survive_the_trip_through_markdown(items: list[str]) -> None:
    blocks = [Block(BlockKind.BULLET, (item,)) for item in items]
    expected = "\n".join(_one_line(item) for item in items)
    assert markdown_to_text(blocks_to_markdown(blocks)) == expected
