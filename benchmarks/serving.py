"""HTTP benchmarks: ``citygraph serve`` under load, against rdflib-endpoint on the same data.

Run with ``python benchmarks/serving.py`` (``make benchmark`` runs it at the end).
It builds the bundled graph into a temporary home (``citygraph build``),
starts ``citygraph serve`` on a free port of 127.0.0.1 and prints:

- the time from starting the process to the first ``200`` from ``/health``,
  and to the first SPARQL answer (the query workers start after ``/health``);
- the resident memory (VmRSS) of the server and all its child processes (the
  query workers), sampled after start-up, during the load and after it;
  whether the Korean language model (kiwipiepy) is loaded (it should not be);
- requests/s, p50 and p99 latency at a fixed concurrency for three SPARQL
  queries (a lookup, a join, an aggregate) and three REST calls (a route that
  answers 404 is "not available");
- the same three queries against rdflib-endpoint serving the N-Quads export
  of the same store (``citygraph export --format nq``), the ratio of the
  throughputs, and whether both servers give the same answers.

Both servers are stopped, with their children, however the run ends.

Settings (environment): ``BENCH_HTTP_REQUESTS`` requests per case (400),
``BENCH_HTTP_WARMUP`` warm-up requests per case (20), ``BENCH_HTTP_CONCURRENCY``
clients at once (8), ``BENCH_HTTP_MAX_SECONDS`` the longest a case may send
requests (60; a slower case stops early and says so).  ``CITYGRAPH_WORKERS``
and ``CITYGRAPH_TIMEOUT`` reach the server as usual.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent

import http.client  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "400"))
WARMUP = int(os.environ.get("BENCH_HTTP_WARMUP", "20"))
CONCURRENCY = int(os.environ.get("BENCH_HTTP_CONCURRENCY", "8"))
MAX_SECONDS = float(os.environ.get("BENCH_HTTP_MAX_SECONDS", "60"))  # per case, warm-up apart
HOST = "127.0.0.1"
READY_WITHIN = 60.0  # seconds a server may take to answer at all
JSON_RESULTS = "application/sparql-results+json"
# issue 17's targets
TARGETS = {"first_answer_s": 1.5, "rest_mb": 400.0, "engine_ratio": 0.8, "p99_ms": 50.0,
           "busy_p99_ms": 200.0, "page_first_ms": 150.0, "page_again_ms": 20.0}
UPDATE_TOKEN = "benchmark-token"  # noqa: S105 (a throwaway server on 127.0.0.1)

PREFIXES = """PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
BY_KEY = PREFIXES + 'SELECT ?entity WHERE {{ ?entity dcterms:identifier "{key}" }} LIMIT 1'
JOIN_BODY = """?agreement cg:party {seoul}, ?partner . FILTER(?partner != {seoul})
  ?partner rdfs:label ?name ; cg:country ?country . FILTER(LANG(?name) = "en")
  ?country rdfs:label ?countryName ; cg:continent ?continent . FILTER(LANG(?countryName) = "en")
  ?continent skos:prefLabel ?continentName . FILTER(LANG(?continentName) = "en")"""
QUERIES = {
    "lookup": "SELECT ?label WHERE {{ {wellington} rdfs:label ?label }}",
    "join": "SELECT DISTINCT ?agreement ?partner ?name ?countryName ?continentName WHERE {{\n  "
            + JOIN_BODY + "\n}} ORDER BY ?name ?agreement",
    "aggregate": "SELECT ?kind (COUNT(DISTINCT ?agreement) AS ?agreements) WHERE {{\n"
                 "  ?agreement a cg:Agreement ; cg:agreementKind/skos:notation ?kind\n"
                 "}} GROUP BY ?kind ORDER BY DESC(?agreements) ?kind",
}
# the join without DISTINCT: only checked once, for the row counts of the two servers
JOIN_ALL_ROWS = "SELECT ?agreement ?partner ?name ?countryName ?continentName WHERE {{\n  " \
                + JOIN_BODY + "\n}}"
REST = {path: path.replace("웰링", quote("웰링")) for path in  # shown as written, sent encoded
        ("/api/cities?limit=50", "/api/cities/wellington", "/api/search?q=웰링")}


# --- processes -----------------------------------------------------------------------------

def _children(pid: int) -> list[int] | None:
    """A process's children, from /proc/PID/task/*/children (None where the kernel has none)."""
    if not Path(f"/proc/{pid}/task/{pid}/children").exists():
        return None
    found = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError):
                found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text()
                          .split()]
    return found


def _children_by_scan() -> dict[int, list[int]]:
    """Every process's children, from the parents in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    return children


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    scanned: dict[int, list[int]] | None = None
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        children = _children(current)
        if children is None:
            scanned = _children_by_scan() if scanned is None else scanned
            children = scanned.get(current, [])
        todo.extend(children)
    return tree


def rss_kb(pid: int) -> int:
    """A process's resident memory (VmRSS) in kB; 0 once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def maps_mention(pids: list[int], word: str) -> list[int]:
    """The processes that have a file whose path contains ``word`` mapped."""
    found = []
    for pid in pids:
        try:
            if word in Path(f"/proc/{pid}/maps").read_text().lower():
                found.append(pid)
        except OSError:
            continue
    return found


@dataclass
class Memory:
    """Samples the resident memory of a process tree in a thread; peaks per phase."""

    pid: int
    interval: float = 0.2
    phase: str = "start-up"
    peaks: dict[str, tuple[int, int]] = field(default_factory=dict)  # phase: (kB, processes)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> int:
        pids = process_tree(self.pid)
        total = sum(rss_kb(pid) for pid in pids)
        if total > self.peaks.get(self.phase, (0, 0))[0]:
            self.peaks[self.phase] = (total, len(pids))
        return total

    def start(self) -> None:
        def run() -> None:
            while not self._stop.wait(self.interval):
                self.sample()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def peak(self) -> tuple[int, int]:
        return max(self.peaks.values(), default=(0, 0))


@dataclass
class Server:
    """A server running in its own process group, with its log in a file."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    started: float
    log: Path
    sparql: str  # the path of its SPARQL endpoint

    def sparql_path(self, query: str) -> str:
        return f"{self.sparql}?query={quote(query)}"

    def get(self, path: str, accept: str = "application/json", timeout: float = 30.0,
            source: str | None = None) -> tuple[int, bytes]:
        """GET ``path``; ``source`` is the client's own loopback address (another client)."""
        connection = http.client.HTTPConnection(
            HOST, self.port, timeout=timeout,
            source_address=(source, 0) if source else None)
        try:
            connection.request("GET", path, headers={"Accept": accept})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def wait_ready(self, path: str) -> float:
        """Poll ``path`` until it answers 200; return seconds since the process started."""
        deadline = self.started + READY_WITHIN
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped with code {self.process.returncode} "
                                   f"before answering:\n{self.log.read_text()[-3000:]}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if self.get(path, timeout=5)[0] == 200:
                    return time.perf_counter() - self.started
            time.sleep(0.01)
        raise RuntimeError(f"{self.name} did not answer {path} within {READY_WITHIN:g} s:\n"
                           f"{self.log.read_text()[-3000:]}")

    def stop(self) -> list[int]:
        """Stop the server and its children; return the ones that had to be killed."""
        pids = process_tree(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # uvicorn shuts down, the app stops workers
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(rss_kb(pid) for pid in pids[1:]):
            time.sleep(0.05)
        left = [pid for pid in pids[1:] if rss_kb(pid)]
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return left


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the benchmark dies, even killed (Linux's PDEATHSIG)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1


def start(name: str, argv: list[str], env: dict[str, str], folder: Path, port: int,
          sparql: str) -> Server:
    """Start a server in its own session, stopped by SIGTERM if the benchmark is killed."""
    log = folder / f"{name}.log"
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(argv, env=env, cwd=folder, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=_die_with_parent)
    return Server(name, process, port, started, log, sparql)


def citygraph_command() -> list[str]:
    script = Path(sys.executable).parent / "citygraph"
    if script.exists():
        return [str(script)]
    found = shutil.which("citygraph")
    if found:
        return [found]
    return [sys.executable, "-c", "from citygraph.api.cli import main; main()"]


# --- load ----------------------------------------------------------------------------------

@dataclass
class Figures:
    """What a load run measured."""

    asked: int
    seconds: float
    latencies_ms: list[float]
    errors: dict[str, int]
    cpu_ms: dict[str, float] = field(default_factory=dict)  # CPU time per request, by process

    @property
    def requests(self) -> int:
        """The requests answered, successfully or not."""
        return len(self.latencies_ms) + sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else math.nan

    def line(self) -> str:
        errors = f", {sum(self.errors.values())} errors {self.errors}" if self.errors else ""
        cut = (f" (time limit: {self.requests} of {self.asked} requests)"
               if self.requests < self.asked else "")
        return (f"{self.rate:8.1f} req/s  p50 {self.percentile(0.5):7.2f} ms  "
                f"p99 {self.percentile(0.99):7.2f} ms{errors}{cut}")

    def cpu(self) -> str:
        return ", ".join(f"{who} {ms:.2f} ms" for who, ms in self.cpu_ms.items())


Paths = Callable[[int], str]


def same(path: str) -> Paths:
    """Every request asks for the same path (what a cache answers)."""
    return lambda _: path


def unique(server: Server, query: str, tag: str) -> Paths:
    """Each request's query text made unique by a comment, so that no server can answer it
    from a cache: what researchers send."""
    return lambda n: server.sparql_path(f"{query}\n# {tag} {n}")


def load(port: int, paths: Paths, accept: str, total: int, concurrency: int) -> Figures:
    """Send ``total`` GET requests from ``concurrency`` threads, each on a kept-alive connection.

    Request ``n`` asks for ``paths(n)``.  No request is sent after
    ``MAX_SECONDS``: a slow case stops early.
    """
    deadline = time.perf_counter() + MAX_SECONDS
    remaining = [total]
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    headers = {"Accept": accept}

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            while True:
                with lock:
                    if remaining[0] == 0 or time.perf_counter() > deadline:
                        return
                    remaining[0] -= 1
                    path = paths(remaining[0])
                began = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    outcome = "" if response.status == 200 else str(response.status)
                except (OSError, http.client.HTTPException) as err:
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, port, timeout=60)
                    outcome = type(err).__name__
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    if outcome:
                        errors[outcome] = errors.get(outcome, 0) + 1
                    else:
                        latencies.append(elapsed)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except BaseException:  # interrupted: let the clients finish their current request only
        with lock:
            remaining[0] = 0
        raise
    return Figures(total, time.perf_counter() - began, latencies, errors)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far; 0 once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(server: Server, paths: Paths, accept: str, *, warm: bool = True) -> Figures:
    """Warm up (unless not ``warm``), then load ``paths``; note the CPU time per request."""
    if WARMUP and warm:
        load(server.port, lambda n: paths(-1 - n), accept, WARMUP, CONCURRENCY)
    pids = process_tree(server.process.pid)
    before = [cpu_seconds(pid) for pid in pids]
    client = time.process_time()
    figures = load(server.port, paths, accept, REQUESTS, CONCURRENCY)
    client = time.process_time() - client
    used = [cpu_seconds(pid) - was for pid, was in zip(pids, before, strict=True)]
    per_request = 1000 / max(1, figures.requests)
    figures.cpu_ms = {"server": used[0] * per_request}
    if len(pids) > 1:
        figures.cpu_ms["children"] = sum(used[1:]) * per_request
    figures.cpu_ms["client"] = client * per_request
    return figures


# --- SPARQL --------------------------------------------------------------------------------

def answers(server: Server, query: str) -> list[tuple[tuple[str, str], ...]]:
    """The rows of a SELECT, each as sorted (variable, value) pairs, sorted."""
    status, body = server.get(server.sparql_path(query), accept=JSON_RESULTS)
    if status != 200:
        raise RuntimeError(f"{server.name} answered {status} to a benchmark query: "
                           f"{body[:500]!r}\n{query}")
    bindings: list[dict[str, dict[str, Any]]] = json.loads(body)["results"]["bindings"]
    return sorted(tuple(sorted((var, term["value"]) for var, term in row.items()))
                  for row in bindings)


def compare_rows(*rows: list[Any]) -> str:
    counts = " = ".join(str(len(r)) for r in rows)
    if all(r == rows[0] for r in rows):
        return f"rows {counts}, same answers on the three servers"
    return f"rows {counts}: ANSWERS DIFFER"


def _verdict(value: float, target: float, unit: str, *, at_least: bool = False) -> str:
    """``target < 50 ms met``, or by how much it is missed: ``TARGET < 50 ms MISSED by 2.1 ms``."""
    ok = value >= target if at_least else value < target
    sign = ">=" if at_least else "<"
    if ok:
        return f"target {sign} {target:g}{unit} met"
    return f"TARGET {sign} {target:g}{unit} MISSED by {abs(value - target):.1f}{unit}"


# --- the run -------------------------------------------------------------------------------

def run(folder: Path, servers: list[Server]) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in {"CITYGRAPH_STORE", "CITYGRAPH_HOST", "CITYGRAPH_PORT"}}
    env["CITYGRAPH_HOME"] = str(folder / "home")
    citygraph = citygraph_command()
    machine = _load_average()  # before this run adds its own load
    began = time.perf_counter()
    nquads = folder / "graph.nq"
    for step in (["build"], ["export", "--format", "nq", "-o", str(nquads)]):
        done = subprocess.run([*citygraph, *step], env=env, cwd=folder, capture_output=True,
                              text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"citygraph {step[0]} failed ({done.returncode}):\n"
                               f"{done.stdout[-2000:]}{done.stderr[-3000:]}")
    with nquads.open("rb") as lines:
        quads = sum(1 for line in lines if line.strip())
    print(f"[http] built and exported {quads:,} quads in {time.perf_counter() - began:.1f} s; "
          f"{CONCURRENCY} clients at once, {REQUESTS} requests per case after {WARMUP} warm-up; "
          f"{machine}")

    # citygraph: time to the first answer, memory from the start on
    port = free_port()
    env["CITYGRAPH_UPDATE_TOKEN"] = UPDATE_TOKEN  # to make a new graph version for the pages
    ours = start("citygraph", [*citygraph, "serve", "--host", HOST, "--port", str(port)],
                 env, folder, port, "/sparql")
    servers.append(ours)
    memory = Memory(ours.process.pid)
    memory.start()
    startup = ours.wait_ready("/health")
    first_query = ours.wait_ready(ours.sparql_path("ASK { }"))  # once a query worker is up
    memory.phase = "idle"
    time.sleep(1.0)
    after_start = memory.sample()
    workers = env.get("CITYGRAPH_WORKERS", "2")
    print(f"[http] citygraph serve ({workers} query workers at rest): first /health answer "
          f"{startup:.2f} s after start; first SPARQL answer {first_query:.2f} s after start "
          f"({_verdict(first_query, TARGETS['first_answer_s'], ' s')}); resident memory at "
          f"rest {after_start / 1024:.0f} MB "
          f"({_verdict(after_start / 1024, TARGETS['rest_mb'], ' MB')})")

    # the bare engine: pyoxigraph on the same store behind one FastAPI route
    port = free_port()
    store = (folder / "home" / "current").resolve()
    bare = start("bare engine", [sys.executable, str(HERE / "bare_engine_server.py"),
                                 str(store), HOST, str(port)], env, folder, port, "/sparql")
    servers.append(bare)
    bare.wait_ready(bare.sparql_path("ASK { }"))
    # rdflib-endpoint on the N-Quads export
    port = free_port()
    theirs = start("rdflib-endpoint", [sys.executable, str(HERE / "rdflib_endpoint_server.py"),
                                       str(nquads), HOST, str(port)], env, folder, port, "/")
    servers.append(theirs)
    their_memory = Memory(theirs.process.pid)
    their_memory.start()
    their_startup = theirs.wait_ready("/?query=" + quote("ASK { }"))
    print(f"[http] rdflib-endpoint {_version()}: first answer {their_startup:.2f} s after start "
          f"(it parses the N-Quads into an rdflib Dataset with default_union=True)")

    iri = {key: f"<{answers(ours, BY_KEY.format(key=key))[0][0][1]}>"
           for key in ("seoul", "wellington")}
    queries = {name: PREFIXES + body.format(seoul=iri["seoul"], wellington=iri["wellington"])
               for name, body in QUERIES.items()}
    checks = {name: compare_rows(answers(ours, query), answers(bare, query),
                                 answers(theirs, query)) for name, query in queries.items()}

    # distinct texts (what researchers send): the three servers in turn for each query, so
    # that other work on the machine weighs on all alike
    memory.phase = their_memory.phase = "load"
    table: dict[str, dict[str, Figures]] = {}
    for name, query in queries.items():
        table[name] = {server.name: measure(server, unique(server, query, name), JSON_RESULTS)
                       for server in (ours, bare, theirs)}
    their_memory.stop()
    # the same text again and again: citygraph's caches answer, the bare engine runs it
    repeated = {name: {server.name: measure(server, same(server.sparql_path(query)),
                                            JSON_RESULTS) for server in (ours, bare)}
                for name, query in queries.items()}
    busy = slow_queries(ours, iri["wellington"])
    bomb = parse_bomb(ours)
    rest: dict[str, Figures | str] = {}
    for shown, path in REST.items():
        status, _ = ours.get(path)
        rest[shown] = (f"not measured: it answers {status}" if status != 200
                       else measure(ours, same(path), "application/json"))
    memory.phase = "after load"
    after_load = memory.sample()
    korean = maps_mention(process_tree(ours.process.pid), "kiwi")
    pages_first, pages_again, pages_later = pages(ours)
    memory.stop()

    for name in queries:
        row = table[name]
        for who, figures in row.items():
            print(f"[http] sparql {name:<10} distinct texts  {who:<16} {figures.line()}")
        ratio = row["citygraph"].rate / row["bare engine"].rate
        print(f"[http] {'':<17} citygraph/bare engine {ratio:.2f}x throughput "
              f"({_verdict(ratio, TARGETS['engine_ratio'], 'x', at_least=True)}); "
              f"citygraph/rdflib-endpoint "
              f"{row['citygraph'].rate / row['rdflib-endpoint'].rate:.1f}x; {checks[name]}")
        print(f"[http] {'':<17} CPU per request: citygraph {row['citygraph'].cpu()}; bare "
              f"engine {row['bare engine'].cpu()}")
        p99 = row["citygraph"].percentile(0.99)
        print(f"[http] {'':<17} citygraph p99 {p99:.1f} ms "
              f"({_verdict(p99, TARGETS['p99_ms'], ' ms')})")
        for who, figures in repeated[name].items():
            print(f"[http] sparql {name:<10} repeated text   {who:<16} {figures.line()}")
    print(f"[http] 4 slow queries in flight, simple distinct queries meanwhile: {busy.line()} "
          f"({_verdict(busy.percentile(0.99), TARGETS['busy_p99_ms'], ' ms')}, failures "
          f"{sum(busy.errors.values())})")
    print(f"[http] parse bomb (16 KB of ||): answered {bomb[0]} in {bomb[1]:.2f} s; "
          f"ASKs sent meanwhile: {bomb[2].line()}")
    for path, figures in rest.items():
        shown = figures if isinstance(figures, str) else figures.line()
        print(f"[http] rest {path:<24} citygraph (cached)  {shown}")
    worst_first = max(pages_first.values())
    worst_again = max(pages_again.values())
    print("[http] staff pages, first request after a new graph version: " + ", ".join(
        f"{path} {ms:.0f} ms" for path, ms in pages_first.items())
        + f" (worst {worst_first:.0f} ms, "
        f"{_verdict(worst_first, TARGETS['page_first_ms'], ' ms')})")
    print("[http] staff pages, first request 2 s after a new graph version (warmed): "
          + ", ".join(f"{path} {ms:.0f} ms" for path, ms in pages_later.items())
          + f" (worst {max(pages_later.values()):.0f} ms)")
    print("[http] staff pages, repeated (median of 10): " + ", ".join(
        f"{path} {ms:.1f} ms" for path, ms in pages_again.items())
        + f" (worst {worst_again:.1f} ms, "
        f"{_verdict(worst_again, TARGETS['page_again_ms'], ' ms')})")
    by_phase = ", ".join(f"{phase} {kb / 1024:.0f} MB" for phase, (kb, _) in memory.peaks.items())
    print(f"[http] citygraph resident memory of the server and its workers: at rest "
          f"{after_start / 1024:.0f} MB, after load {after_load / 1024:.0f} MB; peaks: {by_phase}")
    print(f"[http] rdflib-endpoint peak {their_memory.peak()[0] / 1024:.0f} MB")
    print("[http] Korean model (kiwipiepy) loaded by citygraph serve: "
          + (f"YES, in processes {korean}" if korean else "no"))


SLOW = ("SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} "
        "# slow {n}")


SLOW_CLIENT = "127.0.0.2"  # Linux answers on all of 127.0.0.0/8


def slow_queries(server: Server, wellington: str) -> Figures:
    """Simple distinct queries while four slow ones, from another client, run to the time limit."""
    stop = threading.Event()

    def hold(n: int) -> None:
        while not stop.is_set():  # each one runs to the time limit, then is sent again
            with contextlib.suppress(OSError, http.client.HTTPException):
                # from another loopback address: another client than the simple queries'
                server.get(server.sparql_path(SLOW.format(n=f"{n} {time.time()}")), timeout=60,
                           source=SLOW_CLIENT)

    holders = [threading.Thread(target=hold, args=(n,), daemon=True) for n in range(4)]
    for holder in holders:
        holder.start()
    time.sleep(1.0)
    try:
        query = PREFIXES + f"SELECT ?label WHERE {{ {wellington} rdfs:label ?label }}"
        return load(server.port, unique(server, query, "while-busy"), JSON_RESULTS,
                    min(REQUESTS, 200), 4)
    finally:
        stop.set()
        for holder in holders:
            holder.join(60)


def parse_bomb(server: Server) -> tuple[int, float, Figures]:
    """The 16 KB parse bomb, and ASKs (distinct texts) sent while it runs."""
    bomb = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 1_900) + ") } LIMIT 1"
    outcome: list[tuple[int, float]] = []

    def send() -> None:
        began = time.perf_counter()
        status, _ = server.get(server.sparql_path(bomb + f" # {time.time()}"), timeout=60)
        outcome.append((status, time.perf_counter() - began))

    thread = threading.Thread(target=send)
    thread.start()
    meanwhile = load(server.port, unique(server, "ASK { ?s ?p ?o }", "bomb"), JSON_RESULTS,
                     40, 2)
    thread.join(60)
    status, seconds = outcome[0] if outcome else (0, math.nan)
    return status, seconds, meanwhile


PAGES = ("/", "/cities/wellington", "/agreements", "/events", "/sources", "/timeline",
         "/search?q=wellington", "/query", "/visual?lang=ko")


def pages(server: Server) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Each staff page's first request after a new graph version, then repeated.

    First at once after the update that made the version (the server's
    warm-up has just begun), then, after another update, 2 s later (what a
    visitor a moment after a build meets).
    """
    connection = http.client.HTTPConnection(HOST, server.port, timeout=30)

    def update() -> None:
        text = ("INSERT DATA { GRAPH <https://w3id.org/citygraph/id/source/benchmark> { "
                "<https://w3id.org/citygraph/id/benchmark> "
                f"<http://www.w3.org/2000/01/rdf-schema#comment> \"{time.time()}\" }} }}")
        connection.request("POST", "/sparql/update", body=text.encode(), headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {UPDATE_TOKEN}"})
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"the update for the pages answered {answer.status}: "
                               f"{body[:300]!r}")

    def timed(path: str) -> float:
        began = time.perf_counter()
        connection.request("GET", path, headers={"Accept": "text/html"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        return (time.perf_counter() - began) * 1000

    update()
    first = {path: timed(path) for path in PAGES}
    again = {path: statistics.median(timed(path) for _ in range(10)) for path in PAGES}
    update()
    time.sleep(2.0)
    later = {path: timed(path) for path in PAGES}
    connection.close()
    return first, again, later


def _load_average() -> str:
    """The machine's load before the run: figures taken while other work runs are lower."""
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    busy = " (other work is running: the figures are lower than on an idle machine)" \
        if load > cores + 0.5 else ""
    return f"load average {load:.1f} on {cores} cores{busy}"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rdflib-endpoint")
    except PackageNotFoundError:
        return "(not installed)"


@contextlib.contextmanager
def stopped_on_exit(servers: list[Server]) -> Iterator[None]:
    """Stop every server started, however the run ends (SIGTERM included)."""
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        yield
    except BaseException:
        for server in servers:  # say why a server that stopped by itself did
            if server.process.poll() is not None:
                print(f"[http] {server.name} had stopped, with code {server.process.returncode};"
                      f" the end of its log:\n{server.log.read_text(errors='replace')[-3000:]}",
                      file=sys.stderr)
        raise
    finally:
        for server in reversed(servers):
            left = server.stop()
            if left:
                print(f"[http] {server.name}: killed children left running: {left}",
                      file=sys.stderr)
        signal.signal(signal.SIGTERM, previous)


def main() -> None:
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="citygraph-http-") as tmp, stopped_on_exit(servers):
        run(Path(tmp), servers)


if __name__ == "__main__":
    main()
