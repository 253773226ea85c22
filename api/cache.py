"""Values derived from the graph, kept once per app and graph version.

The projected city network, the search index, centralities, the vocabulary
page, the downloads.
They live in an :class:`AppCache` on ``app.state`` (created on first use, so
nothing is shared between apps or kept at module level), keyed by
:func:`~citygraph.graph.downloads.graph_version`.  Each value is built once
even when requests for it arrive together (a lock per name); builds run in a
worker thread, so the event loop keeps serving.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar, cast

import networkx as nx
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from citygraph.graph.downloads import graph_version
from citygraph.graph.guard import GuardedStore, PoolClosed
from citygraph.graph.project import Queryable, city_network
from citygraph.graph.search import SearchIndex, build_index
from citygraph.graph.store import DEFAULT_ROW_CAP, Result, Term

__all__ = ["AppCache", "CacheDep", "Derived", "OwnQueries", "get_cache"]

T = TypeVar("T")


class AppCache:
    """Named values, each kept with the graph version it was built from."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, Any]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        #: seconds the last build of each value took
        self.timings: dict[str, float] = {}

    def get(self, name: str, version: str, build: Callable[[], T]) -> T:
        """Return the value ``name`` for ``version``, building it on first use."""
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            held = self._values.get(name)
            if held is not None and held[0] == version:
                return cast(T, held[1])
            started = time.perf_counter()
            value = build()
            self.timings[name] = time.perf_counter() - started
            self._values[name] = (version, value)
            return value


def get_cache(request: Request) -> AppCache:
    """The app's cache, created on first use (in the event loop: no race)."""
    cache: AppCache | None = getattr(request.app.state, "derived", None)
    if cache is None:
        cache = AppCache()
        request.app.state.derived = cache
    return cache


class OwnQueries:
    """citygraph's own queries (projections, pages) on the guarded store's runner.

    They run where the endpoint's queries run (a worker process for a store
    on disk), so the time limit holds, but they skip the parsing guard and
    the endpoint's row cap: the queries are fixed, values travel as bindings,
    and a projection must come back whole.  A query that met a store switch
    (:class:`~citygraph.graph.guard.PoolClosed`) runs once more on the new one.
    """

    def __init__(self, guarded: GuardedStore) -> None:
        self.guarded = guarded

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int = DEFAULT_ROW_CAP) -> Result:
        """Run the query on the current runner."""
        try:
            return self.guarded.runner.query(sparql, bindings=bindings, max_rows=max_rows)
        except PoolClosed:
            return self.guarded.runner.query(sparql, bindings=bindings, max_rows=max_rows)


class Derived:
    """The cached values of one app, built in a worker thread when missing.

    ``version`` is the guarded store's graph version, or for a store without
    one (in memory, remote) :func:`~citygraph.graph.downloads.graph_version`
    of the store object, so values last as long as that object.
    """

    def __init__(self, request: Request) -> None:
        self.cache = get_cache(request)
        self.store: GuardedStore = request.app.state.store
        self.version = self.store.version or graph_version(self.store.store)
        self.source: Queryable = OwnQueries(self.store)

    async def get(self, name: str, build: Callable[[], T]) -> T:
        """A cached value for the current graph version, built in a thread if missing."""
        return await run_in_threadpool(self.cache.get, name, self.version, build)

    async def network(self) -> nx.MultiGraph:
        """The projected city network (every relation, every year)."""
        return await self.get("network", lambda: city_network(self.source))

    async def index(self) -> SearchIndex:
        """The search index over every labelled entity."""
        return await self.get("search", lambda: build_index(self.source))


def _derived(request: Request) -> Derived:
    return Derived(request)


CacheDep = Annotated[Derived, Depends(_derived)]
