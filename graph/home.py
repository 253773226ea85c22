"""The home folder: where stores, the ``current`` link, documents and updates live.

Every path citygraph writes under its home is named here, and nowhere else::

    HOME/.lock                             one writer at a time (a file lock)
    HOME/current -> stores/store-<v>-<t>   the current store (a symlink, swapped atomically)
    HOME/stores/store-<v>-<t>/             an Oxigraph store, complete before it is named so
    HOME/stores/store-<v>-<t>.json         what made it
    HOME/stores/store-<v>-<t>.documents/   the ingested documents of that store ({id}.json, .txt)
    HOME/stores/store-<v>-<t>.lease        readers hold a shared lock on it while they read
    HOME/stores/.partial-*                 a writer's work in progress
    HOME/updates/<time>.rq                 SPARQL Updates made on the server, replayed by builds
    HOME/documents/                        the documents of a remote store (no local store)
    HOME/published/<id>/<n>.json, <n>.txt  each published version of a document, as reviewed
    HOME/curation.sqlite                   accounts, sessions and the curation drafts
    HOME/lists.json                        the list folders (twin towns) the last build included

``<v>`` is a digest of the graph's content, so caches keyed on it see every
change; ``<t>`` keeps two stores of the same content apart.

**Writers** (build, ingest, update) hold :func:`writing` for their whole run:
a second writer waits, and a writer killed at any point releases the lock
with its process.  A writer works in a ``.partial-*`` folder and renames it
to ``store-*`` only when the store, its record and its documents are
complete, then :func:`switch` es ``current`` to it: the store and its
documents change in that one step.  :func:`prune` (under the lock) deletes
partial folders and every store that no reader holds.

**Readers** hold a :func:`lease` on the store they read (a shared lock a
killed reader releases with its process), so a store is never deleted under
a server or one of its query workers.

This module knows paths and locks only: it opens no store and imports
nothing of citygraph but its errors, so every other part of
:mod:`citygraph.graph` may use it.

Examples
--------
>>> home = Path("/srv/citygraph")
>>> new_store(home, "3f9a0c1d", now=1718000000000).name
'store-3f9a0c1d-1718000000000'
>>> store_version(new_store(home, "3f9a0c1d", now=1))
'3f9a0c1d'
>>> documents_of(new_store(home, "3f9a0c1d", now=1)).name
'store-3f9a0c1d-1.documents'
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from citygraph.ingest.errors import Conflict, StoreUnavailable

__all__ = [
    "Busy",
    "Lease",
    "NotBuilt",
    "complete",
    "curation_db",
    "current_store",
    "current_version",
    "documents_dir",
    "documents_of",
    "lease",
    "lists_record",
    "new_store",
    "partial",
    "prune",
    "published_dir",
    "record_of",
    "remote_documents",
    "store_version",
    "stores_dir",
    "switch",
    "updates_dir",
    "writing",
]


class NotBuilt(StoreUnavailable):
    """No graph has been built in the home folder (or its store is gone)."""


class Busy(Conflict):
    """Another writer holds the home for longer than this one would wait."""


_STORE_NAME = re.compile(r"store-([0-9a-f]+)-\d+")
_PARTIAL = ".partial-"


def stores_dir(home: Path) -> Path:
    """The folder that holds every store of ``home``."""
    return home / "stores"


def updates_dir(home: Path) -> Path:
    """The folder of the SPARQL Updates made on the server, in the order they were made."""
    return home / "updates"


def new_store(home: Path, version: str, *, now: int | None = None) -> Path:
    """The path of a new store for a graph of ``version`` (not created here)."""
    return stores_dir(home) / f"store-{version}-{time.time_ns() if now is None else now}"


def partial(store: Path) -> Path:
    """Where a writer builds ``store`` before naming it (see :func:`complete`)."""
    return store.with_name(_PARTIAL + store.name)


def record_of(store: Path) -> Path:
    """The JSON file beside a store that records what made it."""
    return store.with_name(store.name + ".json")


def documents_of(store: Path) -> Path:
    """The folder of the ingested documents a store holds."""
    return store.with_name(store.name + ".documents")


def _lease_file(store: Path) -> Path:
    return store.with_name(store.name + ".lease")


def store_version(path: Path) -> str | None:
    """Return the graph version in a store folder's name (``store-<version>-<time>``).

    Any other folder has no version.

    >>> store_version(Path("/home/me/citygraph/stores/store-3f9a0c1d2e4b5a67-1718000000000"))
    '3f9a0c1d2e4b5a67'
    >>> store_version(Path("/tmp/somewhere")) is None
    True
    """
    match = _STORE_NAME.fullmatch(path.name)
    return match.group(1) if match else None


def current_store(home: Path) -> Path:
    """Return the folder of the current store, or raise :class:`NotBuilt`."""
    link = home / "current"
    if not link.is_symlink() and not link.exists():
        raise NotBuilt(f"No graph is built in {home}; run 'citygraph build' first.")
    return link.resolve()


def current_version(home: Path) -> str | None:
    """Return the graph version of the current store (from its folder's name), if any."""
    try:
        return store_version(current_store(home))
    except NotBuilt:
        return None


def documents_dir(home: Path) -> Path:
    """The documents of the current store (:func:`remote_documents` when there is none)."""
    try:
        return documents_of(current_store(home))
    except NotBuilt:
        return remote_documents(home)


def remote_documents(home: Path) -> Path:
    """Where a home keeps the documents of a remote store: ``HOME/documents``."""
    return home / "documents"


def published_dir(home: Path, document: str) -> Path:
    """Where every published version of a document is kept (written once, never changed).

    A version belongs to the graph only once a store's history names it (see
    :mod:`citygraph.graph.write.publish`): a file a killed publish left is
    written over by the next one.
    """
    return home / "published" / document


def lists_record(home: Path) -> Path:
    """The record of the list folders the home's last build included."""
    return home / "lists.json"


def curation_db(home: Path) -> Path:
    """The SQLite database of the web's accounts, sessions and curation drafts."""
    return home / "curation.sqlite"


def switch(home: Path, target: Path) -> None:
    """Point ``home/current`` at ``target`` atomically (rename over the link)."""
    tmp = home / f".current-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target.relative_to(home))
    os.replace(tmp, home / "current")


def complete(work: Path, store: Path) -> None:
    """Name a finished store: its ``.partial-*`` folder, record and documents take their names.

    The documents and the record are renamed first and the store folder
    last, so a folder named ``store-*`` always has them.
    """
    for kind in (documents_of, record_of):
        if kind(work).exists():
            os.replace(kind(work), kind(store))
    os.replace(work, store)


@contextlib.contextmanager
def writing(home: Path, *, wait: float | None = None,
            on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the home's writer lock: one build, ingest or update at a time.

    Parameters
    ----------
    home
        The home folder (created when missing).
    wait
        Seconds to wait for another writer; None waits as long as it takes.
    on_wait
        Told once, in a sentence, that another writer holds the lock.

    Raises
    ------
    Busy
        When another writer still holds the lock after ``wait`` seconds.

    A thread that holds the lock may take it again (an ingest's build).
    """
    home.mkdir(parents=True, exist_ok=True)
    mine = (str(home.resolve()), threading.get_ident())
    if _held.get(mine):
        _held[mine] += 1
        try:
            yield
        finally:
            _held[mine] -= 1
        return
    with (home / ".lock").open("a+") as lock:
        if not _try(lock, fcntl.LOCK_EX):
            if on_wait is not None:
                on_wait(f"Waiting for another writer of {home} (a build, an ingest or an "
                        "update) to finish")
            deadline = None if wait is None else time.monotonic() + wait
            while not _try(lock, fcntl.LOCK_EX):
                if deadline is not None and time.monotonic() > deadline:
                    raise Busy(f"Another build, ingest or update is writing {home}; "
                               "try again when it has finished.")
                time.sleep(0.05)
        _held[mine] = 1
        try:
            _sweep(home)
            yield
        finally:
            del _held[mine]
            fcntl.flock(lock, fcntl.LOCK_UN)


#: (home, thread) -> how many times that thread holds the home's lock
_held: dict[tuple[str, int], int] = {}


def _try(file: IO[str], how: int) -> bool:
    try:
        fcntl.flock(file, how | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _sweep(home: Path) -> None:
    """Delete what killed writers left behind (only a writer may call this)."""
    folder = stores_dir(home)
    if folder.is_dir():
        for item in folder.iterdir():
            if item.name.startswith(_PARTIAL):
                _remove(item)


class Lease:
    """A reader's hold on one store: the store is not deleted while it lasts.

    The hold is a shared lock on the store's ``.lease`` file; it ends with
    :meth:`release`, when the object is collected, or when the process dies.
    """

    def __init__(self, store: Path) -> None:
        self.store = store
        self._file: IO[str] | None = _lease_file(store).open("a+")
        fcntl.flock(self._file, fcntl.LOCK_SH)

    def release(self) -> None:
        """End the hold (a second call does nothing)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def lease(store: Path) -> Lease:
    """Hold ``store`` for reading; raise :class:`NotBuilt` when it is gone (or going).

    Take the lease, then check the store: a writer deleting it holds the
    lease file exclusively first, so a store found whole under a lease stays
    whole until the lease is released.
    """
    if not store.is_dir():
        raise NotBuilt(f"No graph store is at {store}; run 'citygraph build' first.")
    held = Lease(store)
    if not (store / "CURRENT").exists():
        held.release()
        raise NotBuilt(f"No graph store is at {store}; run 'citygraph build' first.")
    return held


def prune(home: Path, keep: set[Path]) -> list[Path]:
    """Delete every store but ``keep`` and ``current`` that no reader holds; return them.

    Only a writer (inside :func:`writing`) may prune.  A store whose lease
    file a reader holds is left for a later writer.
    """
    folder = stores_dir(home)
    if not folder.is_dir():
        return []
    kept = {p.resolve() for p in keep}
    with contextlib.suppress(NotBuilt):
        kept.add(current_store(home))
    gone = []
    for store in sorted(folder.iterdir()):
        if store_version(store) is None or not store.is_dir() or store.resolve() in kept:
            continue
        with _lease_file(store).open("a+") as held:
            if not _try(held, fcntl.LOCK_EX):
                continue  # a reader still reads it
            _unname(store)
            _remove(documents_of(store))
            record_of(store).unlink(missing_ok=True)
            _lease_file(store).unlink(missing_ok=True)
        gone.append(store)
    for stray in folder.iterdir():  # what a writer killed while pruning left beside no store
        named = stray.with_name(stray.name.removesuffix(stray.suffix))
        if stray.suffix in (".documents", ".json") and not named.exists():
            _remove(stray)
    for stray in folder.glob("*.lease"):  # a lease file left by a reader of a deleted store
        if not stray.with_name(stray.name.removesuffix(".lease")).exists():
            with stray.open("a+") as held:
                if _try(held, fcntl.LOCK_EX):
                    stray.unlink(missing_ok=True)
    return gone


def _unname(store: Path) -> None:
    """Delete a store, renaming it to a partial name first.

    A writer killed meanwhile leaves a folder the next writer sweeps, never a
    ``store-*`` folder half deleted.
    """
    doomed = partial(store)
    os.replace(store, doomed)
    _remove(doomed)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
