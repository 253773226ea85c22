"""The home folder: where stores, the ``current`` link and ingested documents live.

Every path citygraph writes under its home is named here, and nowhere else::

    HOME/current -> stores/store-<version>-<time>   (a symlink, swapped atomically)
    HOME/stores/store-<version>-<time>/             (an Oxigraph store)
    HOME/stores/store-<version>-<time>.json         (what the build recorded)
    HOME/documents/{id}.json, {id}.txt              (ingested documents)

``<version>`` is a digest of the graph's content (the build's facts and
ontology, or an update's predecessor and text), so caches keyed on it see
every change; ``<time>`` keeps two stores of the same content apart.

This module knows paths only: it opens no store and imports nothing of
citygraph but its errors, so every other part of :mod:`citygraph.graph` may
use it.

Examples
--------
>>> home = Path("/srv/citygraph")
>>> new_store(home, "3f9a0c1d", now=1718000000000).name
'store-3f9a0c1d-1718000000000'
>>> store_version(new_store(home, "3f9a0c1d", now=1))
'3f9a0c1d'
>>> documents_dir(home)
PosixPath('/srv/citygraph/documents')
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from citygraph.ingest.errors import StoreUnavailable

__all__ = [
    "NotBuilt",
    "current_store",
    "current_version",
    "documents_dir",
    "new_store",
    "prune",
    "record_of",
    "store_version",
    "stores_dir",
    "switch",
]



class NotBuilt(StoreUnavailable):
    """No graph has been built in the home folder (or its store is gone)."""


_STORE_NAME = re.compile(r"store-([0-9a-f]+)-\d+")


def stores_dir(home: Path) -> Path:
    """The folder that holds every store of ``home``."""
    return home / "stores"


def documents_dir(home: Path) -> Path:
    """The folder of the ingested documents (extraction JSON and decoded text)."""
    return home / "documents"


def new_store(home: Path, version: str, *, now: int | None = None) -> Path:
    """The path of a new store for a graph of ``version`` (not created here)."""
    return stores_dir(home) / f"store-{version}-{time.time_ns() if now is None else now}"


def record_of(store: Path) -> Path:
    """The JSON file beside a store that records what made it."""
    return store.with_suffix(".json")


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


def switch(home: Path, target: Path) -> None:
    """Point ``home/current`` at ``target`` atomically (rename over the link)."""
    tmp = home / f".current-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target.relative_to(home))
    os.replace(tmp, home / "current")


def prune(home: Path, keep: set[Path], spare: int = 1) -> None:
    """Delete old stores, sparing the newest ``spare`` others (a server may read them)."""
    folder = stores_dir(home)
    old = sorted(
        (p for p in folder.iterdir() if p.is_dir() and p.resolve() not in keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for store in old[spare:]:
        shutil.rmtree(store, ignore_errors=True)
        record_of(store).unlink(missing_ok=True)
