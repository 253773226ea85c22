"""Settings: one declarative table, read from the environment.

=====================  ============================  ==========================================
variable               default                       meaning
=====================  ============================  ==========================================
CITYGRAPH_HOME         $XDG_DATA_HOME/citygraph      where built stores live
CITYGRAPH_SOURCES      the bundled ``data/``         the curated datasets to build from
CITYGRAPH_FOCUS        seoul                         key of the focus city
CITYGRAPH_HOST         127.0.0.1                     address ``serve`` listens on
CITYGRAPH_PORT         8000                          port ``serve`` listens on
CITYGRAPH_ROW_CAP      10000                         most rows a SPARQL query returns
CITYGRAPH_MAX_QUERY    100000                        longest SPARQL query accepted, in bytes
CITYGRAPH_SERVICE      false                         allow SERVICE (fetching other endpoints)
CITYGRAPH_DATASETS     false                         allow FROM / FROM NAMED in queries
CITYGRAPH_TIMEOUT      10                            seconds a query (or an update) may run
CITYGRAPH_STORE        oxigraph                      oxigraph:PATH or sparql:URL (a remote server)
CITYGRAPH_STORE_USER   (none)                        user for loading a remote store
CITYGRAPH_STORE_PASSWORD (none)                      its password (environment only)
CITYGRAPH_WORKERS      2                             query worker processes always running
CITYGRAPH_MAX_WORKERS  8                             query workers when all are busy (one client
                                                     runs at most MAX_WORKERS - 2 queries at once)
CITYGRAPH_WORKER_MEMORY 512                          MB one query (or update) may take
CITYGRAPH_MAX_DOCUMENT 5000000                       largest document ``extract``/``ingest`` read
CITYGRAPH_THRESHOLD    0.6                           least confidence ``ingest`` keeps
CITYGRAPH_UPDATE_TOKEN (none: updates disabled)      bearer token for ``POST /sparql/update``
CITYGRAPH_NETWORK_UPDATES false                      serve updates on a non-loopback address
CITYGRAPH_CHROMIUM     (first chromium on PATH)      browser ``visual --png`` draws with
CITYGRAPH_WORLD        (as the last build)           build the world's twin-town list in: on or off
CITYGRAPH_BASE_URL     http://HOST:PORT              public address of the server (no path), as
                                                     the SPARQL service description names it
CITYGRAPH_PRIVATE      false                         reading needs a signed-in user (any role)
=====================  ============================  ==========================================

Examples
--------
>>> Settings.from_env({"CITYGRAPH_PORT": "9000"}).port
9000
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

from citygraph.ingest.errors import InvalidParameter

#: An http(s) address without query or fragment; a path prefix is allowed.
_BASE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")

__all__ = ["Settings", "bundled_sources"]


def bundled_sources() -> Path:
    """Return the folder of the curated datasets shipped with citygraph."""
    return Path(str(files("citygraph.data")))


def _default_home(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "citygraph"


def _ranges(s: Settings) -> tuple[tuple[str, float, float, float, str], ...]:
    """Each numeric setting with its bounds and, in words, what it must be."""
    return (
        ("port", s.port, 1, 65_535, "a port is a whole number from 1 to 65535"),
        ("timeout", s.timeout, 0.1, 3_600, "the time limit is 0.1 to 3600 seconds"),
        ("workers", s.workers, 1, 64, "the server needs 1 to 64 query workers"),
        ("max_workers", s.max_workers, 1, 256,
         "the most query workers is 1 to 256 (never fewer than CITYGRAPH_WORKERS run)"),
        ("worker_memory", s.worker_memory, 16, 1_048_576,
         "a query may take 16 MB to 1 TB of memory"),
        ("row_cap", s.row_cap, 1, 100_000_000, "the row cap is at least 1"),
        ("max_query", s.max_query, 16, 100_000_000, "a query may be 16 bytes to 100 MB long"),
        ("max_document", s.max_document, 1, 1_000_000_000,
         "the largest document is at least 1 byte"),
        ("threshold", s.threshold, 0.0, 1.0, "a confidence threshold is from 0 to 1"),
    )


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an operator can set; see the module docstring for the table."""

    home: Path
    sources: Path
    focus: str = "seoul"
    host: str = "127.0.0.1"
    port: int = 8000
    row_cap: int = 10_000
    max_query: int = 100_000
    service: bool = False
    datasets: bool = False
    timeout: float = 10.0
    workers: int = 2
    max_workers: int = 8
    worker_memory: int = 512
    store: str = ""
    store_user: str = ""
    store_password: str = field(default="", repr=False)
    max_document: int = 5_000_000
    threshold: float = 0.6
    update_token: str = field(default="", repr=False)
    network_updates: bool = False
    chromium: str = ""
    world: str = ""
    """``on``: builds include the world's twin-town list (``data/twin-towns``); ``off``: not;
    empty: as the home's last build (see :meth:`lists`)."""
    base_url: str = ""
    """The server's public address; empty: ``http://{host}:{port}`` (see :meth:`public_url`)."""
    private: bool = False
    """Reading the graph needs a signed-in user (see :mod:`citygraph.api.private`)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``CITYGRAPH_*`` variables; keyword arguments win over them."""
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "home": Path(env.get("CITYGRAPH_HOME") or _default_home(env)),
            "sources": Path(env.get("CITYGRAPH_SOURCES") or bundled_sources()),
        }
        for f in fields(cls):
            name = f"CITYGRAPH_{f.name.upper()}"
            if f.name in values or name not in env:
                continue
            raw = env[name]
            if f.type == "int":
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise InvalidParameter(f"{name}={raw!r} is not a whole number") from None
            elif f.type == "float":
                try:
                    values[f.name] = float(raw)
                except ValueError:
                    raise InvalidParameter(f"{name}={raw!r} is not a number") from None
            elif f.type == "bool":
                values[f.name] = raw.lower() in {"1", "true", "yes", "on"}
            else:
                values[f.name] = raw
        settings = cls(**values)  # type: ignore[arg-type]
        settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
        settings.check()
        return settings

    def lists(self) -> list[Path] | None:
        """The list folders a build includes: None for as the home's last build did.

        >>> Settings.from_env({"CITYGRAPH_WORLD": "off"}).lists()
        []
        """
        value = self.world.strip().lower()
        if not value:
            return None
        if value in {"0", "off", "false", "no"}:
            return []
        folder = self.sources / "twin-towns"
        return [folder if folder.is_dir() else bundled_sources() / "twin-towns"]

    def check(self) -> None:
        """Refuse a setting no server or command can work with, naming it.

        Raises
        ------
        InvalidParameter
            A value out of its range; the message names the variable.

        Examples
        --------
        >>> Settings.from_env({"CITYGRAPH_WORKERS": "0"})
        Traceback (most recent call last):
        ...
        citygraph.ingest.errors.InvalidParameter: CITYGRAPH_WORKERS=0: ...
        """
        for name, value, low, high, what in _ranges(self):
            if not low <= value <= high:
                raise InvalidParameter(f"CITYGRAPH_{name.upper()}={value!r}: {what}.")
        if not self.host.strip():
            raise InvalidParameter("CITYGRAPH_HOST is empty: give an address to listen on, "
                                   "such as 127.0.0.1.")
        if not self.focus.strip():
            raise InvalidParameter("CITYGRAPH_FOCUS is empty: give the key of a city in the "
                                   "data, such as seoul.")
        if self.base_url and not _BASE_URL.match(self.base_url):
            raise InvalidParameter(f"CITYGRAPH_BASE_URL={self.base_url!r} is not an http(s) "
                                   "address such as https://citygraph.example.org")

    @property
    def loopback(self) -> bool:
        """Whether the server listens on this machine only."""
        return self.host in ("127.0.0.1", "::1", "localhost") or self.host.startswith("127.")

    def public_url(self, path: str = "") -> str:
        """The public address of ``path`` on this server, from the configured base URL.

        Never from a request's ``Host`` header: answers are cached and shared.

        >>> Settings.from_env({}).public_url("/sparql")
        'http://127.0.0.1:8000/sparql'
        >>> Settings.from_env({"CITYGRAPH_BASE_URL": "https://cg.example.org/"}).public_url(
        ...     "/sparql")
        'https://cg.example.org/sparql'
        """
        base = self.base_url.rstrip("/") or f"http://{self.host}:{self.port}"
        return base + path
