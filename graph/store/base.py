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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from citygraph.graph.store.tokens import read
from citygraph.ingest.errors import BadInput, Refused, StoreUnavailable, TimedOut, TooLarge

__all__ = [
    "DEFAULT_ROW_CAP",
    "XSD_STRING",
    "Answer",
    "AskResult",
    "GraphResult",
    "PoolClosed",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooMuchMemory",
    "Result",
    "SelectResult",
    "Store",
    "Term",
    "check_query",
]

DEFAULT_ROW_CAP = 10_000


class QueryError(BadInput):
    """The query is not valid SPARQL, or cannot run as written; the message says where."""


class QueryRefused(Refused):
    """The query asks for something the store does not allow (e.g. SERVICE)."""


class QueryTimeout(TimedOut):
    """The query ran longer than the time limit and was stopped."""


class QueryTooMuchMemory(TooLarge):
    """The query needed more memory than a query worker may take, and was stopped."""


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
    """Triples of a CONSTRUCT or DESCRIBE query, as N-Triples; ``truncated`` when cut."""

    ntriples: str
    count: int = 0
    truncated: bool = False
    kind: Literal["graph"] = "graph"


@dataclass(frozen=True, slots=True)
class Answer:
    """A query's answer written out where the query ran: bytes in a media type.

    ``rows`` counts the solutions (SELECT) or triples (CONSTRUCT, DESCRIBE)
    written; ``truncated`` says the row cap cut them.
    """

    body: bytes
    media_type: str
    rows: int = 0
    truncated: bool = False


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
        base_iri: str | None = None,
    ) -> Result:
        """Run a read-only SPARQL query; values travel as ``bindings``.

        A bound variable must appear in the SELECT projection.  Given
        ``default_graph`` or ``named_graphs`` (graph IRIs, as the SPARQL
        Protocol's ``default-graph-uri`` and ``named-graph-uri``), the query
        runs on that dataset: the union of ``default_graph`` (none: empty) as
        its default graph, and ``named_graphs`` (none: no named graph) for
        ``GRAPH``.  Relative IRIs resolve against ``base_iri``.
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


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse queries that would fetch URLs (``SERVICE``), as read by their tokens.

    Every store runs this before its engine sees a query, whoever calls it;
    :mod:`citygraph.graph.store.guard` refuses more (updates, ``FROM``, deep
    nesting) in front of the stores.  (``LOAD`` is an update: a store's
    query never runs it.)

    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE" }')
    >>> check_query("SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryRefused: SERVICE is not allowed on this endpoint: ...
    """
    if not allow_service and read(sparql).service:
        raise QueryRefused("SERVICE is not allowed on this endpoint: it would make the server "
                           "fetch other URLs. Ask the operator to enable it.")
