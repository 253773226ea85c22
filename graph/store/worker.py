r"""A query worker: a process that opens the store read-only and answers queries.

Everything of a client's query happens here, never in the server: the engine
parses it (a syntax error names its line and column), runs it, and the answer
is written out in the media type asked for, so only bytes go back to the
server.  The process's address space is capped (``RLIMIT_AS``) a fixed
amount above what it holds once the store is open: a query that needs more
makes the engine abort, and the pool answers "too much memory" and starts
another worker.

Examples
--------
>>> from citygraph.graph.store.embedded import OxigraphStore
>>> store = OxigraphStore.in_memory()
>>> store.load_nquads(b'<http://a> <http://p> "x" <http://g> .\n')
>>> answer = run(store, Job("SELECT ?o WHERE { ?s ?p ?o }", media_type="text/csv"))
>>> answer.body, answer.rows
(b'o\r\nx\r\n', 1)
"""

from __future__ import annotations

import os
import resource
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from citygraph.graph.store.base import (
    DEFAULT_ROW_CAP,
    Answer,
    GraphResult,
    QueryError,
    QueryRefused,
    Result,
    SelectResult,
    Store,
    Term,
)
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.results import UnsupportedFormat, serialize

__all__ = ["Job", "limit_memory", "run", "serve"]


@dataclass(frozen=True, slots=True)
class Job:
    """One query for a worker.

    ``media_type`` None asks for the result itself (citygraph's own
    queries read its rows); a media type asks for the answer written in it.
    """

    sparql: str
    bindings: Mapping[str, Term] | None = None
    max_rows: int = DEFAULT_ROW_CAP
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    media_type: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()


def run(store: Store, job: Job) -> Result | Answer:
    """Answer a job on a store: its result, or the result written in the job's media type.

    Raises
    ------
    QueryError, QueryRefused
        As :meth:`OxigraphStore.query`; an answer that cannot be written in
        the media type raises :class:`~citygraph.graph.store.results.UnsupportedFormat`.
    """
    if job.media_type is not None and isinstance(store, OxigraphStore):
        answer = store.answer(job.sparql, job.media_type, max_rows=job.max_rows,
                              bindings=job.bindings, default_graph=job.default_graph,
                              named_graphs=job.named_graphs, base_iri=job.base_iri)
        if answer is not None:
            return answer  # the engine wrote it: no Python object per row
    result = store.query(job.sparql, bindings=job.bindings, max_rows=job.max_rows,
                         default_graph=job.default_graph, named_graphs=job.named_graphs,
                         base_iri=job.base_iri)
    if job.media_type is None:
        return result
    body = serialize(result, job.media_type, dict(job.prefixes))
    if isinstance(result, SelectResult):
        return Answer(body, job.media_type, len(result.rows), result.truncated)
    if isinstance(result, GraphResult):
        return Answer(body, job.media_type, result.count, result.truncated)
    return Answer(body, job.media_type, 1)


def _vm_size() -> int:
    """The address space of this process in bytes (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space ``megabytes`` above what it holds now."""
    held = _vm_size()
    if held:
        limit = held + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(path: str, allow_service: bool, memory: int,
          conn: Connection) -> None:  # pragma: no cover (runs in the worker process)
    """A worker process: answer jobs on the read-only store until told to stop."""
    store = OxigraphStore.open(Path(path), read_only=True)
    store.allow_service = allow_service
    limit_memory(memory)
    conn.send(("ready", None))
    while True:
        job = conn.recv()
        if job is None:
            return
        try:
            conn.send(("ok", run(store, job)))
        except (QueryError, QueryRefused, UnsupportedFormat) as err:
            conn.send((type(err).__name__, str(err)))
        except MemoryError:
            conn.send(("memory", ""))
        except Exception as err:  # the process boundary: anything else is the store failing
            conn.send(("failed", f"The store failed to answer the query: {err}"))
