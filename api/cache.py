"""Values derived from the graph, kept once per app and graph version.

The projected city network, the search index, centralities, the vocabulary
page, the downloads.
They live in an :class:`AppCache` of the app's runtime (so nothing is shared
between apps or kept at module level), keyed by
:func:`~citygraph.graph.store.guarded.graph_version`.  Each value is built once
even when requests for it arrive together (a lock per name); builds run in a
worker thread, so the event loop keeps serving.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

import networkx as nx
from fastapi.concurrency import run_in_threadpool

from citygraph.api.pages.home_page import HomeData, home_data
from citygraph.graph.network.project import city_network
from citygraph.graph.read.search import SearchIndex, build_index
from citygraph.graph.store.base import Store
from citygraph.graph.store.guarded import GuardedStore, OwnQueries, graph_version
from citygraph.ingest.errors import CitygraphError

__all__ = ["AppCache", "Derived", "warm"]

T = TypeVar("T")


class AppCache:
    """Named values, each kept with the graph version it was built from."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, Any]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        #: seconds the last build of each value took
        self.timings: dict[str, float] = {}

    def clear(self) -> None:
        """Drop every value (the graph moved to another version)."""
        with self._guard:
            self._values.clear()

    def version_of(self, name: str) -> str | None:
        """The graph version the value ``name`` was built from, if it is held."""
        with self._guard:
            held = self._values.get(name)
        return held[0] if held is not None else None

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


class Derived:
    """The cached values of one app, built in a worker thread when missing.

    ``version`` is the guarded store's graph version, or for a store without
    one (in memory, remote) :func:`~citygraph.graph.store.guarded.graph_version`
    of the store object, so values last as long as that object.  ``source``
    runs citygraph's own queries with the store's limits
    (:class:`~citygraph.graph.store.guarded.OwnQueries`).
    """

    def __init__(self, cache: AppCache, store: GuardedStore) -> None:
        self.cache = cache
        self.store = store
        self.version = store.version or graph_version(store.store)
        self.source: Store = OwnQueries(store)

    async def get(self, name: str, build: Callable[[], T]) -> T:
        """A cached value for the current graph version, built in a thread if missing."""
        return await run_in_threadpool(self.cache.get, name, self.version, build)

    async def home(self, focus: str) -> HomeData:
        """The home page's figures, timeline and recent agreements."""
        return await self.get("home", lambda: home_data(self.source, focus))

    async def network(self) -> nx.MultiGraph:
        """The projected city network (every relation, every year)."""
        return await self.get("network", lambda: city_network(self.source))

    async def index(self) -> SearchIndex:
        """The search index over every labelled entity."""
        return await self.get("search", lambda: build_index(self.source))


async def warm(cache: AppCache, store: GuardedStore, focus: str) -> None:
    """Build the values the busiest pages need for the store's version, ahead of them.

    Called when a new graph version goes live (start-up, a build followed, an
    update): the first visitor then finds the home page's figures, the
    network and the search index made.  A request meanwhile waits for the
    value being made instead of making it twice.  A failure is left to the
    request that needs the value (it answers with the error).
    """
    derived = Derived(cache, store)
    for make in (lambda: derived.home(focus), derived.network, derived.index):
        try:
            await make()
        except CitygraphError:
            return
