"""The query guard in front of every store: parse first, refuse what is not allowed.

Every query is parsed with rdflib's SPARQL 1.1 grammar before it reaches a
store.  Updates (``LOAD``, ``INSERT`` ...) are refused: the stores are read
here.  ``SERVICE`` and ``FROM``/``FROM NAMED`` are refused unless the
operator enables them, because both rdflib and pyoxigraph would fetch the
URLs (rdflib's FROM reads local files too).  rdflib's parser breaks for the
whole process when it is first used from several threads at once (RDFLib
issue 1282), so :func:`warm_up` parses once at start-up and a lock
serialises parsing.

The verdict is used by :class:`~citygraph.graph.store.guarded.GuardedStore`,
which then bounds the query in time and rows.

A query may name its dataset the way the SPARQL 1.1 Protocol does
(``default-graph-uri``, ``named-graph-uri``): unlike ``FROM``, these only
choose among the graphs the store holds, so they are allowed, and an IRI that
is not one of the store's named graphs is refused
(:class:`~citygraph.graph.store.base.UnknownGraph`).

Examples
--------
>>> inspect("SELECT * WHERE { ?s ?p ?o }")
'SelectQuery'
>>> inspect("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
citygraph.graph.store.base.QueryRefused: FROM and FROM NAMED are not allowed on this endpoint: ...
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from citygraph.graph.store.base import (
    QueryError,
    QueryRefused,
    check_query,
)

__all__ = ["DEFAULT_TIMEOUT", "FORMS", "Checked", "check_update", "inspect", "warm_up"]

DEFAULT_TIMEOUT = 10.0
_PARSING = threading.Lock()








FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}


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


def _walk(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:  # (ParseResults is a Mapping too, of its named results only)
            yield from _walk(value)
    elif isinstance(node, Mapping):
        for value in node.values():
            yield from _walk(value)


def _names(tree: Any) -> set[str]:
    return {getattr(n, "name", "") for n in _walk(tree)} - {""}


def warm_up() -> None:
    """Parse one query, so that rdflib builds its grammar before threads use it."""
    inspect("ASK { }")


def inspect(sparql: str, *, allow_service: bool = False, allow_datasets: bool = False) -> str:
    """Parse a query and refuse what the endpoint does not allow (cached per query text).

    rdflib's parser takes 2 to 30 ms a query; the same texts come back (the
    REST routes' fixed queries, a page's examples), so the verdict of the last
    1,024 accepted texts is kept.

    Returns
    -------
    str
        The query form: ``SelectQuery``, ``AskQuery``, ``ConstructQuery`` or
        ``DescribeQuery``.

    Raises
    ------
    QueryRefused
        An update, ``SERVICE`` (unless ``allow_service``), ``FROM`` or
        ``FROM NAMED`` (unless ``allow_datasets``).
    QueryError
        Not valid SPARQL; the message gives the line and column.
    """
    return _inspect(sparql, allow_service, allow_datasets)


@functools.lru_cache(maxsize=1024)
def _inspect(sparql: str, allow_service: bool, allow_datasets: bool) -> str:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSING:
        try:
            tree = parseQuery(sparql)
        except ParseException as err:
            try:
                parseUpdate(sparql)
            except ParseException:
                raise QueryError(
                    f"The query is not valid SPARQL at line {err.lineno}, column {err.col}: "
                    f"{err.msg}."
                ) from None
            raise QueryRefused(
                "This endpoint is read-only: SPARQL Update (LOAD, INSERT, DELETE, CLEAR ...) "
                "is not accepted."
            ) from None
    names = _names(tree)
    if "ServiceGraphPattern" in names and not allow_service:
        raise QueryRefused(
            "SERVICE is not allowed on this endpoint: it would make the server fetch other "
            "URLs. Ask the operator to enable it."
        )
    if "DatasetClause" in names and not allow_datasets:
        raise QueryRefused(
            "FROM and FROM NAMED are not allowed on this endpoint: they can make the server "
            "read other URLs or files. Every named graph is already in the default graph; "
            "use GRAPH <...> { } to pick one."
        )
    forms = [n for n in ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery")
             if n in names]
    return forms[0] if forms else "SelectQuery"


def check_update(sparql: str, *, allow_service: bool = False) -> None:
    """Parse a SPARQL Update and refuse what would fetch URLs.

    Raises
    ------
    QueryRefused
        ``LOAD`` (it fetches a URL), or ``SERVICE`` unless ``allow_service``.
    QueryError
        Not a valid SPARQL Update; the message gives the line and column.

    Examples
    --------
    >>> check_update("INSERT DATA { GRAPH <http://ex.org/g> { <http://a> <http://b> 1 } }")
    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    citygraph.graph.store.base.QueryRefused: LOAD is not allowed: it would make the server fetch ...
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    with _PARSING:
        try:
            tree = parseUpdate(sparql)
        except ParseException as err:
            where = _update_error(sparql) or (err.lineno, err.col, err.msg)
            raise QueryError(
                f"The update is not valid SPARQL at line {where[0]}, column {where[1]}: "
                f"{where[2]}."
            ) from None
    names = _names(tree)
    if "Load" in names:
        raise QueryRefused("LOAD is not allowed: it would make the server fetch a URL. "
                           "Send the data with INSERT DATA instead.")
    if "ServiceGraphPattern" in names and not allow_service:
        raise QueryRefused(
            "SERVICE is not allowed on this endpoint: it would make the server fetch other "
            "URLs. Ask the operator to enable it."
        )


_OXIGRAPH_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def _update_error(sparql: str) -> tuple[int, int, str] | None:
    """Where Oxigraph's parser finds the error of an update, or None.

    rdflib's update grammar backs out to the start of the failing operation
    (often line 1, column 1); Oxigraph's parser points at the token.  The
    update runs on an empty store in memory, and only when it names neither
    ``SERVICE`` nor ``LOAD``, so nothing is fetched and nothing kept.
    """
    try:
        check_query(sparql)
        ox.Store().update(sparql)
    except SyntaxError as err:
        match = _OXIGRAPH_ERROR.match(str(err))
        if match:
            message = " ".join(match.group(3).split())
            if len(message) > 120:
                message = message[:110].rstrip(", ") + " (and more)"
            return int(match.group(1)), int(match.group(2)), message
    except (QueryError, OSError, RuntimeError, ValueError):
        pass
    return None
















