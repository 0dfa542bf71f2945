"""Reading PDFs: the text as a reader sees it, without page furniture, and plain failures."""

from __future__ import annotations

import csv
import re

import pypdfium2 as pdfium
import pytest

from archive.ingest import parse_document
from archive.ingest.errors import IngestError
from archive.ingest.pdf.page_numbers import is_page_number, mentions_page_number
from archive.ingest.readers import pdf as pdf_reader
from archive.ingest.readers.pdf import read_pdf
from tests.archive.pdf_samples import typeset, without_text
from tests.conftest import REPO

CORPUS = REPO.parent / "shared" / "corpora" / "releases-dev"
needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason="the shared labelled corpus is absent"
)

OPENING = (
    "The foreign ministers of the two countries met in Vienna on Monday to continue",
    "the talks on a regional agreement on energy, transport and trade links in the",
    "region, the third such meeting since the negotiations resumed last autumn.",
)
SECOND = (
    "Both delegations reaffirmed their commitment to the independence of the new",
    "regulator, and agreed that the working groups would report before the summer.",
)
CLOSING = (
    "The next round of talks will be held in the capital of the other country, and",
    "both sides expect the agreement to be ready for signature by the end of talks.",
)


def words(text: str) -> str:
    """The text with its whitespace collapsed, as the labels are compared."""
    return " ".join(text.split())


def sentence(lines: tuple[str, ...]) -> str:
    return " ".join(lines)


def parsed_text(raw: bytes) -> str:
    return words(parse_document(raw, "release.pdf").text)


# Running headers, footers and page numbers


def test_running_header_and_numbered_footer_are_dropped_from_every_page() -> None:
    raw = typeset(
        [[OPENING], [SECOND], [CLOSING]],
        header=lambda number, _: "Ministry of Examples - Press Service" if number > 1 else None,
        footer=lambda *_: "Ministry of Examples, 1 Example Street, Exampletown",
        footer_right=lambda number, count: f"Page {number} of {count}",
    )
    text = parsed_text(raw)
    for paragraph in (OPENING, SECOND, CLOSING):
        assert sentence(paragraph) in text
    for furniture in ("Press Service", "Example Street", "Page 1 of 3", "Page 3 of 3"):
        assert furniture not in text


@pytest.mark.parametrize(
    "page_number",
    ["Seite {n} von {m}", "Página {n} de {m}", "Page {n} sur {m}", "Sayfa {n} / {m}"],
)
def test_page_numbers_in_other_languages_are_dropped(page_number: str) -> None:
    raw = typeset(
        [[OPENING], [SECOND]],
        footer_right=lambda number, count: page_number.format(n=number, m=count),
    )
    text = parsed_text(raw)
    assert sentence(OPENING) in text
    assert sentence(SECOND) in text
    assert page_number.format(n=1, m=2).split()[0] not in text


def test_a_footer_with_the_publisher_and_the_page_number_goes_from_a_one_page_file() -> None:
    raw = typeset(
        [[OPENING, SECOND]],
        footer=lambda *_: "Ministry of Examples - 1 Example Street, Exampletown",
        footer_right=lambda number, count: f"Page {number} of {count}",
    )
    text = parsed_text(raw)
    assert sentence(SECOND) in text
    assert "Example Street" not in text
    assert "Page 1 of 1" not in text


def test_a_header_that_only_the_second_of_two_pages_has_is_dropped() -> None:
    raw = typeset(
        [[OPENING], [SECOND]],
        header=lambda number, _: "Ministry of Examples - Press Service" if number == 2 else None,
    )
    text = parsed_text(raw)
    assert sentence(SECOND) in text
    assert "Press Service" not in text


def test_a_page_number_alone_at_the_top_or_the_end_of_the_text_is_dropped() -> None:
    raw = typeset([[("Seite 1 von 1",), OPENING, SECOND, ("S. 1",)]])
    text = parsed_text(raw)
    assert sentence(OPENING) in text
    assert sentence(SECOND) in text
    assert "Seite" not in text
    assert "S. 1" not in text


def test_a_footer_that_recurs_on_every_page_goes_even_without_a_page_number() -> None:
    address = "Ministry of Examples, 1 Example Street, 1010 Exampletown, telephone 01 234 567."
    raw = typeset([[OPENING], [SECOND]], footer=lambda *_: address)
    text = parsed_text(raw)
    assert sentence(SECOND) in text
    assert "Example Street" not in text


def test_body_lines_at_the_edges_of_pages_are_kept() -> None:
    last = ("The annex, on page 1 of 2 of the report, lists the projects in the region.",)
    raw = typeset(
        [[OPENING, last], [SECOND, last]],
        footer=lambda *_: "Ministry of Examples",
        footer_right=lambda number, count: f"Page {number} of {count}",
    )
    text = parsed_text(raw)
    assert text.count(sentence(last)) == 2
    assert sentence(OPENING) in text


@pytest.mark.parametrize(
    "line",
    ["Page 2 of 3", "Seite 2 von 3", "Page 2 sur 3", "Página 2 de 3", "Страница 2 из 3",
     "Sayfa 2 / 3", "- 2 -", "2", "2 / 3", "p. 2"],
)  # fmt: skip
def test_page_numbers_are_recognised_in_many_languages(line: str) -> None:
    assert is_page_number(line, page_number=2, page_count=3)
    assert mentions_page_number(f"Ministry of Examples · {line}", 2, 3) or line.strip("- ") == "2"


@pytest.mark.parametrize(
    "line",
    ["1 Example Street, 10115 Berlin", "Monday, 3 May 2021", "Article 3 of the treaty"],
)
def test_addresses_and_dates_are_not_page_numbers(line: str) -> None:
    assert not is_page_number(line, page_number=2, page_count=3)
    assert not mentions_page_number(line, page_number=2, page_count=3)


# Lines, paragraphs and hyphens


def test_a_word_hyphenated_at_a_line_end_is_joined_and_a_compound_keeps_its_hyphen() -> None:
    raw = typeset(
        [
            [
                (
                    "The ministers discussed the situation in and around the Nagorno-",
                    "Karabakh region, and reaffirmed their support for the inde-",
                    "pendence of the regional energy regulator and for its further work.",
                )
            ]
        ]
    )
    text = parsed_text(raw)
    assert "Nagorno-Karabakh region" in text
    assert "support for the independence of the regional" in text


def test_paragraphs_set_apart_on_the_page_stay_apart() -> None:
    # The first paragraph's last line is as long as the others: only the space between
    # the paragraphs tells where it ends.
    raw = typeset([[OPENING, CLOSING]])
    markdown = parse_document(raw, "release.pdf").markdown
    paragraphs = [words(block) for block in markdown.split("\n\n")]
    assert sentence(OPENING) in paragraphs
    assert sentence(CLOSING) in paragraphs


def test_quoted_paragraphs_on_one_page_stay_apart() -> None:
    # A quotation that runs over several paragraphs opens each with “ and closes only
    # the last: within a page, the measured gap still ends each paragraph.
    quoted = [
        ["“We worked closely with the Governor to craft this executive order and to", "ban"
         " profiteering on essential goods and services during the emergency."],
        ["“We recognise that not every retailer who has raised prices since the start of",
         "the crisis has done so only to line their pockets, and they are protected."],
        ["“My hope is that we will not have to use this power at all, or only rarely,”",
         "the Attorney General said at the end of the press conference in Saint Paul."],
    ]  # fmt: skip
    markdown = parse_document(typeset([quoted]), "release.pdf").markdown
    assert len(markdown.split("\n\n")) == 3


def test_a_paragraph_carried_over_to_the_next_page_is_joined() -> None:
    first = [["The delegations met in Geneva and agreed that the working groups would"]]
    second = [["report on the open questions in the spring, the ministry said."]]
    markdown = parse_document(typeset([first, second]), "release.pdf").markdown
    assert "would report on the open questions" in markdown


# Metadata


def test_the_pdf_title_is_used_when_the_text_bears_it_out() -> None:
    raw = typeset([[OPENING, SECOND]], title="Foreign ministers resume talks on energy")
    extracted = read_pdf(raw, "release.pdf")
    assert extracted.title == "Foreign ministers resume talks on energy"
    assert extracted.title_evidence == "PDF title"


@pytest.mark.parametrize(
    "title",
    ["Microsoft Word - Pressemitteilung_final2.docx", "untitled", "Document1",
     "Quarterly figures of the sales department"],
)  # fmt: skip
def test_a_placeholder_or_foreign_pdf_title_is_not_used(title: str) -> None:
    raw = typeset([[OPENING, SECOND]], title=title)
    assert read_pdf(raw, "release.pdf").title is None


def test_the_file_creation_date_is_never_the_publication_date() -> None:
    raw = typeset([[OPENING, SECOND]])
    with pdfium.PdfDocument(raw) as pdf:
        assert pdf.get_metadata_value("CreationDate").startswith("D:2000")
    assert read_pdf(raw, "release.pdf").dates == ()
    assert parse_document(raw, "release.pdf").date is None


def test_the_declared_language_is_read() -> None:
    raw = typeset([[OPENING]])
    assert read_pdf(raw, "release.pdf").language is None
    with_language = typeset([[OPENING]], language="de-DE")
    assert read_pdf(with_language, "release.pdf").language == "de"


# Files that cannot be read, and files too long to read whole


def test_a_password_protected_pdf_fails_with_that_reason() -> None:
    raw = typeset([[OPENING]], password="secret")
    with pytest.raises(IngestError, match="protected by a password"):
        parse_document(raw, "release.pdf")


def test_a_pdf_that_only_restricts_copying_is_read() -> None:
    raw = typeset([[OPENING]], owner_password_only=True)
    assert sentence(OPENING) in parsed_text(raw)


def test_a_truncated_pdf_fails_as_damaged() -> None:
    raw = typeset([[OPENING, SECOND]])
    with pytest.raises(IngestError, match="damaged"):
        parse_document(raw[: len(raw) // 2], "release.pdf")


def test_garbage_with_a_pdf_header_fails_as_damaged() -> None:
    with pytest.raises(IngestError, match="damaged"):
        parse_document(b"%PDF-1.7\n" + bytes(range(256)) * 16, "release.pdf")


def test_garbage_named_pdf_fails_with_a_reason() -> None:
    with pytest.raises(IngestError):
        parse_document(bytes(range(256)) * 16, "release.pdf")


def test_a_pdf_without_text_says_it_may_be_a_scan() -> None:
    with pytest.raises(IngestError, match=r"no text to read.*scanned.*OCR"):
        parse_document(without_text(), "scan.pdf")


def test_a_very_long_pdf_is_read_up_to_the_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    raw = typeset([[OPENING], [SECOND], [CLOSING]])
    text = parsed_text(raw)
    assert sentence(SECOND) in text
    assert sentence(CLOSING) not in text


# The labelled corpus


def corpus_pdfs() -> list[dict[str, str]]:
    if not CORPUS.exists():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = csv.DictReader(manifest, delimiter="\t")
        return [row for row in rows if row["file"].endswith(".pdf")]


def margin_lines(raw: bytes, share: float = 0.06) -> list[str]:
    """What each page prints in its top and bottom margins, read directly."""
    found: list[str] = []
    with pdfium.PdfDocument(raw) as pdf:
        for page in pdf:
            textpage = page.get_textpage()
            left, bottom, right, top = page.get_bbox()
            band = share * (top - bottom)
            for low, high in ((top - band, top), (bottom, bottom + band)):
                text = textpage.get_text_bounded(left, low, right, high)
                found += [words(line) for line in re.split(r"[\r\n]+", text) if line.strip()]
            textpage.close()
            page.close()
    return found


@needs_corpus
@pytest.mark.parametrize("row", corpus_pdfs(), ids=lambda row: row["file"][:2])
def test_dev_corpus_pdfs_keep_their_body_and_lose_their_clutter(row: dict[str, str]) -> None:
    text = parsed_text((CORPUS / row["file"]).read_bytes())
    assert words(row["body_phrase"]) in text
    if row["clutter_phrase"].strip():
        assert words(row["clutter_phrase"]) not in text


@needs_corpus
@pytest.mark.parametrize("row", corpus_pdfs(), ids=lambda row: row["file"][:2])
def test_dev_corpus_pdfs_lose_everything_in_their_page_margins(row: dict[str, str]) -> None:
    raw = (CORPUS / row["file"]).read_bytes()
    body = words(read_pdf(raw, row["file"]).body)
    margins = margin_lines(raw)
    assert margins  # every one of them has a footer
    for line in margins:
        assert line not in body


@needs_corpus
def test_dev_corpus_pdf_titles_are_the_releases_titles() -> None:
    titled = 0
    for row in corpus_pdfs():
        raw = (CORPUS / row["file"]).read_bytes()
        with pdfium.PdfDocument(raw) as pdf:
            declared = pdf.get_metadata_value("Title")
        extracted = read_pdf(raw, row["file"])
        if declared:
            titled += 1
            assert extracted.title == row["true_title"]
        else:
            assert extracted.title is None
    assert titled >= 5


def test_a_pdf_that_prints_the_same_few_lines_on_every_page_keeps_them() -> None:
    # A short text at the top of each page recurs as running headers do: when taking
    # it for one would leave nothing, it is the text.
    same = [["Minister welcomes Geneva agreement", "The ministry said the talks were useful."]]
    document = parse_document(typeset([same, same, same]), "form.pdf")
    assert "The ministry said the talks were useful." in document.title + document.text
