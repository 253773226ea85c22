r"""Linked data: what citygraph says about one IRI.

Every IRI citygraph mints dereferences on the server that serves the graph
(:func:`citygraph.ontology.vocab.local_path` writes the rule):

==========================================  ===================
IRI                                         served at
==========================================  ===================
``https://w3id.org/citygraph/id/X``         ``/id/X``
``https://w3id.org/citygraph/kind/X``       ``/kind/X``
``https://w3id.org/citygraph/ontology#T``   ``/ontology#T``
==========================================  ===================

:func:`describe` reads a resource with one SELECT (the IRI travels as a
binding): the triples where it is the subject, those where it is the object,
one level of blank nodes under it, and the labels of the resources it links
to (for pages; they are not part of :meth:`Description.triples`).

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> d = describe(example_store(), "https://w3id.org/citygraph/id/place/taipei")
>>> [(t.p.value.rsplit("#")[-1], t.o.value) for t in d.out]
[('type', 'https://w3id.org/citygraph/ontology#City'), ('label', 'Taipei')]
>>> [t.s.value.rsplit("/", 2)[-2] for t in d.incoming]
['seoul--taipei']
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from citygraph.graph.store.base import XSD_STRING, SelectResult, Store, Term
from citygraph.ingest.errors import NotAcceptable
from citygraph.ontology import json_ld_context
from citygraph.ontology.vocab import ID, KIND, ONTOLOGY_IRI, PREFIXES, sparql_prefixes

__all__ = [
    "DESCRIBE_QUERY",
    "ID_BASE",
    "KIND_BASE",
    "MEDIA_TYPES",
    "SECTIONS",
    "Description",
    "Triple",
    "Vocabulary",
    "compact",
    "describe",
    "jsonld",
    "ontology_document",
    "serialise",
    "valid_iri",
    "vocabulary",
]

ID_BASE = str(ID)
KIND_BASE = str(KIND)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABELS = ("http://www.w3.org/2000/01/rdf-schema#label",
           "http://www.w3.org/2004/02/skos/core#prefLabel",
           "http://purl.org/dc/terms/title")

#: The one query behind :func:`describe`; ``?x`` is bound to the resource.
DESCRIBE_QUERY = sparql_prefixes("rdfs", "skos", "dcterms") + """\
SELECT DISTINCT ?x ?part ?p ?y ?q ?z WHERE {
  { ?x ?p ?y . BIND("out" AS ?part) }
  UNION { ?y ?p ?x . BIND("in" AS ?part) }
  UNION { ?x ?p ?y . FILTER(isBlank(?y)) ?y ?q ?z . BIND("blank" AS ?part) }
  UNION {
    { ?x ?link ?y } UNION { ?y ?link ?x }
    FILTER(isIRI(?y))
    VALUES ?q { rdfs:label skos:prefLabel dcterms:title }
    ?y ?q ?z .
    BIND("label" AS ?part)
  }
}
"""


def valid_iri(iri: str) -> bool:
    """Whether a string is an absolute IRI a store accepts.

    >>> valid_iri("https://w3id.org/citygraph/id/place/x"), valid_iri("https://x/a b")
    (True, False)
    """
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def compact(iri: str) -> str:
    """Write an IRI with the prefixes of the exports where one fits, for display.

    >>> compact("https://w3id.org/citygraph/ontology#party")
    'cg:party'
    >>> compact("https://w3id.org/citygraph/id/place/gn1835848")
    'id:place/gn1835848'
    >>> compact("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    'rdf:type'
    >>> compact("http://example.org/x")
    'http://example.org/x'
    """
    best = ""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            rest = iri[len(base):]
            if rest and all(c.isalnum() or c in "_-./" for c in rest):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


@dataclass(frozen=True, slots=True)
class Triple:
    """A triple of result terms."""

    s: Term
    p: Term
    o: Term


@dataclass
class Description:
    """What the graph says about one resource.

    ``out``: triples with it as subject; ``incoming``: with it as object;
    ``blank``: triples of the blank nodes it points to; ``labels``: IRI ->
    labels of the resources it links to (pages only); ``truncated`` when the
    store's row cap cut the answer.
    """

    iri: str
    out: list[Triple] = field(default_factory=list)
    incoming: list[Triple] = field(default_factory=list)
    blank: list[Triple] = field(default_factory=list)
    labels: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    truncated: bool = False

    @property
    def empty(self) -> bool:
        """Whether the graph says nothing about the resource."""
        return not self.out and not self.incoming

    def triples(self) -> list[Triple]:
        """Its triples, incoming too, without the neighbours' labels."""
        return [*self.out, *self.blank, *self.incoming]

    def types(self) -> list[str]:
        """The IRIs of its classes, sorted."""
        return sorted({t.o.value for t in self.out if t.p.value == _RDF_TYPE})

    def label(self, lang: str) -> str:
        """Its first label in ``lang`` (``en`` also takes untagged labels), else ``""``."""
        return _pick([t.o for t in self.out if t.p.value in _LABELS], lang)

    def label_of(self, iri: str, lang: str = "en") -> str:
        """The label of a resource it links to, else ``""``."""
        return _pick(self.labels.get(iri, []), lang)


def _pick(terms: Iterable[Term], lang: str) -> str:
    def fits(term: Term) -> bool:
        tag = (term.lang or "").lower()
        return tag.startswith(lang) or (lang == "en" and not tag and term.type == "literal")
    found = sorted(t.value for t in terms if fits(t))
    return found[0] if found else ""


def describe(store: Store, iri: str, *, max_rows: int = 10_000) -> Description:
    """Read what the graph says about ``iri`` (see :data:`DESCRIBE_QUERY`)."""
    result = store.query(DESCRIBE_QUERY, bindings={"x": Term("uri", iri)}, max_rows=max_rows)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    me = Term("uri", iri)
    out = Description(iri, truncated=result.truncated)
    seen: set[tuple[str, Triple]] = set()
    for row in result.rows:
        part = row["part"].value
        if part == "label":
            out.labels[row["y"].value].append(row["z"])
            continue
        if part == "out":
            triple = Triple(me, row["p"], row["y"])
        elif part == "in":
            triple = Triple(row["y"], row["p"], me)
        else:
            triple = Triple(row["y"], row["q"], row["z"])
        if (part, triple) in seen:
            continue
        seen.add((part, triple))
        {"out": out.out, "in": out.incoming}.get(part, out.blank).append(triple)
    for group in (out.out, out.incoming, out.blank):
        group.sort(key=_sort_key)
    return out


def _sort_key(t: Triple) -> tuple[str, ...]:
    return (t.p.value, t.s.value, t.o.type, t.o.value, t.o.lang or "", t.o.datatype or "")


def _ox(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term.type == "uri":
        return ox.NamedNode(term.value)
    if term.type == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD_STRING))


#: Serialisations of a description: format -> media type.
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}


def serialise(triples: Iterable[Triple], fmt: str) -> bytes:
    r"""Write triples as Turtle (``ttl``), N-Triples (``nt``) or JSON-LD (``jsonld``).

    JSON-LD is compacted with the published context, given inline.

    >>> t = Triple(Term("uri", "https://w3id.org/citygraph/id/place/x"),
    ...            Term("uri", "http://www.w3.org/2000/01/rdf-schema#label"),
    ...            Term("literal", "X", lang="en"))
    >>> serialise([t], "nt").decode().split()[-2:]
    ['"X"@en', '.']
    """
    if fmt not in MEDIA_TYPES:
        raise NotAcceptable(f"unknown format {fmt!r}; choose one of {', '.join(MEDIA_TYPES)}")
    items = [ox.Triple(_ox(t.s), _ox(t.p), _ox(t.o)) for t in triples]  # type: ignore[arg-type]
    if fmt == "ttl":
        return ox.serialize(items, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""
    ntriples = ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) or b""
    if fmt == "nt":
        return ntriples
    return jsonld(ntriples)


def jsonld(ntriples: bytes) -> bytes:
    """N-Triples as JSON-LD compacted with the published context (inline)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=ntriples, format="nt")
    if not len(graph):
        empty = {"@context": json_ld_context(), "@graph": []}
        return json.dumps(empty, ensure_ascii=False).encode()
    text = graph.serialize(format="json-ld", context=json_ld_context(), auto_compact=True)
    return text.encode() if isinstance(text, str) else text


# -- the ontology document ------------------------------------------------------------

#: Sections of the ontology page: title and the class of the terms listed.
SECTIONS = (
    ("Classes", "http://www.w3.org/2002/07/owl#Class"),
    ("Object properties", "http://www.w3.org/2002/07/owl#ObjectProperty"),
    ("Datatype properties", "http://www.w3.org/2002/07/owl#DatatypeProperty"),
    ("Concept schemes", "http://www.w3.org/2004/02/skos/core#ConceptScheme"),
)


def _from_rdflib(node: object) -> Term:
    from rdflib import BNode, Literal

    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        return Term("literal", str(node), node.language, datatype or (None if node.language
                                                                     else XSD_STRING))
    if isinstance(node, BNode):
        return Term("bnode", str(node))
    return Term("uri", str(node))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The ontology file read as descriptions (for its page).

    ``ontology``: the ``owl:Ontology`` resource; ``sections``: a title and
    the terms of each :data:`SECTIONS` entry, sorted by IRI.  Each
    description's ``blank`` holds every blank node reachable from it
    (``owl:unionOf`` lists and the like), ``labels`` the labels of every
    term of the file.
    """

    ontology: Description
    sections: list[tuple[str, list[Description]]]


def vocabulary(text: str) -> Vocabulary:
    """Read the ontology's Turtle (``citygraph.ttl``) into a :class:`Vocabulary`."""
    from rdflib import BNode, Graph, URIRef

    graph = Graph()
    graph.parse(data=text, format="turtle")
    labels: dict[str, list[Term]] = defaultdict(list)
    for predicate in _LABELS:
        for s, o in graph.subject_objects(URIRef(predicate)):
            labels[str(s)].append(_from_rdflib(o))

    def about(iri: str) -> Description:
        me = URIRef(iri)
        d = Description(iri, labels=labels)
        d.out = sorted((Triple(Term("uri", iri), _from_rdflib(p), _from_rdflib(o))
                        for p, o in graph.predicate_objects(me)), key=_sort_key)
        todo = [o for o in graph.objects(me) if isinstance(o, BNode)]
        seen: set[BNode] = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in graph.predicate_objects(node):
                d.blank.append(Triple(_from_rdflib(node), _from_rdflib(p), _from_rdflib(o)))
                if isinstance(o, BNode):
                    todo.append(o)
        return d

    sections = []
    for title, cls in SECTIONS:
        terms = sorted({str(s) for s in graph.subjects(URIRef(_RDF_TYPE), URIRef(cls))
                        if isinstance(s, URIRef)})
        sections.append((title, [about(t) for t in terms]))
    return Vocabulary(about(ONTOLOGY_IRI), sections)


def ontology_document(text: str, fmt: str) -> bytes:
    """The ontology's Turtle as ``ttl`` (unchanged), ``nt`` or ``jsonld``."""
    if fmt == "ttl":
        return text.encode()
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=text, format="turtle")
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    if fmt == "nt":
        return ntriples
    if fmt == "jsonld":
        return jsonld(ntriples)
    raise NotAcceptable(f"unknown format {fmt!r}; choose one of {', '.join(MEDIA_TYPES)}")
