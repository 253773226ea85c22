"""Outputs that stay safe: headers on every answer, a service description that trusts no
Host header, links only to http(s) addresses.

Before: ``/id/...`` and ``/downloads`` pages sent no CSP or nosniff and JSON answers no
nosniff; ``/sparql`` described itself at whatever host the request named while its answer
was cached publicly and varied only on ``Accept``; a stored ``owl:sameAs
<javascript:...>`` became a link on the city page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ingest.errors import InvalidParameter

HTML = ("/", "/cities/wellington", "/id/place/gn2179537", "/downloads", "/ontology", "/docs",
        "/cities/atlantis", "/query", "/sources")
OTHER = ("/index.json", "/api/cities?limit=1", "/downloads.json", "/openapi.json",
         "/agreements.csv", "/static/site.css", "/swagger-ui/swagger-ui.css", "/api/nothing",
         "/context.jsonld", "/id/place/gn2179537?format=ttl", "/sparql?query=ASK%7B%7D")


@pytest.mark.parametrize("path", HTML)
def test_every_page_has_a_csp_and_nosniff(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"accept": "text/html"})
    assert r.headers["content-type"].startswith("text/html"), path
    assert "default-src 'none'" in r.headers["content-security-policy"], path
    assert r.headers["x-content-type-options"] == "nosniff", path


@pytest.mark.parametrize("path", OTHER)
def test_every_other_answer_has_nosniff(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"accept": "application/json"})
    assert r.headers["x-content-type-options"] == "nosniff", (path, r.status_code)


def test_the_service_description_trusts_no_host_header(client: TestClient) -> None:
    r = client.get("/sparql", headers={"accept": "text/turtle", "host": "evil.example"})
    assert r.status_code == 200
    assert "evil.example" not in r.text
    assert "<http://127.0.0.1:8000/sparql>" in r.text  # the configured (default) address


def test_the_service_description_names_the_configured_base_url(
        built_home: Path, bundled_store: OxigraphStore) -> None:
    settings = Settings.from_env({"CITYGRAPH_HOME": str(built_home),
                                  "CITYGRAPH_BASE_URL": "https://citygraph.example.org/"})
    with TestClient(create_app(settings, store=bundled_store)) as c:
        text = c.get("/sparql", headers={"accept": "text/turtle", "host": "evil.example"}).text
    assert "<https://citygraph.example.org/sparql>" in text and "evil.example" not in text
    with pytest.raises(InvalidParameter, match="CITYGRAPH_BASE_URL"):
        Settings.from_env({"CITYGRAPH_BASE_URL": "javascript:alert(1)"})


@pytest.fixture(scope="module")
def tampered(built_home: Path, bundled_store: OxigraphStore) -> Iterator[TestClient]:
    """The bundled graph with a ``javascript:`` sameAs on Wellington."""
    store = ox.Store()
    store.load(bundled_store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/citygraph/id/place/gn2179537"),
                      ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
                      ox.NamedNode("javascript:alert(1)"),
                      ox.NamedNode("https://w3id.org/citygraph/id/source/reference")))
    settings = Settings.from_env({"CITYGRAPH_HOME": str(built_home)})
    with TestClient(create_app(settings, store=OxigraphStore(store))) as c:
        yield c


def test_only_http_addresses_become_links(tampered: TestClient) -> None:
    for path in ("/cities/wellington", "/id/place/gn2179537"):
        html = tampered.get(path, headers={"accept": "text/html"}).text
        assert 'href="javascript:' not in html, path
        assert "javascript:alert(1)" in html, path  # shown as text, not linked
