"""The bundled graph with a slice of the world's twin-town list, built onto Virtuoso.

The same build loads into the remote store, and the representative queries
(the world projection, a city lookup, the focus city's partners, its second
degree, its listed ties, the diff) answer as the embedded store does.  The
full list runs the same way with ``CITYGRAPH_WORLD_FULL=1`` (``make
test-world-full``).
"""

from __future__ import annotations

import os

import pytest

from citygraph.api.settings import bundled_sources
from citygraph.graph.network.world import world_network
from citygraph.graph.read.diff import tie_diff
from citygraph.graph.read.listed import listed_ties
from citygraph.graph.store.base import SelectResult, Term
from citygraph.graph.store.opening import open_current
from citygraph.graph.store.remote import SparqlStore
from citygraph.graph.write.build import build, build_remote
from citygraph.ontology.vocab import sparql_prefixes

from ...conftest import TEST_DATA
from ...virtuoso import RESULT_SET_MAX_ROWS
from ..conftest import VirtuosoServer

FULL = os.environ.get("CITYGRAPH_WORLD_FULL") == "1"
LIST = bundled_sources() / "twin-towns" if FULL else TEST_DATA / "lists" / "twin-towns"
SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"
P = sparql_prefixes("cg", "dcterms", "rdfs")
QUERIES = {
    "lookup": (P + "SELECT ?key ?city WHERE { ?city dcterms:identifier ?key }",
               {"key": Term("literal", "seoul-gangnam")}),
    "partners": (P + """SELECT DISTINCT ?focus ?partner WHERE {
        ?tie a cg:Partnership ; cg:party ?focus, ?partner . FILTER(?partner != ?focus) }""",
                 {"focus": Term("uri", SEOUL)}),
    "second": (P + """SELECT DISTINCT ?focus ?second WHERE {
        ?t1 a cg:Partnership ; cg:party ?focus, ?first . FILTER(?first != ?focus)
        ?t2 a cg:Partnership ; cg:party ?first, ?second .
        FILTER(?second != ?first && ?second != ?focus) }""", {"focus": Term("uri", SEOUL)}),
}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("world-local")
    build(bundled_sources(), home, lists=[LIST])
    return open_current(home)


@pytest.fixture(scope="module")
def remote(virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory) -> SparqlStore:
    store = SparqlStore.virtuoso(virtuoso.base_url, user=virtuoso.user,
                                 password=virtuoso.password, timeout=600,
                                 server_max_rows=RESULT_SET_MAX_ROWS)
    store.batch_triples = 5000
    build_remote(bundled_sources(), tmp_path_factory.mktemp("world-remote"), store,
                 lists=[LIST])
    return store


def _rows(store, sparql: str, bindings) -> list[tuple[str, ...]]:
    result = store.query(sparql, bindings=bindings)
    assert isinstance(result, SelectResult) and not result.truncated
    return sorted(tuple(r[v].value for v in result.variables if v in r) for r in result.rows)


def test_the_world_build_loads_into_virtuoso(local, remote: SparqlStore) -> None:
    assert "https://w3id.org/citygraph/id/source/twin-towns" in (remote.graphs or ())


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_representative_queries_agree(name: str, local, remote: SparqlStore) -> None:
    sparql, bindings = QUERIES[name]
    mine = _rows(local, sparql, bindings)
    assert mine and _rows(remote, sparql, bindings) == mine


def test_the_world_projection_agrees(local, remote: SparqlStore) -> None:
    here, there = world_network(local), world_network(remote)
    assert {frozenset(e) for e in here.edges()} == {frozenset(e) for e in there.edges()}
    assert here.number_of_edges() > 100


def test_listed_ties_and_the_diff_agree(local, remote: SparqlStore) -> None:
    def ties(store) -> set[tuple[str, str, int]]:
        return {(t.place.iri, t.partner.iri, len(t.evidence)) for t in listed_ties(store, SEOUL)}

    assert ties(local) == ties(remote) != set()
    here, there = tie_diff(local, SEOUL), tie_diff(remote, SEOUL)
    for part in ("both", "only_curated", "only_listed", "districts"):
        assert ({t.partnership for t in getattr(here, part)}
                == {t.partnership for t in getattr(there, part)}), part
