r"""The store protocol and the values it answers with, and the errors of queries.

Every store citygraph reads (the embedded Oxigraph store, a remote SPARQL
1.1 server, the guarded store in front of either) answers through
:class:`Store`: SPARQL text in, with values as ``bindings`` (never spliced
into the text), and :class:`SelectResult`, :class:`AskResult` or
:class:`GraphResult` out, whose terms are :class:`Term` values shaped like
SPARQL JSON results.

Examples
--------
>>> r = SelectResult(["city"], [{"city": Term("literal", "Wellington", lang="en")}])
>>> r.rows[0]["city"].to_json()
{'type': 'literal', 'value': 'Wellington', 'xml:lang': 'en'}
>>> issubclass(QueryTimeout, TimedOut), issubclass(QueryRefused, Refused)
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from citygraph.ingest.errors import BadInput, Refused, StoreUnavailable, TimedOut

__all__ = [
    "DEFAULT_ROW_CAP",
    "XSD_STRING",
    "AskResult",
    "GraphResult",
    "PoolClosed",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "Result",
    "SelectResult",
    "Store",
    "Term",
    "UnknownGraph",
    "check_query",
]

DEFAULT_ROW_CAP = 10_000


class QueryError(BadInput):
    """The query is not valid SPARQL, or cannot run as written; the message says where."""


class QueryRefused(Refused):
    """The query asks for something the store does not allow (e.g. SERVICE)."""


class QueryTimeout(TimedOut):
    """The query ran longer than the time limit and was stopped."""


class UnknownGraph(QueryError):
    """A dataset parameter names a graph the store does not hold."""


class PoolClosed(StoreUnavailable):
    """The worker pool was closed while the query waited (the store was switched)."""


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term in a result row, as SPARQL JSON results describe it."""

    type: Literal["uri", "literal", "bnode", "triple"]
    value: str
    lang: str | None = None
    datatype: str | None = None

    def to_json(self) -> dict[str, str]:
        """Return the term as a SPARQL 1.1 JSON results binding."""
        out = {"type": self.type, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype != XSD_STRING:
            out["datatype"] = self.datatype
        return out


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True, slots=True)
class SelectResult:
    """Rows of a SELECT query; ``truncated`` when the row cap cut them."""

    variables: list[str]
    rows: list[dict[str, Term]]
    truncated: bool = False
    kind: Literal["select"] = "select"


@dataclass(frozen=True, slots=True)
class AskResult:
    """The answer of an ASK query."""

    boolean: bool
    kind: Literal["ask"] = "ask"


@dataclass(frozen=True, slots=True)
class GraphResult:
    """Triples of a CONSTRUCT or DESCRIBE query, as N-Triples."""

    ntriples: str
    count: int = 0
    kind: Literal["graph"] = "graph"


Result = SelectResult | AskResult | GraphResult


class Store(Protocol):
    """What citygraph needs of a triple store."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int = DEFAULT_ROW_CAP,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Result:
        """Run a read-only SPARQL query; values travel as ``bindings``.

        A bound variable must appear in the SELECT projection.  Given
        ``default_graph`` or ``named_graphs`` (graph IRIs, as the SPARQL
        Protocol's ``default-graph-uri`` and ``named-graph-uri``), the query
        runs on that dataset: the union of ``default_graph`` (none: empty) as
        its default graph, and ``named_graphs`` (none: no named graph) for
        ``GRAPH``.
        """
        ...

    def graph_names(self) -> tuple[str, ...]:
        """Return the IRIs of the store's named graphs, sorted."""
        ...

    def load_nquads(self, data: bytes) -> None:
        """Add quads given as N-Quads."""
        ...

    def quad_count(self) -> int:
        """Return the number of quads in the store."""
        ...


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
_FORBIDDEN = re.compile(r"(?<![\w:?$])(SERVICE|LOAD)(?![\w:])", re.IGNORECASE)


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse queries that would fetch URLs (``SERVICE``, ``LOAD``).

    The check looks at keywords outside strings, IRIs and comments.

    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE" }')
    >>> check_query("SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryRefused: SERVICE is not allowed on this endpoint: ...
    """
    if allow_service:
        return
    match = _FORBIDDEN.search(_NOISE.sub(" ", sparql))
    if match:
        word = match.group(1).upper()
        raise QueryRefused(
            f"{word} is not allowed on this endpoint: it would make the server fetch "
            "other URLs. Ask the operator to enable it."
        )
