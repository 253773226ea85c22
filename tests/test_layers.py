"""The layers a reader meets: serving starts without the write path; no import circles."""

from __future__ import annotations

import subprocess
import sys

import grimp

#: what ``citygraph serve`` must not load: SHACL, the extractors and the data parsers
WRITE_PATH = ("pyshacl", "kiwipiepy", "citygraph.graph.write.build",
              "citygraph.graph.write.validate", "citygraph.graph.write.mapping",
              "citygraph.ingest.pipeline", "citygraph.ingest.korean", "citygraph.ingest.curated")


def imported_by(statement: str) -> set[str]:
    """The modules Python loads to run ``statement`` (``-X importtime``, a fresh process)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", statement],
                          capture_output=True, text=True, check=True)
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_the_app_starts_without_the_write_path() -> None:
    loaded = imported_by("import citygraph.api.app")
    assert "citygraph.api.app" in loaded and "citygraph.graph.read" in loaded
    found = sorted(m for m in loaded if m.startswith(WRITE_PATH))
    assert found == [], f"importing the app loads {found}"


def test_the_command_line_starts_without_the_write_path_too() -> None:
    loaded = imported_by("import citygraph.api.cli")
    assert sorted(m for m in loaded if m.startswith(("pyshacl", "kiwipiepy"))) == []


def test_no_module_imports_itself_back() -> None:
    graph = grimp.build_graph("citygraph")
    circles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != module and graph.find_shortest_chain(importer=imported,
                                                                imported=module):
                circles.add(tuple(sorted((module, imported))))
    assert sorted(circles) == []
