"""The fault suite's scale: small in the test command, full with ``make faults``.

``CITYGRAPH_FAULTS=full`` runs the counts the issue asks for (50 rounds of
3 concurrent builds, 24 kill points per writer); the default keeps the test
command within its time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from citygraph.graph.home import current_store, documents_of, record_of, store_version, stores_dir
from citygraph.graph.store.opening import open_current


@dataclass(frozen=True)
class Scale:
    rounds: int  # rounds of concurrent builds
    writers: int  # builds at once
    kills: int  # kill points per writer


FULL = Scale(rounds=50, writers=3, kills=24)
SMALL = Scale(rounds=3, writers=3, kills=4)


@pytest.fixture(scope="session")
def scale() -> Scale:
    return FULL if os.environ.get("CITYGRAPH_FAULTS") == "full" else SMALL


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from citygraph.api.cli import main; main()", *args]


ENV = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "COLUMNS": "200"}


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=timeout, env=ENV)


def assert_sound(home: Path) -> int:
    """The home is whole: ``current`` opens and answers; every named store is complete.

    Returns the number of quads of the current store.
    """
    store = open_current(home)
    try:
        quads = store.quad_count()
        assert quads > 0
        answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert answer.kind == "select"
    finally:
        store.close()
    for folder in stores_dir(home).iterdir():
        if store_version(folder) is not None and folder.is_dir():
            assert (folder / "CURRENT").exists(), f"{folder} is named but not a store"
            assert record_of(folder).exists(), f"{folder} has no record"
            assert documents_of(folder).is_dir(), f"{folder} has no documents folder"
    assert current_store(home).is_dir()
    return quads
