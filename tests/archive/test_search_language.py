"""Searching by language: ``lang:de``, ``lang:German``, with words, years and NOT."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import Archive
from archive.ingest import parse_document
from archive.ingest.pool import DocumentParser, SerialParser
from archive.models import ParsedDocument
from archive.search import IndexedDocument, QueryError, SearchIndex
from archive.search.query_syntax import LANGUAGE_MESSAGE, check_query_text
from archive.search.schema import INDEX_NAME


def doc(
    number: int, title: str, text: str, year: int | None, language: str | None
) -> IndexedDocument:
    return IndexedDocument(number, title, text, year, None, None, language)


DOCS = [
    doc(1, "Der Vertrag", "Der Vertrag über Frieden wurde unterzeichnet.", 2020, "de"),
    doc(2, "The treaty", "The peace treaty (Vertrag) was signed.", 2020, "en"),
    doc(3, "Noch ein Vertrag", "Ein weiterer Vertrag über Handel.", 2019, "de"),
    doc(4, "Le traité", "Le traité de paix a été signé.", 2020, "fr"),
    doc(5, "Unknown", "A Vertrag in a text of no known language.", None, None),
]


def text_of(ids: list[int]) -> dict[int, str]:
    return {doc.id: doc.text for doc in DOCS if doc.id in ids}


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    search_index = SearchIndex(tmp_path / "index")
    search_index.replace_all(DOCS)
    yield search_index
    search_index.close()


def found(index: SearchIndex, query: str) -> list[int]:
    return sorted(hit.id for hit in index.search(query, text_of=text_of).hits)


@pytest.mark.parametrize("query", ["lang:de", "lang:DE", "Lang:de", "lang:German", "lang:german"])
def test_lang_finds_only_documents_in_that_language(index: SearchIndex, query: str) -> None:
    assert found(index, query) == [1, 3]


def test_lang_with_words_and_years(index: SearchIndex) -> None:
    assert found(index, "vertrag") == [1, 2, 3, 5]
    assert found(index, "vertrag lang:de") == [1, 3]
    assert found(index, "vertrag lang:de year:2020") == [1]
    assert found(index, "lang:de year:[2019 TO 2020]") == [1, 3]
    assert found(index, "vertrag NOT lang:de") == [2, 5]
    assert found(index, "lang:(de OR fr) year:2020") == [1, 4]
    assert found(index, "title:treaty OR lang:fr") == [2, 4]
    results = index.search("lang:de", text_of=text_of)
    assert (results.total, results.years) == (2, {"2019": 1, "2020": 1})


def test_a_language_name_becomes_its_code() -> None:
    assert check_query_text("Lang:German treaty") == "lang:de treaty"
    assert check_query_text("lang:(german OR FR)") == "lang:(de OR fr)"
    assert check_query_text('lang:en "lang:German"') == 'lang:en "lang:German"'


@pytest.mark.parametrize(
    "query", ["lang:xx", "lang:Klingonese", "lang:de*", 'lang:"de"', "lang:de~"]
)
def test_what_is_not_a_language_is_explained(index: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as raised:
        index.search(query, text_of=text_of)
    assert str(raised.value) == LANGUAGE_MESSAGE


def test_lang_without_a_value_is_explained(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match=r"right after lang:, as in lang:de\."):
        index.search("treaty lang:", text_of=text_of)


def german(raw: bytes, filename: str) -> ParsedDocument:
    """The importer, telling this test's German files by their name."""
    parsed = parse_document(raw, filename)
    return dataclasses.replace(parsed, language="de" if "german" in filename else "en")


def test_an_index_of_an_older_version_is_rebuilt_and_finds_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def parser_for(_count: int) -> DocumentParser:
        return SerialParser(german)

    monkeypatch.setattr("archive.api.choose_parser", parser_for)
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "german.txt").write_text("Berlin, 3. März 2021. Der Vertrag wurde unterzeichnet.")
    (folder / "english.txt").write_text("London, 3 March 2021. The treaty was signed, Vertrag.")
    data = tmp_path / "data"
    with Archive(data) as archive:
        archive.import_paths([folder])
        (german_file,) = [d.id for d in archive.list_documents() if d.language == "de"]
        assert [hit.id for hit in archive.search("vertrag lang:de").hits] == [german_file]
    # Make the index look like one an older version built: its files carry another name.
    (generation,) = (data / "index").glob("gen-*")
    for path in generation.iterdir():
        if INDEX_NAME in path.name:
            path.rename(path.with_name(path.name.replace(INDEX_NAME, "archive_v1")))
    with Archive(data) as archive:
        assert archive.search("vertrag lang:de").total == 1
        assert archive.search("vertrag").total == 2
    assert "built by an older version of Archive Reader" in caplog.text
