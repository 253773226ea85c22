"""Build, query, extraction, visual and HTTP benchmarks: one command, figures printed.

Run with ``make benchmark`` (or ``python benchmarks/run.py``).  The HTTP
benchmark (``benchmarks/serving.py``: ``citygraph serve`` under load, against
rdflib-endpoint) runs last, in its own process; ``BENCH_HTTP=0`` leaves it out.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

import pyoxigraph as ox  # noqa: E402
from visual import main as visual_benchmarks  # noqa: E402  (benchmarks/visual.py)

from citygraph.api.examples import EXAMPLES  # noqa: E402
from citygraph.api.settings import bundled_sources  # noqa: E402
from citygraph.graph.read.lookup import entity_iri  # noqa: E402
from citygraph.graph.store.opening import open_current  # noqa: E402
from citygraph.graph.write.build import build  # noqa: E402
from graph import main as graph_benchmarks  # noqa: E402  (benchmarks/graph.py)

RUNS = int(os.environ.get("BENCH_RUNS", "50"))
ROOT = Path(__file__).resolve().parent.parent
FORUM = ROOT / "data" / "sources" / "wcsmf-2023-seoul.ko.md"  # the 2023 forum's release
DOCUMENTS = sorted((ROOT / "tests" / "data" / "press").iterdir())
COLD = """
import sys, time
started = time.perf_counter()
from citygraph.ingest.pipeline import extract_file
x = extract_file(sys.argv[1])
print(f"{time.perf_counter() - started:.2f} {len(x.entities)} {len(x.relations)}")
"""


def extraction() -> None:
    """Time extraction: a fresh process (models loaded), then warm documents."""
    document = FORUM
    result = subprocess.run([sys.executable, "-c", COLD, str(document)], capture_output=True,
                            text=True, check=True)
    seconds, entities, relations = result.stdout.split()
    print(f"extract {document.name} in a fresh process (Kiwi and gazetteer loads included): "
          f"{seconds} s, {entities} entities, {relations} relations")
    from citygraph.ingest.pipeline import extract_file

    extract_file(document)
    size = sum(path.stat().st_size for path in DOCUMENTS)
    started = time.perf_counter()
    for path in DOCUMENTS:
        extract_file(path)
    warm = time.perf_counter() - started
    print(f"extract {len(DOCUMENTS)} press releases warm: {warm:.2f} s "
          f"({warm / len(DOCUMENTS) * 1000:.0f} ms each, {size / warm / 1000:.0f} kB/s)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        report = build(bundled_sources(), home)
        seconds = time.perf_counter() - started
        print(f"build (read, map, SHACL, write): {seconds:.2f} s, {report.quads:,} quads, "
              f"{report.quads / seconds:,.0f} quads/s")
        started = time.perf_counter()
        build(bundled_sources(), home, validate_shapes=False)
        unvalidated = time.perf_counter() - started
        print(f"build without SHACL: {unvalidated:.2f} s "
              f"(SHACL takes {100 * (1 - unvalidated / seconds):.0f}% of a build)")
        store = open_current(home)
        focus = entity_iri(store, "seoul")
        for example in EXAMPLES:
            times = []
            for _ in range(RUNS):
                t = time.perf_counter()
                store.query(example.sparql(focus))
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            print(f"query {example.key:<18} median {statistics.median(times):6.2f} ms, "
                  f"p95 {times[int(0.95 * RUNS) - 1]:6.2f} ms over {RUNS} runs")
    extraction()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        build(bundled_sources(), home, validate_shapes=False)
        store = open_current(home)
        bundled = store.store.dump(format=ox.RdfFormat.N_QUADS) or b""
        graph_benchmarks(bundled, entity_iri(store, "seoul"))
    visual_benchmarks()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")
    if os.environ.get("BENCH_HTTP", "1") != "0":
        sys.stdout.flush()
        subprocess.run([sys.executable, str(HERE / "serving.py")], check=True)


if __name__ == "__main__":
    main()
