"""A new graph version has its busiest pages' values made before anyone asks for them."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings

TOKEN = "t0ken"  # a test server's
INSERT = ("INSERT DATA { GRAPH <https://w3id.org/citygraph/id/source/test> { "
          "<https://w3id.org/citygraph/id/test> <http://www.w3.org/2000/01/rdf-schema#comment> "
          '"warm" } }')
WARMED = ("home", "network", "search")


def _within(seconds: float, done: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.05)
    return done()


def test_start_up_and_an_update_make_the_pages_values_ahead(built_home: Path,
                                                             tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_home, home, symlinks=True)
    app = create_app(Settings.from_env({"CITYGRAPH_HOME": str(home),
                                        "CITYGRAPH_UPDATE_TOKEN": TOKEN}))
    with TestClient(app) as client:
        runtime = app.state.runtime
        first = runtime.store.version
        assert _within(30, lambda: all(runtime.cache.version_of(n) == first for n in WARMED))
        answer = client.post("/sparql/update", content=INSERT, headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200, answer.text
        second = runtime.store.version
        assert second != first
        # no page was asked for: the values of the new version are made all the same
        assert _within(30, lambda: all(runtime.cache.version_of(n) == second for n in WARMED))
        page = client.get("/", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "서울" in page.text
