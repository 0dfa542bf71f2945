"""Hostile file names: printed, they cannot fake a line; stored, they stay what they are.

A name holding ``ESC[2K\\r`` (erase the line, back to its start) or a newline is printed
with those characters escaped, so the report a person reads is the report the importer
wrote. The JSON output and the archive keep every name losslessly: ``path_bytes`` gives
back the bytes of the name, whatever they were.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.api import Archive
from archive.cli_output import (
    print_document,
    print_import_results,
    print_reextract_results,
    terminal_text,
)
from archive.models import ImportResult, ImportStatus, ReextractResult, ReextractStatus
from archive.paths import display_path, path_bytes, printable
from tests.reliability.conftest import run

STORY = "Baku, 3 March 2021. The minister met his counterpart to discuss the negotiations.\n"
# What a terminal acts on rather than shows, and what hides or reorders text.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_FAKE_LINE = "\x1b[2K\rimported      #1  all-is-well.txt"
_STATUS_LINE = re.compile(r"^(imported|updated|unchanged|skipped|failed)\s")

# File names as bytes: anything but NUL and "/", often with backslashes, escapes and controls.
_NAME_BYTES = st.lists(
    st.one_of(
        st.binary(min_size=1, max_size=4),
        st.sampled_from(
            [b"\\", b"\\\\", b"\\x", b"\\xff", b"\\x1b", b"x41", b"\xff", b"\xe9", b"\x1b",
             b"\r", b"\n", b"\x7f", "\u202e".encode(), "\u0085".encode(), "é".encode()]
        ),
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: b"".join(parts).replace(b"\x00", b"").replace(b"/", b"") or b"x")  # fmt: skip


def named(folder: Path, name: str, text: str = STORY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_name_cannot_fake_a_line_of_the_import_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    named(folder, f"evil{_FAKE_LINE}.txt")
    named(folder, "line\nbreak.txt", STORY.replace("minister", "envoy"))
    named(folder, "empty\x07.txt", "")
    status, out, _ = run(capsys, "--data-dir", str(tmp_path / "data"), "import", str(folder))
    assert status == 0
    assert not _UNSAFE.search(out.replace("\n", ""))
    assert "evil\\x1b[2K\\x0dimported" in out
    assert "line\\x0abreak.txt" in out
    assert "empty\\x07.txt" in out
    assert sum(bool(_STATUS_LINE.match(line)) for line in out.splitlines()) == 3


def test_the_json_report_keeps_every_name_losslessly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    paths = [
        named(folder, f"evil{_FAKE_LINE}.txt"),
        named(folder, "line\nbreak.txt", STORY.replace("minister", "envoy")),
        Path(os.fsdecode(os.fsencode(folder) + b"/bad\xff.txt")),
    ]
    paths[2].write_text(STORY.replace("minister", "consul"), encoding="utf-8")
    data = str(tmp_path / "data")
    status, out, _ = run(capsys, "--data-dir", data, "import", "--json", str(folder))
    assert status == 0
    reported = json.loads(out)
    assert {path_bytes(r["path"]) for r in reported} == {os.fsencode(p) for p in paths}
    status, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    assert {path_bytes(d["path"]) for d in json.loads(out)} == {os.fsencode(p) for p in paths}


def test_a_reason_naming_another_file_is_printed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    named(folder, f"a{_FAKE_LINE}.txt")
    named(folder, "b.txt")  # the same content: its reason names the first file
    with Archive(tmp_path / "data") as archive:
        results = archive.import_paths([folder])
    assert results[1].status is ImportStatus.SKIPPED
    assert "\x1b" in (results[1].reason or "")
    printed = _printed(print_import_results, results)
    assert not _UNSAFE.search(printed.replace("\n", ""))
    assert "a\\x1b[2K\\x0dimported" in printed


def test_reextract_and_show_print_paths_escaped(tmp_path: Path) -> None:
    path = named(tmp_path / "in", f"doc{_FAKE_LINE}.txt")
    with Archive(tmp_path / "data") as archive:
        (result,) = archive.import_paths([path])
        assert result.id is not None
        document = archive.document(result.id)
    shown = _printed(print_document, document)
    assert f"doc{printable(_FAKE_LINE)}.txt" in shown
    failed = ReextractResult(result.id, document.path, ReextractStatus.FAILED, "bad\x1b[31m")
    printed = _printed(print_reextract_results, [failed])
    assert not _UNSAFE.search(printed.replace("\n", ""))
    assert "bad\\x1b[31m" in printed


def _printed(printer: object, value: object) -> str:
    import io  # noqa: PLC0415

    out = io.StringIO()
    printer(value, out)  # type: ignore[operator]
    return out.getvalue()


def test_a_plain_report_line_is_left_as_it_was() -> None:
    result = ImportResult("/home/me/Près de Bakı/ünal.txt", ImportStatus.IMPORTED, 3)
    assert "/home/me/Près de Bakı/ünal.txt" in _printed(print_import_results, [result])


@given(_NAME_BYTES)
def test_a_stored_name_gives_back_its_bytes(name: bytes) -> None:
    stored = display_path(os.fsdecode(name))
    stored.encode("utf-8")  # SQLite and JSON can hold it
    assert path_bytes(stored) == name


@given(_NAME_BYTES)
def test_a_printed_name_is_safe_and_still_says_which_name_it_is(name: bytes) -> None:
    shown = printable(display_path(os.fsdecode(name)))
    assert not _UNSAFE.search(shown)
    assert path_bytes(shown) == name  # two names never print alike


@given(st.text(st.characters(blacklist_categories=["Cs", "Cc", "Cf", "Zl", "Zp"])))
def test_readable_names_are_stored_and_shown_as_they_are(name: str) -> None:
    if "\\" in name:
        return  # a backslash may be doubled where it could read as an escape
    assert display_path(name) == name
    assert printable(display_path(name)) == name


# -- words from files: titles, sources, snippets, notes ---------------------------------------


def test_metadata_and_notes_from_files_cannot_fake_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source from front matter and a note from an annotation file are printed escaped."""
    release = named(
        tmp_path / "in",
        "release.md",
        '---\nsource: "Agency\\e[2K\\rimported      #1  all-is-well.txt"\n---\n\n' + STORY,
    )
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "import", str(release))[0] == 0
    notes = tmp_path / "notes.jsonld"
    note = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": f"zebra{_FAKE_LINE}"},
        "target": {
            "source": "urn:archive-reader:document:1",
            "selector": {"type": "TextQuoteSelector", "exact": "counterpart"},
        },
    }
    notes.write_text(json.dumps([note]), encoding="utf-8")
    assert run(capsys, "--data-dir", data, "annotations", "import", str(notes))[0] == 0
    for command in (["show", "1"], ["search", "zebra"], ["search", "counterpart"], ["list"]):
        status, out, _ = run(capsys, "--data-dir", data, *command)
        assert status == 0, command
        assert "\x1b" not in out and "\r" not in out, command
    # Escaped where they stand (the source's carriage return is a space since its import).
    assert "Agency\\x1b[2K imported" in run(capsys, "--data-dir", data, "show", "1")[1]
    assert "zebra]\\x1b[2K" in run(capsys, "--data-dir", data, "search", "zebra")[1]


@given(st.text())
def test_printed_words_hold_nothing_a_terminal_acts_on(text: str) -> None:
    shown = terminal_text(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]", shown)
    if not re.search("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]", text):
        assert shown == text  # backslashes, accents and Arabic are printed as they are
