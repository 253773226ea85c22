r"""A SPARQL 1.1 Service Description of the endpoint (W3C Recommendation, 2013).

It says where the endpoint is, which languages and result formats it
supports, that its default graph is the union of the named graphs
(``sd:UnionDefaultGraph``), and lists those graphs with their sizes
(``void:triples``); an update endpoint, when enabled, is a second
``sd:Service``.  The guardrails (time limit, row cap, query size) are
written in its ``rdfs:comment``.

Examples
--------
>>> sd = describe("http://127.0.0.1:8000/sparql", {"https://w3id.org/citygraph/id/graph/a": 3})
>>> "<http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph>" in sd.ntriples
True
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from citygraph.graph.store.base import GraphResult

__all__ = ["SD", "describe"]

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
DCTERMS_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
VOID_TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG")


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def describe(endpoint: str, graphs: Mapping[str, int], *, update_endpoint: str | None = None,
             row_cap: int | None = None, timeout: float | None = None,
             max_query: int | None = None, allow_service: bool = False) -> GraphResult:
    """Describe the endpoint at ``endpoint`` serving the named ``graphs`` (IRI -> triples).

    Parameters
    ----------
    endpoint
        The query endpoint's URL, also the service's IRI.
    graphs
        The named graphs of the default dataset and their number of triples.
    update_endpoint
        The update endpoint's URL, when updates are enabled.
    row_cap, timeout, max_query
        The guardrails, written in the comment.
    allow_service
        Whether ``SERVICE`` is allowed (``sd:BasicFederatedQuery``).
    """
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, DCTERMS_TITLE, ox.Literal("citygraph SPARQL endpoint")),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultEntailmentRegime"),
                  ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
    ]
    if allow_service:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    triples += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + name))
                for name in RESULT_FORMATS]
    limits = ["Read-only: SPARQL Update, LOAD and FROM are refused"
              + ("" if allow_service else ", and so is SERVICE") + "."]
    if timeout is not None:
        limits.append(f"A query may run {timeout:g} s.")
    if row_cap is not None:
        limits.append(f"At most {row_cap:,} rows are returned "
                      "(the header X-Citygraph-Truncated says when a result was cut).")
    if max_query is not None:
        limits.append(f"A query may be {max_query:,} bytes long.")
    limits.append("The default graph is the union of the named graphs; default-graph-uri "
                  "and named-graph-uri choose among these named graphs.")
    triples.append(ox.Triple(service, RDFS_COMMENT, ox.Literal(" ".join(limits), language="en")))
    for iri, count in sorted(graphs.items()):
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(iri)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, VOID_TRIPLES, ox.Literal(str(count), datatype=XSD_INTEGER)),
        ]
    if update_endpoint is not None:
        update = ox.NamedNode(update_endpoint)
        triples += [
            ox.Triple(update, RDF_TYPE, _sd("Service")),
            ox.Triple(update, _sd("endpoint"), update),
            ox.Triple(update, _sd("supportedLanguage"), _sd("SPARQL11Update")),
            ox.Triple(update, RDFS_COMMENT, ox.Literal(
                "Needs the operator's token (Authorization: Bearer ...); LOAD is refused.",
                language="en")),
        ]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return GraphResult(data.decode(), len(triples))
