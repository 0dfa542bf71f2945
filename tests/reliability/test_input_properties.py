"""Random input through the whole path: each ends in a result or a plain message, never a crash.

Random bytes and random Unicode (control characters, right-to-left marks, combining marks,
NULs, byte-order marks) are written to files and imported with ``Archive.import_paths``;
every imported document then renders as a page. Random strings are searched for in an
archive holding the sample documents. ``tests/archive`` checks the parts (``parse_document``,
the query parser); these check what a user gets from the whole.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.api import Archive
from archive.models import ImportResult, ImportStatus
from archive.search import QueryError
from reader.document.page import PageColours, render_page
from tests.conftest import SEEDS

# Each example imports a file into a real archive (SQLite and Whoosh): keep them few.
_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_TECHNICAL = re.compile(r"Traceback|Exception|\w+Error\b|errno|File \"|line \d+", re.IGNORECASE)
_COLOURS = PageColours(text="#000000", base="#ffffff", muted="#777777", link="#0000ee")
_SUFFIXES = st.sampled_from([".txt", ".md", ".markdown"])

# Characters that break naive text handling, mixed into otherwise arbitrary text.
_AWKWARD = st.sampled_from(
    ["\x00", "\x1b", "\x07", "\x7f", "\r", "\r\n", "\u2028", "\u2029", "\ufeff", "\u200b",
     "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u0301", "\u0336", "\u20e3",
     "\U0001f600", "\ufffd", "\uffff", "ı", "İ", "ß", "Ǆ", "\u0627\u0644", "\u05e9"]
)  # fmt: skip
_UNICODE = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=["Cs"]), max_size=40), _AWKWARD),
    max_size=40,
).map("".join)
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])


def _fresh_random(number: int) -> None:
    """Give each example its own global random state.

    Hypothesis seeds ``random`` alike for every example, and Whoosh names its segments with
    it: the second example's segment would take the first one's name.
    """
    random.seed(number)


def _check(archive: Archive, result: ImportResult) -> None:
    """The result is a document that renders, or a reason a person understands."""
    if result.status is ImportStatus.IMPORTED:
        assert result.id is not None
        document = archive.document(result.id)
        assert "\x00" not in document.text
        render_page(document, _COLOURS)
        return
    assert result.status in (ImportStatus.SKIPPED, ImportStatus.FAILED)
    assert result.reason and not _TECHNICAL.search(result.reason), result.reason


def test_random_bytes_through_the_importer(tmp_path: Path) -> None:
    names = itertools.count()
    with Archive(tmp_path / "data") as archive:

        @_SETTINGS
        @given(raw=st.binary(max_size=3000), suffix=_SUFFIXES)
        def import_one(raw: bytes, suffix: str) -> None:
            number = next(names)
            _fresh_random(number)
            path = tmp_path / f"random-{number}{suffix}"
            path.write_bytes(raw)
            (result,) = archive.import_paths([path])
            _check(archive, result)

        import_one()


def test_random_unicode_through_the_importer(tmp_path: Path) -> None:
    names = itertools.count()
    with Archive(tmp_path / "data") as archive:

        @_SETTINGS
        @given(text=_UNICODE, encoding=_ENCODINGS, suffix=_SUFFIXES)
        def import_one(text: str, encoding: str, suffix: str) -> None:
            number = next(names)
            _fresh_random(number)
            path = tmp_path / f"unicode-{number}{suffix}"
            path.write_bytes(text.encode(encoding))
            (result,) = archive.import_paths([path])
            _check(archive, result)

        import_one()


def test_random_queries_search_or_say_what_to_change(tmp_path: Path) -> None:
    with Archive(tmp_path / "data") as archive:
        archive.import_paths([SEEDS])

        @_SETTINGS
        @given(
            query=st.one_of(
                _UNICODE,
                st.lists(
                    st.sampled_from(
                        ['"', "(", ")", "[", "]", "*", "~", "^", ":", "AND", "OR", "NOT", "-",
                         "year:", "title:", "TO", "2024", "COP29", " ", "\\", "/", "{", "}"]
                    ),
                    max_size=12,
                ).map("".join),
            )
        )  # fmt: skip
        def search_one(query: str) -> None:
            try:
                archive.search(query)
            except QueryError as error:
                message = str(error)
                assert message and not _TECHNICAL.search(message), message

        search_one()
