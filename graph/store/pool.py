"""Worker processes that answer queries on a read-only store, each bounded in time.

pyoxigraph cannot cancel a query, so queries on an embedded store on disk run
in worker processes: a worker that overruns the time limit is killed and
replaced, and the caller gets :class:`~citygraph.graph.store.base.QueryTimeout`,
while the other workers go on answering.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from citygraph.graph.store.base import (
    DEFAULT_ROW_CAP,
    PoolClosed,
    QueryError,
    QueryRefused,
    QueryTimeout,
    Result,
    Term,
    UnknownGraph,
)
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import DEFAULT_TIMEOUT
from citygraph.ingest.errors import StoreUnavailable

__all__ = ["QueryPool", "worker_context"]


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
        except (QueryError, QueryRefused) as err:
            conn.send((type(err).__name__, str(err)))
        except Exception as err:  # the process boundary: anything else is the store failing
            conn.send(("failed", f"The store failed to answer the query: {err}"))


# what a worker's answer other than "ok" raises in the caller
_ERRORS: dict[str, type[Exception]] = {
    "QueryError": QueryError, "UnknownGraph": UnknownGraph, "QueryRefused": QueryRefused}

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
    StoreUnavailable
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
                raise StoreUnavailable(
                    f"A query worker could not open the store at {self.path}.")
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
                raise StoreUnavailable(self._failed) from None
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
            raise StoreUnavailable("The query worker stopped unexpectedly; try again.") from None
        self._idle.put(worker)
        if status != "ok":
            raise _ERRORS.get(status, StoreUnavailable)(value)
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
