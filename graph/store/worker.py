r"""A query worker: a process that opens the store read-only and answers queries.

Everything of a client's query happens here, never in the server: the engine
parses it (a syntax error names its line and column), runs it, and the answer
is written out in the media type asked for, so only bytes go back to the
server.  The process's data (``RLIMIT_DATA``: its heap and private writable
mappings, not the address space it merely reserves for threads' arenas and
stacks, nor the store's files) is capped a fixed amount above what it holds
once the store is open: a query that needs more makes the engine abort, and
the pool answers "too much memory" and starts another worker.

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


def _data_size() -> int:
    """The data of this process (``VmData``, what ``RLIMIT_DATA`` counts) in bytes; 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def limit_memory(megabytes: int) -> int:
    """Cap this process's data ``megabytes`` above what it holds now.

    Returns the data held before, in bytes (0 where unknown: then no cap).
    """
    held = _data_size()
    if held:
        limit = held + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return held


def serve(path: str, allow_service: bool, memory: int,
          conn: Connection) -> None:  # pragma: no cover (runs in the worker process)
    """A worker process: answer jobs on the read-only store until told to stop."""
    store = OxigraphStore.open(Path(path), read_only=True)
    store.allow_service = allow_service
    # a worker whose data kept more than half its headroom (caches, fragments)
    # retires after its answer: a later query still gets the memory it was promised
    retire_at = limit_memory(memory) + memory * 1024 * 1024 // 2
    conn.send(("ready", None))
    while True:
        job = conn.recv()
        if job is None:
            return
        try:
            answer = run(store, job)
            if retire_at and _data_size() > retire_at:
                conn.send(("retire", answer))
                return
            conn.send(("ok", answer))
        except (QueryError, QueryRefused, UnsupportedFormat) as err:
            conn.send((type(err).__name__, str(err)))
        except MemoryError:
            conn.send(("memory", ""))
        except Exception as err:  # the process boundary: anything else is the store failing
            conn.send(("failed", f"The store failed to answer the query: {err}"))
