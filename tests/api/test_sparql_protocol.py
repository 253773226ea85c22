"""The SPARQL 1.1 Protocol over HTTP, with real clients against a real uvicorn.

SPARQLWrapper and rdflib's SPARQLStore query the bundled graph served by
``citygraph serve`` on 127.0.0.1 (a subprocess, with a 2 s time limit) in every
format and by every method, and their answers are compared with the store's
own.  A second server, on a copy of the graph, has SPARQL Update enabled.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.dom.minidom import Document

import httpx
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)

from citygraph.graph.store.base import GraphResult, SelectResult, Term
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.remote import SparqlStore

from .serving import serving

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SD = "http://www.w3.org/ns/sparql-service-description#"
SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"
TOKEN = "s3cret-token-for-tests"
PARTNERS = "https://w3id.org/citygraph/id/source/partners"
FORUMS = "https://w3id.org/citygraph/id/source/forums"

SELECT = """PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?partner ?name ?ko ?kind ?signed WHERE {
  VALUES ?seoul { <https://w3id.org/citygraph/id/place/gn1835848> }
  ?a cg:party ?seoul, ?partner ; cg:agreementKind ?k ; cg:evidence ?ev .
  FILTER(?partner != ?seoul)
  ?k skos:notation ?kind .
  ?partner rdfs:label ?name . FILTER(LANG(?name) = "en")
  OPTIONAL { ?partner rdfs:label ?ko . FILTER(LANG(?ko) = "ko") }
  OPTIONAL { ?ev cg:statesDate ?signed }
} ORDER BY ?name ?kind ?signed ?ko ?partner"""
CONSTRUCT = """PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?a cg:party ?partner ; cg:agreementKind ?k . ?partner rdfs:label ?name .
            ?ev cg:statesDate ?signed }
WHERE {
  ?a cg:party <https://w3id.org/citygraph/id/place/gn1835848>, ?partner ;
     cg:agreementKind ?k ; cg:evidence ?ev .
  ?partner rdfs:label ?name .
  OPTIONAL { ?ev cg:statesDate ?signed }
}"""
ASK_TRUE = f"ASK {{ <{SEOUL}> ?p ?o }}"
ASK_FALSE = "ASK { <https://w3id.org/citygraph/id/place/atlantis> ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
FOREVER = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"""
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

pytestmark = pytest.mark.e2e


# --- servers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(built_home: Path) -> Iterator[str]:
    """The bundled graph, read-only, with a 2 s time limit."""
    with serving(built_home, timeout="2", workers="2") as url:
        yield url


@pytest.fixture(scope="module")
def update_home(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("update-home") / "home"
    shutil.copytree(built_home, home, symlinks=True)  # ``current`` is a relative link
    return home


@pytest.fixture(scope="module")
def update_server(update_home: Path) -> Iterator[str]:
    with serving(update_home, timeout="2", update_token=TOKEN) as url:
        yield url


# --- expected answers: the store's own, as rdflib terms --------------------------------------


def rdflib_term(term: Term) -> URIRef | BNode | Literal:
    if term.type == "uri":
        return URIRef(term.value)
    if term.type == "bnode":
        return BNode(term.value)
    if term.lang:
        return Literal(term.value, lang=term.lang)
    if term.datatype in (None, XSD_STRING, RDF_LANGSTRING):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype))


def json_term(value: Mapping[str, str]) -> URIRef | BNode | Literal:
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    return Literal(value["value"],
                   datatype=URIRef(datatype) if datatype and datatype != XSD_STRING else None)


Rows = list[dict[str, Any]]


def plain(term: Any) -> Any:
    """rdflib gives xsd:string literals a datatype in some parsers: drop it."""
    if isinstance(term, Literal) and term.datatype == URIRef(XSD_STRING):
        return Literal(str(term))
    return term


def rows_of(result: Result) -> Rows:
    return [{str(k): plain(v) for k, v in row.items()} for row in result.bindings]


@pytest.fixture(scope="module")
def expected_select(bundled_store: OxigraphStore) -> tuple[list[str], Rows]:
    result = bundled_store.query(SELECT)
    assert isinstance(result, SelectResult)
    assert len(result.rows) > 50
    assert any("signed" not in row for row in result.rows), "the test needs unbound values"
    return result.variables, [{k: rdflib_term(v) for k, v in row.items()} for row in result.rows]


@pytest.fixture(scope="module")
def expected_graph(bundled_store: OxigraphStore) -> Graph:
    result = bundled_store.query(CONSTRUCT)
    assert isinstance(result, GraphResult) and result.count > 100
    return Graph().parse(data=result.ntriples, format="nt")


def graph_of(data: bytes, content_type: str) -> Graph:
    media = content_type.split(";")[0].strip()
    if media == "application/trig":
        dataset = Dataset()
        dataset.parse(data=data, format="trig")
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=data, format=media)


# --- SPARQLWrapper ---------------------------------------------------------------------------

METHODS = {"GET": ("GET", URLENCODED), "POST form": (POST, URLENCODED),
           "POST direct": (POST, POSTDIRECTLY)}


def wrapper(url: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{url}/sparql")
    http_method, encoding = METHODS[method]
    client.setMethod(http_method)
    client.setRequestMethod(encoding)
    client.setTimeout(30)
    return client


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(server: str, method: str, fmt: str,
                              expected_select: tuple[list[str], Rows]) -> None:
    variables, rows = expected_select
    client = wrapper(server, method)
    client.setQuery(SELECT)
    client.setReturnFormat(fmt)
    answer = client.query()
    converted = answer.convert()
    if fmt == JSON:
        assert isinstance(converted, dict)
        assert converted["head"]["vars"] == variables
        got = [{k: json_term(v) for k, v in b.items()} for b in converted["results"]["bindings"]]
    elif fmt == XML:
        assert isinstance(converted, Document)
        got = rows_of(Result.parse(io.BytesIO(converted.toxml().encode()), format="xml"))
    elif fmt == TSV:
        assert isinstance(converted, bytes)
        assert converted.decode().split("\n")[0] == "\t".join(f"?{v}" for v in variables)
        got = rows_of(Result.parse(io.BytesIO(converted), format="tsv"))
    else:  # CSV has plain values only
        assert isinstance(converted, bytes)
        table = list(csv.reader(io.StringIO(converted.decode(), newline="")))
        assert table[0] == variables
        assert table[1:] == [[str(row.get(v, "")) for v in variables] for row in rows]
        return
    assert got == rows


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask(server: str, method: str, fmt: str) -> None:
    client = wrapper(server, method)
    client.setReturnFormat(fmt)
    for query, expected in ((ASK_TRUE, True), (ASK_FALSE, False)):
        client.setQuery(query)
        converted = client.query().convert()
        if fmt == JSON:
            assert converted["boolean"] is expected  # type: ignore[index]
        elif fmt == XML:
            assert isinstance(converted, Document)
            boolean = converted.getElementsByTagName("boolean")[0].firstChild
            assert boolean is not None and boolean.nodeValue == str(expected).lower()
        else:
            assert isinstance(converted, bytes)
            assert converted.decode().split()[-1] == str(expected).lower()


GRAPH_FORMATS = {  # name -> how SPARQLWrapper asks for it
    "ttl": {"return": TURTLE}, "rdfxml": {"return": RDFXML}, "jsonld": {"return": JSONLD},
    "nt": {"accept": "application/n-triples"}, "trig": {"format": "trig"},
}
CONTENT_TYPES = {"ttl": "text/turtle", "rdfxml": "application/rdf+xml",
                 "jsonld": "application/ld+json", "nt": "application/n-triples",
                 "trig": "application/trig"}


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("name", list(GRAPH_FORMATS))
def test_sparqlwrapper_construct(server: str, method: str, name: str,
                                 expected_graph: Graph) -> None:
    client = wrapper(server, method)
    client.setQuery(CONSTRUCT)
    how = GRAPH_FORMATS[name]
    if "return" in how:
        client.setReturnFormat(how["return"])
    else:  # formats SPARQLWrapper has no name for: by Accept, or by our format parameter
        client.setOnlyConneg(True)
        if "accept" in how:
            client.addCustomHttpHeader("Accept", how["accept"])
        else:
            client.addParameter("format", how["format"])
    answer = client.query()
    content_type = answer.info()["content-type"]
    assert content_type.split(";")[0] == CONTENT_TYPES[name]
    if name in ("rdfxml", "jsonld"):
        converted = answer.convert()  # SPARQLWrapper parses these itself
        assert isinstance(converted, Graph)
        assert isomorphic(converted, expected_graph)
    else:
        assert isomorphic(graph_of(answer.response.read(), content_type), expected_graph)


# --- rdflib's SPARQLStore --------------------------------------------------------------------

RDFLIB_METHODS = ["GET", "POST", "POST_FORM"]


def rdflib_graph(url: str, method: str, return_format: str,
                 identifier: str | None = None) -> Graph:
    store = SPARQLStore(f"{url}/sparql", returnFormat=return_format, method=method)
    return Graph(store=store, identifier=URIRef(identifier) if identifier else None)


@pytest.mark.parametrize("method", RDFLIB_METHODS)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_select(server: str, method: str, fmt: str,
                                   expected_select: tuple[list[str], Rows]) -> None:
    variables, rows = expected_select
    result = rdflib_graph(server, method, fmt).query(SELECT)
    assert [str(v) for v in result.vars or []] == variables
    got = rows_of(result)
    if fmt == "csv":  # plain values: compare the text
        assert [{k: str(v) for k, v in row.items()} for row in got] == [
            {k: str(v) for k, v in row.items()} for row in rows]
    else:
        assert got == rows


@pytest.mark.parametrize("method", RDFLIB_METHODS)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_ask(server: str, method: str, fmt: str) -> None:
    graph = rdflib_graph(server, method, fmt)
    for query, expected in ((ASK_TRUE, True), (ASK_FALSE, False)):
        result = graph.query(query)
        if fmt in ("json", "xml"):
            assert result.askAnswer is expected
        else:  # CSV and TSV give ASK as a one-cell table
            assert [str(row[0]) for row in result] == [str(expected).lower()]


@pytest.mark.parametrize("method", RDFLIB_METHODS)
@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml", "trig"])
def test_rdflib_sparqlstore_construct(server: str, method: str, fmt: str,
                                      expected_graph: Graph) -> None:
    result = rdflib_graph(server, method, fmt).query(CONSTRUCT)
    assert result.graph is not None
    if fmt == "trig":  # rdflib reads a TriG answer into a plain Graph: compare triples
        assert set(result.graph) == set(expected_graph)
    else:
        assert isomorphic(result.graph, expected_graph)


def test_describe(server: str, bundled_store: OxigraphStore) -> None:
    query = f"DESCRIBE <{SEOUL}>"
    expected = bundled_store.query(query)
    assert isinstance(expected, GraphResult)
    for fmt in ("ttl", "jsonld"):
        r = httpx.get(f"{server}/sparql", params={"query": query, "format": fmt}, timeout=30)
        assert r.status_code == 200
        assert isomorphic(graph_of(r.content, r.headers["content-type"]),
                          Graph().parse(data=expected.ntriples, format="nt"))


# --- the protocol's details ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "params", "content_type"),
    [
        ({"Accept": "text/csv"}, {"format": "tsv"}, "text/tab-separated-values"),
        ({"Accept": "application/json"}, {}, "application/sparql-results+json"),
        ({"Accept": "text/*;q=0.5, application/sparql-results+xml;q=0.4"}, {}, "text/csv"),
        ({"Accept": "application/sparql-results+json;q=0, */*"}, {},
         "application/sparql-results+xml"),
        ({}, {"format": "xml"}, "application/sparql-results+xml"),
    ],
)
def test_negotiation_over_http(server: str, headers: dict[str, str], params: dict[str, str],
                               content_type: str) -> None:
    r = httpx.get(f"{server}/sparql", params={"query": ASK_TRUE, **params}, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == content_type
    assert "true" in r.text and "accept" in r.headers["vary"].lower()


@pytest.mark.parametrize(
    ("query", "headers", "params"),
    [
        (ASK_TRUE, {"Accept": "text/turtle"}, {}),
        (CONSTRUCT, {"Accept": "text/csv"}, {}),
        (CONSTRUCT, {}, {"format": "tsv"}),
        (ASK_TRUE, {"Accept": "image/png, application/sparql-results+json;q=0"}, {}),
    ],
)
def test_nothing_acceptable_is_406_with_a_message(server: str, query: str,
                                                  headers: dict[str, str],
                                                  params: dict[str, str]) -> None:
    r = httpx.get(f"{server}/sparql", params={"query": query, **params}, headers=headers)
    assert r.status_code == 406
    assert r.json()["error"] == "not_acceptable"
    assert "can be answered as" in r.json()["message"]


def test_an_unknown_format_is_400(server: str) -> None:
    r = httpx.get(f"{server}/sparql", params={"query": ASK_TRUE, "format": "yaml"})
    assert r.status_code == 400 and r.json()["error"] == "unknown_format"


def test_dataset_parameters_choose_among_the_named_graphs(
        server: str, bundled_store: OxigraphStore) -> None:
    def count(**params: Any) -> int:
        r = httpx.get(f"{server}/sparql", params={"query": COUNT, **params}, timeout=30)
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    total, partners = count(), count(**{"default-graph-uri": PARTNERS})
    forums_too = count(**{"default-graph-uri": [PARTNERS, FORUMS]})
    assert partners == int(bundled_store.query(COUNT, default_graph=[PARTNERS])
                           .rows[0]["n"].value)  # type: ignore[union-attr]
    assert 0 < partners < forums_too < total
    # named graphs only: an empty default graph, and GRAPH sees just those
    assert count(**{"named-graph-uri": PARTNERS}) == 0
    graphs = httpx.post(f"{server}/sparql", data={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "named-graph-uri": [PARTNERS, FORUMS]}).json()
    assert {b["g"]["value"] for b in graphs["results"]["bindings"]} == {PARTNERS, FORUMS}
    # sent with application/sparql-query, the parameters ride in the URL
    direct = httpx.post(f"{server}/sparql", content=COUNT.encode(),
                        params={"default-graph-uri": PARTNERS},
                        headers={"Content-Type": "application/sparql-query"})
    assert int(direct.json()["results"]["bindings"][0]["n"]["value"]) == partners
    # rdflib's SPARQLStore sends a graph's identifier as default-graph-uri
    result = rdflib_graph(server, "GET", "json", identifier=PARTNERS).query(COUNT)
    assert [int(row[0]) for row in result] == [partners]  # type: ignore[index, call-overload]
    # so does citygraph's own remote store
    remote = SparqlStore(f"{server}/sparql").query(COUNT, default_graph=[PARTNERS])
    assert isinstance(remote, SelectResult) and int(remote.rows[0]["n"].value) == partners


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_a_graph_the_store_does_not_hold_is_empty(server: str, parameter: str) -> None:
    """The W3C protocol tests' dataset cases: an unknown graph is an empty graph, not an error."""
    r = httpx.get(f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }",
                                              parameter: "http://127.0.0.1:9/elsewhere"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["boolean"] is False


def test_an_update_sent_with_get_is_refused(server: str) -> None:
    """W3C protocol test update_via_get (an update is never sent with GET)."""
    r = httpx.get(f"{server}/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 403 and r.json()["error"] == "read_only"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_two_queries_in_one_request_are_400(server: str, method: str) -> None:
    """W3C protocol tests query_multiple_dataset / multiple queries: one query per request."""
    two = [("query", "ASK { }"), ("query", "SELECT * { ?s ?p ?o } LIMIT 1")]
    r = (httpx.get(f"{server}/sparql", params=two) if method == "GET"
         else httpx.post(f"{server}/sparql", data=dict(two[:1]), params=two[1:]))
    assert r.status_code == 400 and r.json()["error"] == "duplicate_query"


def test_head_answers_as_get_without_a_body(server: str) -> None:
    params = {"query": "ASK { ?s ?p ?o }"}
    head = httpx.head(f"{server}/sparql", params=params)
    get = httpx.get(f"{server}/sparql", params=params)
    assert head.status_code == get.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert httpx.head(f"{server}/sparql").status_code == 200  # the service description


def test_relative_iris_resolve_against_the_endpoint(server: str) -> None:
    r = httpx.get(f"{server}/sparql", params={"query": "SELECT ?x { BIND(<here> AS ?x) }"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"][0]["x"]["value"] == f"{server}/here"


@pytest.mark.parametrize(
    ("query", "status", "error", "words"),
    [
        ("SELECT * WHERE {\n  ?s ?p }", 400, "bad_query", "line 2, column"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403, "refused",
         "SERVICE"),
        ("LOAD <http://127.0.0.1:9/data.ttl>", 403, "refused", "read-only"),
        ("SELECT * FROM <http://127.0.0.1:9/g.ttl> WHERE { ?s ?p ?o }", 403, "refused", "FROM"),
    ],
)
def test_guardrails_answer_json(server: str, query: str, status: int, error: str,
                                words: str) -> None:
    r = httpx.get(f"{server}/sparql", params={"query": query})
    assert r.status_code == status
    assert r.json()["error"] == error and words in r.json()["message"]


def test_a_query_that_runs_too_long_times_out_while_others_are_answered(server: str) -> None:
    outcome: dict[str, Any] = {}

    def forever() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.get(f"{server}/sparql", params={"query": FOREVER},
                                        timeout=30)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=forever)
    thread.start()
    time.sleep(0.3)
    answered = 0
    client = wrapper(server, "GET")
    client.setReturnFormat(JSON)
    client.setQuery(ASK_TRUE)
    while thread.is_alive():
        assert client.query().convert()["boolean"] is True  # type: ignore[index]
        answered += 1
        time.sleep(0.05)
    thread.join()
    response: httpx.Response = outcome["response"]
    assert response.status_code == 503
    assert response.json()["error"] == "timeout"
    assert "timed out" in response.json()["message"]
    assert outcome["seconds"] <= 2 + 1
    assert answered >= 3, "simple queries were not answered while the long one ran"
    # the stopped worker was replaced
    assert httpx.get(f"{server}/sparql", params={"query": ASK_TRUE}).json()["boolean"] is True


# --- service description ---------------------------------------------------------------------


def test_the_service_description(server: str, bundled_store: OxigraphStore) -> None:
    r = httpx.get(f"{server}/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=r.text, format="turtle")
    endpoint = URIRef(f"{server}/sparql")
    assert (endpoint, URIRef(SD + "endpoint"), endpoint) in graph
    assert (endpoint, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in graph
    assert (endpoint, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in graph
    assert (None, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in graph
    names = {str(o) for o in graph.objects(None, URIRef(SD + "name"))}
    assert names == set(bundled_store.graph_names())
    sizes = {str(row.name): int(row.n) for row in graph.query(  # type: ignore[union-attr]
        f"SELECT ?name ?n WHERE {{ ?ng <{SD}name> ?name ; <{SD}graph> ?g . "
        "?g <http://rdfs.org/ns/void#triples> ?n }")}
    assert sizes[PARTNERS] == int(bundled_store.query(  # type: ignore[union-attr]
        COUNT, default_graph=[PARTNERS]).rows[0]["n"].value)
    assert sum(sizes.values()) == bundled_store.quad_count()
    formats = {str(o) for o in graph.objects(endpoint, URIRef(SD + "resultFormat"))}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_TSV" in formats
    # other RDF formats by Accept or format; a browser gets the query page
    as_jsonld = httpx.get(f"{server}/sparql", headers={"Accept": "application/ld+json"})
    assert isomorphic(graph_of(as_jsonld.content, as_jsonld.headers["content-type"]), graph)
    assert httpx.get(f"{server}/sparql", params={"format": "nt"}).headers[
        "content-type"].startswith("application/n-triples")
    page = httpx.get(f"{server}/sparql", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "accept" in page.headers["vary"].lower()
    with_query = httpx.get(f"{server}/sparql", params={"query": ASK_TRUE},
                           headers={"Accept": BROWSER})
    assert with_query.headers["content-type"].startswith("text/html")


# --- CORS, ETag ------------------------------------------------------------------------------


def test_cors_on_reads(server: str) -> None:
    origin = {"Origin": "https://example.org"}
    get = httpx.get(f"{server}/sparql", params={"query": ASK_TRUE}, headers=origin)
    post = httpx.post(f"{server}/sparql", content=ASK_TRUE.encode(),
                      headers={**origin, "Content-Type": "application/sparql-query"})
    error = httpx.get(f"{server}/sparql", params={"query": "SELECT"}, headers=origin)
    for r in (get, post, error):
        assert r.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in r.headers
    assert "X-Citygraph-Truncated" in get.headers["access-control-expose-headers"]
    preflight = httpx.options(f"{server}/sparql", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    # other paths get no CORS
    assert "access-control-allow-origin" not in httpx.get(f"{server}/health",
                                                          headers=origin).headers


def test_etag_and_304(server: str) -> None:
    first = httpx.get(f"{server}/sparql", params={"query": SELECT})
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=60"
    again = httpx.get(f"{server}/sparql", params={"query": SELECT})
    assert again.headers["etag"] == etag
    cached = httpx.get(f"{server}/sparql", params={"query": SELECT},
                       headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert cached.headers["etag"] == etag
    listed = httpx.get(f"{server}/sparql", params={"query": SELECT},
                       headers={"If-None-Match": f'"other", {etag.removeprefix("W/")}'})
    assert listed.status_code == 304
    assert httpx.get(f"{server}/sparql", params={"query": SELECT},
                     headers={"If-None-Match": "*"}).status_code == 304
    # another format, query or dataset is another entity
    others = [
        httpx.get(f"{server}/sparql", params={"query": SELECT, "format": "csv"}),
        httpx.get(f"{server}/sparql", params={"query": SELECT + " LIMIT 3"}),
        httpx.get(f"{server}/sparql", params={"query": SELECT, "default-graph-uri": PARTNERS}),
    ]
    assert len({etag, *(r.headers["etag"] for r in others)}) == 4
    stale = httpx.get(f"{server}/sparql", params={"query": SELECT},
                      headers={"If-None-Match": others[0].headers["etag"]})
    assert stale.status_code == 200
    # a POST always runs the query
    post = httpx.post(f"{server}/sparql", data={"query": SELECT},
                      headers={"If-None-Match": etag})
    assert post.status_code == 200 and post.headers["etag"] == etag


# --- updates ---------------------------------------------------------------------------------

INSERT = ('INSERT DATA { GRAPH <https://w3id.org/citygraph/id/source/partners> { '
          f'<{SEOUL}> <http://www.w3.org/2000/01/rdf-schema#comment> "added over HTTP"@en }} }}')
ADDED = f'ASK {{ <{SEOUL}> <http://www.w3.org/2000/01/rdf-schema#comment> "added over HTTP"@en }}'


def test_updates_are_disabled_by_default(server: str) -> None:
    r = httpx.post(f"{server}/sparql/update", data={"update": INSERT},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and r.json()["error"] == "updates_disabled"
    assert "CITYGRAPH_UPDATE_TOKEN" in r.json()["message"]
    assert "access-control-allow-origin" not in r.headers
    assert httpx.get(f"{server}/sparql", params={"query": ADDED}).json()["boolean"] is False


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_a_wrong_or_missing_token_is_401(update_server: str, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    r = httpx.post(f"{update_server}/sparql/update", data={"update": INSERT}, headers=headers)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert httpx.get(f"{update_server}/sparql",
                     params={"query": ADDED}).json()["boolean"] is False


def test_an_update_with_the_token_is_seen_by_later_queries(update_server: str,
                                                           update_home: Path) -> None:
    before_store = (update_home / "current").resolve()
    before = httpx.get(f"{update_server}/sparql", params={"query": ADDED})
    assert before.json()["boolean"] is False
    assert before.headers["cache-control"] == "public, no-cache"  # updates on: revalidate
    # SPARQLWrapper sends it as a form (update=...)
    client = SPARQLWrapper(f"{update_server}/sparql",
                           updateEndpoint=f"{update_server}/sparql/update")
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.setQuery(INSERT)
    answer = client.query()
    assert json.loads(answer.response.read())["status"] == "updated"
    after = httpx.get(f"{update_server}/sparql", params={"query": ADDED})
    assert after.json()["boolean"] is True
    assert after.headers["etag"] != before.headers["etag"]  # a new graph version
    assert httpx.get(f"{update_server}/sparql", params={"query": ADDED},
                     headers={"If-None-Match": before.headers["etag"]}).status_code == 200
    assert (update_home / "current").resolve() != before_store
    assert before_store.exists()  # kept for queries that were still reading it
    # rdflib's SPARQLUpdateStore sends application/sparql-update: delete a fact of the data
    store = SPARQLUpdateStore(f"{update_server}/sparql", f"{update_server}/sparql/update",
                              headers={"Authorization": f"Bearer {TOKEN}"})
    store.update(f"DELETE WHERE {{ GRAPH ?g {{ <{SEOUL}> "
                 "<http://www.w3.org/2000/01/rdf-schema#comment> ?c } }")
    wrapper_client = wrapper(update_server, "GET")
    wrapper_client.setReturnFormat(JSON)
    wrapper_client.setQuery(ADDED)
    assert wrapper_client.query().convert()["boolean"] is False  # type: ignore[index]
    # the service description names the update endpoint
    described = Graph().parse(data=httpx.get(f"{update_server}/sparql").text, format="turtle")
    assert (URIRef(f"{update_server}/sparql/update"), URIRef(SD + "supportedLanguage"),
            URIRef(SD + "SPARQL11Update")) in described


@pytest.mark.parametrize(
    ("update", "status", "words"),
    [
        ("LOAD <http://127.0.0.1:9/data.ttl>", 403, "LOAD"),
        ("INSERT { GRAPH <http://ex.org/g> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/> "
         "{ ?s ?p ?o } }", 403, "SERVICE"),
        ("INSERT DATA {\n  <http://a> <http://b> }", 400, "line 2, column"),
        # (an update's WHERE reads the real default graph, empty here: name the graphs)
        ("INSERT { GRAPH <http://ex.org/g> { ?a ?b ?c } } WHERE { GRAPH ?v { ?a ?b ?c } "
         "GRAPH ?w { ?d ?e ?f } GRAPH ?x { ?g ?h ?i } GRAPH ?y { ?j ?k ?l } "
         "GRAPH ?z { ?m ?n ?o } }", 503, "timed out"),
    ],
)
def test_refused_or_failed_updates_change_nothing(update_server: str, update_home: Path,
                                                  update: str, status: int,
                                                  words: str) -> None:
    before = (update_home / "current").resolve()
    stores = sorted(p.name for p in (update_home / "stores").iterdir())
    r = httpx.post(f"{update_server}/sparql/update", content=update.encode(), timeout=60,
                   headers={"Authorization": f"Bearer {TOKEN}",
                            "Content-Type": "application/sparql-update"})
    assert r.status_code == status, r.text
    assert words in r.json()["message"]
    assert (update_home / "current").resolve() == before
    assert sorted(p.name for p in (update_home / "stores").iterdir()) == stores


def test_no_cors_on_updates(update_server: str) -> None:
    origin = {"Origin": "https://example.org"}
    post = httpx.post(f"{update_server}/sparql/update", data={"update": INSERT},
                      headers={**origin, "Authorization": "Bearer wrong"})
    assert "access-control-allow-origin" not in post.headers
    preflight = httpx.options(f"{update_server}/sparql/update", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code >= 400
