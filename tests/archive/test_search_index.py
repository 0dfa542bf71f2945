"""The search index: writing, finding, counting per year, sorting, snippets, suggestions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from archive.models import SearchResults
from archive.search import IndexBusyError, IndexedDocument, QueryError, SearchIndex
from archive.search.schema import INDEX_NAME, make_schema
from tests.conftest import SEEDS

DOCS = [
    IndexedDocument(
        id=1,
        title="President İlham Aliyev receives the Turkish delegation",
        text=(
            "Baku, 5 March. President İlham Aliyev received the delegation of Türkiye in "
            "Bakı. Negotiations on Nagorno-Karabakh continued. The foreign policy of "
            "Azerbaijan was discussed."
        ),
        year=2024,
        date="2024-03-05",
        source="AZERTAC",
    ),
    IndexedDocument(
        id=2,
        title="Results of the year",
        text=(
            "The ministry held a negotiation round with partners. Ilham Aliyev noted "
            "the policy of peace. Foreign ministers met in Baku."
        ),
        year=2017,
        date="2017-12-28",
        source="Trend",
    ),
    IndexedDocument(
        id=3,
        title="An undated note",
        text="A note about negotiations, with no date at all.",
        year=None,
        date=None,
        source=None,
    ),
    IndexedDocument(
        id=4,
        title="Peace treaty",
        text="Armenia and Azerbaijan discussed a peace treaty and further negotiations.",
        year=2018,
        date="2018-06",
        source="Trend",
    ),
    IndexedDocument(
        id=5,
        title="Negotiations resume",
        text="Talks resumed after a pause.",
        year=2018,
        date="2018-02-01",
        source="APA",
    ),
    IndexedDocument(
        id=6,
        title="Year in review",
        text="A policy that is foreign to us. <script>alert('x')</script> & more.",
        year=2016,
        date=None,
        source=None,
    ),
]
TEXTS = {doc.id: doc.text for doc in DOCS}


def text_of(ids: list[int]) -> dict[int, str]:
    return {doc_id: TEXTS[doc_id] for doc_id in ids if doc_id in TEXTS}


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    search_index = SearchIndex(tmp_path / "index")
    search_index.replace_all(DOCS)
    yield search_index
    search_index.close()


def search(index: SearchIndex, query: str, **options: object) -> SearchResults:
    return index.search(query, text_of=text_of, **options)  # type: ignore[arg-type]


def found(index: SearchIndex, query: str, **options: object) -> set[int]:
    return {hit.id for hit in search(index, query, **options).hits}


# Finding words however they are spelled


@pytest.mark.parametrize("query", ["ilham", "Ilham", "İlham", "ILHAM", "ılham"])
def test_ilham_matches_dotted_and_dotless_spellings(index: SearchIndex, query: str) -> None:
    assert found(index, query) == {1, 2}


def test_turkiye_finds_turkiye_with_umlaut(index: SearchIndex) -> None:
    assert found(index, "turkiye") == {1}


def test_baki_finds_baki_with_dotless_i(index: SearchIndex) -> None:
    assert found(index, "baki") == {1}
    assert found(index, "baku") == {1, 2}


def test_singular_finds_plural_and_back(index: SearchIndex) -> None:
    assert found(index, "negotiation") == {1, 2, 3, 4, 5}
    assert found(index, "negotiations") == {1, 2, 3, 4, 5}


def test_phrase_needs_the_words_next_to_each_other(index: SearchIndex) -> None:
    assert found(index, "foreign policy") == {1, 2, 6}
    assert found(index, '"foreign policy"') == {1}


def test_hyphenated_name_is_found_by_a_part_and_as_a_phrase(index: SearchIndex) -> None:
    assert found(index, "karabakh") == {1}
    assert found(index, '"Nagorno-Karabakh"') == {1}
    assert found(index, "Nagorno-Karabakh") == {1}
    assert found(index, '"Karabakh Nagorno"') == set()


def test_and_or_not(index: SearchIndex) -> None:
    assert found(index, "peace treaty") == {4}
    assert found(index, "peace AND treaty") == {4}
    assert found(index, "armenia OR ministry") == {2, 4}
    assert found(index, "negotiations NOT armenia") == {1, 2, 3, 5}
    assert found(index, "NOT negotiations") == {6}
    assert found(index, "(armenia OR ministry) AND peace") == {2, 4}


def test_prefix_matches_words_by_their_beginning(index: SearchIndex) -> None:
    assert found(index, "negotiat*") == {1, 2, 3, 4, 5}
    assert found(index, "azerb*") == {1, 4}
    assert found(index, "xyz*") == set()
    assert found(index, "negotiations NOT arme*") == {1, 2, 3, 5}


def test_wildcard_inside_a_word(index: SearchIndex) -> None:
    assert found(index, "neg*tion") == {1, 2, 3, 4, 5}


def test_fuzzy_matches_misspellings(index: SearchIndex) -> None:
    assert found(index, "negotiatons~") == {1, 2, 3, 4, 5}
    assert found(index, "azerbaijn~") == {1, 4}
    assert found(index, "azrbaijn~") == set()
    assert found(index, "azrbaijn~2") == {1, 4}


def test_title_field(index: SearchIndex) -> None:
    assert found(index, "negotiations") == {1, 2, 3, 4, 5}
    assert found(index, "title:negotiations") == {5}
    assert found(index, "title:negotiat*") == {5}
    assert found(index, 'title:"peace treaty"') == {4}


def test_source_field(index: SearchIndex) -> None:
    assert found(index, "source:trend") == {2, 4}
    assert found(index, "source:azert*") == {1}


def test_year_and_year_ranges(index: SearchIndex) -> None:
    assert found(index, "year:2024") == {1}
    assert found(index, "year:[2016 TO 2017]") == {2, 6}
    assert found(index, "year:[2018 TO]") == {1, 4, 5}
    # Undated documents have no year, so no range finds them.
    assert found(index, "year:[TO 2017]") == {2, 6}
    assert found(index, "negotiations year:2018") == {4, 5}


def test_title_matches_rank_higher(index: SearchIndex) -> None:
    hits = search(index, "negotiations").hits
    assert hits[0].id == 5
    assert all(hit.score > 0 for hit in hits)


def test_hits_carry_stored_metadata(index: SearchIndex) -> None:
    (hit,) = search(index, "karabakh").hits
    assert (hit.id, hit.title, hit.year, hit.date) == (
        1,
        "President İlham Aliyev receives the Turkish delegation",
        2024,
        "2024-03-05",
    )
    (undated,) = search(index, "undated").hits
    assert (undated.year, undated.date) == (None, None)


def test_body_is_not_stored_in_the_index(index: SearchIndex) -> None:
    stored = whoosh_index.open_dir(str(index.directory), INDEX_NAME, schema=make_schema())
    with stored.searcher() as searcher:
        fields = searcher.stored_fields(0)
    assert "body" not in fields
    assert set(fields) <= {"id", "title", "year", "date"}


# Counting per year


def test_years_count_every_match_not_only_the_hits_returned(index: SearchIndex) -> None:
    results = search(index, "negotiations", limit=1)
    assert len(results.hits) == 1
    assert results.total == 5
    assert results.years == {"2017": 1, "2018": 2, "2024": 1}
    assert results.undated == 1


def test_year_filter_lists_one_year_but_counts_all(index: SearchIndex) -> None:
    results = search(index, "negotiations", year=2018)
    assert {hit.id for hit in results.hits} == {4, 5}
    assert results.total == 2
    assert results.years == {"2017": 1, "2018": 2, "2024": 1}
    assert results.undated == 1


def test_year_filter_with_no_match_in_that_year(index: SearchIndex) -> None:
    results = search(index, "negotiations", year=1999)
    assert (results.total, results.hits, results.suggestion) == (0, [], None)
    assert results.years == {"2017": 1, "2018": 2, "2024": 1}


# Sorting


def test_date_sort_is_newest_first_with_undated_last(index: SearchIndex) -> None:
    hits = search(index, "negotiations OR policy", sort="date").hits
    assert [hit.id for hit in hits] == [1, 4, 5, 2, 6, 3]
    # A month-only date sorts after the dated days of its month's year.
    assert [hit.date for hit in hits][:3] == ["2024-03-05", "2018-06", "2018-02-01"]


def test_date_sort_with_a_year_filter_and_a_limit(index: SearchIndex) -> None:
    hits = search(index, "negotiations", sort="date", year=2018, limit=1).hits
    assert [hit.id for hit in hits] == [4]


# Snippets


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("baki", "<mark>Bakı</mark>"),
        ("ilham", "<mark>İlham</mark>"),
        ("turkiye", "<mark>Türkiye</mark>"),
        ("negotiation", "<mark>Negotiations</mark>"),
        ("negotiat*", "<mark>Negotiations</mark>"),
        ("negotiatons~", "<mark>Negotiations</mark>"),
        ('"Nagorno-Karabakh"', "<mark>Nagorno</mark>-<mark>Karabakh</mark>"),
    ],
)
def test_snippet_marks_words_however_spelled(index: SearchIndex, query: str, marked: str) -> None:
    (hit,) = [hit for hit in search(index, query).hits if hit.id == 1]
    assert marked in hit.snippet


def test_snippet_escapes_html(index: SearchIndex) -> None:
    (hit,) = search(index, "title:review").hits
    assert "&lt;script&gt;" in hit.snippet
    assert "&amp; more" in hit.snippet
    assert "<script>" not in hit.snippet


def test_snippet_falls_back_to_the_beginning_when_only_the_title_matched(
    index: SearchIndex,
) -> None:
    (hit,) = search(index, "title:negotiations").hits
    assert hit.snippet == "Talks resumed after a pause."
    assert "<mark>" not in hit.snippet


def test_snippet_does_not_mark_excluded_words(index: SearchIndex) -> None:
    # Document 4 has Armenia in its body, not its title, so it matches.
    (hit,) = search(index, "treaty NOT title:armenia").hits
    assert "<mark>treaty</mark>" in hit.snippet
    assert "Armenia" in hit.snippet
    assert "<mark>Armenia</mark>" not in hit.snippet


def test_snippet_of_a_long_text_is_a_short_excerpt(tmp_path: Path) -> None:
    long_text = " ".join(["Filler words about nothing in particular."] * 200)
    long_text += " The treaty was signed. " + long_text
    with SearchIndex(tmp_path / "index") as search_index:
        search_index.replace_all([IndexedDocument(1, "Long", long_text, 2020, None, None)])
        results = search_index.search("treaty", text_of=lambda ids: dict.fromkeys(ids, long_text))
    (hit,) = results.hits
    assert "<mark>treaty</mark>" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 300


def test_missing_text_gives_an_empty_snippet(index: SearchIndex) -> None:
    (hit,) = index.search("karabakh", text_of=lambda ids: {}).hits
    assert hit.snippet == ""


# Did you mean


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("negotiatons", "negotiations"),
        ("Azerbaijn", "azerbaijan"),
        ('"forein policy"', '"foreign policy"'),
        ("title:negotiatoins", "title:negotiations"),
        ("peace treatyy", "peace treaty"),
    ],
)
def test_suggestion_when_nothing_matches(index: SearchIndex, query: str, suggestion: str) -> None:
    results = search(index, query)
    assert (results.total, results.hits) == (0, [])
    assert results.suggestion == suggestion


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        # One letter from the stems "polici" and "treati", which are not words.
        ("policx", "policy"),
        ("treatx", "treaty"),
    ],
)
def test_suggestions_are_words_of_the_archive_never_stems(
    index: SearchIndex, query: str, suggestion: str
) -> None:
    assert search(index, query).suggestion == suggestion


def test_no_suggestion_when_something_matches(index: SearchIndex) -> None:
    assert search(index, "negotiations").suggestion is None


def test_no_suggestion_when_no_word_is_close(index: SearchIndex) -> None:
    assert search(index, "zzyzx").suggestion is None


def test_no_suggestion_when_the_corrected_query_finds_nothing_either(
    index: SearchIndex,
) -> None:
    # Both words exist, but never in the same document.
    assert search(index, "armenia ministry").suggestion is None


# Writing


def test_update_replaces_a_document_in_place(index: SearchIndex) -> None:
    index.update(
        [IndexedDocument(2, "Results of the year", "Now about a zebra.", 2017, None, None)]
    )
    assert index.doc_count() == len(DOCS)
    assert found(index, "zebra") == {2}
    assert 2 not in found(index, "ministry")


def test_update_adds_new_documents_and_their_words(index: SearchIndex) -> None:
    index.update([IndexedDocument(7, "Giraffes", "A giraffe in Gəncə.", 2025, None, None)])
    assert index.doc_count() == len(DOCS) + 1
    assert found(index, "giraffe") == {7}
    assert found(index, "gence") == {7}
    assert found(index, "giraf*") == {7}
    assert search(index, "girafes").suggestion == "giraffes"


def test_update_streams_documents_replacing_the_ids_given(index: SearchIndex) -> None:
    def streamed() -> Iterator[IndexedDocument]:
        yield IndexedDocument(2, "Results of the year", "Now about a zebra.", 2017, None, None)
        yield IndexedDocument(8, "Okapis", "An okapi in Qəbələ.", 2020, None, None)

    # 1 is queued but gone from the archive: it is removed with the rest of the batch.
    index.update(streamed(), replacing=[1, 2, 8])
    assert index.doc_count() == len(DOCS)
    assert found(index, "zebra") == {2}
    assert found(index, "okapi") == {8}
    assert 1 not in found(index, "negotiations")
    assert 2 not in found(index, "ministry")


def test_delete_removes_documents_and_ignores_unknown_ids(index: SearchIndex) -> None:
    index.delete([4, 99])
    assert index.doc_count() == len(DOCS) - 1
    assert found(index, "armenia") == set()


def test_replace_all_replaces_everything_and_reports_progress(index: SearchIndex) -> None:
    reported: list[int] = []
    new_docs = [IndexedDocument(i, f"Doc {i}", "giraffe", 2020, None, None) for i in range(1, 151)]
    assert index.replace_all(new_docs, progress=reported.append) == 150
    assert reported == [100, 150]
    assert index.doc_count() == 150
    assert found(index, "negotiations") == set()
    assert search(index, "giraffe").total == 150


def test_failed_rebuild_leaves_the_index_as_it_was(index: SearchIndex) -> None:
    def broken_documents() -> Iterator[IndexedDocument]:
        yield IndexedDocument(1, "New", "giraffe", 2020, None, None)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        index.replace_all(broken_documents())
    assert index.doc_count() == len(DOCS)
    assert found(index, "giraffe") == set()
    assert found(index, "karabakh") == {1}


def test_failed_update_changes_nothing_and_releases_the_lock(index: SearchIndex) -> None:
    def broken_documents() -> Iterator[IndexedDocument]:
        yield IndexedDocument(7, "Giraffes", "giraffe", 2025, None, None)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        index.update(broken_documents())
    assert found(index, "giraffe") == set()
    index.update([IndexedDocument(7, "Okapis", "okapi", 2025, None, None)])
    assert found(index, "okapi") == {7}


def test_another_instance_sees_committed_changes(index: SearchIndex) -> None:
    # As another process would: its own SearchIndex on the same directory.
    other = SearchIndex(index.directory)
    assert other.search("karabakh", text_of=text_of).total == 1
    index.delete([1])
    index.update([IndexedDocument(8, "Okapi", "An okapi.", 2020, None, None)])
    assert other.search("karabakh", text_of=text_of).total == 0
    assert other.search("okapi", text_of=text_of).total == 1
    index.replace_all(DOCS[:2])
    assert other.doc_count() == 2
    other.close()


def test_busy_index_raises_index_busy_error(tmp_path: Path) -> None:
    with (
        SearchIndex(tmp_path / "index") as first,
        SearchIndex(tmp_path / "index", lock_timeout=0.05) as second,
    ):
        first.replace_all(DOCS)
        with first._writing(), pytest.raises(IndexBusyError) as raised:
            second.update([DOCS[0]])
        assert str(raised.value) == (
            "The search index is busy in another process; try again in a moment."
        )
        second.update([DOCS[0]])
        assert second.doc_count() == len(DOCS)


def test_a_new_index_needs_a_rebuild_until_filled(tmp_path: Path) -> None:
    fresh = SearchIndex(tmp_path / "index")
    needs_rebuild = [fresh.needs_rebuild]
    assert fresh.doc_count() == 0
    assert fresh.search("anything", text_of=text_of).total == 0
    fresh.replace_all(DOCS)
    needs_rebuild.append(fresh.needs_rebuild)
    fresh.close()
    with SearchIndex(tmp_path / "index") as reopened:
        needs_rebuild.append(reopened.needs_rebuild)
        assert reopened.doc_count() == len(DOCS)
    assert needs_rebuild == [True, False, False]


def test_files_of_an_older_schema_are_removed(tmp_path: Path) -> None:
    directory = tmp_path / "index"
    directory.mkdir()
    stale = [directory / "_archive_v0_3.toc", directory / "archive_v0_abc.seg"]
    unrelated = directory / "notes.txt"
    for path in [*stale, unrelated]:
        path.write_text("x")
    with SearchIndex(directory):
        pass
    assert not any(path.exists() for path in stale)
    assert unrelated.exists()


# Errors


def test_malformed_query_raises_query_error(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match="Unknown field 'foo'"):
        search(index, "foo:bar")


def test_pattern_matching_too_many_words_raises_query_error(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("archive.search.expansion.MAX_EXPANDED_STEMS", 1)
    with pytest.raises(QueryError) as raised:
        search(index, "pa*")  # partners, pause
    assert str(raised.value) == "'pa*' matches more than 1 different words; add a letter or two."


def test_limit_must_be_positive(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="limit"):
        search(index, "peace", limit=0)


# The sample archive as rough bodies


def test_sample_archive_is_searchable(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = {number: path.read_text(encoding="utf-8") for number, path in enumerate(seeds)}
    with SearchIndex(tmp_path / "index") as search_index:
        search_index.replace_all(
            IndexedDocument(number, path.stem, texts[number], 2000 + number, None, None)
            for number, path in enumerate(seeds)
        )
        results = search_index.search(
            '"Hikmat Hajiyev"', text_of=lambda ids: {i: texts[i] for i in ids}
        )
        misspelled = search_index.search("Azerbaijn", text_of=lambda ids: {})
    assert results.total >= 2
    assert all("<mark>Hikmat</mark> <mark>Hajiyev</mark>" in hit.snippet for hit in results.hits)
    assert misspelled.suggestion == "azerbaijan"
