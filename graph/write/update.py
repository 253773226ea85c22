"""SPARQL Update on the embedded store: copy, update, keep, switch.

The app reads its store read-only, from worker processes, and an Oxigraph
store opened read-only does not see later writes (nor survive the files that
a writer's compactions delete).  So an update never writes the store being
read.  Instead :class:`Updater`:

1. reads the update's tokens and refuses ``LOAD``, ``SERVICE`` and ``USING``
   (:func:`~citygraph.graph.store.guard.check_update`); whether it is valid
   SPARQL is the engine's to say, in the worker of step 3;
2. takes the home's writer lock (:func:`citygraph.graph.home.writing`; it
   waits for a build at most the time limit);
3. in a worker process, bounded by the time limit and in memory, copies every quad of the
   current store into a new store beside it and applies the update there in
   one transaction; the store's documents come along;
4. keeps the update's text in ``HOME/updates/`` (:func:`log_update`), so
   every later build replays it after loading the curated data: an update
   is never lost by a rebuild (``citygraph build --discard-updates`` sets
   the kept updates aside instead);
5. switches ``HOME/current`` to the new store atomically, as a build does,
   and moves the guarded store onto it: queries already running on the old
   store finish first; stores no reader holds are deleted.

A failed, refused or timed-out update leaves everything as it was.  An
update whose process is killed between steps 4 and 5 was not answered and
is not live, but the next build replays it.  The new version is a digest of
the previous version and the update's text, so caches keyed on the version
see the change.

Updates follow SPARQL 1.1 Update's dataset: the update's ``WHERE`` and
``INSERT DATA`` without ``GRAPH`` address the store's *default graph*, which
built stores leave empty (every fact is in a named graph).  Queries see it
too (their default graph is the union of all graphs), but to change the
facts of a dataset, name its graph: ``DELETE { GRAPH ?g { ... } } WHERE {
GRAPH ?g { ... } }``.

Each update copies the whole store: well under a second for the bundled graph
(some 9,400 quads), meant for occasional corrections, not for loading data
(use ``citygraph build`` or ``citygraph ingest``).  Updates, builds and
ingests take turns on the home's writer lock.  A store in memory is updated
in place (without a time limit) and keeps no log; a remote store is not
updated here.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import threading
import time
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from citygraph.graph.home import (
    complete,
    current_store,
    documents_of,
    new_store,
    partial,
    prune,
    record_of,
    store_version,
    stores_dir,
    switch,
    updates_dir,
    writing,
)
from citygraph.graph.store.base import QueryError, QueryTimeout, QueryTooMuchMemory
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import DEFAULT_TIMEOUT, check_update
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.pool import worker_context
from citygraph.graph.store.worker import limit_memory
from citygraph.ingest.errors import StoreUnavailable, Unsupported

__all__ = ["UpdateReport", "UpdateUnsupported", "Updater", "log_update", "logged_updates",
           "set_aside"]

# how long a worker process may take to start and open the stores, apart from the time limit
_STARTUP = 60.0


class UpdateUnsupported(Unsupported):
    """The store cannot be updated here (a remote store, or one outside a home folder)."""


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What an update produced: the new version (None in memory), quads and graphs after it."""

    version: str | None
    quads: int
    graphs: int
    seconds: float


def _apply(source: str, target: str, sparql: str, memory: int,
           conn: Connection) -> None:  # pragma: no cover
    """A worker process: copy ``source`` into a new store at ``target`` and update it there.

    Once the copy is made, the process's data is capped ``memory``
    MB above what it holds: an update that needs more makes the engine abort.
    """
    try:
        original = OxigraphStore.open(Path(source), read_only=True)
        copy = OxigraphStore.open(Path(target), read_only=False)
        conn.send(("ready", None))
        original.copy_into(copy)
        limit_memory(memory)
        copy.update(sparql)
        copy.flush()
        conn.send(("ok", (copy.quad_count(), len(copy.graph_names()))))
    except QueryError as err:
        conn.send(("error" if "not valid" in err.message else "failed", err.message))
    except (OSError, ValueError, RuntimeError) as err:
        conn.send(("failed", f"The update failed: {err}"))


@dataclass
class Updater:
    """Applies SPARQL Updates to the store a :class:`GuardedStore` reads.

    Parameters
    ----------
    guarded
        The guarded store of the app; it is moved onto each updated store.
    timeout
        Seconds an update may run (copy included) before it is stopped.
    allow_service
        Let ``SERVICE`` through (``LOAD`` is always refused).
    memory
        MB an update may take beyond the copy of the store.
    """

    guarded: GuardedStore
    timeout: float = DEFAULT_TIMEOUT
    allow_service: bool = False
    memory: int = 512
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def update(self, sparql: str) -> UpdateReport:
        """Apply one SPARQL Update (which may hold several operations) as a whole.

        Raises
        ------
        QueryRefused
            ``LOAD`` or ``SERVICE``; :class:`UpdateUnsupported` for a store
            that cannot be updated here.
        QueryTimeout
            The update ran longer than ``timeout``; nothing changed.
        QueryTooMuchMemory
            The update needed more than ``memory``; nothing changed.
        QueryError
            Not a valid SPARQL Update (the message gives line and column), or
            the store failed to apply it.
        """
        check_update(sparql, allow_service=self.allow_service,
                     allow_datasets=self.guarded.limits.allow_datasets)
        started = time.monotonic()
        with self._lock:
            store = self.guarded.store
            if not isinstance(store, OxigraphStore):
                raise UpdateUnsupported(
                    "SPARQL Update is applied to the embedded store only; update the remote "
                    "SPARQL server with its own tools, or rebuild with 'citygraph build'."
                )
            if store.path is None:
                return self._in_memory(store, sparql, started)
            return self._copy_and_switch(store.path, sparql, started)

    def _in_memory(self, store: OxigraphStore, sparql: str, started: float) -> UpdateReport:
        store.update(sparql)
        return UpdateReport(None, store.quad_count(), len(store.graph_names()),
                            round(time.monotonic() - started, 3))

    def _copy_and_switch(self, path: Path, sparql: str, started: float) -> UpdateReport:
        home = path.parent.parent
        if path.parent != stores_dir(home) or not (home / "current").exists():
            raise UpdateUnsupported(
                f"The store at {path} is not in a citygraph home folder (HOME/stores/...), "
                "so it cannot be updated here."
            )
        with writing(home, wait=self.timeout):
            base = current_store(home)
            previous = store_version(base) or ""
            version = hashlib.sha256(f"{previous}\n{sparql}".encode()).hexdigest()[:16]
            target = new_store(home, version)
            work = partial(target)
            logged: Path | None = None
            try:
                quads, graphs = self._run_worker(base, work, sparql)
                if documents_of(base).is_dir():
                    shutil.copytree(documents_of(base), documents_of(work))
                report = UpdateReport(version, quads, graphs, round(time.monotonic() - started, 3))
                record = {"store": str(target), **asdict(report), "update_of": base.name}
                record_of(work).write_text(json.dumps(record, indent=2))
                logged = log_update(home, sparql)
                complete(work, target)
                switch(home, target)
            except BaseException:
                for leftover in (work, documents_of(work)):
                    shutil.rmtree(leftover, ignore_errors=True)
                record_of(work).unlink(missing_ok=True)
                if logged is not None and current_store(home) != target:
                    logged.unlink(missing_ok=True)  # not live: not kept either
                raise
            updated = OxigraphStore.open(target, read_only=True)
            prune(home, keep={target})
        updated.allow_service = self.guarded.limits.allow_service
        self.guarded.swap(updated)  # waits for the queries running on the old store
        return report

    def _run_worker(self, base: Path, target: Path, sparql: str) -> tuple[int, int]:
        context = worker_context()
        parent, child = context.Pipe()
        process = context.Process(target=_apply, daemon=True,
                                  args=(str(base), str(target), sparql, self.memory, child))
        process.start()
        child.close()
        answered = False
        try:
            if not parent.poll(_STARTUP):
                raise StoreUnavailable("The update worker did not start; try again.")
            status, value = parent.recv()
            if status == "ready":
                if not parent.poll(self.timeout):
                    raise QueryTimeout(
                        f"The update timed out: it ran longer than the limit of "
                        f"{self.timeout:g} s and was stopped; nothing was changed."
                    )
                status, value = parent.recv()
            answered = True
        except EOFError:
            process.join(1)
            if process.exitcode == -signal.SIGABRT:  # the engine aborts when memory is full
                raise QueryTooMuchMemory(
                    f"The update needed more than the {self.memory} MB an update may use, and "
                    "was stopped; nothing was changed.") from None
            raise StoreUnavailable(
                "The update worker stopped unexpectedly; nothing was changed."
            ) from None
        finally:
            if answered:  # let it close the new store before anyone opens it
                process.join(30)
            if process.is_alive():
                process.kill()
                process.join(5)
            parent.close()
        if status == "error":
            raise QueryError(str(value))
        if status != "ok":
            raise StoreUnavailable(str(value))
        quads, graphs = value
        return int(quads), int(graphs)


def log_update(home: Path, sparql: str) -> Path:
    """Keep an update's text in ``HOME/updates/`` for every later build to replay."""
    folder = updates_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.time_ns()}.rq"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(sparql, encoding="utf-8")
    os.replace(tmp, path)
    return path


def logged_updates(home: Path) -> list[Path]:
    """The updates kept in ``HOME/updates/``, in the order they were made."""
    folder = updates_dir(home)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.rq"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)


def set_aside(home: Path) -> Path | None:
    """Move the kept updates to ``HOME/updates-discarded-<time>/``; return it (None: none)."""
    if not logged_updates(home):
        return None
    aside = home / f"updates-discarded-{time.time_ns()}"
    os.replace(updates_dir(home), aside)
    return aside
