"""Linked data: every minted IRI dereferences as HTML, Turtle, JSON-LD or N-Triples."""

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from citygraph.api.app import create_app
from citygraph.api.negotiation import representation, wants_html
from citygraph.api.pages import linked_page
from citygraph.api.pages.site import PAGE_HEADERS, environment
from citygraph.api.settings import Settings
from citygraph.graph.read.linked import Description, Triple
from citygraph.graph.store.base import Term
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ingest.errors import NotAcceptable

from ..browser import open_page

WELLINGTON = "https://w3id.org/citygraph/id/place/gn2179537"
PAGE = "/id/place/gn2179537"
CG = "https://w3id.org/citygraph/ontology#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"


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


# -- the pages: the site's templates, CSP and escaping ---------------------------------------

LINKED_PAGES = ["/id/place/gn2179537", "/kind/agreement", "/ontology", "/downloads"]


class _Markup(HTMLParser):
    """Collects what the CSP would refuse: inline style and script, event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.stylesheets: list[str] = []
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "style" or "style" in found:
            self.inline.append(f"style on <{tag}>")
        if tag == "script" and not found.get("src"):
            self.inline.append("inline <script>")
        self.inline += [f"{name} on <{tag}>" for name in found if name.startswith("on")]
        if tag == "link" and found.get("rel") == "stylesheet":
            self.stylesheets.append(found.get("href") or "")
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


def markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", LINKED_PAGES)
def test_linked_pages_are_site_pages_under_its_csp(client: TestClient, path: str,
                                                   lang: str) -> None:
    r = client.get(path, params={"lang": lang}, headers={"accept": "text/html"})
    assert r.status_code == 200
    for header, value in PAGE_HEADERS.items():
        assert r.headers[header] == value
    found = markup(r.text)
    assert found.inline == []  # the CSP allows our own files only
    assert found.stylesheets == ["/static/style.css", "/static/site.css", "/static/linked.css"]
    assert all(client.get(css).status_code == 200 for css in found.stylesheets)
    # base.html: the navigation, the language switch, the page in the asked language
    assert f'<html lang="{lang}">' in r.text
    assert 'class="site-nav"' in r.text and 'class="lang-switch"' in r.text
    assert ("Skip to the content" in r.text) == (lang == "en")


def test_the_pages_link_their_other_representations(client: TestClient) -> None:
    page = client.get(PAGE, headers={"accept": "text/html"}).text
    for fmt, media in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                       ("nt", "application/n-triples")):
        assert f'<link rel="alternate" type="{media}" href="{PAGE}?format={fmt}">' in page
        assert f'<a href="{PAGE}?format={fmt}">' in page
    assert f'<a href="{PAGE}?format=jsonld">JSON</a>' in page  # the footer's JSON link
    listed = client.get("/downloads", headers={"accept": "text/html"}).text
    assert '<a href="/downloads.json">JSON</a>' in listed
    assert client.get("/downloads.json").json() == client.get("/downloads").json()


def test_the_pages_speak_korean(client: TestClient) -> None:
    page = client.get(PAGE, params={"lang": "ko"}, headers={"accept": "text/html"}).text
    assert "<h1>웰링턴 <span lang=\"en\">Wellington</span></h1>" in page
    assert "이것을 가리키는 자원" in page and "Referenced by" not in page
    assert ">뉴질랜드</a>" in page  # linked resources by their Korean labels
    ontology = client.get("/ontology", params={"lang": "ko"}, headers={"accept": "text/html"})
    assert '<h2 id="classes">클래스</h2>' in ontology.text
    assert "도시 <span lang=\"en\">city</span></h3>" in ontology.text
    listed = client.get("/downloads", params={"lang": "ko"}, headers={"accept": "text/html"})
    assert "<h1>내려받기</h1>" in listed.text and "모든 쿼드 (N-Quads)" in listed.text


def test_the_ontology_shows_its_lists_and_blank_nodes(client: TestClient) -> None:
    page = client.get("/ontology", headers={"accept": "text/html"}).text
    union = page.index('<span class="iri">owl:unionOf</span></a> (')
    assert page[union:].split(")", 1)[0].count("<a href=") >= 3  # the property and 2+ classes
    assert '<li>[ <a href="http://www.w3.org/1999/02/22-rdf-syntax-ns#type">' in page


XSS = "<img src=x onerror=alert(1)>"
EVIL = "https://w3id.org/citygraph/id/place/evil"


@pytest.fixture(scope="module")
def evil_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app on a small graph whose labels are markup."""
    store = OxigraphStore.in_memory()
    g = "<https://w3id.org/citygraph/id/source/x>"
    seoul = "<https://w3id.org/citygraph/id/place/seoul>"
    nz = "<https://w3id.org/citygraph/id/country/evil>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    store.load_nquads(f"""\
{seoul} <http://purl.org/dc/terms/identifier> "seoul" {g} .
{seoul} {label} "Seoul"@en {g} .
{seoul} <{CG}partner> <{EVIL}> {g} .
<{EVIL}> <{RDF_NS}type> <{CG}City> {g} .
<{EVIL}> {label} "{XSS}"@en {g} .
<{EVIL}> {label} "{XSS}"@ko {g} .
<{EVIL}> <http://www.w3.org/2000/01/rdf-schema#comment> "<script>alert(2)</script>" {g} .
<{EVIL}> <{CG}country> {nz} {g} .
{nz} {label} "\\"><b onmouseover=alert(3)>NZ</b>"@en {g} .
""".encode())
    home = tmp_path_factory.mktemp("evil")
    with TestClient(create_app(Settings.from_env({}, home=home), store=store)) as c:
        yield c


def test_a_label_with_markup_stays_text(evil_client: TestClient) -> None:
    for lang in ("en", "ko"):
        r = evil_client.get("/id/place/evil", params={"lang": lang},
                            headers={"accept": "text/html"})
        assert r.status_code == 200
        assert "<img" not in r.text and "<script>alert" not in r.text and "<b " not in r.text
        assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
        assert markup(r.text).h1.startswith(XSS)  # the heading reads as the label's text
        assert markup(r.text).inline == []
        assert "&#34;&gt;&lt;b onmouseover=alert(3)&gt;NZ&lt;/b&gt;</a>" in r.text
    seoul = evil_client.get("/id/place/seoul", headers={"accept": "text/html"}).text
    assert f'title="{EVIL}">&lt;img src=x onerror=alert(1)&gt;</a>' in seoul


def test_a_label_with_markup_is_text_in_chromium(evil_client: TestClient,
                                                 chromium: Any) -> None:
    page, watch = open_page(chromium)
    origin = "http://127.0.0.1:9"

    def serve(route: Any) -> None:  # the in-process app answers, headers (CSP) and all
        r = evil_client.get(route.request.url.removeprefix(origin),
                            headers={"accept": route.request.headers.get("accept", "*/*")})
        route.fulfill(status=r.status_code, headers=dict(r.headers), body=r.content)

    page.route(f"{origin}/**", serve)
    page.goto(f"{origin}/id/place/evil?lang=en", wait_until="load")
    assert page.locator("h1").inner_text().startswith(XSS)
    assert page.locator("main").get_by_text("<script>alert(2)</script>").count() == 1
    assert page.locator("img, main script, main b").count() == 0
    page.locator("main a[href='/id/country/evil']").hover()
    watch.assert_clean()  # no dialog, no CSP violation, nothing fetched from elsewhere
    page.context.close()


# -- the pages' data (api/pages/linked_page.py) and its macros -------------------------------


def test_blank_nodes_nest_and_rdf_lists_read_as_their_items() -> None:
    me, p, q = Term("uri", WELLINGTON), Term("uri", CG + "p"), Term("uri", CG + "q")
    node, inner, cycle, lone = (Term("bnode", n) for n in ("n", "inner", "cycle", "lone"))
    first, rest = Term("uri", RDF_NS + "first"), Term("uri", RDF_NS + "rest")
    one, two = Term("bnode", "l1"), Term("bnode", "l2")
    d = Description(WELLINGTON, out=[Triple(me, p, node), Triple(me, p, one),
                                     Triple(me, q, cycle), Triple(me, q, lone)], blank=[
        Triple(node, p, Term("literal", "x", lang="en")), Triple(node, q, inner),
        Triple(inner, p, Term("literal", "2", datatype=XSD + "integer")),
        Triple(one, first, Term("uri", CG + "City")), Triple(one, rest, two),
        Triple(two, first, Term("literal", "y")), Triple(two, rest, Term("uri", RDF_NS + "nil")),
        Triple(cycle, first, Term("literal", "z")), Triple(cycle, rest, cycle)])
    page = linked_page.resource_page(d, PAGE, "en")
    (by_p, by_q) = page.statements
    nested, listed = by_p.values
    assert isinstance(nested, linked_page.Blank) and isinstance(listed, linked_page.Blank)
    key, shown = nested.pairs[0]
    assert (key.compact, shown) == ("cg:p", linked_page.Literal("x", "en", None))
    deeper = nested.pairs[1][1]
    assert isinstance(deeper, linked_page.Blank)
    assert deeper.pairs[0][1] == linked_page.Literal(
        "2", None, linked_page.Iri(XSD + "integer", "", XSD + "integer"))
    assert listed.items == (linked_page.Iri(CG + "City", "", "/ontology#City"),
                            linked_page.Literal("y", None, None))
    looped, alone = by_q.values  # a list that loops is shown as its triples; a bare node by id
    assert isinstance(looped, linked_page.Blank) and looped.items is None and looped.pairs
    assert alone == linked_page.Blank("lone")
    macros = environment().get_template("linked_macros.html").module
    html = "".join(str(macros.value(v)) for v in (*by_p.values, *by_q.values))
    assert html.startswith('[ <a href="/ontology#p"><span class="iri">cg:p</span></a> x '
                           '<span class="rdf-meta">@en</span>; ')
    assert '2 <span class="rdf-meta">^^<a href="http://www.w3.org/2001/XMLSchema#integer">' in html
    assert '(<a href="/ontology#City"><span class="iri">cg:City</span></a>, y)' in html
    assert html.endswith('<span class="iri">_:lone</span>')


def test_blank_nodes_nest_only_so_deep() -> None:
    me, p = Term("uri", WELLINGTON), Term("uri", CG + "p")
    chain = [Term("bnode", f"b{i}") for i in range(20)]
    d = Description(WELLINGTON, out=[Triple(me, p, chain[0])],
                    blank=[Triple(a, p, b) for a, b in pairwise(chain)])
    shown = linked_page.resource_page(d, PAGE, "en").statements[0].values[0]
    depth = 0
    while isinstance(shown, linked_page.Blank) and shown.pairs:
        shown, depth = shown.pairs[0][1], depth + 1
    assert depth == linked_page.MAX_DEPTH + 1 and shown == linked_page.Blank("b9")
