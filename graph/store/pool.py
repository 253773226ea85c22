"""Worker processes that answer queries on a read-only store, each bounded in time and memory.

pyoxigraph cannot cancel a query, so queries on an embedded store on disk run
in worker processes (:mod:`citygraph.graph.store.worker`):

- **time**: a worker that overruns the time limit is killed (without waiting
  for it to die) and the caller gets :class:`QueryTimeout`; the limit covers
  the wait for a worker, parsing, running and writing the answer;
- **memory**: each worker's data (heap) is capped; a query past it makes
  the engine abort and the caller gets :class:`QueryTooMuchMemory`;
- **others keep answering**: the pool grows from ``workers`` up to
  ``max_workers`` when every worker stays busy for :data:`SLOW` seconds, one client may run at most
  ``per_client`` queries at once (the next waits :data:`CLIENT_WAIT`, then
  503), and a
  query that has run for :data:`SLOW` seconds is lowered in CPU priority, so
  that short queries still get the processor while long ones run;
- a killed or aborted worker is replaced in the background; workers above
  ``workers`` that stay idle for :data:`IDLE` seconds stop.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from citygraph.graph.store.base import (
    Answer,
    PoolClosed,
    QueryError,
    QueryRefused,
    QueryTimeout,
    QueryTooMuchMemory,
    Result,
)
from citygraph.graph.store.guard import DEFAULT_TIMEOUT
from citygraph.graph.store.results import UnsupportedFormat
from citygraph.graph.store.worker import Job, serve
from citygraph.ingest.errors import StoreUnavailable

__all__ = ["CLIENT_WAIT", "IDLE", "SLOW", "QueryBusy", "QueryPool", "worker_context"]

#: seconds after which a running query is lowered in CPU priority
SLOW = 0.25
#: seconds an extra worker may stay idle before it stops
IDLE = 30.0
#: seconds a client's query waits for one of the client's own queries to end
CLIENT_WAIT = 1.0
# how long a new worker may take to start and open the store
_STARTUP = 60.0

# what a worker's answer other than "ok" raises in the caller
_ERRORS: dict[str, Callable[[str], Exception]] = {
    "QueryError": QueryError, "QueryRefused": QueryRefused,
    "UnsupportedFormat": UnsupportedFormat,
}


class QueryBusy(StoreUnavailable):
    """The client already runs as many queries as one client may; it should retry later."""


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
    idle_since: float = 0.0
    lowered: bool = False  # its CPU priority was lowered for a slow query


def _memory_message(memory: int) -> str:
    return (f"The query needed more than the {memory} MB a query may use, and was stopped. "
            "Ask for fewer rows (LIMIT) or narrow the patterns.")


@dataclass
class QueryPool:
    """Worker processes answering queries on a read-only store, each bounded in time and memory.

    Creating the pool waits for its first ``workers`` (unless ``wait`` is
    False: a server answers at once and its first queries wait for them).

    Raises
    ------
    StoreUnavailable
        On creation, when a worker cannot open the store.
    """

    path: Path
    workers: int = 2
    timeout: float = DEFAULT_TIMEOUT
    allow_service: bool = False
    wait: bool = True
    max_workers: int = 8
    per_client: int = 6
    memory: int = 512  # MB a worker may take beyond what it holds at rest
    _idle: deque[_Worker] = field(default_factory=deque, repr=False)
    _all: list[_Worker] = field(default_factory=list, repr=False)
    _lock: threading.Condition = field(default_factory=threading.Condition, repr=False)
    _starting: int = field(default=0, repr=False)
    _waiting: int = field(default=0, repr=False)
    _slow: int = field(default=0, repr=False)  # queries running past SLOW
    _busy: int = field(default=0, repr=False)
    _clients: dict[str, int] = field(default_factory=dict, repr=False)
    _closed: bool = field(default=False, repr=False)
    _failed: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.max_workers = max(self.max_workers, self.workers)
        threading.Thread(target=self._reap, daemon=True).start()
        if not self.wait:
            with self._lock:
                self._starting += self.workers
            for _ in range(self.workers):
                self._start_in_background()
            return
        started = [self._start() for _ in range(self.workers)]
        for worker in started:
            if not self._ready(worker):
                self.close()
                raise StoreUnavailable(
                    f"A query worker could not open the store at {self.path}.")
            self._put(worker)

    # -- workers coming and going --

    def _start(self) -> _Worker:
        context = worker_context()
        parent, child = context.Pipe()
        process = context.Process(target=serve, daemon=True,
                                  args=(str(self.path), self.allow_service, self.memory, child))
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
        """Start a worker in a thread; the caller counted it in ``_starting`` (under the lock)."""

        def await_ready() -> None:
            worker = self._start()
            ready = self._ready(worker)
            with self._lock:
                self._starting -= 1
            if not ready:
                self._failed = f"A query worker could not open the store at {self.path}."
            elif self._closed:
                self._stop(worker)
            else:
                self._put(worker)

        threading.Thread(target=await_ready, daemon=True).start()

    def _put(self, worker: _Worker) -> None:
        with self._lock:
            worker.idle_since = time.monotonic()
            self._idle.append(worker)
            self._lock.notify_all()

    def _grow(self) -> None:
        """Start a worker for a caller left waiting, while the pool may grow (under the lock).

        Each caller that waited :data:`SLOW` seconds gets a worker started for it
        (several start at once), up to ``max_workers``.
        """
        if (not self._closed and self._starting < self._waiting
                and len(self._all) + self._starting < self.max_workers):
            self._starting += 1
            self._start_in_background()

    def _spare(self) -> None:
        """Start a worker when none is idle or starting, while the pool may grow (under the lock).

        Called when a query turns slow: the next short query then finds a
        worker instead of waiting for one to start.
        """
        if (not self._closed and not self._idle and self._starting == 0
                and len(self._all) < self.max_workers):
            self._starting += 1
            self._start_in_background()

    def _top_up(self) -> None:
        with self._lock:
            missing = 0 if self._closed else self.workers - len(self._all) - self._starting
            self._starting += max(0, missing)
        for _ in range(max(0, missing)):
            self._start_in_background()

    def _reap(self) -> None:
        """Stop extra workers that stayed idle for :data:`IDLE` seconds (a daemon thread)."""
        while not self._closed:
            time.sleep(min(IDLE / 3, 5.0))
            now = time.monotonic()
            with self._lock:
                extra = len(self._all) - self.workers
                old = [w for w in self._idle if now - w.idle_since > IDLE][:max(0, extra)]
                for worker in old:
                    self._idle.remove(worker)
            for worker in old:
                self._stop(worker)

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
        """Kill a worker at once; it is reaped in the background, so no caller waits for it."""
        if not self._claim(worker):
            return
        with contextlib.suppress(OSError):
            worker.process.kill()

        def reap() -> None:
            worker.process.join(10)
            worker.conn.close()

        threading.Thread(target=reap, daemon=True).start()

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
        self._top_up()

    # -- queries --

    def query(self, job: Job, *, client: str | None = None) -> Result | Answer:
        """Run a job in a worker within the time limit.

        Raises
        ------
        QueryTimeout
            Past the time limit (waiting for a worker included).
        QueryTooMuchMemory
            The query needed more memory than a worker may take.
        QueryBusy
            ``client`` already runs ``per_client`` queries, and none ended
            within :data:`CLIENT_WAIT`.
        PoolClosed
            The pool was closed before a worker took the query.
        """
        started = time.monotonic()
        deadline = started + self.timeout
        with self._lock:
            if client is not None:
                if not self._lock.wait_for(
                        lambda: self._clients.get(client, 0) < self.per_client or self._closed,
                        max(0.0, min(CLIENT_WAIT, deadline - time.monotonic()))):
                    raise QueryBusy(
                        f"You already run {self.per_client} queries at once on this endpoint; "
                        "wait for one to finish, then send this one again.")
                self._clients[client] = self._clients.get(client, 0) + 1
            try:
                worker = self._take(deadline)
            except BaseException:
                self._leave(client)
                raise
            self._busy += 1
        try:
            return self._run(worker, deadline, job)
        finally:
            with self._lock:
                self._busy -= 1
                self._leave(client)
                self._lock.notify_all()

    def _leave(self, client: str | None) -> None:
        """A query of ``client`` is over (under the lock)."""
        if client is not None:
            left = self._clients.get(client, 1) - 1
            if left:
                self._clients[client] = left
            else:
                self._clients.pop(client, None)
            self._lock.notify_all()

    def _take(self, deadline: float) -> _Worker:
        """Take an idle worker (under the lock).

        When none is idle for :data:`SLOW` seconds, the workers are held by
        slow queries: the pool grows (a query turning slow also starts a
        spare worker, see :meth:`_spare`).  Short queries queue instead: on a
        small machine more processes than cores only add switching.
        """
        self._waiting += 1
        try:
            if not self._lock.wait_for(lambda: self._idle or self._closed,
                                       max(0.0, min(SLOW, deadline - time.monotonic()))):
                self._grow()
            found = self._lock.wait_for(lambda: self._idle or self._closed,
                                        max(0.0, deadline - time.monotonic()))
        finally:
            self._waiting -= 1
        if not found:
            if self._failed:
                raise StoreUnavailable(self._failed)
            raise QueryTimeout(
                f"The query timed out: every query worker stayed busy for {self.timeout:g} s; "
                "try again later.")
        if self._closed:
            raise PoolClosed("The query was not run: the store was switched; send it again.")
        worker = self._idle.pop()  # the most recently used: its caches are warm
        if self._slow:  # slow queries hold workers: keep one ready for the next short query
            self._spare()
        return worker

    def _run(self, worker: _Worker, deadline: float, job: Job) -> Result | Answer:
        try:
            worker.conn.send(job)
            ready = worker.conn.poll(max(0.0, min(SLOW, deadline - time.monotonic())))
            if not ready and time.monotonic() < deadline:
                self._lower(worker)
                with self._lock:  # a slow query holds this worker: have one ready for others
                    self._slow += 1
                    self._spare()
                try:
                    ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
                finally:
                    with self._lock:
                        self._slow -= 1
            if not ready:
                self._replace(worker)
                raise QueryTimeout(
                    f"The query timed out: it ran longer than the limit of {self.timeout:g} s "
                    "and was stopped.")
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            raise self._lost(worker) from None
        if status == "retire":  # it answered and leaves: another one starts
            self._replace(worker)
            return value  # type: ignore[no-any-return]
        if status != "ok":
            self._back(worker)
            if status == "memory":
                raise QueryTooMuchMemory(_memory_message(self.memory))
            error = _ERRORS.get(status)
            raise error(value) if error else StoreUnavailable(value)
        self._back(worker)
        answer: Result | Answer = value
        return answer

    def _lower(self, worker: _Worker) -> None:
        """Lower a slow query's CPU priority, so that short queries keep the processor."""
        pid = worker.process.pid
        if pid is not None:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, pid, 10)
                worker.lowered = True

    def _back(self, worker: _Worker) -> None:
        """Return a worker to the pool; one whose priority cannot be raised again is replaced."""
        if worker.lowered:
            try:
                os.setpriority(os.PRIO_PROCESS, worker.process.pid or 0, 0)
                worker.lowered = False
            except OSError:  # only a privileged process may raise a priority again
                self._stop_later(worker)
                self._top_up()
                return
        self._put(worker)

    def _stop_later(self, worker: _Worker) -> None:
        threading.Thread(target=self._stop, args=(worker,), daemon=True).start()

    def _lost(self, worker: _Worker) -> Exception:
        """The error for a worker that died during a query (it is replaced)."""
        worker.process.join(1)
        code = worker.process.exitcode
        self._replace(worker)
        if code == -signal.SIGABRT:  # the engine aborts when its data cap is reached
            return QueryTooMuchMemory(_memory_message(self.memory))
        return StoreUnavailable(
            f"The query stopped its worker process (exit code {code}); another one was "
            "started. Send the query again, or simplify it if this repeats.")

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
            self._lock.notify_all()
            while self._busy and time.monotonic() < deadline:
                self._lock.wait(max(0.0, deadline - time.monotonic()))
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)
