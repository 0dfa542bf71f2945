"""Prepare an RTF file's source for striprtf: decoded, its code page found, made safe.

striprtf does the real work, but two of its regular expressions take quadratic time
on crafted input, which we measured: its hyperlink pattern (``.*`` over a whole line
for every ``{\\field{``: 80 KB took 1.4 s, so 5 MB would take over an hour) and its font
table pattern (20 KB of fonts without ``\\fcharset`` took 0.5 s). The source is therefore
rewritten first, in linear time, so that neither can run long: ``{\\field{`` gets the space
a control word may always be followed by (striprtf then keeps the link's text without
its address), and the font table is rebuilt with one ``\\fN\\fcharsetM`` entry per font.
Rebuilding the table also settles what each font's character set means (see
``FontCharsets``). Line breaks and table cells, which striprtf turns into the same
newline as a paragraph end and a "|", become a Unicode line separator and a tab.

Nesting is not a danger: striprtf keeps its groups on a list, not the call stack;
100,000 nested groups took 0.06 s and a million 1.2 s.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from striprtf.striprtf import charset_map

#: The code page RTF assumes when a file declares none (``\\ansi`` is Windows-1252).
DEFAULT_CODE_PAGE = "cp1252"
# Character sets that mean "the document's code page" rather than one of their own.
_DOCUMENT_CHARSET = 1  # DEFAULT_CHARSET
_WESTERN_CHARSET = 0  # ANSI_CHARSET
_HEADER_BYTES = 4096
_MAX_TITLE_SOURCE = 4096

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{1,5})")
_OLDER_CHARACTER_SETS = ((rb"\\mac(?![a-z])", "mac_roman"), (rb"\\pca(?![a-z])", "cp850"))
_PC_CHARACTER_SET = re.compile(rb"\\pc(?![a-z])")
_FIELD_GROUP = re.compile(r"\{\\field\{", re.IGNORECASE)
_FONT_TABLE = re.compile(r"\{\\fonttbl(?![a-zA-Z])")
_FONT_ENTRY = re.compile(r"\\f(\d{1,6})(?![a-zA-Z\d])|\\fcharset(\d{1,3})")
_BRACE_OR_ESCAPE = re.compile(r"\\[\\{}]|[{}]")
_TITLE_GROUP = re.compile(r"\{\\title(?![a-zA-Z])")
# Control words rewritten before striprtf sees them; an escaped backslash is matched
# (and kept) so that a literal "\\line" in the text is not taken for one.
_REWRITTEN_WORDS = re.compile(
    r"\\\\|\\(?P<word>line|cell|nestcell|u)(?![a-zA-Z])(?P<argument>-?\d+)?(?P<space> ?)"
)
_LINE_SEPARATOR = r"{\uc1\u8232?}"
_TAB = r"{\uc1\u9?}"
_REPLACEMENT_CHARACTER = 0xFFFD
# Bytes no RTF writer puts in a source outside binary picture data (\bin): C0 controls
# other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_JUNK_SAMPLE_BYTES = 65_536
#: The share of control bytes above which a file that starts like RTF is binary junk.
MAX_CONTROL_BYTE_SHARE = 0.01
_SMALLEST_UNICODE_ARGUMENT = -32768  # RTF writes \uN as a signed 16-bit number
_LARGEST_UNICODE_ARGUMENT = 0xFFFF


@dataclass(frozen=True)
class FontCharsets:
    """The character set of each font, and the document's code page.

    A font marked ``\\fcharset0`` ("ANSI") is Western, strictly; but writers that
    declare ``\\ansicpg1251`` often mark every font 0 and mean the document's code page.
    Both readings are offered, and the text that reads more plausibly wins.

    Attributes:
        code_page: The document's code page, a Python codec name.
        fonts: Each font number and its ``\\fcharset`` (``None`` when it has none).
    """

    code_page: str
    fonts: tuple[tuple[str, int | None], ...]

    @property
    def is_ambiguous(self) -> bool:
        """Whether "ANSI" fonts could mean either Western or the document's code page."""
        western = codecs.lookup(DEFAULT_CODE_PAGE).name
        return codecs.lookup(self.code_page).name != western and any(
            charset == _WESTERN_CHARSET for _, charset in self.fonts
        )

    def table(self, *, ansi_is_document_code_page: bool) -> str:
        """A font table striprtf reads in linear time, with these character sets."""
        entries = [
            f"{{\\f{font}\\fcharset{self._charset(charset, ansi_is_document_code_page)} font;}}"
            for font, charset in self.fonts
        ]
        return "{\\fonttbl" + "".join(entries) + "}"

    @staticmethod
    def _charset(declared: int | None, ansi_is_document_code_page: bool) -> int:
        """The character set to tell striprtf (the document's when striprtf cannot decode)."""
        if declared is None or not _decodable(declared):
            return _DOCUMENT_CHARSET
        if declared == _WESTERN_CHARSET and ansi_is_document_code_page:
            return _DOCUMENT_CHARSET
        return declared


@dataclass(frozen=True)
class PreparedSource:
    """An RTF source ready for striprtf.

    Attributes:
        before_fonts: The source up to the font table (the whole source if none).
        after_fonts: The source after the font table.
        fonts: The fonts, to write the table between the two.
    """

    before_fonts: str
    after_fonts: str
    fonts: FontCharsets

    def with_font_table(self, *, ansi_is_document_code_page: bool) -> str:
        """The whole source, with the font table read one way or the other."""
        table = self.fonts.table(ansi_is_document_code_page=ansi_is_document_code_page)
        return self.before_fonts + table + self.after_fonts


def declared_code_page(raw: bytes) -> str:
    """The code page an RTF file declares in its header, as a Python codec name.

    Args:
        raw: The file's bytes.

    Returns:
        The codec of ``\\ansicpgN``, else of ``\\mac``, ``\\pc`` or ``\\pca``, else
        Windows-1252. A code page Python does not know counts as undeclared.
    """
    header = raw[:_HEADER_BYTES]
    declared = _CODE_PAGE.search(header)
    if declared is not None and _known_codec(f"cp{int(declared.group(1))}"):
        return f"cp{int(declared.group(1))}"
    for pattern, codec in _OLDER_CHARACTER_SETS:
        if re.search(pattern, header):
            return codec
    if _PC_CHARACTER_SET.search(header):
        return "cp437"
    return DEFAULT_CODE_PAGE


def is_binary_junk(raw: bytes) -> bool:
    """Whether bytes that start like RTF are binary data (a damaged or disguised file).

    RTF is text: control bytes only occur in raw picture data after ``\\bin``, so a
    file with ``\\bin`` is given the benefit of the doubt.
    """
    sample = raw[:_JUNK_SAMPLE_BYTES]
    if b"\\bin" in raw:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(2, MAX_CONTROL_BYTE_SHARE * len(sample))


def decode_source(raw: bytes, code_page: str) -> str:
    """The RTF source as text.

    RTF is 7-bit by definition, but writers put raw 8-bit characters in it: in the
    declared code page usually, in UTF-8 sometimes (which no code page text is by chance).
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode(code_page, errors="replace")


def prepare_source(source: str, code_page: str) -> PreparedSource:
    """Rewrite an RTF source so that striprtf reads it in linear time (see module doc).

    Args:
        source: The decoded RTF source.
        code_page: The document's code page.

    Returns:
        The rewritten source, split around its font table.
    """
    source = _FIELD_GROUP.sub(r"{\\field {", source)
    source = _REWRITTEN_WORDS.sub(_rewrite_word, source)
    table = _FONT_TABLE.search(source)
    if table is None:
        return PreparedSource(source, "", FontCharsets(code_page, ()))
    end = group_end(source, table.start())
    fonts = _font_charsets(source[table.start() : end])
    return PreparedSource(source[: table.start()], source[end:], FontCharsets(code_page, fonts))


def title_source(source: str) -> str | None:
    """The RTF content of the ``{\\title ...}`` group of the document's information."""
    found = _TITLE_GROUP.search(source)
    if found is None:
        return None
    end = min(group_end(source, found.start()), found.start() + _MAX_TITLE_SOURCE)
    return source[found.end() : end].removesuffix("}")


def group_end(source: str, start: int) -> int:
    """The index just after the group opening at ``start`` closes (or the source's end)."""
    depth = 0
    for token in _BRACE_OR_ESCAPE.finditer(source, start):
        if token.group() == "{":
            depth += 1
        elif token.group() == "}":
            depth -= 1
            if depth == 0:
                return token.end()
    return len(source)


def _rewrite_word(match: re.Match[str]) -> str:
    word = match.group("word")
    if word is None:
        return match.group()  # an escaped backslash
    if word == "line":
        return _LINE_SEPARATOR
    if word in ("cell", "nestcell"):
        return _TAB
    argument = match.group("argument")
    if argument is None:
        return match.group()
    value = int(argument)
    if _SMALLEST_UNICODE_ARGUMENT <= value <= _LARGEST_UNICODE_ARGUMENT:
        return match.group()
    # striprtf would fail on the whole file for one character that cannot exist.
    return f"\\u{_REPLACEMENT_CHARACTER}{match.group('space')}"


def _font_charsets(table: str) -> tuple[tuple[str, int | None], ...]:
    fonts: dict[str, int | None] = {}
    current: str | None = None
    for entry in _FONT_ENTRY.finditer(table):
        font, charset = entry.groups()
        if font is not None:
            current = font
            fonts.setdefault(font, None)
        elif current is not None and fonts[current] is None:
            fonts[current] = int(charset)
    return tuple(fonts.items())


def _decodable(charset: int) -> bool:
    """Whether the codec striprtf would use for this character set exists here."""
    codec = charset_map.get(charset)
    return codec is None or _known_codec(codec)


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
