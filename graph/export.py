r"""Dump the graph as TriG, N-Quads, Turtle or JSON-LD.

JSON-LD is compacted with the published context (``ontology/context.jsonld``,
served at ``/context.jsonld``), given inline so the file reads offline.

Examples
--------
>>> from citygraph.graph.store import OxigraphStore
>>> store = OxigraphStore.in_memory()
>>> store.load_nquads(b'<http://a> <http://p> "x" <http://g> .\n')
>>> export(store, "nq").decode()
'<http://a> <http://p> "x" <http://g> .\n'
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Dataset

from citygraph.graph.store import OxigraphStore
from citygraph.ontology import CONTEXT_FILE, read_text
from citygraph.ontology.vocab import CG, GEO, ID, KIND, ORG, SCHEMA

__all__ = ["FORMATS", "context", "export"]

FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
           "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
PREFIXES = {
    "cg": str(CG._NS), "id": str(ID), "kind": str(KIND), "geo": str(GEO), "org": str(ORG),
    "schema": str(SCHEMA), "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def export(store: OxigraphStore, fmt: str) -> bytes:
    """Serialise the whole store.

    ``ttl`` merges all named graphs into one graph; the other formats keep them.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return _jsonld(store)
    if fmt == "ttl":
        triples = store.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                    use_default_graph_as_union=True)
        if not isinstance(triples, ox.QueryTriples):
            raise TypeError("CONSTRUCT returned no triples")
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return store.store.dump(format=FORMATS[fmt], prefixes=PREFIXES) or b""


def context() -> dict[str, object]:
    """The published JSON-LD context: prefixes of the vocabularies citygraph uses."""
    data: dict[str, object] = json.loads(read_text(CONTEXT_FILE))["@context"]
    return data


def _jsonld(store: OxigraphStore) -> bytes:
    dataset = Dataset()
    dataset.parse(data=store.store.dump(format=ox.RdfFormat.N_QUADS) or b"", format="nquads")
    text = dataset.serialize(format="json-ld", context=context(), auto_compact=True)
    return text.encode() if isinstance(text, str) else text
