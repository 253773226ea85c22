"""Fixtures of the API tests: a real ``citygraph serve`` of the bundled graph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .serving import serving


@pytest.fixture(scope="session")
def site(built_home: Path) -> Iterator[str]:
    """``citygraph serve`` of the bundled graph on 127.0.0.1, for browser tests: its URL."""
    with serving(built_home) as url:
        yield url
