"""Every term Python names is declared in the Turtle; every class has a shape."""

from enum import StrEnum

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from citygraph.graph.network.project import Relation
from citygraph.graph.write.validate import load_ontology, load_shapes
from citygraph.ingest import facts
from citygraph.ontology.vocab import CG, SCHEMES, kind_iri, scheme_iri

SH = Namespace("http://www.w3.org/ns/shacl#")
ENUMS: dict[str, type[StrEnum]] = {
    "agreement": facts.AgreementKind, "event": facts.EventKind, "theme": facts.PolicyTheme,
    "role": facts.OfficeRole, "participation": facts.ParticipationRole, "org": facts.OrgKind,
    "continent": facts.Continent, "measure": facts.Measure, "tie": Relation,
    "source": facts.SourceKind,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def cg_terms() -> list[str]:
    return [name for name in CG.__annotations__ if not name.startswith("_")]


def labels(g: Graph, term: URIRef, prop: URIRef = RDFS.label) -> set[str | None]:
    return {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}


@pytest.mark.parametrize("name", cg_terms())
def test_term_is_declared_with_bilingual_label(ontology: Graph, name: str) -> None:
    term = CG[name]
    declared = set(ontology.objects(term, RDF.type))
    assert declared & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, name
    assert {"en", "ko"} <= labels(ontology, term)
    assert {"en", "ko"} <= labels(ontology, term, RDFS.comment)


def test_every_class_has_a_shape_with_messages(ontology: Graph, shapes: Graph) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(CG._NS))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes and classes <= targeted, classes - targeted
    for prop_shape in shapes.objects(None, SH.property):
        assert {"en", "ko"} <= labels(shapes, prop_shape, SH.message), prop_shape


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_holds_exactly_the_python_codes(ontology: Graph, scheme: str) -> None:
    in_scheme = {str(c) for c in ontology.subjects(SKOS.inScheme, scheme_iri(scheme))}
    expected = {str(kind_iri(scheme, m.value)) for m in ENUMS[scheme]}
    assert in_scheme == expected
    for concept in expected:
        assert {"en", "ko"} <= labels(ontology, URIRef(concept), SKOS.prefLabel), concept


def test_chinseon_is_a_sister_level_kind(ontology: Graph) -> None:
    assert (kind_iri("agreement", "chinseon"), SKOS.broader,
            kind_iri("agreement", "sister")) in ontology
