"""``ingest`` with ``sparql:URL``: the documents go to the server, not to an embedded store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from citygraph.graph.home import documents_dir
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.remote import RemoteStoreError, SparqlStore
from citygraph.graph.write.ingest import ingest
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import read
from citygraph.ontology.vocab import ID as ID_BASE
from citygraph.ontology.vocab import ONTOLOGY_IRI

from ...conftest import TEST_DATA
from ..conftest import VirtuosoServer

TINY = TEST_DATA / "tiny"
RELEASE = """\
서울특별시 보도자료
2024. 5. 14.(화) 조간용

서울시, 웰링턴시와 기후 협력 양해각서 체결

□ 서울시는 13일(월) 웰링턴시와 기후 협력 양해각서(MOU)를 체결했다고 14일 밝혔다.
"""
DOCUMENT_GRAPH = str(ID_BASE) + "source/document/"


def agreements(store: SparqlStore, doc_id: str) -> list[str]:
    """The agreement kinds in a document's named graph on the server."""
    result = store.query(f"""PREFIX cg: <https://w3id.org/citygraph/ontology#>
        SELECT ?kind WHERE {{ GRAPH <{DOCUMENT_GRAPH}{doc_id}> {{
          ?a a cg:Agreement ; cg:agreementKind ?kind }} }}""")
    assert isinstance(result, SelectResult)
    return sorted(r["kind"].value.rsplit("/", 1)[1] for r in result.rows)


@pytest.fixture
def server(virtuoso: VirtuosoServer) -> Iterator[SparqlStore]:
    """The private server; citygraph's graphs are dropped afterwards, for the next tests."""
    store = SparqlStore.virtuoso(virtuoso.base_url, user=virtuoso.user,
                                 password=virtuoso.password, graphs=())
    yield store
    store.drop_graphs([*store.discover_graphs(str(ID_BASE)), ONTOLOGY_IRI])


def test_ingest_puts_the_document_on_the_server(virtuoso: VirtuosoServer, server: SparqlStore,
                                                tmp_path: Path) -> None:
    path = tmp_path / "seoul-wellington.ko.txt"
    path.write_text(RELEASE, encoding="utf-8")
    source = read(path)
    home = tmp_path / "home"
    report = ingest([(source, extract(source))], sources=TINY, home=home,
                    store_spec=f"sparql:{virtuoso.base_url}", user=virtuoso.user,
                    password=virtuoso.password)
    assert report.build is not None and report.build.store == virtuoso.endpoint_url
    assert agreements(server, "seoul-wellington.ko") == ["mou"]
    assert f"{DOCUMENT_GRAPH}seoul-wellington.ko" in server.discover_graphs(DOCUMENT_GRAPH)
    # the bug this fixes: the graph was built into an embedded store under home instead
    assert not (home / "current").exists() and not (home / "stores").exists()
    assert (documents_dir(home) / "seoul-wellington.ko.json").exists()
    again = ingest([(source, extract(source))], sources=TINY, home=home,
                   store_spec=f"sparql:{virtuoso.base_url}", user=virtuoso.user,
                   password=virtuoso.password)
    assert again.build is None


def test_refused_credentials_leave_the_documents_and_the_server(
        virtuoso: VirtuosoServer, server: SparqlStore, tmp_path: Path) -> None:
    path, home = tmp_path / "refused.ko.txt", tmp_path / "home"
    path.write_text(RELEASE, encoding="utf-8")
    spec = f"sparql:{virtuoso.base_url}"
    source = read(path)
    ingest([(source, extract(source))], sources=TINY, home=home, store_spec=spec,
           user=virtuoso.user, password=virtuoso.password)
    kept = (documents_dir(home) / "refused.ko.json").read_text(encoding="utf-8")
    graphs = server.discover_graphs(str(ID_BASE))
    path.write_text(RELEASE.replace("양해각서(MOU)", "우호도시 협정"), encoding="utf-8")
    changed = read(path)
    with pytest.raises(RemoteStoreError, match="credentials were refused"):
        ingest([(changed, extract(changed))], sources=TINY, home=home, store_spec=spec,
               user=virtuoso.user, password="not-" + virtuoso.password)
    assert (documents_dir(home) / "refused.ko.json").read_text(encoding="utf-8") == kept
    assert server.discover_graphs(str(ID_BASE)) == graphs
    assert agreements(server, "refused.ko") == ["mou"]


def test_the_command_line_ingests_onto_the_server(virtuoso: VirtuosoServer, server: SparqlStore,
                                                  tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200",
           "CITYGRAPH_HOME": str(tmp_path / "home"), "CITYGRAPH_SOURCES": str(TINY),
           "CITYGRAPH_STORE_USER": virtuoso.user,
           "CITYGRAPH_STORE_PASSWORD": virtuoso.password}
    document = tmp_path / "cli-seoul-wellington.ko.txt"
    document.write_text(RELEASE, encoding="utf-8")

    def citygraph(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "from citygraph.api.cli import main; main()",
                               *args], capture_output=True, text=True, timeout=300, env=env)

    spec = f"sparql:{virtuoso.base_url}"
    result = citygraph("ingest", str(document), "--store", spec)
    assert result.returncode == 0, result.stderr
    assert f"Store: {virtuoso.endpoint_url}" in result.stdout
    assert virtuoso.password not in result.stdout + result.stderr
    assert agreements(server, "cli-seoul-wellington.ko") == ["mou"]
    assert not (tmp_path / "home" / "current").exists()
    again = citygraph("ingest", str(document), "--store", spec)
    assert again.returncode == 0 and "Nothing to do" in again.stdout
