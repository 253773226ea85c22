"""The store the app and the command line read: guarded, bounded, versioned.

:class:`GuardedStore` parses every query first and refuses what is not
allowed (:mod:`citygraph.graph.store.guard`), then runs it with the time
limit (a :class:`~citygraph.graph.store.pool.QueryPool` for an embedded store
on disk) and the row cap, and keeps recent answers per graph version.
:func:`graph_version` names a store's content, for caches.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citygraph.graph.home import NotBuilt, current_store, store_version
from citygraph.graph.store.base import (
    DEFAULT_ROW_CAP,
    PoolClosed,
    QueryRefused,
    Result,
    Store,
    Term,
    UnknownGraph,
)
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import DEFAULT_TIMEOUT, FORMS, Checked, inspect, warm_up
from citygraph.graph.store.opening import open_current
from citygraph.graph.store.pool import QueryPool

__all__ = ["ANSWERS_KEPT", "ANSWER_ROWS_KEPT", "GuardedStore", "OwnQueries", "graph_version"]

ANSWERS_KEPT = 512  # answers a GuardedStore keeps per graph version
ANSWER_ROWS_KEPT = 2_000  # larger answers are not kept


def _runner(store: Store, timeout: float, workers: int, allow_service: bool,
            wait: bool = True) -> Store | QueryPool:
    if isinstance(store, OxigraphStore) and store.path is not None:
        return QueryPool(store.path, workers, timeout, allow_service, wait=wait)
    return store


def _version(store: Store) -> str | None:
    if isinstance(store, OxigraphStore) and store.path is not None:
        return store_version(store.path)
    return None


@dataclass
class GuardedStore:
    """A store behind the guards: parsed and refused first, then run with limits.

    ``runner`` answers the queries: a :class:`QueryPool` for an embedded store
    on disk (time-bounded), or the store itself (an in-memory store, or a
    remote one whose HTTP requests carry their own timeout).

    ``version`` names the content of the graph, for caches: the version in
    the name of an embedded store's folder (``store-<version>-<time>``, see
    :mod:`citygraph.graph.write.build`).  It is None for a store in memory or a
    remote one, whose content can change without this process knowing.
    """

    store: Store
    runner: Store | QueryPool
    row_cap: int = DEFAULT_ROW_CAP
    allow_service: bool = False
    allow_datasets: bool = False
    timeout: float = DEFAULT_TIMEOUT
    workers: int = 2
    version: str | None = None
    # answers kept per graph version: the store is read-only between builds and updates
    _answers: OrderedDict[tuple[object, ...], Result] = field(default_factory=OrderedDict,
                                                             repr=False)
    _answers_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def over(cls, store: Store, *, timeout: float = DEFAULT_TIMEOUT, workers: int = 2,
             row_cap: int = DEFAULT_ROW_CAP, allow_service: bool = False,
             allow_datasets: bool = False, wait: bool = True) -> GuardedStore:
        """Guard a store; an Oxigraph store on disk gets a pool of worker processes.

        With ``wait=False`` (a server) it returns before the workers have
        started; the first queries wait for them.
        """
        warm_up()
        return cls(store, _runner(store, timeout, workers, allow_service, wait), row_cap,
                   allow_service, allow_datasets, timeout, workers, _version(store))

    def check(self, sparql: str, *, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> Checked:
        """Parse the query, refuse what is not allowed and check its dataset.

        Raises
        ------
        QueryRefused
            An update, ``SERVICE`` or ``FROM`` (see :func:`inspect`).
        UnknownGraph
            ``default_graph`` or ``named_graphs`` names a graph the store does
            not hold.
        QueryError
            Not valid SPARQL; the message gives the line and column.
        """
        form = FORMS[inspect(sparql, allow_service=self.allow_service,
                              allow_datasets=self.allow_datasets)]
        if default_graph is None and named_graphs is None:
            return Checked(sparql, form)
        defaults, named = tuple(default_graph or ()), tuple(named_graphs or ())
        known = set(self.graph_names())
        for parameter, iris in (("default-graph-uri", defaults), ("named-graph-uri", named)):
            for iri in iris:
                if iri not in known:
                    raise UnknownGraph(
                        f"{parameter} <{iri}> is not one of this store's {len(known)} named "
                        "graphs; the service description (/sparql without a query) lists them."
                    )
        return Checked(sparql, form, defaults, named)

    def run(self, checked: Checked, *, bindings: Mapping[str, Term] | None = None,
            max_rows: int | None = None) -> Result:
        """Run a checked query with the time limit and the row cap.

        On a versioned store (an embedded store on disk) the last
        :data:`ANSWERS_KEPT` answers of up to :data:`ANSWER_ROWS_KEPT` rows
        are kept per graph version, so a repeated query costs nothing.
        """
        cap = self.row_cap if max_rows is None else min(max_rows, self.row_cap)
        key: tuple[object, ...] | None = None
        if self.version is not None:
            key = (self.version, checked.sparql, tuple(sorted((bindings or {}).items())), cap,
                   tuple(checked.default_graph or ()), tuple(checked.named_graphs or ()))
            with self._answers_lock:
                if key in self._answers:
                    self._answers.move_to_end(key)
                    return self._answers[key]
        try:
            result = self.runner.query(checked.sparql, bindings=bindings, max_rows=cap,
                                       default_graph=checked.default_graph,
                                       named_graphs=checked.named_graphs)
        except PoolClosed:  # the store was switched while the query waited: once more
            result = self.runner.query(checked.sparql, bindings=bindings, max_rows=cap,
                                       default_graph=checked.default_graph,
                                       named_graphs=checked.named_graphs)
        if key is not None and len(getattr(result, "rows", ())) <= ANSWER_ROWS_KEPT:
            with self._answers_lock:
                self._answers[key] = result
                while len(self._answers) > ANSWERS_KEPT:
                    self._answers.popitem(last=False)
        return result

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int | None = None, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> Result:
        """Inspect, then run the query with the time limit and the row cap."""
        checked = self.check(sparql, default_graph=default_graph, named_graphs=named_graphs)
        return self.run(checked, bindings=bindings, max_rows=max_rows)

    def graph_names(self) -> tuple[str, ...]:
        """Return the IRIs of the guarded store's named graphs, sorted."""
        return self.store.graph_names()

    def swap(self, store: Store) -> None:
        """Answer from another store from now on (a build, an ingest or an update wrote it).

        Queries already running on the old store finish first (within the
        time limit); then its workers stop and its lease is released, so a
        writer may delete it.  The answers kept for the old version go.
        """
        old, old_store = self.runner, self.store
        runner = _runner(store, self.timeout, self.workers, self.allow_service)
        self.store, self.runner, self.version = store, runner, _version(store)
        with self._answers_lock:
            self._answers.clear()
        if isinstance(old, QueryPool):
            old.close(wait=self.timeout + 1.0)
        if isinstance(old_store, OxigraphStore) and old_store is not store:
            old_store.close()

    def follow(self, home: Path) -> bool:
        """Move onto the home's current store if a writer switched it; True when moved.

        A server calls this every second or so: a build, an ingest or an
        update made by another process then goes live without a restart.
        A store in memory or a remote one has nothing to follow.
        """
        store = self.store
        if not isinstance(store, OxigraphStore) or store.path is None:
            return False
        try:
            if current_store(home) == store.path.resolve():
                return False
        except NotBuilt:
            return False
        self.swap(open_current(home, allow_service=self.allow_service))
        return True

    def load_nquads(self, data: bytes) -> None:
        """Refused: a guarded store is read-only."""
        raise QueryRefused("This store is read-only.")

    def quad_count(self) -> int:
        """The number of quads in the guarded store."""
        return self.store.quad_count()

    def close(self) -> None:
        """Stop the worker processes, if any, and release the store's lease."""
        if isinstance(self.runner, QueryPool):
            self.runner.close()
        if isinstance(self.store, OxigraphStore):
            self.store.close()


@dataclass(frozen=True, eq=False)
class OwnQueries:
    """citygraph's own queries (pages, projections) on a guarded store.

    They skip the parse (their texts are constants of citygraph, and values
    travel as bindings) but keep everything else the endpoint's queries get:
    the time limit, the row cap (an answer cut by it raises
    :class:`~citygraph.ingest.errors.TooLarge` in the readers) and the
    answers kept per graph version.
    """

    guarded: GuardedStore

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int | None = None, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> Result:
        """Run one of citygraph's queries with the guarded store's limits."""
        dataset = default_graph is not None or named_graphs is not None
        checked = Checked(sparql, "select",
                          tuple(default_graph or ()) if dataset else None,
                          tuple(named_graphs or ()) if dataset else None)
        return self.guarded.run(checked, bindings=bindings, max_rows=max_rows)

    def graph_names(self) -> tuple[str, ...]:
        """The IRIs of the store's named graphs, sorted."""
        return self.guarded.graph_names()

    def load_nquads(self, data: bytes) -> None:
        """Refused: a guarded store is read-only."""
        self.guarded.load_nquads(data)

    def quad_count(self) -> int:
        """The number of quads in the store."""
        return self.guarded.quad_count()


def graph_version(store: Store) -> str:
    """A key that changes when the store's graph does.

    A built store on disk is named ``store-<version>-<time>`` by the build
    (:func:`~citygraph.graph.home.store_version`), so its version is that
    digest of the facts and the ontology.  Any other store gets its identity
    (and an in-memory one its size), so values computed from it last as long
    as the object: a remote server's content can change unseen.

    >>> from pathlib import Path
    >>> on_disk = OxigraphStore(None, Path("/h/stores/store-83bf8dcd-1795"))  # type: ignore
    >>> graph_version(on_disk)
    '83bf8dcd'
    """
    if isinstance(store, OxigraphStore):
        if store.path is not None:
            return store_version(store.path) or f"{store.path}"
        return f"memory-{id(store)}-{store.quad_count()}"
    return f"{type(store).__name__}-{id(store)}"
