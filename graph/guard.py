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
import multiprocessing as mp
import queue
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from citygraph.graph.store import (
    DEFAULT_ROW_CAP,
    OxigraphStore,
    QueryError,
    QueryRefused,
    Result,
    Store,
    Term,
)

__all__ = ["GuardedStore", "QueryPool", "QueryTimeout", "inspect", "warm_up"]

DEFAULT_TIMEOUT = 10.0
_PARSING = threading.Lock()


class QueryTimeout(QueryError):
    """The query ran longer than the time limit and was stopped."""


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
    """Parse a query and refuse what the endpoint does not allow.

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


def _serve(path: str, allow_service: bool, conn: Connection) -> None:  # pragma: no cover
    """A worker process: answer queries on the read-only store until told to stop."""
    store = OxigraphStore.open(Path(path), read_only=True)
    store.allow_service = allow_service
    while True:
        job = conn.recv()
        if job is None:
            return
        sparql, bindings, max_rows = job
        try:
            conn.send(("ok", store.query(sparql, bindings=bindings, max_rows=max_rows)))
        except QueryError as err:
            conn.send(("error", str(err)))
        except Exception as err:
            conn.send(("error", f"The query failed: {err}"))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


@dataclass
class QueryPool:
    """Worker processes answering queries on a read-only store, each bounded in time.

    A worker that overruns ``timeout`` is killed and replaced; while one query
    runs long the other workers go on answering.
    """

    path: Path
    workers: int = 2
    timeout: float = DEFAULT_TIMEOUT
    allow_service: bool = False
    _idle: queue.Queue[_Worker] = field(default_factory=queue.Queue, repr=False)
    _all: list[_Worker] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        for _ in range(self.workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        context = mp.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(str(self.path), self.allow_service, child),
                                  daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._all.remove(worker)
        self._idle.put(self._start())

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int = DEFAULT_ROW_CAP) -> Result:
        """Run a query in a worker; raise :class:`QueryTimeout` past the limit."""
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"Every query worker stayed busy for {self.timeout:g} s; try again later."
            ) from None
        left = max(0.0, self.timeout - (time.monotonic() - started))
        try:
            worker.conn.send((sparql, dict(bindings) if bindings else None, max_rows))
            if not worker.conn.poll(left):
                self._replace(worker)
                raise QueryTimeout(
                    f"The query ran longer than the limit of {self.timeout:g} s and was stopped."
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

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
            worker.conn.close()


@dataclass
class GuardedStore:
    """A store behind the guards: parsed and refused first, then run with limits.

    ``runner`` answers the queries: a :class:`QueryPool` for an embedded store
    on disk (time-bounded), or the store itself (an in-memory store, or a
    remote one whose HTTP requests carry their own timeout).
    """

    store: Store
    runner: Store | QueryPool
    row_cap: int = DEFAULT_ROW_CAP
    allow_service: bool = False
    allow_datasets: bool = False

    @classmethod
    def over(cls, store: Store, *, timeout: float = DEFAULT_TIMEOUT, workers: int = 2,
             row_cap: int = DEFAULT_ROW_CAP, allow_service: bool = False,
             allow_datasets: bool = False) -> GuardedStore:
        """Guard a store; an Oxigraph store on disk gets a pool of worker processes."""
        warm_up()
        if isinstance(store, OxigraphStore) and store.path is not None:
            runner: Store | QueryPool = QueryPool(store.path, workers, timeout, allow_service)
        else:
            runner = store
        return cls(store, runner, row_cap, allow_service, allow_datasets)

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int | None = None) -> Result:
        """Inspect, then run the query with the time limit and the row cap."""
        inspect(sparql, allow_service=self.allow_service, allow_datasets=self.allow_datasets)
        cap = self.row_cap if max_rows is None else min(max_rows, self.row_cap)
        return self.runner.query(sparql, bindings=bindings, max_rows=cap)

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
