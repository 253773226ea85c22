"""SKOS concepts and citygraph's classes, named as the ontology in the store names them.

Pages name kinds (agreement kinds, event kinds, policy themes, continents)
and classes from the ontology's labels, read with one query per call, not
from Python copies of them.
"""

from __future__ import annotations

from collections import defaultdict

from citygraph.graph.read.common import KIND_NS, Kind, first_of, is_ko, local_name, select
from citygraph.graph.store.base import Store
from citygraph.ontology.vocab import sparql_prefixes

CONCEPTS = """
SELECT DISTINCT ?node ?code ?label ?up WHERE {
  ?node skos:notation ?code .
  { ?node skos:prefLabel ?label } UNION { ?node skos:broader+ ?b . ?b skos:notation ?up }
}
"""


class Concepts:
    """The SKOS concepts of the ontology, by IRI."""

    def __init__(self, store: Store) -> None:
        codes: dict[str, str] = {}
        en: dict[str, set[str]] = defaultdict(set)
        ko: dict[str, set[str]] = defaultdict(set)
        up: dict[str, set[str]] = defaultdict(set)
        for row in select(store, CONCEPTS):
            iri = row["node"].value
            codes[iri] = row["code"].value
            if "label" in row:
                label = row["label"]
                (ko if is_ko(label) else en)[iri].add(label.value)
            if "up" in row:
                up[iri].add(row["up"].value)
        self.by_iri: dict[str, Kind] = {
            iri: Kind(code, iri, first_of(en[iri]), first_of(ko[iri]), tuple(sorted(up[iri])))
            for iri, code in codes.items()
        }

    def kind(self, iri: str) -> Kind:
        """The concept of an IRI (its code alone when the ontology does not label it)."""
        return self.by_iri.get(iri) or Kind(local_name(iri), iri)

    def codes(self, scheme: str) -> dict[str, Kind]:
        """The concepts of one scheme, by code."""
        prefix = f"{KIND_NS}{scheme}/"
        return {k.code: k for i, k in self.by_iri.items() if i.startswith(prefix)}


def concepts(store: Store, *schemes: str) -> tuple[dict[str, Kind], ...]:
    """The concepts of the ontology's ``schemes`` (``event``, ``theme`` ...) by code.

    One query answers every scheme asked for.  Their labels come from the
    ontology in the store, so pages name kinds as the vocabulary does.

    >>> from citygraph.graph.network.project import example_store
    >>> concepts(example_store(), "agreement", "event")
    ({}, {})
    """
    found = Concepts(store)
    return tuple(found.codes(scheme) for scheme in schemes)


CLASSES = """
SELECT DISTINCT ?node ?label WHERE {
  ?node a owl:Class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?node), STR(cg:)))
}
"""


def class_labels(store: Store) -> dict[str, Kind]:
    """The ontology's classes by local name (``City``, ``Person`` ...), with their labels.

    >>> from citygraph.graph.network.project import example_store
    >>> class_labels(example_store())
    {}
    """
    en: dict[str, set[str]] = defaultdict(set)
    ko: dict[str, set[str]] = defaultdict(set)
    for row in select(store, sparql_prefixes("owl") + CLASSES):
        label = row["label"]
        (ko if is_ko(label) else en)[row["node"].value].add(label.value)
    return {local_name(iri): Kind(local_name(iri), iri, first_of(en[iri]), first_of(ko[iri]))
            for iri in set(en) | set(ko)}
