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
    """citygraph, the bare engine and rdflib-endpoint under a small load; all stopped afterwards."""
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
        for who in ("citygraph", "bare engine", "rdflib-endpoint"):  # side by side, one run
            assert re.search(rf"\[http\] sparql {name} +distinct texts +{who} +\d+\.\d req/s "
                             rf"+p50 +\d+\.\d\d ms +p99 +\d+\.\d\d ms", out), out
        for who in ("citygraph", "bare engine"):  # caches apart
            assert re.search(rf"\[http\] sparql {name} +repeated text +{who} +\d+\.\d req/s",
                             out), out
    assert out.count("citygraph/bare engine") == 3 and out.count("x throughput") == 3
    # the three servers give the same rows to every query, the join included
    assert len(re.findall(r"rows (\d+) = \1 = \1, same answers on the three servers", out)) == 3
    assert re.search(r"4 slow queries in flight, simple distinct queries meanwhile: +\d+\.\d "
                     r"req/s.*failures \d+\)", out), out
    assert re.search(r"parse bomb \(16 KB of \|\|\): answered \d+ in \d+\.\d\d s", out), out
    for path in ("/api/cities?limit=50", "/api/cities/wellington", "/api/search?q="):
        assert re.search(rf"\[http\] rest {re.escape(path)}\S* +citygraph \(cached\) +"
                         r"(\d+\.\d req/s|not measured: it answers \d+)", out), out
    assert re.search(r"staff pages, first request after a new graph version: / \d+ ms", out)
    assert re.search(r"staff pages, first request 2 s after a new graph version \(warmed\): "
                     r"/ \d+ ms", out), out
    assert re.search(r"staff pages, repeated \(median of 10\): / \d+\.\d ms", out), out
    assert re.search(r"resident memory of the server and its workers: at rest \d+ MB", out), out
    assert "Korean model (kiwipiepy) loaded by citygraph serve: no" in out
    assert "killed children left running" not in err
