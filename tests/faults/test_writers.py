"""Writers that run at once or die: the home stays whole and nothing written is lost.

Concurrent builds, builds while a server answers (and replaces a timed-out
query worker), and ``kill -9`` at many moments of a build, an ingest and an
update.  Each is followed by checks that ``current`` opens, the answers are
the old or the new version, and no document or update is lost.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from citygraph.graph.home import current_store, current_version, documents_of
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.update import logged_updates

from ..api.serving import serving
from ..conftest import TEST_DATA
from .conftest import ENV, Scale, assert_sound, cli, run

pytestmark = pytest.mark.e2e

TINY = TEST_DATA / "tiny"
RELEASE = """서울특별시와 웰링턴시는 2024년 3월 5일 서울시청에서 기후 협력 양해각서(MOU)를 체결했다.
오세훈 서울시장과 토리 화나우 웰링턴 시장이 서명했다.
"""
TOKEN = "t0ken"  # the update token of the test server
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
        "FILTER(STR(?c) != STR(?i)) }")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    made = tmp_path / "home"
    result = run("build", "--data-dir", str(made), "--sources", str(TINY))
    assert result.returncode == 0, result.stderr
    return made


def test_concurrent_builds_leave_a_valid_current_every_time(home: Path, scale: Scale) -> None:
    expected = assert_sound(home)
    for _ in range(scale.rounds):
        builds = [subprocess.Popen(cli("build", "--data-dir", str(home), "--sources", str(TINY)),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=ENV)
                  for _ in range(scale.writers)]
        for build in builds:
            out, err = build.communicate(timeout=300)
            assert build.returncode == 0, err
            assert "Built" in out
        assert assert_sound(home) == expected
    stores = [p for p in (home / "stores").iterdir() if p.name.startswith("store-")
              and p.is_dir() and not p.name.endswith(".documents")]
    assert len(stores) <= 2  # no reader holds the others: pruned


def test_builds_during_serving_with_a_timed_out_query_leave_every_route_answering(
        home: Path) -> None:
    routes = ["/health", "/", "/api/cities", "/cities/wellington", "/agreements",
              "/visual.json?lang=en", "/api/network/centrality", "/sources"]
    with serving(home, timeout="2") as url:
        first = current_version(home)
        for _ in range(2):
            slow = threading.Thread(target=lambda: httpx.get(
                f"{url}/sparql", params={"query": SLOW}, timeout=30))
            slow.start()  # it times out and its worker is replaced
            result = run("build", "--data-dir", str(home), "--sources", str(TINY))
            assert result.returncode == 0, result.stderr
            slow.join(30)
        time.sleep(1.5)  # the server follows current
        for route in routes:
            answer = httpx.get(f"{url}{route}", timeout=20)
            assert answer.status_code == 200, (route, answer.status_code, answer.text[:200])
        ask = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=20)
        assert ask.status_code == 200 and ask.json()["boolean"] is True
        health = httpx.get(f"{url}/health", timeout=10).json()
        assert health["behind"] is False and health["version"] == current_version(home)
        assert first is not None


#: the curated data of every writer here (ingest reads it from the setting)
WITH_TINY = {**ENV, "CITYGRAPH_SOURCES": str(TINY)}


def kill_after(argv: list[str], seconds: float) -> int | None:
    """Run ``argv``, kill it with SIGKILL after ``seconds`` (or let it end); its exit code."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=WITH_TINY, start_new_session=True)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the writer and its worker processes
        process.wait(10)
        return None


def duration(argv: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(argv, env=WITH_TINY, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def moments(total: float, count: int) -> list[float]:
    """``count`` moments spread over a writer's run, from its start to just past its end."""
    return [total * (0.1 + 1.0 * i / count) for i in range(count)]


def test_a_build_killed_at_any_moment_leaves_the_old_graph_or_the_new(home: Path,
                                                                      scale: Scale) -> None:
    argv = cli("build", "--data-dir", str(home), "--sources", str(TINY))
    total = duration(argv)
    before = assert_sound(home)
    for at in moments(total, scale.kills):
        kill_after(argv, at)
        assert assert_sound(home) == before  # same data: same graph, whichever store
    assert run("build", "--data-dir", str(home), "--sources", str(TINY)).returncode == 0


def ingested(home: Path) -> tuple[bool, bool]:
    """Whether the current store's graph holds the document, and its folder keeps it."""
    store = open_current(home)
    try:
        result = store.query("ASK { GRAPH <https://w3id.org/citygraph/id/source/document/"
                             "mou-2024.ko> { ?s ?p ?o } }")
        in_graph = bool(getattr(result, "boolean", False))
    finally:
        store.close()
    return in_graph, (documents_of(current_store(home)) / "mou-2024.ko.json").exists()


def test_an_ingest_killed_at_any_moment_keeps_graph_and_documents_together(
        home: Path, tmp_path: Path, scale: Scale) -> None:
    release = tmp_path / "mou-2024.ko.txt"
    release.write_text(RELEASE, encoding="utf-8")
    argv = cli("ingest", str(release), "--data-dir", str(home))
    spare = tmp_path / "spare"
    shutil.copytree(home, spare, symlinks=True)
    total = duration(argv)  # ingests it once, to time it
    for at in moments(total, scale.kills):
        shutil.rmtree(home)
        shutil.copytree(spare, home, symlinks=True)
        code = kill_after(argv, at)
        assert_sound(home)
        in_graph, kept = ingested(home)
        assert in_graph == kept, f"killed at {at:.2f} s: graph {in_graph}, documents {kept}"
        if code == 0:
            assert in_graph
    result = subprocess.run(argv, env=WITH_TINY, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert ingested(home) == (True, True)


def test_an_update_killed_at_any_moment_is_kept_or_not_made(home: Path, scale: Scale) -> None:
    update = ('INSERT DATA { GRAPH <https://w3id.org/citygraph/id/source/partners> { '
              '<https://w3id.org/citygraph/id/place/gn2179537> '
              '<http://www.w3.org/2000/01/rdf-schema#comment> "kept" } }')
    check = ("ASK { <https://w3id.org/citygraph/id/place/gn2179537> "
             "<http://www.w3.org/2000/01/rdf-schema#comment> \"kept\" }")
    for n in range(scale.kills):
        with serving(home, update_token=TOKEN, timeout="20") as url:
            port = int(url.rsplit(":", 1)[1])
            answer: dict[str, int] = {}
            sender = threading.Thread(target=_send, args=(url, update, answer))
            sender.start()
            time.sleep(0.05 + 0.9 * n / scale.kills)  # a moment of the update
            for pid in _listeners(port):  # the server; its group holds its workers too
                if os.getpgid(pid) != os.getpgid(0):
                    os.killpg(os.getpgid(pid), signal.SIGKILL)
            sender.join(30)
        assert_sound(home)
        store = open_current(home)
        try:
            live = bool(getattr(store.query(check), "boolean", False))
        finally:
            store.close()
        kept = bool(logged_updates(home))
        if answer.get("status") == 200:
            assert live and kept, "an answered update must be live and kept"
        assert kept or not live, "a live update must be kept for the next build"
        if kept:  # the next build replays it
            assert run("build", "--data-dir", str(home), "--sources", str(TINY)).returncode == 0
            store = open_current(home)
            try:
                assert getattr(store.query(check), "boolean", False)
            finally:
                store.close()
            shutil.rmtree(home / "updates")
            assert run("build", "--data-dir", str(home), "--sources", str(TINY)).returncode == 0


def _send(url: str, update: str, answer: dict[str, int]) -> None:
    try:
        answer["status"] = httpx.post(f"{url}/sparql/update", data={"update": update},
                                      headers={"Authorization": f"Bearer {TOKEN}"},
                                      timeout=30).status_code
    except httpx.HTTPError:
        answer["status"] = 0


def _listeners(port: int) -> list[int]:
    """The pids of the processes that listen on a TCP port of 127.0.0.1."""
    inodes = set()
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":
                inodes.add(fields[9])
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    pids.append(int(pid))
                    break
        except OSError:
            continue
    return pids
