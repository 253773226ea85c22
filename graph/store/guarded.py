"""The store the app and the command line read: guarded, bounded, versioned.

:class:`GuardedStore` reads every query's tokens first and refuses what is
not allowed (:mod:`citygraph.graph.store.guard`), then runs it with the time
limit, the memory limit and the row cap (a
:class:`~citygraph.graph.store.pool.QueryPool` for an embedded store on
disk), and keeps recent answers per graph version.  :func:`graph_version`
names a store's content, for caches.
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
    Answer,
    PoolClosed,
    QueryRefused,
    Result,
    Store,
    Term,
)
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import DEFAULT_TIMEOUT, Checked, inspect
from citygraph.graph.store.opening import open_current
from citygraph.graph.store.pool import QueryPool
from citygraph.graph.store.worker import Job, run

__all__ = ["ANSWERS_KEPT", "ANSWER_BYTES_KEPT", "GuardedStore", "Limits", "OwnQueries",
           "graph_version"]

ANSWERS_KEPT = 512  # answers a GuardedStore keeps per graph version
ANSWER_BYTES_KEPT = 1 << 20  # larger answers (about 2,000 rows and more) are not kept


@dataclass(frozen=True, slots=True)
class Limits:
    """How a guarded store bounds the queries it runs.

    ``workers`` query processes always run, up to ``max_workers`` when all
    are busy; one client runs at most ``max_workers - 2`` queries at once
    (at least one), so that two workers stay for the others.  ``memory`` is
    what one query may take, in MB.
    """

    timeout: float = DEFAULT_TIMEOUT
    row_cap: int = DEFAULT_ROW_CAP
    workers: int = 2
    max_workers: int = 8
    memory: int = 512
    allow_service: bool = False
    allow_datasets: bool = False


def _runner(store: Store, limits: Limits, wait: bool = True) -> Store | QueryPool:
    if isinstance(store, OxigraphStore) and store.path is not None:
        return QueryPool(store.path, limits.workers, limits.timeout, limits.allow_service,
                         wait=wait, max_workers=limits.max_workers,
                         per_client=max(1, limits.max_workers - 2), memory=limits.memory)
    return store


def _version(store: Store) -> str | None:
    if isinstance(store, OxigraphStore) and store.path is not None:
        return store_version(store.path)
    return None


@dataclass
class GuardedStore:
    """A store behind the guards: its tokens read and refused first, then run with limits.

    ``runner`` answers the queries: a :class:`QueryPool` for an embedded store
    on disk (bounded in time and memory), or the store itself (an in-memory
    store, or a remote one whose HTTP requests carry their own timeout).

    ``version`` names the content of the graph, for caches: the version in
    the name of an embedded store's folder (``store-<version>-<time>``, see
    :mod:`citygraph.graph.write.build`).  It is None for a store in memory or a
    remote one, whose content can change without this process knowing.
    """

    store: Store
    runner: Store | QueryPool
    limits: Limits = field(default_factory=Limits)
    version: str | None = None
    # answers kept per graph version: the store is read-only between builds and updates
    _answers: OrderedDict[tuple[object, ...], Result | Answer] = field(
        default_factory=OrderedDict, repr=False)
    _answers_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def over(cls, store: Store, *, timeout: float = DEFAULT_TIMEOUT, workers: int = 2,
             row_cap: int = DEFAULT_ROW_CAP, allow_service: bool = False,
             allow_datasets: bool = False, wait: bool = True, max_workers: int = 8,
             memory: int = 512) -> GuardedStore:
        """Guard a store; an Oxigraph store on disk gets a pool of worker processes.

        With ``wait=False`` (a server) it returns before the workers have
        started; the first queries wait for them.
        """
        limits = Limits(timeout, row_cap, workers, max_workers, memory, allow_service,
                        allow_datasets)
        return cls(store, _runner(store, limits, wait), limits, _version(store))

    @property
    def row_cap(self) -> int:
        """The most rows (or triples) an answer holds."""
        return self.limits.row_cap

    @property
    def timeout(self) -> float:
        """Seconds a query may take."""
        return self.limits.timeout

    def check(self, sparql: str, *, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> Checked:
        """Read the query's tokens and refuse what is not allowed.

        A graph named in ``default_graph`` or ``named_graphs`` that the store
        does not hold is an empty graph, as the SPARQL 1.1 Protocol's tests
        expect.

        Raises
        ------
        QueryRefused
            An update, ``SERVICE`` or ``FROM`` (see :func:`inspect`).
        QueryError
            Nested too deep, or too many operators.
        """
        form = inspect(sparql, allow_service=self.limits.allow_service,
                       allow_datasets=self.limits.allow_datasets)
        if default_graph is None and named_graphs is None:
            return Checked(sparql, form)
        return Checked(sparql, form, tuple(default_graph or ()), tuple(named_graphs or ()))

    def _job(self, checked: Checked, bindings: Mapping[str, Term] | None,
             max_rows: int | None, **extra: object) -> Job:
        cap = self.row_cap if max_rows is None else min(max_rows, self.row_cap)
        return Job(checked.sparql, dict(sorted(bindings.items())) if bindings else None, cap,
                   checked.default_graph, checked.named_graphs, **extra)  # type: ignore[arg-type]

    def _execute(self, job: Job, client: str | None) -> Result | Answer:
        """Run a job with the limits; answers are kept per graph version."""
        key: tuple[object, ...] | None = None
        if self.version is not None:
            key = (self.version, job.sparql, tuple((job.bindings or {}).items()), job.max_rows,
                   job.default_graph, job.named_graphs, job.base_iri, job.media_type,
                   job.prefixes)
            with self._answers_lock:
                if key in self._answers:
                    self._answers.move_to_end(key)
                    return self._answers[key]
        try:
            answer = self._on(self.runner, job, client)
        except PoolClosed:  # the store was switched while the query waited: once more
            answer = self._on(self.runner, job, client)
        if key is not None and _small(answer):
            with self._answers_lock:
                self._answers[key] = answer
                while len(self._answers) > ANSWERS_KEPT:
                    self._answers.popitem(last=False)
        return answer

    @staticmethod
    def _on(runner: Store | QueryPool, job: Job, client: str | None) -> Result | Answer:
        if isinstance(runner, QueryPool):
            return runner.query(job, client=client)
        return run(runner, job)

    def run(self, checked: Checked, *, bindings: Mapping[str, Term] | None = None,
            max_rows: int | None = None, base_iri: str | None = None,
            client: str | None = None) -> Result:
        """Run a checked query with the limits; return its result (rows, a boolean, triples)."""
        result = self._execute(self._job(checked, bindings, max_rows, base_iri=base_iri), client)
        if isinstance(result, Answer):
            raise TypeError("a job without a media type answered bytes")
        return result

    def answer(self, checked: Checked, media_type: str, *,
               prefixes: Mapping[str, str] | None = None, base_iri: str | None = None,
               client: str | None = None) -> Answer:
        """Run a checked query with the limits and write its answer in ``media_type``.

        The answer is written where the query runs (in the worker process),
        so the server passes bytes on.  ``client`` names who asks (the
        per-client limit); ``base_iri`` resolves relative IRIs.
        """
        job = self._job(checked, None, None, base_iri=base_iri, media_type=media_type,
                        prefixes=tuple(sorted((prefixes or {}).items())))
        answer = self._execute(job, client)
        if not isinstance(answer, Answer):
            raise TypeError("a job with a media type answered a result")
        return answer

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int | None = None, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, base_iri: str | None = None) -> Result:
        """Check, then run the query with the limits."""
        checked = self.check(sparql, default_graph=default_graph, named_graphs=named_graphs)
        return self.run(checked, bindings=bindings, max_rows=max_rows, base_iri=base_iri)

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
        runner = _runner(store, self.limits)
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
        self.swap(open_current(home, allow_service=self.limits.allow_service))
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

    They skip the guard (their texts are constants of citygraph, and values
    travel as bindings) but keep everything else the endpoint's queries get:
    the time limit, the row cap (an answer cut by it raises
    :class:`~citygraph.ingest.errors.TooLarge` in the readers) and the
    answers kept per graph version.
    """

    guarded: GuardedStore

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int | None = None, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, base_iri: str | None = None) -> Result:
        """Run one of citygraph's queries with the guarded store's limits."""
        dataset = default_graph is not None or named_graphs is not None
        checked = Checked(sparql, "select",
                          tuple(default_graph or ()) if dataset else None,
                          tuple(named_graphs or ()) if dataset else None)
        return self.guarded.run(checked, bindings=bindings, max_rows=max_rows, base_iri=base_iri)

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


def _small(answer: Result | Answer) -> bool:
    """Whether an answer is small enough to keep."""
    if isinstance(answer, Answer):
        return len(answer.body) <= ANSWER_BYTES_KEPT
    return len(getattr(answer, "rows", ())) <= 2_000 and len(
        getattr(answer, "ntriples", "")) <= ANSWER_BYTES_KEPT
