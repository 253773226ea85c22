"""PROV-O for publications: who published a document's named graph, when, and what they decided.

Each publish of a document (:class:`~citygraph.graph.write.documents.Publication`)
becomes a ``prov:Activity`` in the document's named graph
(``id/source/document/{id}``): ``prov:wasAssociatedWith`` its agent (the
user), ``prov:endedAtTime``, ``prov:used`` the document, and a description
counting the facts accepted, rejected, edited and added.  The graph itself
``prov:wasGeneratedBy`` the latest one.

Examples
--------
>>> from rdflib import Dataset
>>> from citygraph.graph.write.documents import Publication
>>> ds = Dataset()
>>> add_provenance(ds, "note", [Publication(1, "kim", "2024-05-14T09:00:00Z", "ab", accepted=2)])
>>> activity = ID["source/document/note/publication/1"]
>>> (activity, RDF.type, PROV.Activity, ID["source/document/note"]) in ds
True
>>> describe(Publication(2, "kim", "", "", "rollback", restored=1))
'rollback to version 1 by kim: accepted 0, rejected 0, edited 0, added 0'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from citygraph.graph.write.documents import Publication
from citygraph.ontology.vocab import ID

__all__ = ["add_provenance", "agent_iri", "describe"]


def agent_iri(who: str) -> URIRef:
    """The IRI of a user as a ``prov:Agent``.

    >>> str(agent_iri("Kim Ji-woo"))
    'https://w3id.org/citygraph/id/agent/kim-ji-woo'
    """
    return ID[f"agent/{re.sub(r'[^a-z0-9._-]+', '-', who.lower()).strip('-') or 'unknown'}"]


def describe(p: Publication) -> str:
    """One line saying what a publication did."""
    action = f"rollback to version {p.restored}" if p.action == "rollback" else p.action
    return (f"{action} by {p.who}: accepted {p.accepted}, rejected {p.rejected}, "
            f"edited {p.edited}, added {p.added}")


def add_provenance(ds: Dataset, document: str, publications: Sequence[Publication]) -> None:
    """Add each publication of ``document`` to its named graph, as PROV-O."""
    graph_iri = ID[f"source/document/{document}"]
    graph = ds.graph(graph_iri)
    source = ID[f"source/{document}"]
    for p in publications:
        activity = URIRef(f"{graph_iri}/publication/{p.version}")
        agent = agent_iri(p.who)
        graph.add((activity, RDF.type, PROV.Activity))
        graph.add((activity, RDFS.label, Literal(f"{document}: version {p.version}", lang="en")))
        graph.add((activity, DCTERMS.description, Literal(describe(p), lang="en")))
        graph.add((activity, PROV.used, source))
        graph.add((activity, PROV.wasAssociatedWith, agent))
        if p.when:
            graph.add((activity, PROV.endedAtTime, Literal(p.when, datatype=XSD.dateTime)))
        graph.add((agent, RDF.type, PROV.Agent))
        graph.add((agent, RDFS.label, Literal(p.who)))
    if publications:
        latest = URIRef(f"{graph_iri}/publication/{publications[-1].version}")
        graph.add((graph_iri, PROV.wasGeneratedBy, latest))
