"""The query guard in front of every store: read the tokens, refuse what is not allowed.

Every query and update is read by :func:`citygraph.graph.store.tokens.read`
(linear in its length, no parser, no lock) before it reaches a store:

- an update sent as a query is refused (the stores are read here);
- ``SERVICE`` and ``FROM``/``FROM NAMED`` (in updates ``USING``) are refused
  unless the operator enables them, because an engine may fetch the URLs
  they name (rdflib's FROM reads local files too); ``LOAD`` is always refused;
- a text nested deeper than :data:`MAX_DEPTH` brackets or holding more than
  :data:`MAX_OPERATORS` operators is refused with a 400 before any engine
  sees it: engines parse and evaluate nesting by recursion, and crash on it.

Whether the text is valid SPARQL is decided by the engine that runs it, in a
worker process, which names the line and column of an error.

A query may name its dataset the way the SPARQL 1.1 Protocol does
(``default-graph-uri``, ``named-graph-uri``): unlike ``FROM``, these only
choose among the graphs the store holds, so they are allowed.

Examples
--------
>>> inspect("SELECT * WHERE { ?s ?p ?o }")
'select'
>>> inspect("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
citygraph.graph.store.base.QueryRefused: FROM and FROM NAMED are not allowed on this endpoint: ...
"""

from __future__ import annotations

from dataclasses import dataclass

from citygraph.graph.store.base import QueryError, QueryRefused
from citygraph.graph.store.tokens import Reading, read

__all__ = ["DEFAULT_TIMEOUT", "MAX_DEPTH", "MAX_OPERATORS", "Checked", "check_update", "inspect"]

DEFAULT_TIMEOUT = 10.0
#: The deepest nesting of ``{ ( [`` and ``<<`` a query or an update may have.
MAX_DEPTH = 64
#: The most operators (``||``, ``&&``, ``+``, ``/``, ``<`` ...) a query or an update may hold.
MAX_OPERATORS = 2_000

_SERVICE = ("SERVICE is not allowed on this endpoint: it would make the server fetch other "
            "URLs. Ask the operator to enable it.")


@dataclass(frozen=True, slots=True)
class Checked:
    """A query that passed the guards, with its form and its dataset.

    Made by :meth:`GuardedStore.check` and run by :meth:`GuardedStore.run`.
    ``default_graph`` and ``named_graphs`` are both None (the store's own
    dataset: every graph, merged in the default graph) or both set.
    """

    sparql: str
    form: str  # select, ask, construct or describe
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


def _bounded(reading: Reading, what: str) -> None:
    if reading.depth > MAX_DEPTH:
        raise QueryError(
            f"The {what} nests {reading.depth} brackets deep; this endpoint takes at most "
            f"{MAX_DEPTH} (braces, parentheses, square brackets and << >> together).")
    if reading.operators > MAX_OPERATORS:
        raise QueryError(
            f"The {what} holds {reading.operators:,} operators; this endpoint takes at most "
            f"{MAX_OPERATORS:,}. Split it, or use VALUES or IN ( ... ) for long lists.")


def inspect(sparql: str, *, allow_service: bool = False, allow_datasets: bool = False) -> str:
    """Refuse what the endpoint does not allow, and name the query's form.

    Returns
    -------
    str
        ``select``, ``ask``, ``construct`` or ``describe`` (``select`` for a
        text that starts with none of them: the engine will say where it is
        wrong).

    Raises
    ------
    QueryRefused
        An update, ``SERVICE`` (unless ``allow_service``), ``FROM`` or
        ``FROM NAMED`` (unless ``allow_datasets``).
    QueryError
        Nested deeper than :data:`MAX_DEPTH` or more than :data:`MAX_OPERATORS`
        operators.

    Examples
    --------
    >>> inspect("PREFIX ex: <http://ex.org/> ASK { ?s ex:SERVICE 'SERVICE' }")
    'ask'
    >>> inspect("CLEAR ALL")
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryRefused: This endpoint is read-only: ...
    """
    reading = read(sparql)
    if reading.update:
        raise QueryRefused(
            "This endpoint is read-only: SPARQL Update (LOAD, INSERT, DELETE, CLEAR ...) "
            "is not accepted.")
    if reading.service and not allow_service:
        raise QueryRefused(_SERVICE)
    if reading.dataset and not allow_datasets:
        raise QueryRefused(
            "FROM and FROM NAMED are not allowed on this endpoint: they can make the server "
            "read other URLs or files. Every named graph is already in the default graph; "
            "use GRAPH <...> { } to pick one.")
    _bounded(reading, "query")
    return reading.form or "select"


def check_update(sparql: str, *, allow_service: bool = False,
                 allow_datasets: bool = False) -> None:
    """Refuse in an update what would fetch URLs or name other datasets.

    Raises
    ------
    QueryRefused
        ``LOAD`` (it fetches a URL), ``SERVICE`` unless ``allow_service``,
        ``USING`` unless ``allow_datasets``.
    QueryError
        A query rather than an update, or nested too deep (see :func:`inspect`).

    Examples
    --------
    >>> check_update("INSERT DATA { GRAPH <http://ex.org/g> { <http://a> <http://b> 1 } }")
    >>> check_update("PREFIX : <http://example.org/> LOAD:data")
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryRefused: LOAD is not allowed: it would make the server fetch ...
    """
    reading = read(sparql)
    if reading.load:
        raise QueryRefused("LOAD is not allowed: it would make the server fetch a URL. "
                           "Send the data with INSERT DATA instead.")
    if reading.service and not allow_service:
        raise QueryRefused(_SERVICE)
    if reading.using and not allow_datasets:
        raise QueryRefused(
            "USING and USING NAMED are not allowed on this endpoint; write GRAPH <...> { } "
            "in the WHERE clause to pick a graph.")
    if reading.form is not None:
        raise QueryError(f"This is a {reading.form.upper()} query, not an update: send it to "
                         "/sparql.")
    _bounded(reading, "update")
