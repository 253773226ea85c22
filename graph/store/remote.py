r"""A remote store: any SPARQL 1.1 server over HTTP (tested with Virtuoso 7.2).

:class:`SparqlStore` speaks two W3C protocols with the standard library only:

- the SPARQL 1.1 Protocol for queries: GET, or a form POST when the URL
  would be long (never ``POST application/sparql-query``, which hangs
  Virtuoso 7.2.5), asking for SPARQL JSON results (SELECT, ASK) or
  N-Triples (CONSTRUCT, DESCRIBE), parsed into the same result types as the
  embedded store (:class:`~citygraph.graph.store.base.Term` and so on).  Queries
  go out without credentials, so point ``endpoint`` at a read-only one;
- the Graph Store HTTP Protocol for loading: each named graph of the N-Quads
  travels as N-Triples in POST (add) or PUT (replace) requests, with HTTP
  Digest authentication.  (Virtuoso refuses ``INSERT DATA`` above some 500
  triples, so loading does not use SPARQL Update.)

The dataset
    Queries see the server's default graph.  On Virtuoso, given no
    ``FROM``, that is the union of all its graphs, as in the embedded store,
    but with Virtuoso's own system graphs in it too (``virtrdf#`` and two
    others, some 2,500 triples on a fresh server): they change counts over
    ``?s ?p ?o``, not queries that name citygraph's terms.  ``graphs`` lists
    the store's own named graphs (loading adds to it): :meth:`quad_count`
    counts them and :meth:`clear` drops them.  With ``only_graphs`` every
    query also names them as ``default-graph-uri`` and ``named-graph-uri``,
    so that the default graph is exactly their union; this is off by default
    because Virtuoso 7.2.5 then answers some property paths (``skos:broader*``
    joined with other patterns and a filter) wrongly, with no rows.

Bindings
    Values never become query text by splicing: each :class:`Term` is written
    as an escaped SPARQL term in a ``VALUES`` block placed first in the
    query's outer ``WHERE`` group, so the rows are those of the query joined
    with the bound values.  As with the embedded store, a bound variable must
    appear in a SELECT projection.  (Not a trailing ``VALUES`` clause:
    Virtuoso joins one wrongly, dropping rows where the variable is unbound.)

Virtuoso 7.2.5 differs from the embedded store (``tests/graph/test_remote.py``)
    It keeps typed literals by value: booleans come back as ``"1"``/``"0"``
    (and count as numbers), numbers in canonical form, and of two literals
    of equal value on one subject and property (``"1996-05"^^xsd:gYearMonth``
    and ``"1996-05-01"^^xsd:date``) it stores one.  ``DESCRIBE <iri>`` gives
    the triples pointing at the resource, not its own.  ``GROUP_CONCAT``
    joins in another order.  Results are not rewritten to hide any of this.

Examples
--------
>>> store = SparqlStore.virtuoso("http://127.0.0.1:8890", user="dba", password="secret",
...                              graphs=())
>>> store.endpoint, store.graph_store
('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud-auth')
>>> with_values("SELECT ?name WHERE { ?city ?p ?name }", {"name": Term("literal", 'a"}')})
'SELECT ?name WHERE { VALUES (?name) { ("a\\"}") } ?city ?p ?name }'
>>> sparql_term(Term("literal", "서울", lang="ko"))
'"서울"@ko'
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from typing import Any, Literal

import pyoxigraph as ox

from citygraph.graph.store.base import (
    DEFAULT_ROW_CAP,
    XSD_STRING,
    AskResult,
    GraphResult,
    QueryError,
    Result,
    SelectResult,
    Term,
    check_query,
)
from citygraph.ingest.errors import StoreUnavailable

__all__ = [
    "RemoteStoreError",
    "SparqlStore",
    "StoreUnreachable",
    "sparql_term",
    "split_by_graph",
    "with_values",
]

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
JSON_RESULTS = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
DEFAULT_TIMEOUT = 30.0
MAX_GET_URL = 2000
VIRTUOSO_MAX_ROWS = 10_000  # [SPARQL] ResultSetMaxRows in Debian's virtuoso.ini
# statuses that say something about the server or its set-up, not about the query
_NOT_THE_QUERY = {401, 403, 404, 405, 407, 502, 503, 504}

Form = Literal["select", "ask", "construct", "describe"]


class RemoteStoreError(StoreUnavailable):
    """The remote store failed or refused a request for a reason other than the query."""


class StoreUnreachable(RemoteStoreError):
    """The remote store could not be reached, or did not answer in time."""


# --- terms -----------------------------------------------------------------------------------

_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_VARNAME = re.compile(r"\w+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _iri(value: str) -> str:
    if not value or not _IRI.fullmatch(value):
        raise QueryError(f"A binding is not a valid IRI: {value!r}.")
    return f"<{value}>"


def sparql_term(term: Term) -> str:
    r"""Write a term as SPARQL text, escaped so that no value can change the query.

    Raises
    ------
    QueryError
        A blank node or quoted triple (neither can be sent as a value), an IRI
        with characters IRIs may not hold, or a malformed language tag.

    Examples
    --------
    >>> sparql_term(Term("uri", "https://w3id.org/citygraph/id/place/gn1835848"))
    '<https://w3id.org/citygraph/id/place/gn1835848>'
    >>> print(sparql_term(Term("literal", 'say "hi" }\n')))
    "say \"hi\" }\n"
    >>> sparql_term(Term("literal", "1968", datatype="http://www.w3.org/2001/XMLSchema#gYear"))
    '"1968"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    >>> sparql_term(Term("uri", "x> } DROP ALL {"))
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryError: A binding is not a valid IRI: 'x> } DROP ALL {'.
    """
    if term.type == "uri":
        return _iri(term.value)
    if term.type != "literal":
        raise QueryError(f"A {term.type} cannot be sent to a remote store as a binding.")
    text = '"' + _TO_ESCAPE.sub(_escape, term.value) + '"'
    if term.lang:
        if not _LANG.fullmatch(term.lang):
            raise QueryError(f"A binding has a malformed language tag: {term.lang!r}.")
        return f"{text}@{term.lang}"
    if term.datatype and term.datatype not in (XSD_STRING, RDF_LANGSTRING):
        return f"{text}^^{_iri(term.datatype)}"
    return text


def _json_term(value: Mapping[str, Any]) -> Term:
    kind, text = value.get("type"), value.get("value")
    if kind == "triple":
        return Term("triple", json.dumps(text, sort_keys=True))
    if not isinstance(text, str):
        raise ValueError(f"a binding without a string value: {value!r}")
    if kind == "uri":
        return Term("uri", text)
    if kind == "bnode":
        return Term("bnode", text)
    if kind in ("literal", "typed-literal"):  # typed-literal: the 2005 format Virtuoso writes
        lang = value.get("xml:lang")
        if lang:
            return Term("literal", text, str(lang).lower(), RDF_LANGSTRING)
        return Term("literal", text, None, str(value.get("datatype") or XSD_STRING))
    raise ValueError(f"a binding of unknown type {kind!r}")


# --- reading queries -------------------------------------------------------------------------

# what blanking hides: comments, strings, IRIs (the offsets of the rest stay)
_NOISE = re.compile(
    r"""\#[^\n]*                          # comments
      | "\"\"(?:[^"\\]|\\.|"(?!""))*"\"\" # long strings
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n]|\\.)*"               # short strings
      | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\s]*>                # IRIs
    """,
    re.VERBOSE,
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_PROJECTION = re.compile(r"[()*]|\bAS\s+[?$](\w+)|[?$](\w+)", re.IGNORECASE)
_MODIFIER = re.compile(r"\b(?:GROUP|HAVING|ORDER|LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)


def _blank(sparql: str) -> str:
    """Return the query with strings, IRIs and comments blanked, keeping every offset."""
    return _NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), sparql)


def _form(blank: str) -> tuple[Form, int]:
    """Return the query form and the offset just after its keyword."""
    start = _PROLOGUE.match(blank)
    word = _WORD.match(blank, start.end() if start else 0)
    name = word.group().lower() if word else ""
    if word is None or name not in ("select", "ask", "construct", "describe"):
        raise QueryError(
            "Only SELECT, ASK, CONSTRUCT and DESCRIBE queries run here"
            + (f", not {word.group()!r}" if word else "")
            + ": updates and server-specific statements are refused."
        )
    form: Form = name  # type: ignore[assignment]
    return form, word.end()


def _next_brace(blank: str, start: int) -> int | None:
    """Return the offset of the next ``{`` outside parentheses, or None."""
    depth = 0
    for index in range(start, len(blank)):
        char = blank[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth <= 0:
            return index
    return None


def _closing(blank: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(blank)):
        if blank[index] == "{":
            depth += 1
        elif blank[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    raise QueryError("The query is not valid SPARQL: a '{' is never closed.")


def _projection(clause: str) -> set[str] | None:
    """Return the variables a SELECT clause projects; None for ``SELECT *``."""
    names: set[str] = set()
    depth = 0
    for match in _PROJECTION.finditer(clause):
        text = match.group()
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "*":
            if depth == 0:
                return None
        elif match.group(1):
            names.add(match.group(1))
        elif depth == 0 and match.group(2):
            names.add(match.group(2))
    return names


def with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    r"""Return the query with ``bindings`` as a ``VALUES`` block first in its ``WHERE`` group.

    Raises
    ------
    QueryError
        A binding's name is not a variable name, a SELECT query does not
        project it, or a value cannot be written safely (see :func:`sparql_term`).

    Examples
    --------
    >>> with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": Term("uri", "http://ex.org/a")})
    'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://ex.org/a>) } ?s ?p ?o }'
    >>> with_values("DESCRIBE ?s", {"s": Term("uri", "http://ex.org/a")})
    'DESCRIBE ?s\nWHERE { VALUES (?s) { (<http://ex.org/a>) } }'
    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Term("literal", "x")})
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryError: The query cannot run: ?o is bound but not in the ...
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"A binding is named {name!r}, which is not a variable name.")
    names = list(bindings)
    values = (f" VALUES ({' '.join('?' + n for n in names)}) "
              f"{{ ({' '.join(sparql_term(bindings[n]) for n in names)}) }} ")
    blank = _blank(sparql)
    form, after = _form(blank)
    opening = _next_brace(blank, after)
    if form == "select":
        projected = _projection(blank[after:opening])
        if projected is None:  # SELECT *: the variable must at least occur in the query
            projected = {m.group(1) for m in re.finditer(r"[?$](\w+)", blank)}
        missing = [n for n in names if n not in projected]
        if missing:
            raise QueryError(
                f"The query cannot run: ?{missing[0]} is bound but not in the SELECT projection."
            )
    if opening is None:
        if form != "describe":
            raise QueryError("The query is not valid SPARQL: it has no WHERE clause.")
        modifier = _MODIFIER.search(blank, after)
        at = modifier.start() if modifier else len(sparql)
        return f"{sparql[:at]}\nWHERE {{{values}}}\n{sparql[at:]}".rstrip("\n")
    if form == "construct":
        closing = _closing(blank, opening)
        if _is_template(blank, after):  # CONSTRUCT { template } ... WHERE { pattern }
            return _insert_after(sparql, _next_brace(blank, closing + 1), values)
        # the short form CONSTRUCT WHERE { pattern }: its pattern is its template too
        pattern = sparql[opening + 1:closing]
        return (f"{sparql[:after]} {{{pattern}}}{sparql[after:opening]}"
                f"{{{values}{pattern.lstrip()}}}{sparql[closing + 1:]}")
    return _insert_after(sparql, opening, values)


def _is_template(blank: str, after: int) -> bool:
    return blank[after:].lstrip().startswith("{")


def _insert_after(sparql: str, opening: int | None, values: str) -> str:
    if opening is None:
        raise QueryError("The query is not valid SPARQL: it has no WHERE clause.")
    return f"{sparql[:opening + 1]}{values}{sparql[opening + 1:].lstrip()}"


# --- N-Quads by graph ------------------------------------------------------------------------


def split_by_graph(data: bytes) -> dict[str, list[ox.Triple]]:
    r"""Parse N-Quads and group their triples by named graph.

    Raises
    ------
    SyntaxError
        The data is not N-Quads (pyoxigraph says where).
    ValueError
        A quad is in the default graph or in a graph named by a blank node:
        the Graph Store Protocol needs an IRI for each graph.

    Examples
    --------
    >>> groups = split_by_graph(b'<http://a> <http://p> "x" <http://g> .\n')
    >>> {g: len(t) for g, t in groups.items()}
    {'http://g': 1}
    """
    groups: dict[str, list[ox.Triple]] = {}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode):
            raise ValueError(
                "Only quads in named graphs can be loaded into a remote store; "
                f"this one is in the default graph or a blank-node graph: {quad}"
            )
        groups.setdefault(graph.value, []).append(quad.triple)
    return groups


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _batches(triples: Sequence[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Split a graph's triples into requests; those with blank nodes share the first.

    A server gives each request's blank nodes fresh identities, so triples
    that share a blank node must travel together.
    """
    blank = [t for t in triples if _has_blank(t)]
    ground = [t for t in triples if not _has_blank(t)]
    first = blank + ground[:max(0, size - len(blank))]
    rest = ground[len(first) - len(blank):]
    return [first] + [rest[i:i + size] for i in range(0, len(rest), size)]


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""


# --- the store -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: Message
    body: bytes


def _server_message(body: bytes, headers: Message | None) -> str:
    """Return the first lines of an error body, without the query the server echoes back."""
    text = body.decode("utf-8", errors="replace")
    if headers is not None and "html" in (headers.get("Content-Type") or ""):
        text = re.sub(r"<[^>]*>", " ", text)
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip().lower() in ("sparql query:", "query:"):
            break
        if line.strip():
            lines.append(" ".join(line.split()))
        if len(lines) == 3:
            break
    message = " ".join(lines)
    return message[:600] + ("..." if len(message) > 600 else "") if message else "(no message)"


@dataclass
class SparqlStore:
    """A SPARQL 1.1 server as a :class:`~citygraph.graph.store.base.Store`.

    Parameters
    ----------
    endpoint
        The query endpoint, e.g. ``http://127.0.0.1:8890/sparql``; queries
        are sent without credentials.
    graph_store
        The Graph Store Protocol endpoint used for loading (None: read-only).
    user, password
        Credentials for ``graph_store``, answered to HTTP Digest challenges.
    graphs
        The store's own named graphs, or None when it does not know them
        (see the module's notes).
    timeout
        Seconds to wait on every connection and read.
    graph_param
        The query parameter naming a graph: ``graph`` in the W3C protocol,
        ``graph-uri`` on Virtuoso's ``/sparql-graph-crud*``.
    batch_triples
        At most this many triples in one load request (those sharing blank
        nodes travel together, whatever their number).
    allow_service
        Let ``SERVICE`` and ``LOAD`` through the keyword check.
    only_graphs
        Make the query dataset exactly ``graphs`` (see the module's notes).
    server_max_rows
        The server's own cap on results, if it has one (Virtuoso's
        ``ResultSetMaxRows``).  Virtuoso flags a cut SELECT with a header,
        but cuts a CONSTRUCT silently (at about that many triples): a graph
        answer that reaches the cap is refused as possibly incomplete.
    """

    endpoint: str
    graph_store: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    graphs: tuple[str, ...] | None = None
    timeout: float = DEFAULT_TIMEOUT
    graph_param: str = "graph"
    batch_triples: int = 50_000
    allow_service: bool = False
    only_graphs: bool = False
    server_max_rows: int | None = None
    _reader: urllib.request.OpenerDirector = field(init=False, repr=False, compare=False)
    _writer: urllib.request.OpenerDirector = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for url in (self.endpoint, self.graph_store):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"A SPARQL store is reached over http or https, not {url!r}.")
        self._reader = urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        if self.graph_store and self.user is not None:
            passwords.add_password(None, self.graph_store, self.user, self.password or "")
        self._writer = urllib.request.build_opener(
            urllib.request.HTTPDigestAuthHandler(passwords)
        )

    @classmethod
    def virtuoso(cls, base_url: str, *, user: str | None = None, password: str | None = None,
                 graphs: tuple[str, ...] | None = None, timeout: float = DEFAULT_TIMEOUT,
                 only_graphs: bool = False,
                 server_max_rows: int | None = VIRTUOSO_MAX_ROWS) -> SparqlStore:
        """Return a store on a Virtuoso server at ``base_url`` (e.g. ``http://host:8890``).

        Queries go to the anonymous ``/sparql`` (read-only as installed), loads
        to ``/sparql-graph-crud-auth`` with Digest authentication.
        ``server_max_rows`` is the server's ``[SPARQL] ResultSetMaxRows``
        (10,000 as installed).
        """
        base = base_url.rstrip("/")
        return cls(f"{base}/sparql", f"{base}/sparql-graph-crud-auth", user, password,
                   graphs, timeout, graph_param="graph-uri", only_graphs=only_graphs,
                   server_max_rows=server_max_rows)

    # -- HTTP --

    def _send(self, opener: urllib.request.OpenerDirector,
              request: urllib.request.Request) -> _Answer:
        """Send a request; an HTTP error comes back as an answer, a failed connection raises."""
        url = request.full_url.split("?", 1)[0]
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return _Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as err:
            body = b""
            with contextlib.suppress(OSError, http.client.HTTPException):
                body = err.read()
            return _Answer(err.code, err.headers, body)
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise self._timed_out(url) from None
            raise StoreUnreachable(
                f"Cannot reach the SPARQL store at {url}: {err.reason}."
            ) from None
        except TimeoutError:
            raise self._timed_out(url) from None
        except (OSError, http.client.HTTPException) as err:
            raise StoreUnreachable(
                f"The SPARQL store at {url} broke off the exchange: {err}."
            ) from None

    def _timed_out(self, url: str) -> StoreUnreachable:
        return StoreUnreachable(
            f"The SPARQL store at {url} did not answer within {self.timeout:g} s."
        )

    def _dataset(self, default_graph: Sequence[str] | None = None,
                 named_graphs: Sequence[str] | None = None) -> list[tuple[str, str]]:
        if default_graph is not None or named_graphs is not None:
            return ([("default-graph-uri", g) for g in default_graph or ()]
                    + [("named-graph-uri", g) for g in named_graphs or ()])
        if self.graphs is None or not self.only_graphs:
            return []
        return ([("default-graph-uri", g) for g in self.graphs]
                + [("named-graph-uri", g) for g in self.graphs])

    def _ask_server(self, sparql: str, accept: str,
                    dataset: Sequence[tuple[str, str]] = ()) -> _Answer:
        params = urllib.parse.urlencode([("query", sparql), *dataset])
        url = f"{self.endpoint}{'&' if '?' in self.endpoint else '?'}{params}"
        headers = {"Accept": accept}
        if len(url) <= MAX_GET_URL:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http checked)
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            request = urllib.request.Request(  # noqa: S310 (http checked)
                self.endpoint, data=params.encode(), headers=headers, method="POST")
        answer = self._send(self._reader, request)
        if answer.status >= 400:
            message = _server_message(answer.body, answer.headers)
            if answer.status in _NOT_THE_QUERY:
                raise RemoteStoreError(
                    f"The SPARQL store at {self.endpoint} answered HTTP {answer.status}: "
                    f"{message}"
                )
            if answer.status == 400:
                raise QueryError(f"The query is not valid SPARQL for the store: {message}")
            raise QueryError(
                f"The SPARQL store could not run the query (HTTP {answer.status}): {message}"
            )
        if (answer.headers.get("X-SQL-State") or "").startswith("S1TAT"):
            raise QueryError(
                "The SPARQL store stopped the query at its time limit and sent partial "
                "results, which are not passed on; simplify the query."
            )
        return answer

    def _bad_answer(self, what: str, detail: object) -> RemoteStoreError:
        return RemoteStoreError(f"The SPARQL store at {self.endpoint} sent {what}: {detail}")

    # -- the Store protocol --

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int = DEFAULT_ROW_CAP,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> Result:
        """Run a read-only query on the server.

        ``base_iri`` reaches the server as a ``BASE`` declaration put before
        the query, on its first line (so the server's line numbers stay),
        once it has been checked to be an IRI.

        ``default_graph`` and ``named_graphs`` travel as the protocol's
        ``default-graph-uri`` and ``named-graph-uri`` parameters (and then
        replace the dataset ``only_graphs`` would send).

        Raises
        ------
        QueryError
            The query is refused here (an update, ``SERVICE``, an unsafe
            binding) or by the server (the message is the server's).
        RemoteStoreError
            The server failed for another reason (missing endpoint, refused
            credentials, bad gateway...); :class:`StoreUnreachable` when it
            cannot be reached or does not answer within ``timeout``.
        """
        check_query(sparql, allow_service=self.allow_service)
        form, _ = _form(_blank(sparql))
        if bindings:
            sparql = with_values(sparql, bindings)
        if base_iri is not None:
            sparql = f"BASE <{ox.NamedNode(base_iri).value}> {sparql}"
        dataset = self._dataset(default_graph, named_graphs)
        if form in ("select", "ask"):
            answer = self._ask_server(sparql, JSON_RESULTS, dataset)
            try:
                document = json.loads(answer.body)
                if form == "ask":
                    return AskResult(bool(document["boolean"]))
                return self._rows(document, answer.headers, max_rows)
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise self._bad_answer("an answer that is not SPARQL JSON results", err) from None
        answer = self._ask_server(sparql, GRAPH_TYPES, dataset)
        media = (answer.headers.get("Content-Type") or "").split(";")[0].strip()
        rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        try:
            triples = [t if isinstance(t, ox.Triple) else t.triple
                       for t in ox.parse(answer.body, format=rdf_format)]
        except (SyntaxError, ValueError) as err:
            raise self._bad_answer(f"RDF that does not parse as {media or 'N-Triples'}",
                                   err) from None
        cap = answer.headers.get("X-SPARQL-MaxRows") or self.server_max_rows
        if cap and (answer.headers.get("X-SPARQL-MaxRows") or len(triples) >= int(cap)):
            raise QueryError(
                f"The SPARQL store sent {len(triples)} triples, which reaches its own result "
                f"limit of {cap}: the graph may be incomplete, so it is not passed on. "
                "Ask for fewer triples."
            )
        kept = triples[:max_rows]
        return GraphResult(_ntriples(kept).decode(), len(kept), len(triples) > max_rows)

    def _rows(self, document: Mapping[str, Any], headers: Message,
              max_rows: int) -> SelectResult:
        variables = [str(v) for v in document["head"]["vars"]]
        bindings = document["results"]["bindings"]
        rows = [{str(k): _json_term(v) for k, v in b.items()} for b in bindings[:max_rows]]
        # Virtuoso cuts results at its ResultSetMaxRows and says so in this header
        server_cut = bool(headers.get("X-SPARQL-MaxRows")) or (
            self.server_max_rows is not None and len(bindings) >= self.server_max_rows)
        return SelectResult(variables, rows, len(bindings) > max_rows or server_cut)

    def load_nquads(self, data: bytes) -> None:
        """Add quads given as N-Quads, graph by graph (POST of the Graph Store Protocol).

        Each request is a transaction of its own on the server: a failure
        part-way leaves the graphs loaded before it.

        Raises
        ------
        RemoteStoreError
            The server refused a request; the message names the graph.
        """
        self._load(split_by_graph(data), replace=False)

    def replace_nquads(self, data: bytes) -> None:
        """Rebuild: make the store's graphs exactly those of ``data``.

        Each graph of ``data`` is replaced (PUT), the store's other graphs
        (those in ``graphs``) are dropped, and ``graphs`` becomes the graphs of
        ``data``.  Queries running meanwhile may see some graphs old and
        some new.
        """
        groups = split_by_graph(data)
        old = set(self.graphs or ())
        self._load(groups, replace=True)
        self.drop_graphs(sorted(old - set(groups)))
        self.graphs = tuple(groups)

    def _load(self, groups: Mapping[str, Sequence[ox.Triple]], *, replace: bool) -> None:
        for graph, triples in groups.items():
            for number, batch in enumerate(_batches(triples, self.batch_triples)):
                method = "PUT" if replace and number == 0 else "POST"
                self._graph_request(method, graph, _ntriples(batch))
            if self.graphs is not None and graph not in self.graphs:
                self.graphs = (*self.graphs, graph)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Delete named graphs (DELETE of the Graph Store Protocol); absent ones are fine."""
        for graph in graphs:
            self._graph_request("DELETE", graph, None)
            if self.graphs is not None:
                self.graphs = tuple(g for g in self.graphs if g != graph)

    def clear(self) -> None:
        """Drop every graph of the store's dataset (``graphs``).

        Raises
        ------
        ValueError
            ``graphs`` is None: the store does not know which graphs are its own.
        """
        if self.graphs is None:
            raise ValueError(
                "This store's dataset is whatever the server has (graphs=None); "
                "name the graphs to drop with drop_graphs()."
            )
        self.drop_graphs(list(self.graphs))

    def _graph_request(self, method: str, graph: str, body: bytes | None) -> None:
        if not self.graph_store:
            raise RemoteStoreError(
                f"This store has no graph store endpoint; {self.endpoint} is read here only."
            )
        query = urllib.parse.urlencode({self.graph_param: graph})
        url = f"{self.graph_store}{'&' if '?' in self.graph_store else '?'}{query}"
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        request = urllib.request.Request(  # noqa: S310 (http checked)
            url, data=body, headers=headers, method=method)
        answer = self._send(self._writer, request)
        if answer.status < 400 or (method == "DELETE" and answer.status == 404):
            return
        message = _server_message(answer.body, answer.headers)
        if answer.status == 401:
            who = f"user {self.user!r}" if self.user is not None else "no credentials"
            message = f"the credentials were refused ({who})"
        raise RemoteStoreError(
            f"The graph store at {self.graph_store} refused {method} of graph <{graph}> "
            f"(HTTP {answer.status}): {message}"
        )

    def quad_count(self) -> int:
        """Return the number of quads in the store's graphs (all the server's if None)."""
        if self.graphs is None:
            scope = ""
        elif not self.graphs:
            return 0
        else:
            scope = f"VALUES ?g {{ {' '.join(_iri(g) for g in self.graphs)} }} "
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {scope}GRAPH ?g {{ ?s ?p ?o }} }}")
        if not isinstance(result, SelectResult) or not result.rows:
            raise self._bad_answer("no count", result)
        return int(result.rows[0]["n"].value)

    def graph_names(self) -> tuple[str, ...]:
        """Return the store's named graphs: ``graphs`` if known, else all the server's."""
        return tuple(sorted(self.graphs)) if self.graphs is not None else self.discover_graphs()

    def discover_graphs(self, prefix: str = "") -> tuple[str, ...]:
        """Return the server's named graphs whose IRI starts with ``prefix``, sorted.

        The search ignores ``graphs``: use it to set them, e.g.
        ``store.graphs = store.discover_graphs("https://w3id.org/citygraph/")``.
        """
        scoped = SparqlStore(self.endpoint, timeout=self.timeout)
        test = f"FILTER(STRSTARTS(STR(?g), {sparql_term(Term('literal', prefix))}))"
        result = scoped.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {test} }}",
                              max_rows=1_000_000)
        if not isinstance(result, SelectResult):
            raise self._bad_answer("no list of graphs", result)
        return tuple(sorted(row["g"].value for row in result.rows if "g" in row))
