"""Linked data: every minted IRI dereferences as HTML, Turtle, JSON-LD or N-Triples."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from citygraph.api.app import create_app
from citygraph.api.negotiation import representation, wants_html
from citygraph.api.settings import Settings
from citygraph.ingest.errors import NotAcceptable

WELLINGTON = "https://w3id.org/citygraph/id/place/gn2179537"
PAGE = "/id/place/gn2179537"
CG = "https://w3id.org/citygraph/ontology#"


@pytest.fixture(scope="module")
def client(built_home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))) as c:
        yield c


def _graph(text: str, fmt: str) -> Graph:
    g = Graph()
    g.parse(data=text, format=fmt)
    return g


@pytest.mark.parametrize(("accept", "fmt", "chosen"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, "html"),
    ("text/turtle", None, "ttl"),
    ("application/ld+json", None, "jsonld"),
    ("application/json", None, "jsonld"),
    ("application/n-triples", None, "nt"),
    ("text/plain", None, "nt"),
    ("", None, "ttl"),
    ("*/*", None, "ttl"),
    ("text/turtle;q=0.5, application/n-triples", None, "nt"),
    ("text/*", None, "ttl"),
    ("text/html", "ttl", "ttl"),  # format= wins
    ("text/turtle", "json-ld", "jsonld"),
    ("*/*", "html", "html"),
    ("image/png, */*;q=0.1", None, "ttl"),
])
def test_representation(accept: str, fmt: str | None, chosen: str) -> None:
    assert representation(accept, fmt) == chosen


@pytest.mark.parametrize(("accept", "fmt"), [("image/png", None), ("*/*", "rdfxml"),
                                             ("text/turtle;q=0", None)])
def test_representation_refuses(accept: str, fmt: str | None) -> None:
    with pytest.raises(NotAcceptable):
        representation(accept, fmt)


@pytest.mark.parametrize(("accept", "html"), [
    ("text/html,*/*;q=0.8", True), ("application/json", False), ("*/*", False), ("", False),
    ("application/json;q=0.5, text/html", True),
])
def test_wants_html(accept: str, html: bool) -> None:
    assert wants_html(accept) is html


def test_wellington_as_html(client: TestClient) -> None:
    r = client.get(PAGE, headers={"accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    # the representation follows Accept; the page's language the cookie (or Accept-Language)
    assert r.headers["vary"] == "Accept, Cookie"
    page = r.text
    assert "<h1>Wellington <span lang=\"ko\">웰링턴</span></h1>" in page
    assert WELLINGTON in page
    assert '<a href="/id/country/NZ"' in page and ">New Zealand</a>" in page  # linked, labelled
    assert '<a href="/ontology#City"' in page  # its type
    assert "@ko" in page and "xsd:decimal" in page  # language and datatype shown
    assert "Referenced by" in page and "/id/agreement/gn1835848--gn2179537/chinseon" in page
    assert "?format=ttl" in page


def test_labels_are_escaped(client: TestClient) -> None:
    page = client.get("/id/org/a1-traffic-rnd", headers={"accept": "text/html"}).text
    assert "(주)에이원트래픽 R&amp;D" in page
    assert "R&D" not in page


def test_wellington_as_turtle(client: TestClient) -> None:
    r = client.get(PAGE, headers={"accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert r.headers["vary"] == "Accept"
    g = _graph(r.text, "turtle")
    me = URIRef(WELLINGTON)
    assert (me, RDFS.label, Literal("Wellington", lang="en")) in g
    assert (me, RDFS.label, Literal("웰링턴", lang="ko")) in g
    assert (me, RDF.type, URIRef(CG + "City")) in g
    # the triples pointing at it come along
    assert (URIRef("https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon"),
            URIRef(CG + "party"), me) in g


def test_jsonld_and_ntriples_hold_the_same_triples(client: TestClient) -> None:
    turtle = _graph(client.get(PAGE, headers={"accept": "text/turtle"}).text, "turtle")
    r = client.get(PAGE, headers={"accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    body = json.loads(r.text)
    assert body["@context"]["cg"] == CG  # the published context, inline
    jsonld = _graph(r.text, "json-ld")
    nt = client.get(PAGE, headers={"accept": "application/n-triples"})
    assert nt.headers["content-type"].startswith("application/n-triples")
    ntriples = _graph(nt.text, "nt")
    assert len(turtle) > 10
    assert set(turtle) == set(jsonld) == set(ntriples)


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    r = client.get(PAGE, params={"format": "nt"}, headers={"accept": "text/html"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert client.get(PAGE, params={"format": "rdfxml"}).status_code == 406
    assert client.get(PAGE, headers={"accept": "image/png"}).status_code == 406


def test_an_evidence_node_dereferences(client: TestClient) -> None:
    g = _graph(client.get(PAGE, params={"format": "ttl"}).text, "turtle")
    evidence = sorted(str(o) for o in g.objects(URIRef(WELLINGTON), URIRef(CG + "evidence")))
    assert evidence and all("/evidence/" in e for e in evidence)
    path = evidence[0].removeprefix("https://w3id.org/citygraph")
    r = client.get(path, params={"format": "ttl"})
    assert r.status_code == 200
    node = _graph(r.text, "turtle")
    assert (URIRef(evidence[0]), RDF.type, URIRef(CG + "Evidence")) in node
    assert list(node.objects(URIRef(evidence[0]), DCTERMS.source))
    html = client.get(path, headers={"accept": "text/html"}).text
    assert f'href="{PAGE}"' in html  # back to the place it supports


@pytest.mark.parametrize("path", ["/id/place/nowhere", "/id/a%20b", "/kind/agreement/nothing",
                                  "/id/place/gn2179537/evidence/0"])
def test_unknown_resource_is_404_json_or_html(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"
    html = client.get(path, headers={"accept": "text/html"})
    assert html.status_code == 404
    assert html.headers["content-type"].startswith("text/html")


def test_a_concept_dereferences(client: TestClient) -> None:
    r = client.get("/kind/agreement/sister", params={"format": "ttl"})
    assert r.status_code == 200
    g = _graph(r.text, "turtle")
    me = URIRef("https://w3id.org/citygraph/kind/agreement/sister")
    assert (me, RDF.type, SKOS.Concept) in g
    assert list(g.objects(me, SKOS.prefLabel))
    page = client.get("/kind/agreement", headers={"accept": "text/html"})
    assert page.status_code == 200 and "ConceptScheme" in page.text


def test_the_ontology(client: TestClient) -> None:
    page = client.get("/ontology", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'id="City"' in page.text and 'id="party"' in page.text
    ttl = client.get("/ontology", headers={"accept": "text/turtle"})
    g = _graph(ttl.text, "turtle")
    assert (URIRef("https://w3id.org/citygraph/ontology"), RDF.type, OWL.Ontology) in g
    as_jsonld = _graph(client.get("/ontology", params={"format": "jsonld"}).text, "json-ld")
    as_nt = _graph(client.get("/ontology", params={"format": "nt"}).text, "nt")
    assert len(as_jsonld) == len(as_nt) == len(g)


def test_the_context(client: TestClient) -> None:
    r = client.get("/context.jsonld")
    assert r.headers["content-type"].startswith("application/ld+json")
    assert r.json()["@context"]["id"] == "https://w3id.org/citygraph/id/"
