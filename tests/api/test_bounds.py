"""No client's query or body can stall the others, grow the server's memory or crash it.

A real ``citygraph serve`` (3 s time limit, 100-row cap, 192 MB a query) is
sent what a careless or hostile client sends: a gigabyte body, a query that
needs gigabytes, a parse bomb, slow queries holding workers.  The server's
memory is read from /proc (the server and its worker processes together).
(How fast it answers meanwhile is measured by ``make benchmark``.)
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .serving import memory, served

CITY = "https://w3id.org/citygraph/ontology#City"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
JSON = {"Accept": "application/sparql-results+json"}
MB = 1024 * 1024


@pytest.fixture(scope="module")
def server(built_home: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with served(built_home, timeout="3", row_cap="100", worker_memory="192") as running:
        yield running


def test_a_gigabyte_body_is_refused_while_it_streams(
        server: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, process = server
    before = memory(process.pid)
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        chunk = b"query=" + b"x" * MB
        for _ in range(1024):  # 1 GB, chunked: no Content-Length to refuse it by
            sent += len(chunk)
            yield chunk

    try:
        r = httpx.post(f"{url}/sparql", content=body(), timeout=60,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 413 and r.json()["error"] == "query_too_large"
    except httpx.TransportError:  # the server answered and closed while the client still sent
        pass
    assert sent < 64 * MB
    assert memory(process.pid) - before < 64 * MB
    assert httpx.get(f"{url}/health").status_code == 200


def test_a_query_that_needs_gigabytes_is_503_and_the_server_stays_small(
        server: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, process = server
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, memory(process.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        r = httpx.get(f"{url}/sparql", params={"query": HUNGRY}, headers=JSON, timeout=30)
    finally:
        done.set()
        watcher.join()
    assert r.status_code == 503 and r.json()["error"] == "too_much_memory", r.text
    assert "192 MB" in r.json()["message"] and r.headers["retry-after"] == "1"
    assert peak < 1024 * MB  # server and workers together (it reached 5.5 GB before)
    ask = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON)
    assert ask.status_code == 200 and ask.json()["boolean"] is True


def test_the_row_cap_cuts_construct(server: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, _ = server
    r = httpx.get(f"{url}/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                  headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["x-citygraph-truncated"] == "true"
    assert len(r.text.splitlines()) == 100


def test_a_parse_bomb_stalls_no_one(server: tuple[str, subprocess.Popen[bytes]]) -> None:
    """A long expression, no token needed: rdflib's parser took 11.5 s on one under a global lock.

    This one is also slow to run (never true, over every pair of triples),
    so it is still running when the ASK comes: the ASK must not wait for it.
    """
    url, _ = server
    bomb = ("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c FILTER(!(" + "||".join(["?o"] * 1_900)
            + ")) } LIMIT 1")
    order: list[str] = []

    answers: list[httpx.Response] = []

    def send_bomb() -> None:
        answers.append(httpx.post(f"{url}/sparql", data={"query": bomb}, headers=JSON,
                                  timeout=30))
        order.append("bomb")

    thread = threading.Thread(target=send_bomb)
    thread.start()
    time.sleep(0.05)
    ask = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o } # fresh"}, headers=JSON)
    order.append("ask")
    thread.join(30)
    assert ask.status_code == 200
    assert order == ["ask", "bomb"]
    assert answers[0].status_code == 503 and answers[0].json()["error"] == "timeout"


def test_simple_queries_answer_while_four_slow_ones_run(
        server: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, _ = server
    statuses: list[int] = []

    def slow(n: int) -> None:
        r = httpx.get(f"{url}/sparql", params={"query": f"{SLOW} # {n}"}, timeout=30)
        statuses.append(r.status_code)

    threads = [threading.Thread(target=slow, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # the four hold four workers
    answers = [httpx.get(f"{url}/sparql", headers=JSON, timeout=30, params={
        "query": f"SELECT ?c WHERE {{ ?c a <{CITY}> }} LIMIT {n + 1}"}) for n in range(30)]
    for thread in threads:
        thread.join(30)
    assert [a.status_code for a in answers] == [200] * 30
    assert sorted(statuses) == [503] * 4  # each slow one timed out, and only it
