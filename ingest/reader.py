r"""Read a document file into text for extraction, with offsets valid in the decoded file.

:func:`read` (or :func:`read_bytes`, which it uses) decodes a file and returns a
:class:`Source` holding two views of the same length:

- ``raw``, the decoded text of the file (after the byte-order mark): the offsets of
  the extraction format (``docs/extraction-format.md``) count code points in it;
- ``text``, the *extraction view*: markup is blanked with spaces, never removed, so
  ``text[i]`` stands for ``raw[i]`` and a span found in ``text`` is a span of ``raw``.

In the extraction view, HTML tags become spaces (block tags a line break, ``<td>``
and ``<th>`` a tab), character entities become their character padded with spaces,
Markdown emphasis, heading markers and escaping backslashes become spaces, and
carriage returns, no-break and other Unicode spaces become plain spaces.
:func:`tables` finds tab-separated tables in either view.

Notes
-----
- In an HTML document, ``<script>``, ``<style>``, comments and the ``<head>`` (but
  for the ``<title>``) are blanked; tabs in the source are spaces (they are
  insignificant in HTML) except in ``<pre>``; inside a ``<table>`` only ``<tr>``,
  ``<table>`` and ``</table>`` break lines, and the cells of a row after the first
  start with a tab, so each row is one tab-separated line.
- In Markdown and text files, only HTML fragments with known tag names, closed on
  their line, are blanked, so ``< 세부주제 >``, ``<서울>`` or ``<https://...>`` stay
  text; block tags in a line holding a tab are spaces, so the line stays one row.

Examples
--------
>>> src = read_bytes("<p>Seoul &amp; Wellington</p>".encode(), "note.html")
>>> src.format, src.encoding, src.size
('html', 'utf-8', 29)
>>> src.text
'\n  Seoul &     Wellington\n   '
>>> start = src.text.index("&"); src.raw[start:start + 5]
'&amp;'
"""

from __future__ import annotations

import codecs
import hashlib
import html
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Final, Literal

from citygraph.ingest.errors import BadInput, InputTooLarge

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Cell",
    "DocumentTooLarge",
    "Format",
    "ReadError",
    "Source",
    "Table",
    "read",
    "read_bytes",
    "tables",
]

Format = Literal["text", "markdown", "html"]
"""What a file holds: plain text, Markdown or an HTML document."""

DEFAULT_MAX_BYTES: Final = 5_000_000
"""The largest file :func:`read` accepts unless told otherwise."""


class ReadError(BadInput):
    """A file that cannot be read as a text document.

    The message is a sentence naming the file and the problem, e.g.
    ``"notes.txt: the file is empty."``.

    Attributes
    ----------
    path : str
        The file, as given.
    problem : str
        What is wrong with it, without the file name.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (type(self), (self.path, self.problem))


class DocumentTooLarge(ReadError, InputTooLarge):
    """A file larger than the limit the reader was given."""


@dataclass(frozen=True, slots=True)
class Source:
    r"""A decoded document file with its extraction view.

    Attributes
    ----------
    path : str
        The file, as given.
    raw : str
        The decoded file text, without a byte-order mark.  Offsets count code points here.
    text : str
        The extraction view: as long as ``raw``, ``text[i]`` standing for ``raw[i]``.
    encoding : str
        The Python codec that turns the file's bytes into ``raw``: ``'utf-8'``,
        ``'utf-8-sig'`` (with a byte-order mark), ``'utf-16'`` (with a byte-order mark),
        ``'utf-16-le'`` or ``'utf-16-be'`` (without one) or ``'cp949'`` (which covers EUC-KR).
    format : {'text', 'markdown', 'html'}
        What the file holds, from its name or, for HTML, its first characters.
    sha256 : str
        Hex SHA-256 of the file's bytes.
    size : int
        The file's size in bytes.

    Examples
    --------
    >>> src = read_bytes(b"Seoul\r\n", "a.txt")
    >>> src.raw, src.text
    ('Seoul\r\n', 'Seoul \n')
    """

    path: str
    raw: str = field(repr=False)
    text: str = field(repr=False)
    encoding: str
    format: Format
    sha256: str
    size: int

    def __post_init__(self) -> None:
        if len(self.text) != len(self.raw):
            raise ValueError(
                f"the extraction view of {self.path} has {len(self.text)} characters "
                f"but the decoded text has {len(self.raw)}; they must be as long"
            )


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a :class:`Table`: its stripped text and where that text is.

    ``text == source_text[start:end]``; an empty cell has ``start == end``.
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """Consecutive tab-separated lines: ``start``/``end`` span their non-blank characters."""

    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]


def read(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode a document file.

    Parameters
    ----------
    path : str or Path
        The file.  ``Source.path`` and error messages keep it as given.
    max_bytes : int
        Larger files are refused before they are read.

    Returns
    -------
    Source
        The decoded text, its extraction view, encoding, format, hash and size.

    Raises
    ------
    ReadError
        If the file is missing or unreadable, or for any reason of :func:`read_bytes`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = pathlib.Path(folder, "note.md")
    ...     _ = file.write_bytes("## 서울 **자매도시**".encode("cp949"))
    ...     src = read(file)
    >>> src.encoding, src.format, src.text
    ('cp949', 'markdown', '   서울   자매도시  ')
    """
    name = str(path)
    file = Path(path)
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(name, "this is a folder, not a file.")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(name, "this is not a regular file.")
        if info.st_size > max_bytes:
            raise DocumentTooLarge(name, _too_large(info.st_size, max_bytes))
        data = file.read_bytes()
    except FileNotFoundError:
        raise ReadError(name, "the file does not exist.") from None
    except PermissionError:
        raise ReadError(name, "the file cannot be read: permission denied.") from None
    except OSError as err:
        raise ReadError(name, f"the file cannot be read: {err.strerror or err}.") from None
    return read_bytes(data, name, max_bytes=max_bytes)


def read_bytes(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Decode a document file's bytes.

    UTF-8 and UTF-16 with a byte-order mark are decoded as such; without one, a
    file with NUL bytes in a UTF-16 pattern is UTF-16, else it is strict UTF-8 or,
    failing that, strict CP949 (a superset of EUC-KR).

    Parameters
    ----------
    data : bytes
        The file's contents.
    path : str
        The file's name, for the format, ``Source.path`` and error messages.
    max_bytes : int
        Larger inputs are refused.

    Returns
    -------
    Source

    Raises
    ------
    ReadError
        If the file is empty or only whitespace, larger than ``max_bytes``, a PDF,
        binary, or not text in UTF-8, UTF-16 or CP949.

    Examples
    --------
    >>> read_bytes("서울 & Seoul".encode("utf-16"), "a.txt").encoding
    'utf-16'
    >>> read_bytes(b"", "empty.txt")
    Traceback (most recent call last):
    ...
    citygraph.ingest.reader.ReadError: empty.txt: the file is empty.
    """
    if len(data) > max_bytes:
        raise DocumentTooLarge(path, _too_large(len(data), max_bytes))
    if not data:
        raise ReadError(path, "the file is empty.")
    raw, encoding = _decode(data, path)
    if not raw.strip():
        raise ReadError(path, "the file holds only whitespace.")
    _check_not_binary(raw, path)
    fmt = _format_of(path, raw)
    return Source(
        path=path,
        raw=raw,
        text=_extraction_view(raw, fmt),
        encoding=encoding,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def tables(source_text: str) -> list[Table]:
    r"""Find the tab-separated tables of a text.

    A table is a maximal run of two or more consecutive lines that each hold a tab
    and something other than whitespace.  Each line is a row; its cells are split
    at tabs and stripped of surrounding whitespace.  On the extraction view of an
    HTML file, each ``<tr>`` is a line whose cells are separated by tabs.

    Parameters
    ----------
    source_text : str
        ``Source.text`` (or ``Source.raw``): offsets are the same in both.

    Returns
    -------
    list of Table
        In the order of the text.

    Examples
    --------
    >>> [table] = tables("Partners\ncity\tsince\nTaipei\t1968\n")
    >>> [[cell.text for cell in row] for row in table.rows]
    [['city', 'since'], ['Taipei', '1968']]
    >>> table.rows[1][1]
    Cell(text='1968', start=27, end=31)
    """
    found: list[Table] = []
    run: list[tuple[int, str]] = []
    pos = 0
    for line in source_text.split("\n"):
        if "\t" in line and line.strip():
            run.append((pos, line))
        else:
            if len(run) >= 2:
                found.append(_table(run))
            run = []
        pos += len(line) + 1
    if len(run) >= 2:
        found.append(_table(run))
    return found


# --- decoding -------------------------------------------------------------------------

_SIGNATURES: Final = (
    (b"PK\x03\x04", "a ZIP archive (such as DOCX, HWPX, XLSX or ODT)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (such as HWP, DOC or XLS)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_CONVERT: Final = "convert it to UTF-8 text first"


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is {size:,} bytes, more than the limit of {limit:,} bytes "
        "(the limit can be raised)."
    )


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Return the decoded text and the codec that decodes it, or raise ReadError."""
    if data.startswith(b"%PDF"):
        raise ReadError(path, f"PDF files are not supported yet; {_CONVERT}.")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(path, f"the file is {kind}, not text; {_CONVERT}.")
    if data.startswith(codecs.BOM_UTF8):
        return _decode_marked(data, "utf-8-sig", "UTF-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_marked(data, "utf-16", "UTF-16", path), "utf-16"
    if b"\x00" in data:
        encoding = _utf16_pattern(data)
        try:
            if encoding is not None:
                return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
        raise ReadError(
            path, f"the file holds NUL bytes and is not UTF-16, so it looks binary; {_CONVERT}."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError as err:
        cp949_error = err
    raise ReadError(
        path,
        "the file is not text in a supported encoding (UTF-8, UTF-16 or CP949/EUC-KR): "
        f"byte {utf8_error.start} (0x{data[utf8_error.start]:02x}) is not valid UTF-8 and "
        f"byte {cp949_error.start} (0x{data[cp949_error.start]:02x}) is not valid CP949.",
    )


def _decode_marked(data: bytes, codec: str, name: str, path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise ReadError(
            path,
            f"the file starts with a {name} byte-order mark but is not valid {name} "
            f"(at byte {err.start}: {err.reason}).",
        ) from None


def _utf16_pattern(data: bytes) -> str | None:
    """Guess UTF-16 without a byte-order mark from where NUL bytes fall.

    ASCII characters (spaces, digits, Latin letters) in UTF-16 have a NUL high
    byte: at odd offsets in little-endian files, at even offsets in big-endian ones.
    """
    if len(data) % 2:
        return None
    sample = data[:65536]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    if high < max(1, pairs // 10) or low * 4 > high:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _check_not_binary(raw: str, path: str) -> None:
    if "\x00" in raw:
        raise ReadError(path, f"the file holds NUL characters, so it looks binary; {_CONVERT}.")
    controls = len(_CONTROLS.findall(raw))
    if controls * 20 > len(raw):
        share = round(100 * controls / len(raw))
        raise ReadError(
            path,
            f"{share}% of the file's characters are control characters, "
            f"so it looks binary; {_CONVERT}.",
        )


# Control characters that do not occur in text files (tab, line and page breaks do).
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def _format_of(path: str, raw: str) -> Format:
    suffix = PurePath(path).suffix.lower()
    head = raw.lstrip()[:15].lower()
    if suffix in {".html", ".htm", ".xhtml"} or re.match(r"<!doctype html|<html[\s>]", head):
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    return "text"


# --- the extraction view --------------------------------------------------------------

# Line breaks, tabs and no-break or other Unicode spaces (category Zs), a stray
# byte-order mark and control characters, in the extraction view.
_NORMALISE: Final = MappingProxyType(
    {
        **{cp: " " for cp in (*range(0x20), *range(0x7F, 0xA0)) if chr(cp) not in "\t\n"},
        **dict.fromkeys(map(ord, "\x0b\x0c\x85\u2028\u2029"), "\n"),
        **dict.fromkeys(
            map(ord, "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"),
            " ",
        ),
        **dict.fromkeys(map(ord, "\u2009\u200a\u202f\u205f\u3000\ufeff"), " "),
    }
)


def _extraction_view(raw: str, fmt: Format) -> str:
    out = list(raw)
    _Markup(raw, out, document=fmt == "html").blank()
    if fmt == "markdown":
        _blank_markdown(raw, out)
    return "".join(out).translate(_NORMALISE)


_BLOCK: Final = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dl",
        "dt",
        "dd",
        "thead",
        "tbody",
        "tfoot",
        "title",
        "caption",
        "main",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "address",
        "form",
        "fieldset",
        "details",
        "summary",
    }
)
# Elements that may stand in <head>; any other opening tag ends it.
_HEAD: Final = frozenset(
    {
        "html",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "style",
        "script",
        "noscript",
        "template",
    }
)
# Tags read as markup inside Markdown and text files, where "<x>" may be prose.
_KNOWN: Final = _BLOCK | frozenset(
    {
        "a",
        "abbr",
        "b",
        "big",
        "body",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "del",
        "dfn",
        "em",
        "font",
        "head",
        "html",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "script",
        "small",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "sup",
        "td",
        "th",
        "tt",
        "u",
        "var",
        "wbr",
        "meta",
        "link",
        "input",
        "label",
        "button",
        "select",
        "option",
        "textarea",
        "iframe",
        "video",
        "audio",
        "source",
    }
)
_RAWTEXT: Final = MappingProxyType(
    {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE) for name in ("script", "style")}
)
_TAG_START: Final = re.compile(
    r"<(?:(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?=[\s/>])"
    r"|(?P<comment>!--)|(?P<declaration>![A-Za-z\[])|(?P<pi>\?))"
)
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLANK_LINE: Final = re.compile(r"\n[ \t\r]*\n")
_TAG_STOP: Final = re.compile("[>\"'=]")
_NOT_NEWLINE: Final = re.compile(r"[^\n]")
_TAB_OR_NEWLINE: Final = re.compile(r"[\t\n]")


class _Markup:
    """Blanks the HTML of ``raw`` in ``out`` (a list of its characters), in place.

    With ``document`` the text is an HTML document; else (Markdown and text files)
    only HTML fragments are blanked: known tag names on one line, and block tags
    in a line holding a tab become spaces so that a tab-separated row stays one line.
    Inside a table, only ``<table>``, ``</table>`` and ``<tr>`` break lines, so that
    each row is one line with tab-separated cells (first cell without a tab).
    """

    __slots__ = (
        "cells",
        "document",
        "in_head",
        "in_title",
        "out",
        "pre",
        "raw",
        "tab_lines",
        "table",
    )

    def __init__(self, raw: str, out: list[str], *, document: bool) -> None:
        self.raw = raw
        self.out = out
        self.document = document
        self.in_head = self.in_title = False
        self.pre = self.table = self.cells = 0
        self.tab_lines: dict[int, bool] = {}

    def blank(self) -> None:
        raw, n = self.raw, len(self.raw)
        pos = 0
        search_from = 0
        while (match := _TAG_START.search(raw, search_from)) is not None:
            start = match.start()
            search_from = start + 1
            if match["comment"]:
                close = raw.find("-->", start + 4)
                end = n if close < 0 else close + 3
                self._text(pos, start)
                self._spaces(start, end, keep_newlines=True)
            elif match["declaration"] or (match["pi"] and self.document):
                end = self._tag_end(start)
                if end < 0:  # no '>' closes it, nor any later tag on its line
                    search_from = n if self.document else _line_end(raw, start)
                    continue
                self._text(pos, start)
                self._spaces(start, end, keep_newlines=False)
            elif match["name"]:
                name = match["name"].lower()
                if not self.document and name not in _KNOWN:
                    continue
                end = self._tag_end(start)
                if end < 0:
                    search_from = n if self.document else _line_end(raw, start)
                    continue
                self._text(pos, start)
                self._tag(start, end, name, closing=bool(match["close"]))
                closer = _RAWTEXT.get(name)
                if closer and not match["close"] and raw[end - 2] != "/":
                    found = closer.search(raw, end)
                    if found is not None or self.document:
                        content_end = found.start() if found is not None else n
                        self._spaces(end, content_end, keep_newlines=True)
                        end = content_end
            else:
                continue
            pos = search_from = end
        self._text(pos, n)

    def _tag_end(self, start: int) -> int:
        """Return the index just past the ``>`` closing the tag at ``start``, or -1.

        A ``>`` inside a quoted attribute value does not close the tag; a quote left
        open falls back to the first ``>``.
        """
        raw = self.raw
        limit = len(raw) if self.document else _line_end(raw, start)
        pos, value_from = start + 1, -1
        while (stop := _TAG_STOP.search(raw, pos, limit)) is not None:
            ch, at = stop[0], stop.start()
            pos = at + 1
            if ch == ">":
                return pos
            if ch == "=":
                value_from = pos
            elif value_from >= 0 and not raw[value_from:at].strip():
                close = raw.find(ch, pos, limit)
                if close < 0:
                    first = raw.find(">", start, limit)
                    return first + 1 if first >= 0 else -1
                pos, value_from = close + 1, -1
        return -1

    def _tag(self, start: int, end: int, name: str, *, closing: bool) -> None:
        if self.document:
            if not closing and name not in _HEAD:
                self.in_head = False
            if name == "head":
                self.in_head = not closing
            elif name == "title":
                self.in_title = not closing
            elif name == "pre":
                self.pre = max(0, self.pre + (-1 if closing else 1))
            elif name in {"body", "html"}:
                self.in_head = False
                self.table = 0
        if name in {"td", "th"} and not closing:
            fill = "\t" if self.cells else " "
            self.cells += 1
        elif name in _BLOCK:
            # A block tag breaks the line, except inside a table row or a tab-separated line.
            in_row = self.table and name != "table" and (name != "tr" or closing)
            in_tab_line = not self.document and self._in_tab_line(start)
            fill = " " if in_row or in_tab_line else "\n"
        else:
            fill = " "
        self.out[start] = fill
        self.out[start + 1 : end] = " " * (end - start - 1)
        if name in {"tr", "table"}:
            self.cells = 0
        if name == "table":
            self.table = max(0, self.table + (-1 if closing else 1))

    def _text(self, start: int, end: int) -> None:
        """Handle the text between two tags."""
        if start >= end:
            return
        if self.document and self.in_head and not self.in_title:
            self._spaces(start, end, keep_newlines=True)
            return
        raw, out = self.raw, self.out
        for match in _ENTITY.finditer(raw, start, end):
            value = html.unescape(match[0])
            if value != match[0]:
                out[match.start() : match.end()] = value.ljust(len(match[0]))
        if self.table:
            # HTML blocks in Markdown end at a blank line (CommonMark), tables too.
            blank_line = None if self.document else _BLANK_LINE.search(raw, start, end)
            stop = blank_line.start() if blank_line else end
            for match in _TAB_OR_NEWLINE.finditer(raw, start, stop):
                out[match.start()] = " "
            if blank_line:
                self.table = self.cells = 0
        elif self.document and not self.pre:
            # Tabs are insignificant in HTML; only <td> and <th> make cells.
            tab = raw.find("\t", start, end)
            while tab >= 0:
                out[tab] = " "
                tab = raw.find("\t", tab + 1, end)

    def _spaces(self, start: int, end: int, *, keep_newlines: bool) -> None:
        if keep_newlines and not self.table:
            self.out[start:end] = _NOT_NEWLINE.sub(" ", self.raw[start:end])
        else:
            self.out[start:end] = " " * (end - start)

    def _in_tab_line(self, pos: int) -> bool:
        line_start = self.raw.rfind("\n", 0, pos) + 1
        if line_start not in self.tab_lines:
            line = self.raw[line_start : _line_end(self.raw, pos)]
            self.tab_lines[line_start] = "\t" in line
        return self.tab_lines[line_start]


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


_MARKDOWN_INLINE: Final = re.compile(r"\\[!-/:-@\[-`{-~]|\*\*|__")
_MARKDOWN_HEADING: Final = re.compile(r"^ {0,3}(#{1,6})(?=[ \t\r]|$)", re.MULTILINE)


def _blank_markdown(raw: str, out: list[str]) -> None:
    """Blank ``**``, ``__``, escaping backslashes and ATX heading markers."""
    for match in _MARKDOWN_INLINE.finditer(raw):
        end = match.start() + 1 if match[0][0] == "\\" else match.end()
        out[match.start() : end] = " " * (end - match.start())
    for match in _MARKDOWN_HEADING.finditer(raw):
        out[match.start(1) : match.end(1)] = " " * len(match[1])
        line_end = _line_end(raw, match.end())
        content = raw[match.end(1) : line_end].rstrip(" \t\r")
        closing = len(content) - len(content.rstrip("#"))
        # An optional closing sequence: '#'s after a space, or the whole content.
        if closing and (closing == len(content) or content[-closing - 1] in " \t"):
            end = match.end(1) + len(content)
            out[end - closing : end] = " " * closing


# --- tables ---------------------------------------------------------------------------


def _table(lines: list[tuple[int, str]]) -> Table:
    first_pos, first = lines[0]
    last_pos, last = lines[-1]
    return Table(
        start=first_pos + len(first) - len(first.lstrip()),
        end=last_pos + len(last.rstrip()),
        rows=tuple(_cells(pos, line) for pos, line in lines),
    )


def _cells(pos: int, line: str) -> tuple[Cell, ...]:
    cells = []
    for piece in line.split("\t"):
        content = piece.strip()
        start = pos + (len(piece) - len(piece.lstrip()) if content else 0)
        cells.append(Cell(content, start, start + len(content)))
        pos += len(piece) + 1
    return tuple(cells)
