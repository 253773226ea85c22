"""The store's life under a running server: builds go live without a restart, updates stay.

A real ``citygraph serve`` on 127.0.0.1 and the real command line, as an
operator runs them side by side.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from citygraph.graph.home import current_version, updates_dir

from ..conftest import TEST_DATA
from .serving import serving

pytestmark = pytest.mark.e2e

WELLINGTON = "https://w3id.org/citygraph/id/place/gn2179537"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PARTNERS = "https://w3id.org/citygraph/id/source/partners"


def citygraph(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "COLUMNS": "200",
                               **{f"CITYGRAPH_{k.upper()}": v for k, v in env.items()}})


def labels(url: str) -> set[str]:
    answer = httpx.get(f"{url}/sparql", params={
        "query": f"SELECT ?l WHERE {{ <{WELLINGTON}> <{LABEL}> ?l }}"},
        headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert answer.status_code == 200, answer.text
    return {b["l"]["value"] for b in answer.json()["results"]["bindings"]}


def wait_for(url: str, version: str, seconds: float = 5.0) -> float:
    """Seconds until /health reports ``version``; fails after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        health = httpx.get(f"{url}/health", timeout=5).json()
        if health["version"] == version:
            assert health["behind"] is False and health["current"] == version
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"the server did not move to {version} within {seconds} s: {health}")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(TEST_DATA / "tiny", copy)
    return copy


@pytest.fixture
def home(tmp_path: Path, sources: Path) -> Path:
    made = tmp_path / "home"
    result = citygraph("build", "--data-dir", str(made), "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    return made


def rename_wellington(sources: Path, name: str) -> None:
    places = sources / "reference" / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",Wellington,", f",{name},"),
                      encoding="utf-8")


def test_a_build_goes_live_on_a_running_server_without_a_restart(home: Path,
                                                                 sources: Path) -> None:
    with serving(home) as url:
        assert "Wellington" in labels(url)
        rename_wellington(sources, "Te Whanganui-a-Tara")
        result = citygraph("build", "--data-dir", str(home), "--sources", str(sources))
        assert result.returncode == 0, result.stderr
        version = current_version(home)
        assert version is not None
        waited = wait_for(url, version)
        assert waited < 5.0
        assert "Te Whanganui-a-Tara" in labels(url) and "Wellington" not in labels(url)
        assert httpx.get(f"{url}/api/cities/wellington", timeout=10).json()["name_en"] == (
            "Te Whanganui-a-Tara")


def test_an_update_survives_a_build_and_can_be_set_aside(home: Path, sources: Path) -> None:
    insert = (f'DELETE {{ GRAPH ?g {{ <{WELLINGTON}> <{LABEL}> "Wellington"@en }} }} '
              f'INSERT {{ GRAPH ?g {{ <{WELLINGTON}> <{LABEL}> "Poneke"@en }} }} '
              f'WHERE {{ GRAPH ?g {{ <{WELLINGTON}> <{LABEL}> "Wellington"@en }} }}')
    with serving(home, update_token="t0ken") as url:
        done = httpx.post(f"{url}/sparql/update", data={"update": insert}, timeout=30,
                          headers={"Authorization": "Bearer t0ken"})
        assert done.status_code == 200, done.text
        assert labels(url) == {"Poneke", "웰링턴"}
        assert len(list(updates_dir(home).glob("*.rq"))) == 1
        result = citygraph("build", "--data-dir", str(home), "--sources", str(sources))
        assert result.returncode == 0, result.stderr
        assert "Replayed 1 SPARQL Update" in result.stdout
        wait_for(url, current_version(home) or "")
        assert labels(url) == {"Poneke", "웰링턴"}  # the build kept the update
        result = citygraph("build", "--data-dir", str(home), "--sources", str(sources),
                           "--discard-updates")
        assert result.returncode == 0, result.stderr
        wait_for(url, current_version(home) or "")
        assert labels(url) == {"Wellington", "웰링턴"}
        assert not list(updates_dir(home).glob("*.rq"))
        assert list(home.glob("updates-discarded-*/*.rq"))  # set aside, not deleted
