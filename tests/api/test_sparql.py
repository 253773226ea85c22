"""The SPARQL endpoint: in process, and end to end with a real client."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from citygraph.api.app import create_app
from citygraph.api.settings import Settings
from citygraph.graph.write.build import build

from ..conftest import TEST_DATA
from .serving import serving

LABELS = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?name WHERE '
          '{ <https://w3id.org/citygraph/id/place/gn2179537> rdfs:label ?name } ORDER BY ?name')


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("api-home")
    build(TEST_DATA / "tiny", home)
    return home


@pytest.fixture(scope="module")
def client(home: Path) -> Iterator[TestClient]:
    settings = Settings.from_env({}, home=home, sources=TEST_DATA / "tiny", row_cap=3,
                                 max_query=2000)
    with TestClient(create_app(settings)) as c:
        yield c


def test_get_returns_sparql_json(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": LABELS})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    values = [b["name"]["value"] for b in r.json()["results"]["bindings"]]
    assert values == ["Wellington", "웰링턴"]


def test_post_form_and_direct_and_csv(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": LABELS})
    direct = client.post("/sparql", content=LABELS.encode(),
                         headers={"content-type": "application/sparql-query"})
    assert form.json() == direct.json()
    as_csv = client.get("/sparql", params={"query": LABELS}, headers={"accept": "text/csv"})
    assert as_csv.text.splitlines() == ["name", "Wellington", "웰링턴"]


def test_row_cap_sets_the_truncated_header(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["x-citygraph-truncated"] == "true"


@pytest.mark.parametrize(
    ("kwargs", "status", "error"),
    [
        ({"params": {"query": "SELECT WHERE {"}}, 400, "bad_query"),
        ({"params": {"query": " "}}, 400, "missing_query"),  # (no query: the description)
        ({"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}},
         403, "refused"),
        ({"params": {"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 3000}}, 413,
         "query_too_large"),
    ],
)
def test_errors_are_json(client: TestClient, kwargs: dict[str, object], status: int,
                         error: str) -> None:
    r = client.get("/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status
    assert r.json()["error"] == error and r.json()["message"]


def test_update_is_refused(client: TestClient) -> None:
    r = client.post("/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403
    assert client.get("/health").json()["quads"] > 300


def test_home_page_links_examples(client: TestClient) -> None:
    r = client.get("/query")
    assert r.status_code == 200 and "/sparql?query=" in r.text


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[str]:
    with serving(home) as url:
        yield url


@pytest.mark.e2e
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_against_uvicorn(server: str, method: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setMethod(method)
    client.setQuery(LABELS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert [b["name"]["value"] for b in bindings] == ["Wellington", "웰링턴"]
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index]
    client.setQuery(LABELS)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1:] == ["Wellington", "웰링턴"]  # type: ignore[union-attr]


def test_post_limits(client: TestClient) -> None:
    big = client.post("/sparql", content=b"ASK {} #" + b"x" * 7000,
                      headers={"content-type": "application/sparql-query"})
    assert big.status_code == 413 and big.json()["error"] == "query_too_large"
    wrong = client.post("/sparql", content=b"ASK {}", headers={"content-type": "text/plain"})
    assert wrong.status_code == 415 and wrong.json()["error"] == "unsupported_media_type"
    missing = client.post("/sparql", data={"format": "csv"})
    assert missing.status_code == 400 and missing.json()["error"] == "missing_query"


@pytest.fixture(scope="module")
def memory_client(home: Path) -> Iterator[TestClient]:
    """An app on a store in memory, with updates enabled."""
    from citygraph.graph.store.embedded import OxigraphStore
    from citygraph.graph.store.opening import open_current

    store = OxigraphStore.in_memory()
    store.store.bulk_extend(open_current(home).store)
    settings = Settings.from_env({}, home=home, sources=TEST_DATA / "tiny",
                                 update_token="t0k3n")
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def test_a_store_in_memory_has_no_version_so_no_etag(memory_client: TestClient) -> None:
    r = memory_client.get("/sparql", params={"query": LABELS})
    assert r.status_code == 200 and "etag" not in r.headers
    assert r.headers["cache-control"] == "no-cache"
    assert memory_client.get("/sparql", params={"query": LABELS},
                             headers={"if-none-match": "*"}).status_code == 200


def test_an_update_in_memory_is_seen_at_once(memory_client: TestClient) -> None:
    ask = ('ASK { <https://w3id.org/citygraph/id/place/gn2179537> '
           '<http://www.w3.org/2000/01/rdf-schema#comment> "in memory" }')
    assert memory_client.get("/sparql", params={"query": ask}).json()["boolean"] is False
    r = memory_client.post(
        "/sparql/update",
        content=('INSERT DATA { GRAPH <http://ex.org/g> { <https://w3id.org/citygraph/id/place/'
                 'gn2179537> <http://www.w3.org/2000/01/rdf-schema#comment> "in memory" } }'),
        headers={"content-type": "application/sparql-update", "authorization": "Bearer t0k3n"})
    assert r.status_code == 200 and r.json()["version"] is None
    assert memory_client.get("/sparql", params={"query": ask}).json()["boolean"] is True
    bad = memory_client.post("/sparql/update", data={"update": "CLEAR ALL",
                                                     "using-graph-uri": "http://ex.org/g"},
                             headers={"authorization": "Bearer t0k3n"})
    assert bad.status_code == 400 and bad.json()["error"] == "unsupported_parameter"
