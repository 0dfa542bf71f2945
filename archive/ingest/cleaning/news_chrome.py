"""Remove what a news site wraps around an article when its page is saved as text.

A page copied from a news agency's site (seed 001) starts with the site's name and the
headline twice (page title, then article title) and ends with share buttons and a list
of unrelated headlines; other sites end with "You Might Also Like" (seed 002). The
phrases and site names live in small tables so that new sites are one line away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Site names as they appear on a line of their own at the top of a saved page.
KNOWN_SITE_NAMES: frozenset[str] = frozenset(
    {
        "the azerbaijan state news agency",
        "azerbaijan state news agency",
        "azertac",
        "trend news agency",
        "trend.az",
        "apa information agency",
        "apa.az",
        "report information agency",
        "report.az",
        "news.az",
        "azernews",
        "day.az",
        "reuters",
        "tass",
        "ria novosti",
        "xinhua",
        "anadolu agency",
    }
)

# A line of its own with one of these ends the article: everything after it is page
# furniture (share buttons, related or unrelated headlines).
END_OF_ARTICLE_PHRASES: frozenset[str] = frozenset(
    {
        "share news on social media",
        "share on social media",
        "share this article",
        "share this",
        "follow us on social network",
        "follow us on social networks",
        "follow us",
        "you might also like",
        "you may also like",
        "related news",
        "related articles",
        "more news",
        "latest news",
        "other news",
        "read more news",
        "most read",
    }
)
# The phrases that only a social-media-enabled news page shows.
SOCIAL_PHRASES: frozenset[str] = frozenset(
    phrase for phrase in END_OF_ARTICLE_PHRASES if "share" in phrase or "follow" in phrase
)

_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
# A line of this many words is prose, not a menu item or a share button.
_MIN_PROSE_LINE_WORDS = 6
_TOP_LINES_FOR_SITE_NAME = 2


@dataclass(frozen=True)
class ChromeFreeText:
    """An article with the site's page furniture removed.

    Attributes:
        text: The article, from its first real paragraph to its last.
        title: The headline the page repeated, or ``None``.
        site_name: The site-name line removed from the top, or ``None``.
        social_chrome: Whether share/follow buttons ended the page.
    """

    text: str
    title: str | None
    site_name: str | None
    social_chrome: bool

    @property
    def is_news_page(self) -> bool:
        """Whether enough signs say the text was saved from a news site."""
        return self.site_name is not None or (self.title is not None and self.social_chrome)


def _key(line: str) -> str:
    """A line reduced for comparison with the tables: lower case, no end punctuation."""
    return " ".join(line.split()).strip(" :.!|»›>").lower()


def _prose_words(text: str) -> int:
    """Words in the text's sentences: lines of a menu or a share box count for nothing."""
    return sum(
        len(line.split()) for line in text.split("\n") if len(line.split()) >= _MIN_PROSE_LINE_WORDS
    )


def _cut_end_of_article(paragraphs: list[str]) -> tuple[list[str], bool]:
    """Drop everything from the article's end-of-article line on (never the first paragraph).

    A line such as "Follow us" or "Share" also stands in a page's header, above the
    article: it ends the article only where more of the text's prose stands before it
    than after it.
    """
    total = sum(_prose_words(paragraph) for paragraph in paragraphs)
    before_paragraph = 0
    for index, paragraph in enumerate(paragraphs):
        lines = paragraph.split("\n")
        for line_index, line in enumerate(lines):
            key = _key(line)
            if key not in END_OF_ARTICLE_PHRASES or not (index or line_index):
                continue
            before = "\n".join(lines[:line_index])
            prose_before = before_paragraph + _prose_words(before)
            if prose_before < total - prose_before:
                continue
            kept = paragraphs[:index]
            if before.strip():
                kept.append(before)
            social = any(
                _key(later) in SOCIAL_PHRASES
                for rest in paragraphs[index:]
                for later in rest.split("\n")
            )
            return kept, social
        before_paragraph += _prose_words(paragraph)
    return paragraphs, False


def strip_news_chrome(text: str) -> ChromeFreeText:
    """Remove a news site's name, repeated headline and trailing furniture.

    Args:
        text: Normalised plain text.

    Returns:
        The article text and what was found around it.
    """
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip("\n")) if p.strip()]
    site_name = None
    for index, paragraph in enumerate(paragraphs[:_TOP_LINES_FOR_SITE_NAME]):
        if _key(paragraph) in KNOWN_SITE_NAMES and len(paragraphs) > index + 1:
            site_name = " ".join(paragraph.split())
            paragraphs = paragraphs[index + 1 :]
            break

    title = None
    # The page title and the article title: the same single line twice in a row.
    if len(paragraphs) > 2 and "\n" not in paragraphs[0].strip():
        first = " ".join(paragraphs[0].split())
        if first and first == " ".join(paragraphs[1].split()):
            title = first
            paragraphs = paragraphs[2:]

    paragraphs, social = _cut_end_of_article(paragraphs)
    return ChromeFreeText("\n\n".join(paragraphs), title, site_name, social)
