"""Content negotiation, all of it: SPARQL results, linked-data resources, pages or data.

:func:`choose` picks the media type to answer from an ``Accept`` header;
:func:`negotiate` (the SPARQL endpoint) and :func:`representation` (linked
data) build on it, and :func:`wants_json` and :func:`wants_page` decide
between a page and data (and for errors, between the error page and JSON).

A pure function over strings, after RFC 9110, section 12.5.1 (``Accept``)
and 12.4.2 (quality values):

- each media range has a weight ``q`` from 0 to 1 (1 when absent); ``q=0``
  means "not acceptable";
- an offered type takes the weight of the *most specific* range that matches
  it (``text/csv`` before ``text/*`` before ``*/*``; a range with parameters
  before one without);
- the offered type with the highest weight wins; between equal weights the
  one matched by the more specific range wins, then the server's order;
- a malformed range (no ``/``, ``*/subtype``, a ``q`` that is not a number
  from 0 to 1 with at most three decimals) is ignored; a header with no
  well-formed range is treated as absent (RFC 9110 lets a server ignore it),
  and an absent or empty header accepts anything: the first offered type.

Parameters of a range other than ``q`` must all appear on the offered type
(compared case-insensitively), except ``charset=utf-8``, which every answer
here satisfies.  Parameters after ``q`` (accept extensions) are ignored.

On top of :func:`choose`, :func:`negotiate` knows what the SPARQL endpoint
answers: SPARQL results (SELECT, ASK) or an RDF graph (CONSTRUCT, DESCRIBE),
a few common aliases (``application/json`` for either JSON, ``application/xml``
for either XML), and the ``format`` parameter that overrides ``Accept``:

=========  ===================================  ==========================
format     SELECT and ASK                       CONSTRUCT and DESCRIBE
=========  ===================================  ==========================
json       application/sparql-results+json      application/ld+json
xml        application/sparql-results+xml       application/rdf+xml
csv        text/csv                             (406)
tsv        text/tab-separated-values            (406)
ttl        (406)                                text/turtle
nt         (406)                                application/n-triples
jsonld     (406)                                application/ld+json
rdfxml     (406)                                application/rdf+xml
trig       (406)                                application/trig
=========  ===================================  ==========================

``format`` also takes the names SPARQLWrapper sends (``turtle``, ``n3``,
``json-ld``, ``rdf+xml``, ``rdf``) and media types; it may be repeated (the
first value that fits wins; SPARQLWrapper sends ``format=tsv&format=text/tab-separated-values``).

Examples
--------
>>> choose("text/csv;q=0.5, application/sparql-results+json",
...        ["application/sparql-results+json", "text/csv"])
'application/sparql-results+json'
>>> choose("text/*", ["application/sparql-results+json", "text/csv"])
'text/csv'
>>> choose("image/png", ["text/turtle"]) is None
True
>>> choose(None, ["text/turtle", "application/n-triples"])
'text/turtle'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import Request

from citygraph.ingest.errors import BadInput, NotAcceptable

__all__ = [
    "DATA_PATHS",
    "FORMAT_NAMES",
    "GRAPH",
    "GRAPH_OFFERS",
    "JSON_PATHS",
    "RDF_MEDIA",
    "RESULTS",
    "RESULT_OFFERS",
    "MediaRange",
    "UnknownFormat",
    "choose",
    "format_names",
    "negotiate",
    "parse_accept",
    "representation",
    "wants_html",
    "wants_json",
    "wants_page",
]

_TCHAR = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"\s*({_TCHAR})/({_TCHAR})\s*")
_PARAM = re.compile(rf'\s*({_TCHAR})\s*=\s*({_TCHAR}|"(?:[^"\\]|\\.)*")\s*')
_QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One media range of an ``Accept`` header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()
    q: float = 1.0

    @property
    def specificity(self) -> int:
        """0 for ``*/*``, 1 for ``type/*``, 2 for ``type/subtype``, plus one per parameter."""
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 2 + len(self.params)

    def matches(self, offered: MediaRange) -> bool:
        """Whether this range covers the offered type."""
        if self.type != "*" and self.type != offered.type:
            return False
        if self.subtype != "*" and self.subtype != offered.subtype:
            return False
        have = dict(offered.params)
        return all(
            have.get(name) == value or (name == "charset" and value == "utf-8")
            for name, value in self.params
        )


def _split(header: str) -> list[str]:
    """Split at commas outside quoted strings."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in header:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _parse_range(text: str) -> MediaRange | None:
    pieces = text.split(";")
    head = _RANGE.fullmatch(pieces[0])
    if head is None:
        return None
    kind, subtype = head.group(1).lower(), head.group(2).lower()
    if kind == "*" and subtype != "*":
        return None
    params: list[tuple[str, str]] = []
    q = 1.0
    for piece in pieces[1:]:
        param = _PARAM.fullmatch(piece)
        if param is None:
            return None
        name, value = param.group(1).lower(), param.group(2).strip('"').lower()
        if name == "q":
            if not _QVALUE.fullmatch(value):
                return None
            q = float(value)
            break  # what follows q are accept extensions, not media type parameters
        params.append((name, value))
    return MediaRange(kind, subtype, tuple(params), q)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Return the well-formed media ranges of an ``Accept`` header, in order.

    Examples
    --------
    >>> parse_accept("text/html, application/xml;q=0.9, nonsense, */*;q=0.8")
    ... # doctest: +NORMALIZE_WHITESPACE
    [MediaRange(type='text', subtype='html', params=(), q=1.0),
     MediaRange(type='application', subtype='xml', params=(), q=0.9),
     MediaRange(type='*', subtype='*', params=(), q=0.8)]
    """
    if not header:
        return []
    ranges = (_parse_range(part) for part in _split(header) if part.strip())
    return [r for r in ranges if r is not None]


def choose(accept_header: str | None, offered: Sequence[str]) -> str | None:
    """Return the offered media type the client prefers, or None if none is acceptable.

    Parameters
    ----------
    accept_header
        The request's ``Accept`` header (None or empty when it sent none).
    offered
        The media types the server can answer, most preferred first; they may
        carry parameters (``text/csv;charset=utf-8``).

    Returns
    -------
    str or None
        One of ``offered``, exactly as given; None when every offered type
        has weight 0 or matches no range (answer 406).

    Examples
    --------
    >>> offered = ["text/turtle", "application/ld+json"]
    >>> choose("application/ld+json, */*", offered)  # the named type beats the wildcard
    'application/ld+json'
    >>> choose("*/*;q=0.5, text/turtle;q=0", offered)
    'application/ld+json'
    >>> choose("text/turtle;q=0.3, application/ld+json;q=0.3", offered)  # a tie
    'text/turtle'
    """
    if not offered:
        return None
    ranges = parse_accept(accept_header)
    if not ranges:
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for index, media_type in enumerate(offered):
        candidate = _parse_range(media_type)
        if candidate is None:
            raise ValueError(f"offered media type {media_type!r} is malformed")
        matching = [r for r in ranges if r.matches(candidate)]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        # several ranges of equal specificity: the first one in the header counts
        weight = next(r.q for r in matching if r.specificity == top)
        if weight <= 0:
            continue
        key = (weight, top, -index)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen


RESULTS = "results"
GRAPH = "graph"

#: media types offered for SELECT and ASK results, the server's preference first
RESULT_OFFERS: tuple[str, ...] = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",  # aliases, answered in the type they stand for
    "application/xml",
    "text/xml",
)
#: media types offered for CONSTRUCT and DESCRIBE results, the server's preference first
GRAPH_OFFERS: tuple[str, ...] = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/x-turtle",  # aliases
    "application/turtle",
    "application/json",
    "application/xml",
)
_ALIASES = {
    RESULTS: {"application/json": "application/sparql-results+json",
              "application/xml": "application/sparql-results+xml",
              "text/xml": "application/sparql-results+xml"},
    GRAPH: {"application/x-turtle": "text/turtle", "application/turtle": "text/turtle",
            "application/json": "application/ld+json", "application/xml": "application/rdf+xml"},
}
_OFFERS = {RESULTS: RESULT_OFFERS, GRAPH: GRAPH_OFFERS}
_FORMATS: dict[str, dict[str, str]] = {
    "json": {RESULTS: "application/sparql-results+json", GRAPH: "application/ld+json"},
    "xml": {RESULTS: "application/sparql-results+xml", GRAPH: "application/rdf+xml"},
    "csv": {RESULTS: "text/csv"},
    "tsv": {RESULTS: "text/tab-separated-values"},
    "ttl": {GRAPH: "text/turtle"},
    "nt": {GRAPH: "application/n-triples"},
    "jsonld": {GRAPH: "application/ld+json"},
    "rdfxml": {GRAPH: "application/rdf+xml"},
    "trig": {GRAPH: "application/trig"},
}
_FORMAT_ALIASES = {"turtle": "ttl", "n3": "ttl", "ntriples": "nt", "n-triples": "nt",
                   "json-ld": "jsonld", "rdf+xml": "rdfxml", "rdf": "rdfxml"}


class UnknownFormat(BadInput):
    """A ``format`` parameter names no format this endpoint knows."""


def format_names(kind: str) -> list[str]:
    """Return the ``format`` names that fit a kind of result.

    >>> format_names(RESULTS)
    ['json', 'xml', 'csv', 'tsv']
    """
    return [name for name, kinds in _FORMATS.items() if kind in kinds]


def _canonical(media_type: str, kind: str) -> str:
    return _ALIASES[kind].get(media_type, media_type)


def negotiate(accept_header: str | None, kind: str, formats: Sequence[str] = ()) -> str | None:
    """Return the media type to answer a kind of result in, or None (answer 406).

    Parameters
    ----------
    accept_header
        The request's ``Accept`` header.
    kind
        :data:`RESULTS` (SELECT, ASK) or :data:`GRAPH` (CONSTRUCT, DESCRIBE).
    formats
        Values of the ``format`` parameter; when given they decide, and
        ``Accept`` is not consulted.

    Returns
    -------
    str or None
        A media type the result can be written in (never an alias); None
        when nothing acceptable fits the kind of result.

    Raises
    ------
    UnknownFormat
        No ``format`` value names a known format.

    Examples
    --------
    >>> negotiate("application/json", RESULTS)
    'application/sparql-results+json'
    >>> negotiate("*/*", GRAPH, ["json"])
    'application/ld+json'
    >>> negotiate(None, RESULTS, ["ttl"]) is None
    True
    """
    if formats:
        known = False
        for value in formats:
            name = value.strip().lower()
            name = _FORMAT_ALIASES.get(name, name)
            if name in _FORMATS:
                known = True
                if kind in _FORMATS[name]:
                    return _FORMATS[name][kind]
            elif "/" in name:
                media = _parse_range(name)
                if media is not None and media.type != "*" and media.subtype != "*":
                    plain = f"{media.type}/{media.subtype}"
                    if any(plain in _OFFERS[k] for k in _OFFERS):
                        known = True
                    if plain in _OFFERS[kind]:
                        return _canonical(plain, kind)
        if not known:
            shown = ", ".join(repr(f) for f in formats)
            raise UnknownFormat(
                f"The format {shown} is not known here; choose one of {', '.join(_FORMATS)}."
            )
        return None
    chosen = choose(accept_header, _OFFERS[kind])
    return None if chosen is None else _canonical(chosen, kind)


# -- linked data: one resource as HTML, Turtle, JSON-LD or N-Triples ---------------------------

#: media types a resource is offered in, in the server's order (the first wins ties, and
#: answers an absent ``Accept`` or ``*/*``) -> representation
RDF_MEDIA = {
    "text/turtle": "ttl",
    "text/html": "html",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/xhtml+xml": "html",
    "application/x-turtle": "ttl",
    "application/json": "jsonld",
    "text/plain": "nt",
}
#: ``format=`` value -> representation
FORMAT_NAMES = {
    "html": "html", "ttl": "ttl", "turtle": "ttl", "jsonld": "jsonld", "json-ld": "jsonld",
    "json": "jsonld", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
}


def representation(accept: str | None, fmt: str | None = None) -> str:
    """The representation of a resource to answer: ``html``, ``ttl``, ``jsonld`` or ``nt``.

    ``fmt`` (the ``format=`` parameter) wins; otherwise :func:`choose` picks
    among :data:`RDF_MEDIA`, so that an absent ``Accept`` or ``*/*`` gets
    Turtle and browsers HTML.

    Raises
    ------
    NotAcceptable
        For an unknown ``fmt``, or an ``Accept`` that rules out every representation.

    Examples
    --------
    >>> representation("text/html,application/xhtml+xml,*/*;q=0.8")
    'html'
    >>> representation("application/ld+json"), representation(""), representation("*/*", "nt")
    ('jsonld', 'ttl', 'nt')
    >>> representation("text/turtle;q=0.5, application/n-triples")
    'nt'
    >>> representation("image/png")
    Traceback (most recent call last):
    ...
    citygraph.ingest.errors.NotAcceptable: Not available as image/png: ask for text/html, \
text/turtle, application/ld+json or application/n-triples.
    """
    if fmt is not None:
        try:
            return FORMAT_NAMES[fmt.strip().lower()]
        except KeyError:
            raise NotAcceptable(
                f"format={fmt!r} is not offered; use one of html, ttl, jsonld or nt."
            ) from None
    chosen = choose(accept, list(RDF_MEDIA))
    if chosen is None:
        raise NotAcceptable(f"Not available as {accept}: ask for text/html, text/turtle, "
                            "application/ld+json or application/n-triples.")
    return RDF_MEDIA[chosen]


# -- pages or data: what a request wants -------------------------------------------------------

#: paths that answer data (linked data, downloads, health): their errors are pages only when
#: the client asks for HTML by preference, as browsers do
DATA_PATHS = ("/id/", "/kind/", "/ontology", "/downloads", "/context.jsonld", "/health",
              "/openapi.json", "/static/")
#: paths whose errors are always JSON: programs' endpoints
JSON_PATHS = ("/api/", "/sparql")


def wants_html(accept: str | None) -> bool:
    """Whether the client prefers HTML to JSON (browsers do; ``*/*`` does not).

    >>> wants_html("text/html"), wants_html("application/json"), wants_html("*/*")
    (True, False, False)
    """
    return choose(accept, ["application/json", "text/html"]) == "text/html"


def wants_json(path: str, accept: str | None) -> bool:
    """Whether a page should answer JSON: a ``.json`` path, or ``Accept`` preferring JSON.

    >>> wants_json("/cities/wellington.json", None), wants_json("/cities/wellington", "*/*")
    (True, False)
    >>> wants_json("/cities/wellington", "application/json")
    True
    """
    if path.endswith(".json"):
        return True
    return bool(accept) and choose(accept, ("text/html", "application/json")) == (
        "application/json")


def wants_page(request: Request) -> bool:
    """Whether an error should be answered as the site's error page rather than JSON.

    Pages answer pages unless JSON is asked for (:func:`wants_json`); data
    paths (:data:`DATA_PATHS`) answer JSON unless HTML is preferred; program
    endpoints (:data:`JSON_PATHS`) and ``.json``/``.csv`` addresses always JSON.
    """
    path = request.url.path
    accept = request.headers.get("accept")
    if path.startswith(JSON_PATHS) or path.endswith((".json", ".csv")):
        return False
    if path.startswith(DATA_PATHS):
        return wants_html(accept)
    return not wants_json(path, accept)
