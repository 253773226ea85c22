"""``--store sparql:URL``: build onto a remote server, then query and serve from it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from citygraph.api.settings import bundled_sources
from citygraph.graph.network.project import city_network
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.remote import SparqlStore
from citygraph.graph.write.build import build_remote

from ...conftest import TEST_DATA
from ..conftest import VirtuosoServer

COUNT_AGREEMENTS = """PREFIX cg: <https://w3id.org/citygraph/ontology#>
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a cg:Agreement }"""


def count(store: OxigraphStore | SparqlStore) -> int:
    result = store.query(COUNT_AGREEMENTS)
    assert isinstance(result, SelectResult)
    return int(result.rows[0]["n"].value)


def test_build_remote_replaces_citygraph_graphs(virtuoso: VirtuosoServer, tmp_path: Path,
                                                bundled_store: OxigraphStore) -> None:
    remote = SparqlStore.virtuoso(virtuoso.base_url, user=virtuoso.user,
                                  password=virtuoso.password)
    build_remote(TEST_DATA / "tiny", tmp_path, remote)
    tiny = count(remote)
    report = build_remote(bundled_sources(), tmp_path, remote)
    assert report.quads > 9000
    assert count(remote) == count(bundled_store) > tiny
    assert "https://w3id.org/citygraph/ontology" in (remote.graphs or ())
    # the projection reads the remote store with the same query
    local = city_network(bundled_store)
    there = city_network(remote)
    assert there.number_of_nodes() == local.number_of_nodes()
    assert there.number_of_edges() == local.number_of_edges()


def test_the_command_line_builds_and_queries_a_remote_store(virtuoso: VirtuosoServer,
                                                            tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200",
           "CITYGRAPH_HOME": str(tmp_path / "home"), "CITYGRAPH_STORE_USER": virtuoso.user,
           "CITYGRAPH_STORE_PASSWORD": virtuoso.password}
    spec = f"sparql:{virtuoso.base_url}"

    def citygraph(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "from citygraph.api.cli import main; main()",
                               *args], capture_output=True, text=True, timeout=300, env=env)

    built = citygraph("build", "--store", spec)
    assert built.returncode == 0, built.stderr
    assert virtuoso.password not in built.stdout + built.stderr
    answer = citygraph("query", "--store", spec, "--format", "json", COUNT_AGREEMENTS)
    assert answer.returncode == 0, answer.stderr
    n = json.loads(answer.stdout)["results"]["bindings"][0]["n"]["value"]
    assert int(n) > 50
    refused = citygraph("query", "--store", spec,
                        "SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }")
    assert refused.returncode == 1 and "SERVICE" in refused.stderr
    bad = citygraph("query", "--store", "ftp:somewhere", "ASK {}")
    assert bad.returncode == 2 and "oxigraph:PATH or sparql:URL" in bad.stderr
