"""Names of the citygraph ontology terms, the prefixes, and where minted IRIs are served.

The Turtle files beside this module are the source of truth; this module only
names what they declare, and ``tests/ontology/test_vocab.py`` fails when a name
here is missing from the Turtle.  It is also the one place that writes the
prefixes (:data:`PREFIXES`, and :func:`sparql_prefixes` for query headers)
and the rule by which an IRI citygraph minted dereferences on the server
that serves the graph (:func:`local_path`, :func:`iri_of`).

Examples
--------
>>> str(CG.Agreement)
'https://w3id.org/citygraph/ontology#Agreement'
>>> str(kind_iri("agreement", "sister"))
'https://w3id.org/citygraph/kind/agreement/sister'
>>> print(sparql_prefixes("cg", "rdfs"))
PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
<BLANKLINE>
>>> local_path("https://w3id.org/citygraph/id/place/gn1835848")
'/id/place/gn1835848'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "CG",
    "GEO",
    "GN",
    "ID",
    "KIND",
    "ONTOLOGY_IRI",
    "ORG",
    "PREFIXES",
    "SCHEMA",
    "SCHEMES",
    "WD",
    "iri_of",
    "kind_iri",
    "local_path",
    "scheme_iri",
    "sparql_prefixes",
]

ONTOLOGY_IRI = "https://w3id.org/citygraph/ontology"
ID = Namespace("https://w3id.org/citygraph/id/")
KIND = Namespace("https://w3id.org/citygraph/kind/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
GN = Namespace("https://sws.geonames.org/")

#: every prefix citygraph writes (dumps, query headers, pages), prefix -> namespace
PREFIXES: Mapping[str, str] = MappingProxyType({
    "cg": ONTOLOGY_IRI + "#",
    "id": str(ID),
    "kind": str(KIND),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": str(ORG),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "wd": str(WD),
    "gn": str(GN),
    "sh": "http://www.w3.org/ns/shacl#",
    "vann": "http://purl.org/vocab/vann/",
})

#: SKOS concept schemes declared in ``citygraph.ttl``; codes are the last IRI segment.
SCHEMES = (
    "agreement",  # agreement kinds
    "event",  # event kinds
    "theme",  # policy themes
    "role",  # office roles
    "participation",  # participation roles
    "org",  # organisation kinds
    "continent",  # continents
    "measure",  # what a stated count counts
    "tie",  # kinds of tie in the city network (graph/network/project.py)
    "source",  # what a source document is
)


class CG(DefinedNamespace):
    """Terms minted by citygraph (classes, then properties)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    City: URIRef
    Region: URIRef
    Country: URIRef
    Person: URIRef
    Organization: URIRef
    Event: URIRef
    Venue: URIRef
    Prize: URIRef
    PrizeAward: URIRef
    Agreement: URIRef
    Partnership: URIRef
    District: URIRef
    Policy: URIRef
    Office: URIRef
    Participation: URIRef
    StatedCount: URIRef
    SourceDocument: URIRef
    Dataset: URIRef
    Evidence: URIRef

    # places
    country: URIRef
    locatedIn: URIRef
    continent: URIRef
    # agreements
    party: URIRef
    partnership: URIRef
    agreementKind: URIRef
    wording: URIRef
    dateSigned: URIRef
    yearSigned: URIRef
    signatory: URIRef
    signedAt: URIRef
    upgrades: URIRef
    supersedes: URIRef
    field: URIRef
    # events
    eventKind: URIRef
    edition: URIRef
    theme: URIRef
    # participation
    participant: URIRef
    event: URIRef
    participationRole: URIRef
    # organisations
    orgKind: URIRef
    # prizes
    prize: URIRef
    laureate: URIRef
    awardYear: URIRef
    awardedBy: URIRef
    # policies
    owner: URIRef
    policyTheme: URIRef
    # stated counts
    measure: URIRef
    value: URIRef
    approximate: URIRef
    # provenance
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    line: URIRef
    dataFile: URIRef
    locator: URIRef
    rule: URIRef
    confidence: URIRef
    statesDate: URIRef
    sha256: URIRef
    note: URIRef


def scheme_iri(scheme: str) -> URIRef:
    """Return the IRI of a SKOS concept scheme.

    Examples
    --------
    >>> str(scheme_iri("event"))
    'https://w3id.org/citygraph/kind/event'
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown concept scheme {scheme!r}")
    return KIND[scheme]


def kind_iri(scheme: str, code: str) -> URIRef:
    """Return the IRI of the concept ``code`` in ``scheme``.

    Examples
    --------
    >>> str(kind_iri("role", "mayor"))
    'https://w3id.org/citygraph/kind/role/mayor'
    """
    return URIRef(f"{scheme_iri(scheme)}/{code}")


def sparql_prefixes(*names: str) -> str:
    """``PREFIX`` lines for a query: the prefixes named, or all of :data:`PREFIXES`.

    Raises
    ------
    KeyError
        A name that is not in :data:`PREFIXES`.
    """
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names or PREFIXES)


# characters kept as they are in a served path (the rest are percent-encoded)
_SAFE = "/:@!$&'()*+,;=-._~"
_SERVED = (("/id/", str(ID)), ("/kind/", str(KIND)))


def local_path(iri: str) -> str | None:
    """The path at which citygraph serves an IRI it minted; ``None`` for others.

    >>> local_path("https://w3id.org/citygraph/ontology#City")
    '/ontology#City'
    >>> local_path("https://w3id.org/citygraph/id/"), local_path("https://example.org/x")
    (None, None)
    """
    for prefix, base in _SERVED:
        if iri.startswith(base) and len(iri) > len(base):
            return prefix + quote(iri[len(base):], safe=_SAFE)
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    return None


def iri_of(path: str) -> str | None:
    """The IRI a local path serves (the inverse of :func:`local_path`).

    >>> iri_of("/id/place/gn1835848"), iri_of("/static/x.css")
    ('https://w3id.org/citygraph/id/place/gn1835848', None)
    """
    for prefix, base in _SERVED:
        if path.startswith(prefix) and len(path) > len(prefix):
            return base + unquote(path[len(prefix):])
    if path == "/ontology":
        return ONTOLOGY_IRI
    return None
