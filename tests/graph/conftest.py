"""Fixtures for the graph tests: a private Virtuoso server (see ``tests/virtuoso.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pytest

from ..virtuoso import installed, start, stop


class VirtuosoServer(NamedTuple):
    """What the ``virtuoso`` fixture yields: unpack as ``endpoint_url, user, password``."""

    endpoint_url: str
    user: str
    password: str

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, the root of the server's HTTP endpoints."""
        return self.endpoint_url.removesuffix("/sparql")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A private Virtuoso on 127.0.0.1 for the session, with a random ``dba`` password.

    Skips (which fails a CI run) when ``virtuoso-t`` is not installed.
    """
    reason = installed()
    if reason:
        pytest.skip(reason)
    server = start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield VirtuosoServer(server.endpoint, server.user, server.password)
    finally:
        stop(server)
