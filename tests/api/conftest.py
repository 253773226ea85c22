"""Fixtures of the API tests: the app in-process, and a real ``citygraph serve``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings
from citygraph.graph.store.embedded import OxigraphStore

from .serving import serving

EN = {"accept-language": "en"}
KO = {"accept-language": "ko"}


@pytest.fixture(scope="module")
def client(built_home: Path, bundled_store: OxigraphStore) -> Iterator[TestClient]:
    """The app on the bundled graph, in-process (modules may define their own)."""
    app = create_app(Settings.from_env({}, home=built_home), store=bundled_store)
    with TestClient(app) as c:
        yield c


def main(html: str) -> str:
    """The ``<main>`` of a staff page."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture(scope="session")
def site(built_home: Path) -> Iterator[str]:
    """``citygraph serve`` of the bundled graph on 127.0.0.1, for browser tests: its URL."""
    with serving(built_home) as url:
        yield url
