r"""Stores behind a small protocol, and the query guard in front of them.

The embedded store is Oxigraph (pyoxigraph): on disk for the app, opened
read-only by readers, in memory for tests.  Its default graph is the union of
all named graphs, so queries need no ``GRAPH`` clause.

Examples
--------
>>> store = OxigraphStore.in_memory()
>>> store.load_nquads(b'<http://a> <http://p> "x" <http://g> .\n')
>>> result = store.query("SELECT ?o WHERE { ?s ?p ?o }")
>>> [row["o"].value for row in result.rows]
['x']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import pyoxigraph as ox

__all__ = [
    "GraphResult",
    "OxigraphStore",
    "QueryError",
    "QueryRefused",
    "Result",
    "SelectResult",
    "Store",
    "Term",
    "check_query",
    "store_version",
]

DEFAULT_ROW_CAP = 10_000


class QueryError(ValueError):
    """The query is not valid SPARQL; the message says where."""


class QueryRefused(QueryError):
    """The query asks for something the store does not allow (e.g. SERVICE)."""


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
    citygraph.graph.store.QueryRefused: SERVICE is not allowed on this endpoint: ...
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


_STORE_NAME = re.compile(r"store-([0-9a-f]+)-\d+")


def store_version(path: Path) -> str | None:
    """Return the graph version in a store folder's name (``store-<version>-<time>``).

    Builds name their stores so (:mod:`citygraph.graph.build`); any other
    folder has no version.

    >>> store_version(Path("/home/me/citygraph/stores/store-3f9a0c1d2e4b5a67-1718000000000"))
    '3f9a0c1d2e4b5a67'
    >>> store_version(Path("/tmp/somewhere")) is None
    True
    """
    match = _STORE_NAME.fullmatch(path.name)
    return match.group(1) if match else None


def _term(node: object) -> Term:
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        return Term("literal", node.value, node.language, node.datatype.value)
    return Term("triple", str(node))


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def _graph(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise QueryError(f"{iri!r} is not an IRI, so it cannot name a graph.") from None


def _ox_term(term: Term) -> OxTerm:
    if term.type == "uri":
        return ox.NamedNode(term.value)
    if term.type == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD_STRING))


@dataclass
class OxigraphStore:
    """The embedded store.  ``path=None`` keeps it in memory."""

    store: ox.Store
    path: Path | None = None
    allow_service: bool = False
    _read_only: bool = field(default=False, repr=False)

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        """Open an empty store in memory."""
        return cls(ox.Store())

    @classmethod
    def open(cls, path: Path, *, read_only: bool = True) -> OxigraphStore:
        """Open a store on disk; readers open it read-only."""
        if read_only:
            if not (path / "CURRENT").exists():
                raise FileNotFoundError(f"no graph store at {path}; run 'citygraph build' first")
            return cls(ox.Store.read_only(str(path)), path, _read_only=True)
        return cls(ox.Store(str(path)), path)

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int = DEFAULT_ROW_CAP,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Result:
        """Run a read-only query over the union of all graphs, or over the dataset given."""
        check_query(sparql, allow_service=self.allow_service)
        substitutions: dict[ox.Variable, OxTerm] | None = (
            {ox.Variable(k): _ox_term(v) for k, v in bindings.items()} if bindings else None
        )
        try:
            if default_graph is None and named_graphs is None:
                answer = self.store.query(sparql, substitutions=substitutions,
                                          use_default_graph_as_union=True)
            else:
                answer = self.store.query(
                    sparql, substitutions=substitutions,
                    default_graph=[_graph(g) for g in default_graph or ()],
                    named_graphs=[_graph(g) for g in named_graphs or ()],
                )
        except SyntaxError as err:
            raise QueryError(f"The query is not valid SPARQL: {err}") from None
        except RuntimeError as err:  # e.g. a binding for a variable the query does not select
            raise QueryError(f"The query cannot run: {err}") from None
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows: list[dict[str, Term]] = []
            truncated = False
            for solution in answer:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                row = {}
                for name in names:
                    value = solution[name]
                    if value is not None:
                        row[name] = _term(value)
                rows.append(row)
            return SelectResult(names, rows, truncated)
        triples = list(answer)
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        return GraphResult(text.decode() if isinstance(text, bytes) else str(text), len(triples))

    def graph_names(self) -> tuple[str, ...]:
        """Return the IRIs of the store's named graphs, sorted."""
        return tuple(sorted(g.value for g in self.store.named_graphs()
                            if isinstance(g, ox.NamedNode)))

    def load_nquads(self, data: bytes) -> None:
        """Add quads given as N-Quads, in one transaction."""
        self.store.load(data, format=ox.RdfFormat.N_QUADS)

    def quad_count(self) -> int:
        """Return the number of quads in the store."""
        return len(self.store)

    def flush(self) -> None:
        """Write everything to disk (no-op in memory)."""
        if self.path is not None and not self._read_only:
            self.store.flush()
