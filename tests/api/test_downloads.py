"""``/downloads``: full dumps that parse and hold every quad, and the vocabulary files."""

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph

from citygraph.api.app import create_app
from citygraph.api.settings import Settings
from citygraph.graph.publish.dumps import NeedsEmbeddedStore, produce
from citygraph.graph.store.base import Result, Term
from citygraph.graph.store.embedded import OxigraphStore


@pytest.fixture(scope="module")
def client(built_home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))) as c:
        yield c


def test_the_list_as_json_and_html(client: TestClient, bundled_store: OxigraphStore) -> None:
    r = client.get("/downloads")
    assert r.status_code == 200
    body = r.json()
    assert body["quads"] == bundled_store.quad_count()
    assert body["version"] == client.app.state.runtime.store.version  # type: ignore[attr-defined]
    assert [f["name"] for f in body["files"]] == [
        "citygraph.trig", "citygraph.nq", "citygraph.jsonld", "ontology.ttl", "shapes.ttl",
        "context.jsonld"]
    page = client.get("/downloads", headers={"accept": "text/html,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert '<a href="/downloads/citygraph.trig">' in page.text


@pytest.mark.parametrize(("name", "media", "fmt"), [
    ("citygraph.trig", "application/trig", "trig"),
    ("citygraph.nq", "application/n-quads", "nquads"),
    ("citygraph.jsonld", "application/ld+json", "json-ld"),
])
def test_dumps_hold_every_quad(client: TestClient, bundled_store: OxigraphStore, name: str,
                               media: str, fmt: str) -> None:
    r = client.get(f"/downloads/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"] == media
    assert r.headers["content-disposition"] == f'attachment; filename="{name}"'
    dataset = Dataset()
    dataset.parse(data=r.content, format=fmt)
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == bundled_store.quad_count()
    again = client.get(f"/downloads/{name}")
    assert again.content == r.content and again.headers["etag"] == r.headers["etag"]


@pytest.mark.parametrize("name", ["ontology.ttl", "shapes.ttl"])
def test_vocabulary_files(client: TestClient, name: str) -> None:
    r = client.get(f"/downloads/{name}")
    assert r.headers["content-type"] == "text/turtle; charset=utf-8"
    g = Graph()
    g.parse(data=r.text, format="turtle")
    assert len(g) > 100


def test_context(client: TestClient) -> None:
    r = client.get("/downloads/context.jsonld")
    assert r.headers["content-type"] == "application/ld+json"
    assert json.loads(r.content)["@context"]["cg"] == "https://w3id.org/citygraph/ontology#"


def test_unknown_download_is_404(client: TestClient) -> None:
    r = client.get("/downloads/citygraph.xml")
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"


def test_dumps_are_generated_once(client: TestClient) -> None:
    client.get("/downloads/citygraph.nq")
    cache = client.app.state.runtime.cache  # type: ignore[attr-defined]
    timing = cache.timings["download:citygraph.nq"]
    client.get("/downloads/citygraph.nq")
    assert cache.timings["download:citygraph.nq"] == timing


class Remote:
    """Stands in for a remote SPARQL store: answers queries, but is no OxigraphStore."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int = 10_000, **dataset: object) -> Result:
        return self.inner.query(sparql, bindings=bindings, max_rows=max_rows)

    def graph_names(self) -> tuple[str, ...]:
        return self.inner.graph_names()

    def quad_count(self) -> int:
        return self.inner.quad_count()

    def load_nquads(self, data: bytes) -> None:
        raise NotImplementedError


def test_a_remote_store_answers_501_for_dumps(bundled_store: OxigraphStore,
                                              built_home: Path) -> None:
    with pytest.raises(NeedsEmbeddedStore):
        produce(Remote(bundled_store), "citygraph.nq")  # type: ignore[arg-type]
    settings = Settings.from_env({"CITYGRAPH_HOME": str(built_home)})
    app = create_app(settings, store=Remote(bundled_store))  # type: ignore[arg-type]
    with TestClient(app) as c:
        r = c.get("/downloads/citygraph.trig")
        assert r.status_code == 501
        assert r.json()["error"] == "not_available"
        assert "remote" in r.json()["message"]
        assert c.get("/downloads/ontology.ttl").status_code == 200
        assert c.get("/downloads").json()["quads"] == bundled_store.quad_count()
