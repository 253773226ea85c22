"""Query guards in front of every store: parse first, refuse, bound in time and rows.

Every query is parsed with rdflib's SPARQL 1.1 grammar before it reaches a
store.  Updates (``LOAD``, ``INSERT`` ...) are refused: the stores are read
here.  ``SERVICE`` and ``FROM``/``FROM NAMED`` are refused unless the
operator enables them, because both rdflib and pyoxigraph would fetch the
URLs (rdflib's FROM reads local files too).  rdflib's parser breaks for the
whole process when it is first used from several threads at once (RDFLib
issue 1282), so :func:`warm_up` parses once at start-up and a lock
serialises parsing.

Queries on an embedded store on disk run in worker processes
(:class:`QueryPool`), because pyoxigraph cannot cancel a query: a worker that
overruns the time limit is killed and replaced, and the caller gets
:class:`QueryTimeout`.

A query may name its dataset the way the SPARQL 1.1 Protocol does
(``default-graph-uri``, ``named-graph-uri``): unlike ``FROM``, these only
choose among the graphs the store holds, so they are allowed, and an IRI that
is not one of the store's named graphs is refused (:class:`UnknownGraph`).

Examples
--------
>>> inspect("SELECT * WHERE { ?s ?p ?o }")
'SelectQuery'
>>> inspect("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
citygraph.graph.store.QueryRefused: FROM and FROM NAMED are not allowed on this endpoint: ...
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing as mp
import queue
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from citygraph.graph.store import (
    DEFAULT_ROW_CAP,
    OxigraphStore,
    QueryError,
    QueryRefused,
    Result,
    Store,
    Term,
    check_query,
    store_version,
)

__all__ = [
    "Checked",
    "GuardedStore",
    "PoolClosed",
    "QueryPool",
    "QueryTimeout",
    "UnknownGraph",
    "check_update",
    "inspect",
    "warm_up",
    "worker_context",
]

DEFAULT_TIMEOUT = 10.0
ANSWERS_KEPT = 512  # answers a GuardedStore keeps per graph version
ANSWER_ROWS_KEPT = 2_000  # larger answers are not kept
_PARSING = threading.Lock()


class QueryTimeout(QueryError):
    """The query ran longer than the time limit and was stopped."""


class PoolClosed(QueryTimeout):
    """The worker pool was closed while the query waited (the store was switched)."""


class UnknownGraph(QueryError):
    """A dataset parameter names a graph the store does not hold."""


_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
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
    citygraph.graph.store.QueryRefused: LOAD is not allowed: it would make the server fetch ...
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


def _serve(path: str, allow_service: bool, conn: Connection) -> None:  # pragma: no cover
    """A worker process: answer queries on the read-only store until told to stop."""
    store = OxigraphStore.open(Path(path), read_only=True)
    store.allow_service = allow_service
    conn.send(("ready", None))
    while True:
        job = conn.recv()
        if job is None:
            return
        sparql, bindings, max_rows, default_graph, named_graphs = job
        try:
            conn.send(("ok", store.query(sparql, bindings=bindings, max_rows=max_rows,
                                         default_graph=default_graph,
                                         named_graphs=named_graphs)))
        except QueryError as err:
            conn.send(("error", str(err)))
        except Exception as err:
            conn.send(("error", f"The query failed: {err}"))


# how long a new worker may take to start and open the store
_STARTUP = 60.0


def worker_context() -> SpawnContext:
    """The way worker processes start: spawned, never forked.

    Forking the app would copy its threads and its open store into the child,
    which is unsafe.  A spawned process imports the parent's main module
    again (for ``citygraph serve``, the command line: one to two seconds), so
    workers take queries only once they say they are ready.
    """
    return mp.get_context("spawn")


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    ended: bool = False  # set once, under the pool's lock, by whoever stops it


@dataclass
class QueryPool:
    """Worker processes answering queries on a read-only store, each bounded in time.

    A worker that overruns ``timeout`` is killed and replaced; while one query
    runs long the other workers go on answering.  A worker takes queries only
    once it has opened the store, so its start-up never counts against a
    query's time; creating the pool waits for its first workers.

    Raises
    ------
    QueryError
        On creation, when a worker cannot open the store.
    """

    path: Path
    workers: int = 2
    timeout: float = DEFAULT_TIMEOUT
    allow_service: bool = False
    # None in the queue wakes the callers waiting for a worker once the pool is closed
    _idle: queue.Queue[_Worker | None] = field(default_factory=queue.Queue, repr=False)
    _all: list[_Worker] = field(default_factory=list, repr=False)
    _lock: threading.Condition = field(default_factory=threading.Condition, repr=False)
    _busy: int = field(default=0, repr=False)
    _closed: bool = field(default=False, repr=False)
    wait: bool = True  # False: return at once; workers join as they become ready
    _failed: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.wait:  # a server answers at once; queries wait for the first worker
            for _ in range(self.workers):
                self._start_in_background()
            return
        started = [self._start() for _ in range(self.workers)]
        for worker in started:
            if not self._ready(worker):
                self.close()
                raise QueryError(f"A query worker could not open the store at {self.path}.")
            self._idle.put(worker)

    def _start(self) -> _Worker:
        context = worker_context()
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(str(self.path), self.allow_service, child),
                                  daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _ready(self, worker: _Worker) -> bool:
        """Wait until a new worker has opened the store; stop it if it fails to."""
        try:
            if worker.conn.poll(_STARTUP) and worker.conn.recv()[0] == "ready":
                return True
        except (EOFError, OSError):
            pass
        self._kill(worker)
        return False

    def _start_in_background(self) -> None:
        worker = self._start()

        def await_ready() -> None:
            if self._ready(worker):
                if self._closed:
                    self._stop(worker)
                else:
                    self._idle.put(worker)
            else:
                self._failed = f"A query worker could not open the store at {self.path}."

        threading.Thread(target=await_ready, daemon=True).start()

    def _claim(self, worker: _Worker) -> bool:
        """Take the worker out of the pool; False when another thread already did.

        Stopping is claimed once, under the lock, so that two threads (a query
        that timed out and ``close``, say) never close the same pipe twice: a
        second ``close`` of a file descriptor can close one the system has
        since given to someone else.
        """
        with self._lock:
            if worker.ended:
                return False
            worker.ended = True
            if worker in self._all:
                self._all.remove(worker)
            return True

    def _kill(self, worker: _Worker) -> None:
        if self._claim(worker):
            worker.process.kill()
            worker.process.join(5)
            worker.conn.close()

    def _stop(self, worker: _Worker) -> None:
        if not self._claim(worker):
            return
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.process.join(2)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if not self._closed:
            self._start_in_background()

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int = DEFAULT_ROW_CAP, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> Result:
        """Run a query in a worker; raise :class:`QueryTimeout` past the limit.

        Raises
        ------
        PoolClosed
            The pool was closed before a worker took the query.
        """
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            if self._failed:
                raise QueryError(self._failed) from None
            raise QueryTimeout(
                f"The query timed out: every query worker stayed busy for {self.timeout:g} s; "
                "try again later."
            ) from None
        with self._lock:
            if worker is None or self._closed:
                self._idle.put(worker)  # for the next caller, or for close()
                raise PoolClosed("The query was not run: the store was switched; send it again.")
            self._busy += 1
        try:
            return self._run(worker, started, (
                sparql, dict(bindings) if bindings else None, max_rows,
                None if default_graph is None else list(default_graph),
                None if named_graphs is None else list(named_graphs)))
        finally:
            with self._lock:
                self._busy -= 1
                self._lock.notify_all()

    def _run(self, worker: _Worker, started: float, job: tuple[object, ...]) -> Result:
        left = max(0.0, self.timeout - (time.monotonic() - started))
        try:
            worker.conn.send(job)
            if not worker.conn.poll(left):
                self._replace(worker)
                raise QueryTimeout(
                    f"The query timed out: it ran longer than the limit of {self.timeout:g} s "
                    "and was stopped."
                )
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryError("The query worker stopped unexpectedly; try again.") from None
        self._idle.put(worker)
        if status == "error":
            refused = "not allowed" in value or "read-only" in value
            raise (QueryRefused if refused else QueryError)(value)
        result: Result = value
        return result

    def close(self, *, wait: float = 0.0) -> None:
        """Stop every worker.

        Parameters
        ----------
        wait
            Seconds to let the queries that are running finish first; those
            still running then are stopped (their callers get an error).
            Callers still waiting for a worker get :class:`PoolClosed`.
        """
        deadline = time.monotonic() + wait
        with self._lock:
            self._closed = True
            self._idle.put(None)
            while self._busy and time.monotonic() < deadline:
                self._lock.wait(max(0.0, deadline - time.monotonic()))
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)


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
    :mod:`citygraph.graph.build`).  It is None for a store in memory or a
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
        form = _FORMS[inspect(sparql, allow_service=self.allow_service,
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
        """Answer from another store from now on (after an update wrote a new one).

        Queries already running on the old store finish first (within the
        time limit); then its workers stop.
        """
        old = self.runner
        runner = _runner(store, self.timeout, self.workers, self.allow_service)
        self.store, self.runner, self.version = store, runner, _version(store)
        if isinstance(old, QueryPool):
            old.close(wait=self.timeout + 1.0)

    def load_nquads(self, data: bytes) -> None:
        """Refused: a guarded store is read-only."""
        raise QueryRefused("This store is read-only.")

    def quad_count(self) -> int:
        """The number of quads in the guarded store."""
        return self.store.quad_count()

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if isinstance(self.runner, QueryPool):
            self.runner.close()
