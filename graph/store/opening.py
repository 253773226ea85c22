"""Open the store one setting names: ``oxigraph:PATH`` or ``sparql:URL``.

=====================  ==========================================================
``""`` or ``oxigraph``  the embedded store under the home folder (the default)
``oxigraph:PATH``       the embedded store under the home folder ``PATH``
``sparql:URL``          a remote SPARQL 1.1 server (Virtuoso-style paths:
                        ``URL/sparql`` for queries, ``URL/sparql-graph-crud-auth``
                        for loading, with the user and password from the settings)
=====================  ==========================================================

Examples
--------
>>> parse_store("sparql:http://127.0.0.1:8890")
('sparql', 'http://127.0.0.1:8890')
>>> parse_store("")
('oxigraph', '')
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from citygraph.graph.home import NotBuilt, current_store
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.remote import SparqlStore
from citygraph.ingest.errors import InvalidParameter

__all__ = ["StoreSpecError", "home_of", "open_current", "open_store", "parse_store"]


class StoreSpecError(InvalidParameter):
    """A store setting that is neither ``oxigraph:PATH`` nor ``sparql:URL``."""


def parse_store(spec: str) -> tuple[str, str]:
    """Split a store setting into its kind and its location."""
    kind, _, where = spec.partition(":")
    kind = kind.strip().lower() or "oxigraph"
    if kind not in ("oxigraph", "sparql"):
        raise StoreSpecError(
            f"store {spec!r} is not understood: write oxigraph:PATH or sparql:URL"
        )
    if kind == "sparql" and not where.startswith(("http://", "https://")):
        raise StoreSpecError(f"store {spec!r} needs an http(s) URL after 'sparql:'")
    return kind, where


def home_of(spec: str, home: Path) -> Path:
    """The home folder a store setting means (``oxigraph:PATH`` moves it)."""
    kind, where = parse_store(spec)
    return Path(where) if kind == "oxigraph" and where else home


def open_store(spec: str, home: Path, *, user: str = "", password: str = "",
               timeout: float = 30.0, allow_service: bool = False) -> OxigraphStore | SparqlStore:
    """Open the store a setting names, for reading."""
    kind, where = parse_store(spec)
    if kind == "sparql":
        return SparqlStore.virtuoso(where, user=user or None, password=password or None,
                                    timeout=timeout)
    return open_current(home_of(spec, home), allow_service=allow_service)


def open_current(home: Path, *, allow_service: bool = False) -> OxigraphStore:
    """Open the current store read-only; SERVICE stays refused unless allowed.

    A writer may switch ``current`` and delete the store it named between
    reading the link and opening the store: then the link is read again.

    Raises
    ------
    NotBuilt
        No graph is built in ``home``.
    """
    for _ in range(_ATTEMPTS - 1):
        with contextlib.suppress(NotBuilt):
            return _open(current_store(home), allow_service)
    return _open(current_store(home), allow_service)


_ATTEMPTS = 5


def _open(path: Path, allow_service: bool) -> OxigraphStore:
    store = OxigraphStore.open(path, read_only=True)
    store.allow_service = allow_service
    return store
