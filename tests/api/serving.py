"""Run ``citygraph serve`` as a user does, on a free port of 127.0.0.1, for e2e tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(home: Path, **settings: str) -> Iterator[str]:
    """Run ``citygraph serve`` on ``home`` with CITYGRAPH_* settings; yield its URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYGRAPH_")}
    env.update({f"CITYGRAPH_{k.upper()}": v for k, v in settings.items()})
    proc = subprocess.Popen(
        [sys.executable, "-c", "from citygraph.api.cli import main; main()", "serve",
         "--data-dir", str(home), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        start_new_session=True,  # its own process group: a test may kill it and its workers
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            proc.kill()
            stderr = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"server did not start: {stderr}")
        yield url
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=15)
