r"""SELECT answers written by the engine itself, counted and cut at the row cap.

Oxigraph writes SPARQL JSON, XML and TSV results without a Python object
per row.  What it writes is bounded here: :class:`Bounded` is the file it
writes into, and stops it past a number of bytes or (counted as the bytes
double) past the row cap; :func:`cut` keeps the first rows of what was
written and closes the document.  CSV is not among them: citygraph's CSV
escapes cells a spreadsheet would run as formulas.

Examples
--------
>>> body = (b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal",'
...         b'"value":"},{"}},{},{}]}}')
>>> JSON.rows(body), JSON.begun(body[:60])
(3, 1)
>>> JSON.cut(body, 1)
b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"},{"}}]}}'
>>> TSV.cut(b'?a\n1\n2\n', 1)
b'?a\n1\n'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["JSON", "NATIVE", "TSV", "XML", "Bounded", "Full", "Writer"]

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
# a string, a quote that opens a string the part ends in, or where a solution begins
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|"|\[\{|\},\{')


def _json_rows(body: bytes) -> int:
    # with every string emptied, a solution opens the bindings ("[{") or follows
    # another ("},{"); a binding's own objects follow ":" instead
    bare = _JSON_STRING.sub(b'""', body)
    return bare.count(b"[{") + bare.count(b"},{")


def _json_starts(body: bytes) -> list[int]:
    """Where the solutions begin, in a whole answer or in a part cut anywhere."""
    starts = []
    for match in _JSON_TOKEN.finditer(body):
        token = match.group()
        if token == b'"':
            break  # the part ends inside this string
        if not token.startswith(b'"'):
            starts.append(match.end() - 1)
    return starts


def _json_cut(body: bytes, rows: int) -> bytes:
    start = _json_starts(body)[rows]
    return body[:start].rstrip(b",") + b"]}}"


def _xml_starts(body: bytes) -> list[int]:
    return [m.start() for m in re.finditer(rb"<result>", body)]


def _xml_cut(body: bytes, rows: int) -> bytes:
    return body[:_xml_starts(body)[rows]] + b"</results></sparql>"


def _tsv_cut(body: bytes, rows: int) -> bytes:
    lines = body.split(b"\n", rows + 1)  # the header, then one line per row
    return b"\n".join(lines[:rows + 1]) + b"\n"


@dataclass(frozen=True)
class Writer:
    """One of the engine's result formats, with how to count and cut what it wrote.

    ``rows`` counts the solutions of a whole answer; ``begun`` those begun in
    a part the engine was stopped in (anywhere, a string included);
    ``cut(body, n)`` keeps the first ``n`` of more than ``n`` begun.
    """

    format: ox.QueryResultsFormat
    rows: Callable[[bytes], int]
    begun: Callable[[bytes], int]
    cut: Callable[[bytes, int], bytes]


def _xml_rows(body: bytes) -> int:
    return len(_xml_starts(body))


def _tsv_rows(body: bytes) -> int:
    return max(0, body.count(b"\n") - 1)


JSON = Writer(ox.QueryResultsFormat.JSON, _json_rows, lambda body: len(_json_starts(body)),
              _json_cut)
# an escaped "<" never reads as "<result>"; TSV escapes line breaks in literals (and
# counts only whole lines, so a part's last row counts when it is whole)
XML = Writer(ox.QueryResultsFormat.XML, _xml_rows, _xml_rows, _xml_cut)
TSV = Writer(ox.QueryResultsFormat.TSV, _tsv_rows, _tsv_rows, _tsv_cut)

#: media type -> the engine's writer for it
NATIVE = {
    "application/sparql-results+json": JSON,
    "application/sparql-results+xml": XML,
    "text/tab-separated-values": TSV,
}


class Full(Exception):
    """The engine wrote more than the bytes or the rows allowed."""


class Bounded:
    """A file the engine writes into, refusing more than ``most`` bytes or ``rows`` rows.

    The rows are counted each time the bytes double from 64 KB.
    """

    def __init__(self, most: int, rows: int, count: Callable[[bytes], int]) -> None:
        self.most, self.rows, self.count = most, rows, count
        self.size, self.parts, self.next_count = 0, list[bytes](), 64 * 1024

    def write(self, data: bytes) -> int:
        """Keep ``data``; raise :class:`Full` past the bounds."""
        self.size += len(data)
        if self.size > self.most:
            raise Full
        self.parts.append(bytes(data))
        if self.size >= self.next_count:
            self.next_count *= 2
            if self.count(self.body()) > self.rows:
                raise Full
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the parts are joined when the engine is done."""

    def body(self) -> bytes:
        """What was written so far."""
        return b"".join(self.parts)
