"""Saved web pages: the article without the page, its headline, date, site and address."""

from __future__ import annotations

import gzip

import pytest

from archive.ingest import IngestError, parse_document
from archive.ingest.readers.sniffing import sniff_format
from archive.models import DateOrigin, SourceFormat

ARTICLE = (
    "<p>The Ministry of Foreign Affairs today welcomed the agreement reached by the two "
    "delegations after three days of talks in Geneva, and said that it would help the "
    "region to build a lasting peace.</p>"
    "<p>The delegations agreed to meet again in the spring, when the working groups will "
    "report on the questions that were left open, the ministry said in its statement.</p>"
    "<p>The minister thanked the hosts for their hospitality and for the care they had "
    "taken over the organisation of the talks, which were held in a constructive spirit.</p>"
)
MENU = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))


def page(
    *,
    head: str = "",
    title: str = "Talks end with an agreement | Foreign Office",
    h1: str = "Talks end with an agreement",
    article: str = ARTICLE,
    before: str = "",
    after: str = "",
    lang: str = "en",
) -> bytes:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        f"{head}</head><body><header><nav><ul>{MENU}</ul></nav></header>"
        f"<main><article><h1>{h1}</h1>{before}{article}{after}</article></main>"
        "<footer><p>© Foreign Office 2024. All rights reserved.</p>"
        "<p>We use cookies to improve your experience. Accept cookies</p></footer>"
        "</body></html>"
    ).encode()


def test_the_article_is_kept_and_the_page_around_it_is_not() -> None:
    document = parse_document(page(), "talks.html")
    assert document.format is SourceFormat.HTML
    assert "help the region to build a lasting peace" in document.text
    assert "held in a constructive spirit" in document.text
    for furniture in ("Section 3", "All rights reserved", "Accept cookies"):
        assert furniture not in document.text


def test_the_title_is_the_headline_without_the_site_name() -> None:
    head = "<meta property='og:site_name' content='Foreign Office'>"
    document = parse_document(page(head=head), "talks.html")
    assert document.title == "Talks end with an agreement"
    assert document.title_evidence is not None and "HTML" in document.title_evidence


def test_a_generic_og_title_loses_to_the_headline_the_page_repeats() -> None:
    head = "<meta property='og:title' content='Press releases'>"
    document = parse_document(
        page(
            head=head,
            title="Talks end with an agreement",
            h1="Press release: Talks end with an agreement",
        ),
        "talks.html",
    )
    assert document.title == "Talks end with an agreement"


def test_a_title_that_is_only_a_date_and_a_label_is_never_used() -> None:
    document = parse_document(
        page(title="July 22, 2019 Press Release", h1="Attorney General secures settlement"),
        "release.html",
    )
    assert document.title == "Attorney General secures settlement"


def test_the_published_time_in_the_head_is_the_date() -> None:
    head = "<meta property='article:published_time' content='2022-04-21T14:46:12-04:00'>"
    after = "<p>Last updated: 3 May 2023</p>"
    document = parse_document(page(head=head, after=after), "talks.html")
    assert document.date is not None
    assert (document.date.iso, document.date.origin) == ("2022-04-21", DateOrigin.EXPLICIT)


def test_a_dateline_in_the_article_beats_a_date_found_elsewhere_on_the_page() -> None:
    before = "<p>GENEVA, 17 August 2007 - The talks ended today.</p>"
    after = "<p>Related: <time datetime='2019-02-14'>Letzte Änderung 14.02.2019</time></p>"
    document = parse_document(page(before=before, after=after), "talks.html")
    assert document.date is not None
    assert document.date.iso == "2007-08-17"
    assert document.date.evidence == "dateline"


def test_a_last_updated_stamp_at_the_end_is_not_part_of_the_article() -> None:
    after = "<p><strong>Letzte Änderung 14.02.2019</strong></p>"
    document = parse_document(page(after=after), "talks.html")
    assert "Letzte Änderung" not in document.text


def test_a_lede_the_extractor_drops_comes_back_from_the_meta_description() -> None:
    lede = (
        "Die Delegationen haben sich nach drei Tagen Verhandlungen in Genf auf einen "
        "gemeinsamen Text geeinigt, teilte das Ministerium mit."
    )
    head = f"<meta name='description' content='{lede}'>"
    teaser = (
        "<div class='teaser'><figure><img src='x.jpg'></figure>"
        f"<strong><p>{lede}</p></strong></div>"
    )
    html = page(head=head).replace(b"<main>", f"<main>{teaser}".encode())
    document = parse_document(html, "talks.html")
    assert "auf einen gemeinsamen Text geeinigt" in document.text


def test_site_name_url_and_declared_language_are_kept() -> None:
    head = (
        "<link rel='canonical' href='https://example.org/news/2024/talks'>"
        "<meta property='og:site_name' content='Foreign Office'>"
    )
    document = parse_document(page(head=head), "talks.html")
    assert document.url == "https://example.org/news/2024/talks"
    assert document.source == "Foreign Office"
    assert document.language == "en"


def test_the_declared_charset_is_honoured() -> None:
    html = page(lang="ru", h1="Переговоры завершились соглашением").replace(
        b"charset='utf-8'", b"charset='windows-1251'"
    )
    text = html.decode("utf-8").encode("cp1251")
    document = parse_document(text, "talks.htm")
    assert document.title == "Переговоры завершились соглашением"


def test_a_web_page_saved_as_text_is_read_as_a_web_page() -> None:
    raw = page()
    assert sniff_format(raw, "talks.txt") is SourceFormat.HTML
    document = parse_document(raw, "talks.txt")
    assert "<!DOCTYPE" not in document.title
    assert "<p>" not in document.text


def test_an_mhtml_web_archive_is_read() -> None:
    html = page().decode()
    mhtml = (
        "From: <Saved by Blink>\r\nSubject: Talks\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://example.org/talks\r\n\r\n"
        f"{html}\r\n------B--\r\n"
    ).encode()
    document = parse_document(mhtml, "talks.mhtml")
    assert "lasting peace" in document.text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"<html><head><title>x</title></head><body></body></html>", "no article text"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
        (gzip.compress(page()), "gzip"),
        (b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000, "no article text"),
    ],
)
def test_a_page_without_an_article_costs_one_file_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(raw, "page.html")
    assert reason in caught.value.reason


def test_a_title_with_a_colon_keeps_its_speaker_and_loses_a_glued_kicker() -> None:
    title = "Schulze: Germany stands by the World Food Programme"
    head = f"<meta property='og:title' content='{title}'>"
    document = parse_document(
        page(head=head, title=title, h1=f"Food security {title}"), "release.html"
    )
    assert document.title == title


def test_one_title_source_alone_is_read_as_its_headline_part() -> None:
    html = page(
        title="DONATION OF MEDICAL SUPPLIES TO THE SHELTER | Nassau, Bahamas | Local News - Nassau",
        h1="",
    ).replace(b"<h1></h1>", b"")
    assert (
        parse_document(html, "release.html").title == "DONATION OF MEDICAL SUPPLIES TO THE SHELTER"
    )


def test_indentation_from_the_page_source_never_makes_code_or_plain_headings() -> None:
    dateline = "Bern, 17.08.2007 - Rede von Moritz Leuenberger beim Städtegipfel"
    article = (
        f"<div class='details'>\n    <p>\n        <strong>\n            {dateline}\n"
        "        </strong>\n    </p>\n" + ARTICLE + "</div>"
        "<div class='content'> <h3>Atomkraft</h3>" + ARTICLE.replace("Geneva", "Bern") + "</div>"
    )
    document = parse_document(page(article=article), "speech.html")
    assert "**" not in document.text
    assert "###" not in document.text
    assert dateline in document.text
