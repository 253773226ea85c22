"""Build and query benchmarks on the bundled data: one command, figures printed.

Run with ``make benchmark`` (or ``python benchmarks/run.py``).
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from citygraph.api.examples import EXAMPLES
from citygraph.api.settings import bundled_sources
from citygraph.graph.build import build, open_current
from citygraph.graph.lookup import entity_iri

RUNS = int(os.environ.get("BENCH_RUNS", "50"))


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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
