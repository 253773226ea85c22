"""The benchmark commands run and print their figures (a few runs only)."""

import os
import re
import subprocess
import sys

import pytest

from .browser import chromium_path
from .conftest import ROOT


def test_benchmark_prints_figures() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py")],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "BENCH_RUNS": "3", "BENCH_SCALE": "300",
                                 "BENCH_HTTP": "0", "BENCH_VISUAL_CITIES": "300",
                                 "BENCH_VISUAL_TIES": "1200"})  # HTTP: its own test
    assert result.returncode == 0, result.stderr
    assert "quads/s" in result.stdout and "query forum-exhibitors" in result.stdout
    assert "peak resident memory" in result.stdout
    assert "[synthetic] query two-hop" in result.stdout and "[bundled] projection" in result.stdout
    assert re.search(r"\[visual\] 300 cities, .* model \d+\.\d\d s", result.stdout)
    if chromium_path() is None:  # a user's machine without chromium: said, not hidden
        assert "[visual] no browser figures: no chromium is installed" in result.stdout
    else:
        assert re.search(r"\[visual\] chromium: page loaded .* network drawn \d+\.\d\d s",
                         result.stdout), result.stdout
        assert "year slider to 1990: answered and redrawn" in result.stdout


@pytest.mark.e2e
def test_http_benchmark_prints_figures() -> None:
    """``citygraph serve`` and rdflib-endpoint under a small load; both stopped afterwards."""
    env = {**os.environ, "BENCH_HTTP_REQUESTS": "40", "BENCH_HTTP_WARMUP": "4",
           "BENCH_HTTP_MAX_SECONDS": "3"}
    with subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "serving.py")], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        try:
            out, err = run.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            run.terminate()  # SIGTERM: the benchmark stops its servers before it exits
            out, err = run.communicate(timeout=30)
            pytest.fail(f"the HTTP benchmark ran over 240 s:\n{out}\n{err}")
    assert run.returncode == 0, err + out
    assert re.search(r"first /health answer \d+\.\d\d s after start", out), out
    assert "first SPARQL answer" in out
    for name in ("lookup", "join", "aggregate"):
        assert re.search(rf"\[http\] sparql {name} +citygraph +\d+\.\d req/s +p50 +\d+\.\d\d ms "
                         rf"+p99 +\d+\.\d\d ms", out), out
    assert out.count("rdflib-endpoint ") >= 3 and out.count("x throughput") == 3
    # both servers give the same rows to every query, the join included
    assert len(re.findall(r"rows (\d+) = \1, same answers", out)) == 3, out
    for path in ("/api/cities?limit=50", "/api/cities/wellington", "/api/search?q="):
        assert re.search(rf"\[http\] rest {re.escape(path)}\S* +citygraph +"
                         r"(\d+\.\d req/s|not available \(404\))", out), out
    assert "join throughput citygraph/rdflib-endpoint" in out
    assert re.search(r"citygraph peak resident memory \d+ MB in \d+ processes", out), out
    assert "Korean model (kiwipiepy) loaded by citygraph serve: no" in out
    assert "killed children left running" not in err
