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
    with served(home, **settings) as (url, _):
        yield url


def memory(pid: int) -> int:
    """Resident bytes of a process and of all its descendants (the query workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = dict(line.split(":", 1) for line in
                          (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if entry.name == str(pid) or _descends(int(entry.name), pid):
            total += int(status.get("VmRSS", "0 kB").split()[0]) * 1024
    return total


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            stat = (Path("/proc") / str(pid) / "stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        if pid == ancestor:
            return True
    return False


@contextmanager
def served(home: Path, **settings: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As :func:`serving`, and yield the server's process too."""
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
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=15)
