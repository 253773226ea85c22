"""The benchmark command runs and prints its figures (a few runs only)."""

import os
import subprocess
import sys

from .conftest import ROOT


def test_benchmark_prints_figures() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py")],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "BENCH_RUNS": "3", "BENCH_SCALE": "300"})
    assert result.returncode == 0, result.stderr
    assert "quads/s" in result.stdout and "query forum-exhibitors" in result.stdout
    assert "peak resident memory" in result.stdout
    assert "[synthetic] query two-hop" in result.stdout and "[bundled] projection" in result.stdout
