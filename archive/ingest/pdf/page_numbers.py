"""Page numbers as PDFs print them, in the languages press releases are written in.

"Page 1 of 2", "Seite 1 von 2", "Page 1 sur 3", "Página 1 de 3", "Страница 1 из 1",
"Sayfa 1 / 2", "- 3 -", "3": a word for "page" (or none), the number, and perhaps "of"
and the count in any language. Without the word, a number counts only where it is the
page's own ("1 / 2" on the first of two pages), so an address or a date is never taken
for one.
"""

from __future__ import annotations

import re

# "Page" in the languages of the archive and its neighbours, with the usual abbreviations.
_PAGE_WORDS = (
    "page", "pages", "pg", "p", "pp", "seite", "s", "página", "pagina", "pág", "pag",
    "страница", "стр", "сторінка", "стор", "старонка", "sayfa", "səhifə", "side", "sida",
    "sivu", "strona", "str", "stránka", "strana", "stranica", "stran", "oldal", "lappuse",
    "puslapis", "psl", "lehekülg", "lk", "σελίδα", "σελ", "pagină", "folio", "blad",
    "bladzijde", "blz", "síða", "faqe", "страна", "страница", "გვერდი", "էջ", "бет",
    "صفحة", "صفحه", "עמוד", "页", "頁", "ページ", "페이지", "หน้า", "trang", "halaman", "hal",
)  # fmt: skip
_WORD = "|".join(sorted({re.escape(word) for word in _PAGE_WORDS}, key=len, reverse=True))
# "of", "von", "sur", "de", "из", "/": a short word or a slash between number and count.
_OF = r"(?:/|\||[^\W\d_]{1,5}\.?)"
_PAGE_PHRASE = re.compile(
    rf"(?<!\w)(?:{_WORD})\.?\s*(?P<number>\d{{1,4}})(?:\s*{_OF}\s*(?P<count>\d{{1,4}}))?(?!\w)",
    re.IGNORECASE,
)
_NUMBER_OF_COUNT = re.compile(rf"(?<!\w)(?P<number>\d{{1,4}})\s*{_OF}\s*(?P<count>\d{{1,4}})(?!\w)")
# "3", "- 3 -", "— 3 —", "(3)", "[3]".
_DECORATED_NUMBER = re.compile(r"[-–—(\[]?\s*(?P<number>\d{1,4})\s*[-–—)\]]?")


def is_page_number(text: str, page_number: int, page_count: int) -> bool:
    """Whether ``text``, the whole of a line or of a part of one, is a page number.

    Args:
        text: The text, spaces collapsed.
        page_number: The number of the page it is on, from 1.
        page_count: How many pages the file has.

    Returns:
        True for "Page 2 of 3", "Seite 2", "- 2 -", "2", or "2 / 3" on page 2 of 3.
    """
    if _PAGE_PHRASE.fullmatch(text) or _DECORATED_NUMBER.fullmatch(text):
        return True
    match = _NUMBER_OF_COUNT.fullmatch(text)
    return match is not None and _is_this_page(match, page_number, page_count)


def mentions_page_number(text: str, page_number: int, page_count: int) -> bool:
    """Whether a line holds a page number among other text ("Publisher · Page 1 of 2").

    Args:
        text: The line's text.
        page_number: The number of the page it is on, from 1.
        page_count: How many pages the file has.

    Returns:
        True where a word for "page" comes before a number, or where the page's own
        number and the page count stand as "N of M".
    """
    if _PAGE_PHRASE.search(text):
        return True
    return any(
        _is_this_page(match, page_number, page_count) for match in _NUMBER_OF_COUNT.finditer(text)
    )


def _is_this_page(match: re.Match[str], page_number: int, page_count: int) -> bool:
    return int(match["number"]) == page_number and int(match["count"]) == page_count
