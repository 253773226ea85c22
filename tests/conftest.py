"""Shared fixtures.  In CI (``CI`` set) a skipped test fails the run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citygraph.api.settings import bundled_sources
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.build import build

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
#: The 2023 forum's press release, a source of the bundled data (``data/sources/README.md``).
FORUM_RELEASE = ROOT / "data" / "sources" / "wcsmf-2023-seoul.ko.md"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright (see ``tests/browser.py``)."""
    from .browser import chromium_path, launch

    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("Playwright is not installed (pip install -e '.[test]')")
    if chromium_path() is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)")
    with launch() as browser:
        yield browser


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home folder with the bundled data built once for the session."""
    home = tmp_path_factory.mktemp("home")
    build(bundled_sources(), home)
    return home


@pytest.fixture(scope="session")
def world_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with the bundled data and a slice of the world's twin-town list, built once."""
    home = tmp_path_factory.mktemp("world")
    build(bundled_sources(), home, lists=[TEST_DATA / "lists" / "twin-towns"])
    return home


@pytest.fixture(scope="session")
def bundled_store(built_home: Path) -> OxigraphStore:
    """The bundled graph, opened read-only."""
    return open_current(built_home)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail a CI run in which anything was skipped."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        if reporter:
            reporter.write_line(f"CI: {skipped} test(s) skipped; in CI nothing may skip.",
                                red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
