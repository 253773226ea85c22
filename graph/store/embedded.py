r"""The embedded store: Oxigraph (pyoxigraph), on disk for the app, in memory for tests.

Readers open a store on disk read-only.  Its default graph is the union of
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

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from citygraph.graph.home import Lease, NotBuilt, lease
from citygraph.graph.store.base import (
    DEFAULT_ROW_CAP,
    XSD_STRING,
    Answer,
    AskResult,
    GraphResult,
    QueryError,
    Result,
    SelectResult,
    Term,
    check_query,
)
from citygraph.graph.store.native import NATIVE, Bounded, Full

__all__ = ["OxigraphStore", "syntax_error"]


LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _term(node: object) -> Term:
    # exact types, tested by identity: this runs for every cell of every row
    if type(node) is ox.NamedNode:
        return Term("uri", node.value)
    if type(node) is ox.Literal:
        language = node.language
        if language:
            return Term("literal", node.value, language, LANG_STRING)
        return Term("literal", node.value, None, node.datatype.value)
    if type(node) is ox.BlankNode:
        return Term("bnode", node.value)
    return Term("triple", str(node))


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


#: Bytes the engine may write for one answer before the capped way is taken instead.
NATIVE_BYTES = 16 * 1024 * 1024


_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def syntax_error(err: SyntaxError, what: str) -> str:
    """Oxigraph's syntax error as a sentence that names the line and the column.

    >>> syntax_error(SyntaxError("error at 2:3: expected one of '.', '}'"), "query")
    "The query is not valid SPARQL at line 2, column 3: expected one of '.', '}'."
    """
    match = _ERROR_AT.match(str(err))
    if match is None:
        return f"The {what} is not valid SPARQL: {err}."
    message = " ".join(match.group(3).split())
    if len(message) > 160:
        message = message[:150].rstrip(", ") + " (and more)"
    return (f"The {what} is not valid SPARQL at line {match.group(1)}, column "
            f"{match.group(2)}: {message.rstrip('.')}.")


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
    """The embedded store.  ``path=None`` keeps it in memory.

    A store on disk opened read-only holds a lease on its folder
    (:func:`citygraph.graph.home.lease`) until :meth:`close` or until the
    object is collected, so no writer deletes it meanwhile.
    """

    store: ox.Store
    path: Path | None = None
    allow_service: bool = False
    _read_only: bool = field(default=False, repr=False)
    _lease: Lease | None = field(default=None, repr=False)

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        """Open an empty store in memory."""
        return cls(ox.Store())

    @classmethod
    def open(cls, path: Path, *, read_only: bool = True) -> OxigraphStore:
        """Open a store on disk; readers open it read-only, under a lease.

        Raises
        ------
        NotBuilt
            No store is at ``path`` (or a writer is deleting it).
        """
        if read_only:
            held = lease(path)
            try:
                return cls(ox.Store.read_only(str(path)), path, _read_only=True, _lease=held)
            except OSError as err:
                held.release()
                raise NotBuilt(f"The graph store at {path} cannot be opened: {err}") from None
        return cls(ox.Store(str(path)), path)

    def close(self) -> None:
        """Release the lease of a store read from disk (its files stay open until collected)."""
        if self._lease is not None:
            self._lease.release()
            self._lease = None

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
        """Run a read-only query over the union of all graphs, or over the dataset given.

        Relative IRIs in the query resolve against ``base_iri`` (the
        endpoint's own IRI, as the Oxigraph server does); without it they
        are an error.
        """
        answer = self._evaluate(sparql, bindings, default_graph, named_graphs, base_iri)
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows: list[dict[str, Term]] = []
            truncated = False
            for solution in answer:
                if len(rows) >= max_rows:
                    truncated = True
                    break  # a solution's values come in the order of its variables
                rows.append({name: _term(value) for name, value in zip(names, solution, strict=True)
                             if value is not None})
            return SelectResult(names, rows, truncated)
        triples = list(itertools.islice(answer, max_rows + 1))
        kept = triples[:max_rows]
        text = ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) or b""
        return GraphResult(text.decode(), len(kept), len(triples) > max_rows)

    def _evaluate(self, sparql: str, bindings: Mapping[str, Term] | None,
                  default_graph: Sequence[str] | None, named_graphs: Sequence[str] | None,
                  base_iri: str | None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        check_query(sparql, allow_service=self.allow_service)
        substitutions: dict[ox.Variable, OxTerm] | None = (
            {ox.Variable(k): _ox_term(v) for k, v in bindings.items()} if bindings else None
        )
        try:
            if default_graph is None and named_graphs is None:
                answer = self.store.query(sparql, substitutions=substitutions, base_iri=base_iri,
                                          use_default_graph_as_union=True)
            else:
                answer = self.store.query(
                    sparql, substitutions=substitutions, base_iri=base_iri,
                    default_graph=[_graph(g) for g in default_graph or ()],
                    named_graphs=[_graph(g) for g in named_graphs or ()],
                )
        except SyntaxError as err:
            raise QueryError(syntax_error(err, "query")) from None
        except RuntimeError as err:  # e.g. a binding for a variable the query does not select
            raise QueryError(f"The query cannot run: {err}") from None
        return answer

    def answer(self, sparql: str, media_type: str, *, max_rows: int = DEFAULT_ROW_CAP,
               bindings: Mapping[str, Term] | None = None,
               default_graph: Sequence[str] | None = None,
               named_graphs: Sequence[str] | None = None,
               base_iri: str | None = None) -> Answer | None:
        """Answer a SELECT in ``media_type`` with the engine's own writer, or None.

        The engine writes the bytes without a Python object per row; the
        rows are counted in what it wrote.  None when the way is closed: the
        media type is not one the engine writes as citygraph does (CSV
        escapes formulas), the query is no SELECT, or the answer is over
        the row cap or :data:`NATIVE_BYTES` (the caller then answers through
        :meth:`query`, which cuts at the cap).

        Raises
        ------
        QueryError, QueryRefused
            As :meth:`query`.
        """
        writer = NATIVE.get(media_type)
        if writer is None:
            return None
        answer = self._evaluate(sparql, bindings, default_graph, named_graphs, base_iri)
        if not isinstance(answer, ox.QuerySolutions):
            return None  # a boolean is one line in any writer; a graph has its own way
        out = Bounded(NATIVE_BYTES, max_rows, writer.begun)
        whole = True
        try:
            answer.serialize(cast("IO[bytes]", out), format=writer.format)
        except Full:
            whole = False
        body = out.body()
        rows = writer.rows(body) if whole else writer.begun(body)
        if rows > max_rows:
            return Answer(writer.cut(body, max_rows), media_type, max_rows, truncated=True)
        return Answer(body, media_type, rows) if whole else None  # None: past the bytes

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

    def dump(self, rdf_format: ox.RdfFormat, *, prefixes: Mapping[str, str] | None = None,
             union: bool = False) -> bytes:
        """Serialise every quad; with ``union``, the triples of all graphs as one graph."""
        named = dict(prefixes) if prefixes else None
        if union:
            triples = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                       use_default_graph_as_union=True)
            if not isinstance(triples, ox.QueryTriples):
                raise TypeError("CONSTRUCT returned no triples")
            return ox.serialize(triples, format=rdf_format, prefixes=named) or b""
        return self.store.dump(format=rdf_format, prefixes=named) or b""

    def update(self, sparql: str) -> None:
        """Apply a SPARQL Update in one transaction (a store opened for writing).

        Raises
        ------
        QueryError
            The update is not valid SPARQL, or cannot be applied.
        """
        try:
            self.store.update(sparql)
        except SyntaxError as err:
            raise QueryError(syntax_error(err, "update")) from None
        except (OSError, RuntimeError) as err:
            raise QueryError(f"The update failed: {err}") from None

    def copy_into(self, target: OxigraphStore) -> None:
        """Add every quad of this store to ``target`` (bulk, not one transaction)."""
        target.store.bulk_extend(self.store)

    def flush(self) -> None:
        """Write everything to disk (no-op in memory)."""
        if self.path is not None and not self._read_only:
            self.store.flush()
