"""Countries and organisations mentioned: spellings, exact counts per year, upkeep."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.api import DATABASE_NAME, Archive
from archive.ingest import parse_document
from archive.mentions import EntityCount, EntityKind, default_finder
from archive.models import FoundMentions, PublicationDate
from archive.storage.migrations import MIGRATIONS
from tests.archive.mention_corpus import EXPECTED, RELEASES, write_releases


def keys(text: str, language: str | None = None) -> set[str]:
    finder = default_finder()
    return {finder.catalogue.entities[i].key for i in finder.find(text, language)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Azerbaijan, the United States, the UK and Türkiye", "en", {"AZ", "US", "GB", "TR"}),
        ("Talks with Turkey and the USA", "en", {"TR", "US"}),
        ("Deutschlands Rolle in der OSZE", "de", {"DE", "OSCE"}),
        ("В России и с Китаем; ООН и НАТО", "ru", {"RU", "CN", "UN", "NATO"}),
        ("Україна, України та Росії", "uk", {"UA", "RU"}),
        ("Azərbaycanın və Rusiyanın, Türkiyəyə; ATƏT", "az", {"AZ", "RU", "TR", "OSCE"}),
        ("Türkiye'nin AB'ye üyeliği ve NATO'nun rolü", "tr", {"TR", "EU", "NATO"}),
        ("w Rosji i Francji", "pl", {"RU", "FR"}),
        ("Les États-Unis et l'ONU", "fr", {"US", "UN"}),
        ("AZERBAIJAN", "en", {"AZ"}),  # names: case aside
        # Former names, and a hyphen where the list has a space.
        ("the Cooperation Council of Turkic-speaking States", "en", {"OTS"}),
        ("the Islamic Cooperation Organization met", "en", {"OIC"}),
        ("Guinea-Bissau and Timor-Leste", "en", {"GW", "TL"}),
    ],
)
def test_local_spellings_and_acronyms(text: str, language: str, expected: set[str]) -> None:
    assert keys(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Un accord, un projet éco et un avenir",  # French "un", "éco"
        "The eco garden and the un-named gardener",  # lower-case words
        "UN ACCORD HISTORIQUE SIGNÉ HIER",  # capitals say nothing in a shouted line
        "Governor of New Jersey",  # not Jersey
        "An island in the sun",  # German "Island" is Iceland, not in English
        "груза и грузу",  # Russian "cargo", not Georgia ("Грузии")
    ],
)
def test_words_that_are_no_mention(text: str) -> None:
    assert keys(text, "en" if text.isascii() else None) == set()


def test_longest_spelling_wins() -> None:
    assert keys("Papua New Guinea and GUAM met on Guam", "en") == {"PG", "GUAM", "GU"}


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data") as opened:
        opened.import_paths([write_releases(tmp_path / "releases")])
        yield opened


def counted(counts: list[EntityCount]) -> dict[tuple[str, str], dict[int | None, int]]:
    return {(c.entity.kind.value, c.entity.key): c.years for c in counts}


def test_counts_per_year_are_exact(archive: Archive) -> None:
    counts = archive.facet_counts()
    assert counted(counts) == EXPECTED
    assert [(c.entity.key, c.documents) for c in counts[:2]] == [("RU", 4), ("AZ", 3)]
    countries = archive.facet_counts(EntityKind.COUNTRY)
    assert {c.entity.kind for c in countries} == {EntityKind.COUNTRY}


def test_counts_of_one_year(archive: Archive) -> None:
    in_2024 = {c.entity.key: c.documents for c in archive.facet_counts(year=2024)}
    assert in_2024 == {"RU": 1, "AZ": 1, "FR": 1, "DE": 1, "CN": 1, "UN": 1}


def test_documents_mentioning(archive: Archive) -> None:
    mentioning = archive.documents_mentioning(EntityKind.COUNTRY, "RU")
    years = sorted(mentioning.values(), key=lambda year: year or 0)
    assert years == [None, 2016, 2016, 2024]
    titles = {d.id: d.title for d in archive.list_documents()}
    named = {titles[i] for i in archive.documents_mentioning(EntityKind.ORGANISATION, "UN")}
    assert named == {"Заявление министерства"}


def test_removed_documents_are_not_counted_and_corrections_move_years(archive: Archive) -> None:
    russian = next(d.id for d in archive.list_documents() if d.language == "ru")
    archive.remove_documents([russian])
    assert counted(archive.facet_counts())[("country", "RU")] == {2016: 2, None: 1}
    archive.restore_documents([russian])
    archive.correct_metadata(russian, date=PublicationDate(2020, 1, 2))
    assert counted(archive.facet_counts())[("country", "RU")] == {2016: 2, 2020: 1, None: 1}


def test_a_changed_file_changes_its_mentions(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "releases" / "en2016.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Russia", "Kazakhstan"), "utf-8")
    archive.import_paths([path])
    counts = counted(archive.facet_counts())
    assert counts[("country", "RU")] == {2016: 1, 2024: 1, None: 1}
    assert counts[("country", "KZ")] == {2016: 1}


def test_a_search_restricted_to_the_documents_mentioning_an_entity(archive: Archive) -> None:
    query = "minister OR garden"  # the English, the Polish and the garden release
    assert archive.search(query).total == 3
    mentioning_russia = archive.documents_mentioning(EntityKind.COUNTRY, "RU")
    within = archive.search(query, within=mentioning_russia.keys())
    assert within.total == 2
    assert {hit.id for hit in within.hits} <= set(mentioning_russia)
    assert (within.years, within.undated) == ({"2016": 1}, 1)


def test_documents_read_with_older_lists_are_read_again(archive: Archive) -> None:
    with archive._db.transaction() as connection:  # as if the lists changed since
        connection.execute("UPDATE mention_scans SET version = 'an older list'")
    assert archive.mentions_outdated() == len(RELEASES)
    progress: list[tuple[int, int]] = []
    assert archive.update_mentions(lambda done, total: progress.append((done, total))) == 6
    assert progress == [(6, 6)]
    assert archive.mentions_outdated() == 0
    assert counted(archive.facet_counts()) == EXPECTED


def test_an_archive_made_before_mentions_is_migrated(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Archive(data) as made:
        made.import_paths([write_releases(tmp_path / "releases")])
    # Back to schema 4: the tables of mentions and saved searches did not exist.
    with sqlite3.connect(data / DATABASE_NAME) as connection:
        for table in ("mentions", "mention_scans", "saved_search_seen", "saved_searches"):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("PRAGMA user_version = 4")
    with Archive(data) as reopened:
        assert reopened._db.schema_version == len(MIGRATIONS)
        assert reopened.facet_counts() == []
        assert reopened.mentions_outdated() == len(RELEASES)
        reopened.update_mentions()
        assert counted(reopened.facet_counts()) == EXPECTED


# -- found where the document is parsed (a worker process) ------------------------------------


STORY = "BAKU, 3 March 2021. The minister met the OSCE envoy to discuss relations with Türkiye.\n"
STORY_MENTIONS = (("country", "TR"), ("organisation", "OSCE"))


def test_a_parsed_document_carries_what_it_mentions_with_the_lists_version() -> None:
    parsed = parse_document(STORY.encode(), "story.txt")
    assert parsed.mentions == FoundMentions(default_finder().catalogue.version, STORY_MENTIONS)


def stored_mentions(archive: Archive, document_id: int) -> list[tuple[str, str]]:
    rows = archive._db.connection.execute(
        "SELECT kind, key FROM mentions WHERE document_id = ? ORDER BY kind, key",
        (document_id,),
    )
    return [(str(row[0]), str(row[1])) for row in rows]


@pytest.fixture
def story_archive(tmp_path: Path) -> Iterator[tuple[Archive, int]]:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    with Archive(tmp_path / "data") as opened:
        (result,) = opened.import_paths([tmp_path / "story.txt"])
        assert result.id is not None
        yield opened, result.id


def test_what_the_worker_found_is_stored_without_finding_it_again(
    story_archive: tuple[Archive, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive, document_id = story_archive
    parsed = dataclasses.replace(
        parse_document(STORY.encode(), "story.txt"),
        mentions=FoundMentions(default_finder().catalogue.version, (("country", "FR"),)),
    )

    def find_again(*_args: object) -> frozenset[int]:
        raise AssertionError("found again in the importing process")

    monkeypatch.setattr(default_finder(), "find", find_again)
    with archive._db.transaction():
        archive._mentions.record_extraction(document_id, parsed)
    assert stored_mentions(archive, document_id) == [("country", "FR")]  # as given


def test_mentions_found_with_other_lists_are_found_again(
    story_archive: tuple[Archive, int],
) -> None:
    archive, document_id = story_archive
    stale = dataclasses.replace(
        parse_document(STORY.encode(), "story.txt"),
        mentions=FoundMentions("an older version", (("country", "FR"),)),
    )
    with archive._db.transaction():
        archive._mentions.record_extraction(document_id, stale)
    assert stored_mentions(archive, document_id) == list(STORY_MENTIONS)
